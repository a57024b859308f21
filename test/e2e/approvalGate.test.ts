/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Approval Gate in a real n8n 2.40.7, installed as a community package: approvers get their
 * links through the generic-webhook channel (a local receiver), open them (GET shows the page and
 * records nothing) and submit (POST). Every check reads what n8n stored for the execution: the
 * gate's checkpoint inside the waiting execution, and the items on each output afterwards.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { signLinkToken } from '../../nodes/ApprovalGate/links';
import type { CredentialRefs } from './approvalGate.support';
import {
	gateWorkflow,
	itemsOn,
	LinkReceiver,
	openLink,
	signatureValid,
	sleep,
	storedCheckpoint,
	submit,
	tokenOf,
	waitUntilFinished,
	waitUntilWaiting,
	withToken,
} from './approvalGate.support';
import type { N8nInstance } from './n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n, stopAllN8n } from './n8n';

jest.setTimeout(25 * 60_000);

const GATE_SECRET = 'e2e-approval-gate-signing-secret-0123456789abcdef';
const WEBHOOK_SECRET = 'e2e-approval-webhook-secret';
const CREDENTIALS: CredentialRefs = { gate: { id: 'p2cGateE2e000001', name: 'Gate' }, webhook: { id: 'p2cHookE2e000001', name: 'Receiver' } };
const SHORT_LIVED: CredentialRefs = { ...CREDENTIALS, gate: { id: 'p2cGateE2e000002', name: 'Gate, short-lived links' } };

const BOB = 'bob@firm.test';
const CAROL = 'carol@firm.test';
const DAVE = 'dave@firm.test';
const ERIN = 'erin@firm.test';
const FRANK = 'frank@firm.test';

async function importCredentials(n8n: N8nInstance, receiver: LinkReceiver): Promise<void> {
	await n8n.importCredentials([
		{ ...CREDENTIALS.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET, linkLifetimeHours: 72 } },
		{ ...SHORT_LIVED.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET, linkLifetimeHours: 0.001 } },
		{ ...CREDENTIALS.webhook, type: 'p2cApprovalWebhookApi', data: { url: receiver.url, signingSecret: WEBHOOK_SECRET, signatureHeader: 'X-P2c-Signature' } },
	]);
}

const WORKFLOWS = {
	approve: { approvers: BOB },
	reject: { approvers: `${BOB}, ${CAROL}`, quorum: 'all' },
	quorum: { approvers: `${BOB}, ${CAROL}, ${DAVE}`, quorum: 'nOfM', requiredApprovals: 2 },
	requester: { requester: 'Alice@firm.test', approvers: `alice@firm.test, ${BOB}, ${CAROL}`, quorum: 'all' },
	forged: { approvers: BOB },
	restart: { approvers: BOB },
	escalate: {
		approvers: BOB,
		deadlineAmount: 0.1,
		onTimeout: 'escalate',
		escalateTo: 'Directors',
		approverGroups: { group: [{ name: 'Directors', members: ERIN, quorum: 'any' }] },
	},
	expired: { approvers: BOB, deadlineAmount: 1, onTimeout: 'reject' },
	byAmount: {
		title: '={{ $json.title }}',
		amount: '={{ $json.amount }}',
		approverSource: 'byAmount',
		approverGroups: {
			group: [
				{ name: 'Managers', members: `${BOB}, ${CAROL}`, quorum: 'any' },
				{ name: 'Directors', members: ERIN, quorum: 'any' },
				{ name: 'Finance', members: `${FRANK}, ${CAROL}`, quorum: 'any' },
			],
		},
		amountThresholds: { threshold: [{ fromAmount: 0, group: 'Managers' }, { fromAmount: 5000, group: 'Directors' }] },
		secondLevel: true,
		secondLevelGroup: 'Finance',
		secondLevelFromAmount: 1000,
	},
};
const FEEDS: Partial<Record<keyof typeof WORKFLOWS, object[]>> = {
	byAmount: [
		{ title: 'Write-off INV-2001 (small)', amount: '120.00' },
		{ title: 'Write-off INV-2002 (large)', amount: '9800.00' },
	],
};

describe('Approval Gate in a real n8n (regular mode)', () => {
	const receiver = new LinkReceiver();
	let n8n: N8nInstance;
	let userFolder: string;
	const workflowIds: Record<string, string> = {};
	let escalating = '';
	let expiring = '';

	async function start(name: keyof typeof WORKFLOWS): Promise<string> {
		const execution = await n8n.runWorkflow(workflowIds[name]);
		expect(execution.status).toBe('waiting');
		return execution.id;
	}

	beforeAll(async () => {
		await ensureN8nInstalled();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-gate-e2e-'));
		await ensurePackInstalled(userFolder);
		await receiver.start();
		n8n = await startN8n({ userFolder });
		await importCredentials(n8n, receiver);
		for (const [name, parameters] of Object.entries(WORKFLOWS)) {
			const credentials = name === 'expired' ? SHORT_LIVED : CREDENTIALS;
			workflowIds[name] = await n8n.importWorkflow(gateWorkflow(`Approval gate e2e: ${name}`, parameters, credentials, FEEDS[name as keyof typeof WORKFLOWS]));
		}
		// The two deadline scenarios wait on n8n's wait tracker (it looks for due executions once a minute): start them first.
		escalating = await start('escalate');
		expiring = await start('expired');
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopAllN8n();
		await receiver.stop();
		if (userFolder && process.env.P2C_E2E_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('an expired link is refused and changes nothing', async () => {
		await receiver.waitFor(expiring, (calls) => calls.length === 1);
		const link = receiver.linkFor(expiring, BOB);
		const checkpoint = storedCheckpoint(await waitUntilWaiting(n8n, expiring));
		const expiresAt = Date.parse(receiver.forExecution(expiring)[0].body.approvalLinks[0].expiresAt);
		await sleep(Math.max(0, expiresAt - Date.now()) + 500);
		for (const answer of [await openLink(link), await submit(link, 'approve')]) {
			expect(answer.status).toBe(410);
			expect(answer.text).toContain('This approval link has expired');
		}
		const after = await n8n.getExecution(expiring);
		expect(after.status).toBe('waiting');
		expect(storedCheckpoint(after)).toEqual(checkpoint);
		expect(itemsOn(after, 'Approved')).toEqual([]);
	});

	test('a time-out that escalates: Bob is reminded, the Directors are asked, and Erin decides', async () => {
		const calls = await receiver.waitFor(escalating, (found) => found.some((call) => call.body.approver === ERIN), 240_000);
		expect(calls.map((call) => [call.body.approver, call.body.approvalLinks[0].purpose])).toEqual([
			[BOB, 'request'],
			[BOB, 'reminder'],
			[ERIN, 'escalation'],
		]);
		expect(calls[2].body.event).toBe('approval.escalated');
		const waiting = await waitUntilWaiting(n8n, escalating);
		const level = storedCheckpoint(waiting)!.requests[0].levels[0];
		expect(level.groups.map((group: { name: string; via: string }) => [group.name, group.via])).toEqual([['Named approvers', 'policy'], ['Directors', 'escalation']]);
		expect(Date.parse(waiting.waitTill!)).toBe(Date.parse(level.deadline));

		expect((await submit(receiver.linkFor(escalating, ERIN, 'escalation'), 'approve', 'approved on escalation')).status).toBe(200);
		const [approved] = itemsOn(await waitUntilFinished(n8n, escalating), 'Approved');
		expect(approved.approval.trail.map((entry: { event: string }) => entry.event)).toEqual(['opened', 'notified', 'escalated', 'reminded', 'notified', 'decided', 'approved']);
		expect(approved.approval.decisions).toEqual([expect.objectContaining({ approver: ERIN, decision: 'approve' })]);
	});

	test('approve: the link opens a page that records nothing; the submit approves with an audit trail', async () => {
		const id = await start('approve');
		const [call] = await receiver.waitFor(id, (calls) => calls.length === 1);
		expect(call.body).toMatchObject({ event: 'approval.requested', approver: BOB, request: { title: 'Write-off of invoice INV-1042', requester: 'alice@firm.test', amountText: '1250.00 USD' } });
		expect(signatureValid(call, WEBHOOK_SECRET)).toBe(true);
		expect(call.headers['x-p2c-delivery-id']).toBeTruthy();
		const link = call.body.link!;

		const before = storedCheckpoint(await waitUntilWaiting(n8n, id));
		const page = await openLink(link);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toMatch(/text\/html/);
		expect(page.headers.get('cache-control')).toBe('no-store');
		expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(page.text).toContain('Write-off of invoice INV-1042');
		expect(page.text).toContain('1250.00 USD');
		expect(page.text).toContain('Disputed hours &lt;March&gt;');
		expect(page.text).toContain('name="decision" value="approve"');
		// Opening the link (as a mail scanner would) changed nothing in the waiting execution.
		const afterGet = await n8n.getExecution(id);
		expect(afterGet.status).toBe('waiting');
		expect(storedCheckpoint(afterGet)).toEqual(before);

		const answer = await submit(link, 'approve', 'Hours were disputed in writing; fine to write off.');
		expect(answer.status).toBe(200);
		expect(answer.text).toContain('Your approval was recorded');
		const done = await waitUntilFinished(n8n, id);
		expect(done.status).toBe('success');
		const [approved] = itemsOn(done, 'Approved');
		expect(itemsOn(done, 'Rejected')).toEqual([]);
		expect(itemsOn(done, 'Timed Out')).toEqual([]);
		expect(approved.approval).toMatchObject({
			status: 'approved',
			decidedBy: 'approvers',
			request: { title: 'Write-off of invoice INV-1042', amount: { amountMinor: 125_000, currency: 'USD' } },
			policy: { name: 'Write-off policy 2026' },
			decisions: [{ approver: BOB, decision: 'approve', comment: 'Hours were disputed in writing; fine to write off.', level: 1 }],
		});
		expect(approved.approval.waitedMs).toBeGreaterThan(0);
		expect(approved.approval.trail.map((entry: { event: string }) => entry.event)).toEqual(['opened', 'notified', 'decided', 'approved']);

		// The execution is over: the same link is refused by n8n itself and changes nothing.
		const late = await submit(link, 'reject');
		expect(late.status).toBe(409);
		expect(itemsOn(await n8n.getExecution(id), 'Approved')).toHaveLength(1);
	});

	test('reject: with quorum "all", one rejection sends the item to the Rejected output', async () => {
		const id = await start('reject');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		const answer = await submit(receiver.linkFor(id, BOB), 'reject', 'Not billable <b>at all</b>');
		expect(answer.text).toContain('Your rejection was recorded');
		const done = await waitUntilFinished(n8n, id);
		expect(itemsOn(done, 'Approved')).toEqual([]);
		const [rejected] = itemsOn(done, 'Rejected');
		expect(rejected.approval).toMatchObject({ status: 'rejected', reason: 'rejected at level 1', decisions: [{ approver: BOB, decision: 'reject', comment: 'Not billable <b>at all</b>' }] });
		expect((await submit(receiver.linkFor(id, CAROL), 'approve')).status).toBe(409);
	});

	test('two of three: the first approval is kept in the waiting execution, a replay and a double click count once', async () => {
		const id = await start('quorum');
		await receiver.waitFor(id, (calls) => calls.length === 3);
		expect((await submit(receiver.linkFor(id, BOB), 'approve', 'ok from Bob')).status).toBe(200);

		// n8n resumed the gate, which went back to waiting with Bob's decision stored in the execution.
		const waiting = await waitUntilWaiting(n8n, id);
		const checkpoint = storedCheckpoint(waiting)!;
		expect(checkpoint.requests[0].decisions).toEqual([expect.objectContaining({ approver: BOB, decision: 'approve' })]);

		const replay = await submit(receiver.linkFor(id, BOB), 'reject');
		expect(replay.status).toBe(409);
		expect(replay.text).toContain('already recorded');
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(checkpoint);

		// A double click: two submits of Carol's form at once.
		const carol = receiver.linkFor(id, CAROL);
		const answers = await Promise.all([submit(carol, 'approve', 'first click'), submit(carol, 'approve', 'second click')]);
		expect(answers.filter((answer) => answer.status === 200 && answer.text.includes('was recorded'))).toHaveLength(1);
		const done = await waitUntilFinished(n8n, id);
		const [approved] = itemsOn(done, 'Approved');
		expect(approved.approval.decisions.map((d: { approver: string }) => d.approver)).toEqual([BOB, CAROL]);
		expect(approved.approval.policy.levels[0].groups[0]).toMatchObject({ quorum: '2 of 3', required: 2 });
		expect((await submit(receiver.linkFor(id, DAVE), 'reject')).status).toBe(409);
	});

	test('a requester who is also an approver gets no link, and a link in their name is refused', async () => {
		const id = await start('requester');
		const calls = await receiver.waitFor(id, (found) => found.length === 2);
		expect(calls.map((call) => call.body.approver).sort()).toEqual([BOB, CAROL]);
		const waiting = await waitUntilWaiting(n8n, id);
		const checkpoint = storedCheckpoint(waiting)!;

		// A genuine signature (whoever holds the gate secret could mint it), bound to this very gate step.
		const step = checkpoint.step;
		const minted = signLinkToken(GATE_SECRET, { ...step, itemIndex: 0, approver: 'alice@firm.test', level: 1, linkId: 'minted-for-alice', expiresAt: Date.now() + 3_600_000 });
		const ownLink = withToken(receiver.linkFor(id, BOB), minted);
		for (const answer of [await openLink(ownLink), await submit(ownLink, 'approve')]) {
			expect(answer.status).toBe(403);
			expect(answer.text).toContain('You cannot decide your own request');
		}
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(checkpoint);

		await submit(receiver.linkFor(id, BOB), 'approve');
		await waitUntilWaiting(n8n, id);
		await submit(receiver.linkFor(id, CAROL), 'approve');
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		expect(approved.approval.policy.levels[0].groups[0]).toMatchObject({ quorum: 'all 2', excluded: [{ identity: 'alice@firm.test', reason: 'requester' }] });
		expect(approved.approval.decisions.map((d: { approver: string }) => d.approver)).toEqual([BOB, CAROL]);
	});

	test('forged, foreign and garbage links are refused with a page and change nothing', async () => {
		const id = await start('forged');
		const other = await start('forged');
		await receiver.waitFor(id, (calls) => calls.length === 1);
		await receiver.waitFor(other, (calls) => calls.length === 1);
		const link = receiver.linkFor(id, BOB);
		const checkpoint = storedCheckpoint(await waitUntilWaiting(n8n, id));

		const [payload, mac] = tokenOf(link).split('.');
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
		const tampered = `${Buffer.from(JSON.stringify({ ...claims, a: 'mallory@evil.test' })).toString('base64url')}.${mac}`;
		const otherSecret = signLinkToken('a-secret-that-is-not-the-gate-secret-000000', {
			executionId: id, node: 'Approval', run: 0, stepId: String(claims.s), itemIndex: 0, approver: BOB, level: 1, linkId: String(claims.k), expiresAt: Date.now() + 60_000,
		});
		for (const token of [tampered, otherSecret]) {
			const answer = await submit(withToken(link, token), 'approve');
			expect(answer.status).toBe(403);
			expect(answer.text).toContain('This approval link is not valid');
		}
		const garbage = await openLink(withToken(link, 'not-a-token'));
		expect(garbage.status).toBe(400);
		// A genuine link of another execution, carried to this execution's resume URL.
		const foreign = await submit(withToken(link, tokenOf(receiver.linkFor(other, BOB))), 'approve');
		expect(foreign.status).toBe(403);
		expect(foreign.text).toContain('This link belongs to another request');
		// A wrong n8n resume signature never reaches the gate: n8n refuses it.
		const badSignature = new URL(link);
		badSignature.searchParams.set('signature', 'f'.repeat(64));
		expect((await submit(badSignature.toString(), 'approve')).status).toBe(401);

		const after = await n8n.getExecution(id);
		expect(after.status).toBe('waiting');
		expect(storedCheckpoint(after)).toEqual(checkpoint);
		// The genuine links still work.
		await submit(link, 'approve');
		await submit(receiver.linkFor(other, BOB), 'reject');
		expect(itemsOn(await waitUntilFinished(n8n, id), 'Approved')).toHaveLength(1);
		expect(itemsOn(await waitUntilFinished(n8n, other), 'Rejected')).toHaveLength(1);
	});

	test('two items by amount: each goes to its threshold group, the large one to a second level, both leave together', async () => {
		const id = await start('byAmount');
		const first = await receiver.waitFor(id, (calls) => calls.length === 3);
		expect(first.map((call) => [call.body.gate.itemIndex, call.body.approver, call.body.request.title])).toEqual([
			[0, BOB, 'Write-off INV-2001 (small)'],
			[0, CAROL, 'Write-off INV-2001 (small)'],
			[1, ERIN, 'Write-off INV-2002 (large)'],
		]);
		expect((await submit(receiver.linkFor(id, ERIN, 'request', 1), 'approve', 'director ok')).status).toBe(200);
		// The gate ran again on the resume and asked the second level (Finance, Erin never among them) for item 1.
		const second = await receiver.waitFor(id, (calls) => calls.length === 5);
		expect(second.slice(3).map((call) => [call.body.gate.itemIndex, call.body.approver, call.body.approvalLinks[0].level])).toEqual([
			[1, FRANK, 2],
			[1, CAROL, 2],
		]);
		await waitUntilWaiting(n8n, id);
		expect((await submit(receiver.linkFor(id, BOB, 'request', 0), 'approve')).status).toBe(200);
		await waitUntilWaiting(n8n, id);
		// Item 0 is closed while the execution still waits for item 1: the gate's own page says so.
		const closed = await submit(receiver.linkFor(id, CAROL, 'request', 0), 'reject');
		expect(closed.status).toBe(409);
		expect(closed.text).toContain('This request is already closed');
		expect((await submit(receiver.linkFor(id, CAROL, 'request', 1), 'approve', 'finance ok')).status).toBe(200);
		const done = await waitUntilFinished(n8n, id);
		const approved = itemsOn(done, 'Approved');
		expect(approved.map((item) => [item.title, item.approval.status, item.approval.decisions.map((d: { approver: string; level: number }) => `${d.approver}@${d.level}`)])).toEqual([
			['Write-off INV-2001 (small)', 'approved', [`${BOB}@1`]],
			['Write-off INV-2002 (large)', 'approved', [`${ERIN}@1`, `${CAROL}@2`]],
		]);
		expect(approved[1].approval.policy.levels.map((level: { groups: Array<{ name: string }> }) => level.groups[0].name)).toEqual(['Directors', 'Finance']);
		expect(approved[1].approval.request.amount).toEqual({ amountMinor: 980_000, currency: 'USD' });
	});

	test('a restart of n8n while the gate waits: the page and the decision still work', async () => {
		const id = await start('restart');
		await receiver.waitFor(id, (calls) => calls.length === 1);
		const link = receiver.linkFor(id, BOB);
		const checkpoint = storedCheckpoint(await waitUntilWaiting(n8n, id));
		await n8n.restart();
		const afterRestart = await n8n.getExecution(id);
		expect(afterRestart.status).toBe('waiting');
		expect(storedCheckpoint(afterRestart)).toEqual(checkpoint);
		expect((await openLink(link)).status).toBe(200);
		expect((await submit(link, 'approve', 'after the restart')).status).toBe(200);
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		expect(approved.approval.decisions).toEqual([expect.objectContaining({ approver: BOB, comment: 'after the restart' })]);
	});

	test('on time-out with "reject", the item leaves on the Timed Out output', async () => {
		const done = await waitUntilFinished(n8n, expiring, 240_000);
		expect(itemsOn(done, 'Approved')).toEqual([]);
		const [timedOut] = itemsOn(done, 'Timed Out');
		expect(timedOut.approval).toMatchObject({ status: 'timedOut', decidedBy: 'policy', reason: 'deadline passed; the policy rejects on time-out', decisions: [] });
		expect(timedOut.approval.trail.at(-1)).toMatchObject({ event: 'timedOut', actor: 'policy' });
	});
});
