/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Approval Gate in n8n's queue mode: a main process (which receives the approvers' requests)
 * and a worker (which runs the executions) on PostgreSQL and Redis. A two-of-two request is
 * decided across both processes and a restart of both, so the gate's state can only have come
 * from the waiting execution in the database.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CredentialRefs } from './approvalGate.support';
import { gateWorkflow, itemsOn, LinkReceiver, openLink, storedCheckpoint, submit, waitUntilFinished, waitUntilWaiting } from './approvalGate.support';
import type { N8nInstance } from './n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n, stopAllN8n } from './n8n';
import { findSecretLeaks } from './secretScan';

jest.setTimeout(25 * 60_000);

const CREDENTIALS: CredentialRefs = { gate: { id: 'p2cGateQueue0001', name: 'Gate' }, webhook: { id: 'p2cHookQueue0001', name: 'Receiver' } };
const GATE_SECRET = 'e2e-queue-gate-signing-secret-0123456789abcdef';
const BOB = 'bob@firm.test';
const CAROL = 'carol@firm.test';

/** Jobs of this execution a worker started (n8n's job processor logs `Worker started execution <id>` at info level). */
function workerRuns(n8n: N8nInstance, executionId: string): number {
	return n8n.workersThatRan(executionId).length;
}

describe('Approval Gate in n8n queue mode (main + worker)', () => {
	const receiver = new LinkReceiver();
	let n8n: N8nInstance;
	let userFolder: string;

	beforeAll(async () => {
		await ensureN8nInstalled();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-gate-queue-'));
		await ensurePackInstalled(userFolder);
		await receiver.start();
		n8n = await startN8n({ mode: 'queue', userFolder });
		await n8n.importCredentials([
			{ ...CREDENTIALS.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET, linkLifetimeHours: 72 } },
			{ ...CREDENTIALS.webhook, type: 'p2cApprovalWebhookApi', data: { url: receiver.url } },
		]);
	});

	afterAll(async () => {
		await n8n?.stop();
		await stopAllN8n();
		await receiver.stop();
		if (userFolder && process.env.P2C_E2E_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('decisions reach the main process, the worker runs the gate, and the state survives a restart of both', async () => {
		const workflowId = await n8n.importWorkflow(
			gateWorkflow('Approval gate e2e: queue mode', { approvers: `${BOB}, ${CAROL}`, quorum: 'nOfM', requiredApprovals: 2 }, CREDENTIALS),
		);
		const started = await n8n.runWorkflow(workflowId);
		expect(started.status).toBe('waiting');
		const id = started.id;
		await receiver.waitFor(id, (calls) => calls.length === 2);
		expect(workerRuns(n8n, id)).toBe(1);

		// Bob's decision arrives at main; n8n hands the resumed execution to the worker, which waits again.
		expect((await openLink(receiver.linkFor(id, BOB))).status).toBe(200);
		expect((await submit(receiver.linkFor(id, BOB), 'approve', 'Bob via main')).status).toBe(200);
		const waiting = await waitUntilWaiting(n8n, id);
		expect(storedCheckpoint(waiting)!.requests[0].decisions).toEqual([expect.objectContaining({ approver: BOB, comment: 'Bob via main' })]);
		expect(workerRuns(n8n, id)).toBe(2);

		await n8n.restart();
		expect(storedCheckpoint(await n8n.getExecution(id))).toEqual(storedCheckpoint(waiting));

		expect((await submit(receiver.linkFor(id, CAROL), 'approve', 'Carol after the restart')).status).toBe(200);
		const done = await waitUntilFinished(n8n, id);
		expect(done.status).toBe('success');
		const [approved] = itemsOn(done, 'Approved');
		expect(approved.approval.decisions.map((decision: { approver: string; comment: string }) => [decision.approver, decision.comment])).toEqual([
			[BOB, 'Bob via main'],
			[CAROL, 'Carol after the restart'],
		]);
		expect(itemsOn(done, 'Rejected')).toEqual([]);
		expect(workerRuns(n8n, id)).toBe(3);
	});

	test('no secret of the imported credentials is in the log of main or worker or in any stored execution', async () => {
		const imported = [{ ...CREDENTIALS.gate, type: 'p2cApprovalGateApi', data: { signingSecret: GATE_SECRET } }];
		expect(await findSecretLeaks(n8n, imported)).toEqual([]);
	});
});
