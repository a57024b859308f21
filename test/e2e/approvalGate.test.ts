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
	submitFields,
	submitUntilRecorded,
	tokenOf,
	waitUntilFinished,
	waitUntilWaiting,
	withQuery,
	withToken,
} from './approvalGate.support';
import type { N8nInstance } from './n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n, stopAllN8n } from './n8n';
import { findSecretLeaks } from './secretScan';

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
	abuse: { approvers: `${BOB}, ${CAROL}`, quorum: 'all' },
	levels: {
		approvers: `${BOB}, ${DAVE}`,
		quorum: 'any',
		secondLevel: true,
		secondLevelGroup: 'Finance',
		secondLevelFromAmount: 0,
		approverGroups: { group: [{ name: 'Finance', members: FRANK, quorum: 'any' }] },
	},
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

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The audit trail without its timestamps, for exact comparison. */
function trailOf(item: Json): Json[] {
	return (item.approval.trail as Json[]).map(({ at, ...entry }) => {
		expect(Number.isNaN(Date.parse(at))).toBe(false);
		return entry;
	});
}

/** What a submit got back, in a few words (for the log of the concurrency tests). */
function kindOf(answer: { status: number; text: string }): string {
	const title = /<h1>([^<]*)<\/h1>/.exec(answer.text)?.[1];
	return `${answer.status} ${title ?? answer.text.slice(0, 80)}`;
}

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

	test('a valid link abused: GET with decision parameters and tampered forms decide nothing; a replay is refused; an oversized HTML comment is escaped and stored bounded', async () => {
		const id = await start('abuse');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		const bob = receiver.linkFor(id, BOB);
		const carol = receiver.linkFor(id, CAROL);
		const before = storedCheckpoint(await waitUntilWaiting(n8n, id));

		// A GET never decides, whatever its query says: it shows the page.
		const viaGet = await openLink(withQuery(bob, { decision: 'approve', comment: 'decided by a URL' }));
		expect(viaGet.status).toBe(200);
		expect(viaGet.text).toContain('name="decision" value="approve"');
		// Decisions in other spellings, missing, or sent twice (either order), and a comment sent twice.
		const tampered: Array<Array<[string, string]>> = [
			[['decision', 'APPROVE']],
			[['decision', 'approve ']],
			[['decision', 'approved']],
			[['comment', 'no decision at all']],
			[['decision', 'approve'], ['decision', 'reject']],
			[['decision', 'reject'], ['decision', 'approve']],
			[['decision', 'approve'], ['comment', 'one'], ['comment', 'two']],
		];
		for (const fields of tampered) {
			const answer = await submitFields(bob, fields);
			expect([answer.status, answer.text.includes('Choose Approve or Reject')]).toEqual([400, true]);
		}
		// The approver token twice in the URL: ambiguous, refused.
		const twice = `${bob}&approval=${encodeURIComponent(tokenOf(carol))}`;
		expect((await submit(twice, 'approve')).status).toBe(400);
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(before);

		const html = `<script>alert("x")</script><b>bold</b> & ${'x'.repeat(5000)}`;
		const recorded = await submit(bob, 'approve', html);
		expect(recorded.status).toBe(200);
		expect(recorded.text).not.toContain('<script>');
		expect(recorded.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt; &amp; xxx');
		expect(recorded.text).toContain('shortened to 2000 characters');
		const stored = html.slice(0, 2000);
		const waiting = storedCheckpoint(await waitUntilWaiting(n8n, id))!;
		expect(waiting.requests[0].decisions).toEqual([{ approver: BOB, level: 1, decision: 'approve', comment: stored, at: expect.any(String), linkId: expect.any(String) }]);

		// The same link again, with either decision: refused with a page, nothing changes.
		for (const decision of ['approve', 'reject']) {
			const replay = await submit(bob, decision, 'once more');
			expect([replay.status, replay.text.includes('Your decision is already recorded')]).toEqual([409, true]);
		}
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(waiting);

		expect((await submit(carol, 'approve', 'fine by me')).status).toBe(200);
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		expect(approved.approval.decisions).toEqual([
			{ approver: BOB, decision: 'approve', comment: stored, at: expect.any(String), level: 1, waitedMs: expect.any(Number) },
			{ approver: CAROL, decision: 'approve', comment: 'fine by me', at: expect.any(String), level: 1, waitedMs: expect.any(Number) },
		]);
		expect(trailOf(approved)).toEqual([
			{ event: 'opened', actor: 'alice@firm.test', detail: 'under policy "Write-off policy 2026"' },
			{ event: 'notified', actor: BOB, level: 1, group: 'Named approvers', detail: 'request link sent via webhook' },
			{ event: 'notified', actor: CAROL, level: 1, group: 'Named approvers', detail: 'request link sent via webhook' },
			{ event: 'decided', actor: BOB, level: 1, group: 'Named approvers', decision: 'approve', comment: stored },
			{ event: 'decided', actor: CAROL, level: 1, group: 'Named approvers', decision: 'approve', comment: 'fine by me' },
			{ event: 'approved', actor: 'approvers', detail: 'approved at level 1' },
		]);
		expect(approved.approval.links.map((link: Json) => [link.approver, link.used])).toEqual([[BOB, true], [CAROL, true]]);
		// Once the execution is over, n8n itself refuses the link.
		expect((await submit(bob, 'reject')).status).toBe(409);
	});

	test('the same link submitted five times at once records exactly one decision', async () => {
		const id = await start('abuse');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		await waitUntilWaiting(n8n, id);
		const bob = receiver.linkFor(id, BOB);
		const answers = await Promise.all([1, 2, 3, 4, 5].map(async (n) => await submit(bob, 'approve', `click ${n}`)));
		process.stderr.write(`[gate e2e] one link submitted 5 times at once: ${JSON.stringify(answers.map(kindOf))}\n`);
		const winners = answers.flatMap((answer, index) => (answer.status === 200 ? [index + 1] : []));
		expect(winners).toHaveLength(1);
		// Every other submit was refused with a page of the gate or n8n's "running" answer; none recorded anything.
		expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
		const waiting = storedCheckpoint(await waitUntilWaiting(n8n, id))!;
		expect(waiting.requests[0].decisions).toEqual([{ approver: BOB, level: 1, decision: 'approve', comment: `click ${winners[0]}`, at: expect.any(String), linkId: expect.any(String) }]);
		expect(waiting.requests[0].trail.filter((entry: Json) => entry.event === 'decided')).toHaveLength(1);

		await submit(receiver.linkFor(id, CAROL), 'approve', 'second approver');
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		expect(approved.approval.decisions.map((d: Json) => [d.approver, d.comment])).toEqual([[BOB, `click ${winners[0]}`], [CAROL, 'second approver']]);
	});

	test('two approvers of a 2-of-2 request submitting at the same instant: both decisions are recorded exactly once', async () => {
		const id = await start('abuse');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		await waitUntilWaiting(n8n, id);
		const links: Record<string, string> = { [BOB]: receiver.linkFor(id, BOB), [CAROL]: receiver.linkFor(id, CAROL) };
		const first = await Promise.all([BOB, CAROL].map(async (who) => await submit(links[who], 'approve', `${who} at once`)));
		process.stderr.write(`[gate e2e] two approvers at the same instant: ${JSON.stringify(first.map(kindOf))}\n`);
		expect(first.some((answer) => answer.status === 200)).toBe(true);
		// The one that was not recorded was told so, and sending it again records it.
		for (const [index, who] of [BOB, CAROL].entries()) {
			if (first[index].status === 200) continue;
			expect(first[index].status).toBe(409);
			await n8n.waitForExecution(id, (e) => e.status !== 'running');
			const retries = await submitUntilRecorded(n8n, id, links[who], 'approve', `${who} at once`);
			process.stderr.write(`[gate e2e] ${who} sent again: ${JSON.stringify(retries.map(kindOf))}\n`);
			expect(retries.at(-1)!.status).toBe(200);
		}
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		const decisions = (approved.approval.decisions as Json[]).map((d) => [d.approver, d.decision, d.comment]).sort();
		expect(decisions).toEqual([[BOB, 'approve', `${BOB} at once`], [CAROL, 'approve', `${CAROL} at once`]]);
		expect(trailOf(approved).map((entry) => entry.event)).toEqual(['opened', 'notified', 'notified', 'decided', 'decided', 'approved']);
	});

	test('links of a level already closed are refused while the next level waits; the trail shows both levels', async () => {
		const id = await start('levels');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		await waitUntilWaiting(n8n, id);
		const bob = receiver.linkFor(id, BOB);
		expect((await submit(bob, 'approve', 'level one ok')).status).toBe(200);
		await receiver.waitFor(id, (calls) => calls.length === 3);
		const waiting = storedCheckpoint(await waitUntilWaiting(n8n, id))!;
		expect(waiting.requests[0].levels.map((level: Json) => level.level)).toEqual([1, 2]);
		// Dave never decided level 1, Bob did: both links belong to the closed level.
		for (const [link, decision] of [[receiver.linkFor(id, DAVE), 'reject'], [bob, 'approve']]) {
			const answer = await submit(link, decision, 'too late');
			expect([answer.status, answer.text.includes('This link was for another approval level')]).toEqual([409, true]);
		}
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(waiting);
		expect((await submit(receiver.linkFor(id, FRANK), 'approve', 'finance ok')).status).toBe(200);
		const [approved] = itemsOn(await waitUntilFinished(n8n, id), 'Approved');
		expect(approved.approval.decisions.map((d: Json) => [d.approver, d.level, d.decision, d.comment])).toEqual([
			[BOB, 1, 'approve', 'level one ok'],
			[FRANK, 2, 'approve', 'finance ok'],
		]);
		expect(trailOf(approved).map((entry) => [entry.event, entry.actor, entry.level])).toEqual([
			['opened', 'alice@firm.test', undefined],
			['notified', BOB, 1],
			['notified', DAVE, 1],
			['decided', BOB, 1],
			['levelApproved', 'approvers', 1],
			['levelOpened', 'policy', 2],
			['notified', FRANK, 2],
			['decided', FRANK, 2],
			['approved', 'approvers', undefined],
		]);
	});

	test('genuinely signed links for someone not on the request, another link id, level or item are refused and change nothing', async () => {
		const id = await start('abuse');
		await receiver.waitFor(id, (calls) => calls.length === 2);
		const bob = receiver.linkFor(id, BOB);
		const checkpoint = storedCheckpoint(await waitUntilWaiting(n8n, id))!;
		const bobsLink = checkpoint.requests[0].links.find((link: Json) => link.approver === BOB);
		const mint = (claims: { approver: string; linkId: string; level?: number; itemIndex?: number }) =>
			withToken(bob, signLinkToken(GATE_SECRET, { ...checkpoint.step, itemIndex: claims.itemIndex ?? 0, approver: claims.approver, level: claims.level ?? 1, linkId: claims.linkId, expiresAt: Date.now() + 3_600_000 }));
		const notEntitled = [
			mint({ approver: 'mallory@evil.test', linkId: 'minted-for-mallory' }),
			mint({ approver: DAVE, linkId: 'minted-for-dave' }),
			mint({ approver: CAROL, linkId: bobsLink.linkId }),
			mint({ approver: BOB, linkId: bobsLink.linkId, level: 2 }),
		];
		for (const link of notEntitled) {
			for (const answer of [await openLink(link), await submit(link, 'approve', 'let me in')]) {
				expect([answer.status, answer.text.includes('This link does not entitle you to decide')]).toEqual([403, true]);
			}
		}
		const otherItem = await submit(mint({ approver: BOB, linkId: bobsLink.linkId, itemIndex: 3 }), 'approve');
		expect([otherItem.status, otherItem.text.includes('This link belongs to another request')]).toEqual([403, true]);
		const after = await n8n.getExecution(id);
		expect(after.status).toBe('waiting');
		expect(storedCheckpoint(after)).toEqual(checkpoint);
	});

	test('on time-out with "reject", the item leaves on the Timed Out output', async () => {
		const done = await waitUntilFinished(n8n, expiring, 240_000);
		expect(itemsOn(done, 'Approved')).toEqual([]);
		const [timedOut] = itemsOn(done, 'Timed Out');
		expect(timedOut.approval).toMatchObject({ status: 'timedOut', decidedBy: 'policy', reason: 'deadline passed; the policy rejects on time-out', decisions: [] });
		expect(timedOut.approval.trail.at(-1)).toMatchObject({ event: 'timedOut', actor: 'policy' });
	});

	test('no secret of the imported credentials is in n8n\'s log or in any stored execution', async () => {
		const imported = [
			{ ...CREDENTIALS.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET } },
			{ ...SHORT_LIVED.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET } },
			{ ...CREDENTIALS.webhook, type: 'p2cApprovalWebhookApi', data: { url: receiver.url, signingSecret: WEBHOOK_SECRET } },
		];
		expect(await findSecretLeaks(n8n, imported)).toEqual([]);
	});
});
