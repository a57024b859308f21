/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The three templates on n8n in queue mode (main + two workers, PostgreSQL and Redis from
 * scripts/start-queue-services.sh) end with the same vendor state as on a single-process n8n.
 * Each template runs on both, each time from the sandbox reset to the same seed with the same
 * scenario staged; after each run the sandbox's state is compared (the template snapshots and
 * every vendor's records, with only times and n8n's own links and execution ids normalised), the
 * template's own expectations hold on both, and a second run changes nothing. The opportunity-to-
 * project gate is started on one worker, which is then stopped, so the decision can only be
 * resumed on the other: the workers' logs show which one started and which one resumed it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { N8nCredentialRecord } from '../../sandbox/credentials';
import { inboxHookUrl } from '../../sandbox/credentials';
import { stageApprovedTime, stageOverdueInvoices, winHubSpotDeals } from '../../sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { collectionsSnapshot, expectCollectionsDone } from './templates.collections';
import { erpCustomerNames, expectHandoffDone, handoffSnapshot } from './templates.handoff';
import { erpInvoices, expectInvoicingDone, invoicingSnapshot } from './templates.invoicing';
import type { AnyObject } from './templateSupport';
import { approvalLinks, decide, loadTemplate, nodeError, nodeItems, runToEnd, sandboxCredentials, sleep, withCredentials, withPolicy } from './templateSupport';
import type { ExecutionResult, N8nInstance } from './n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n, stopAllN8n } from './n8n';

// Two n8n instances (one of them four processes), three templates run twice on each.
jest.setTimeout(60 * 60_000);

const SEED = 42;
const TEMPLATES = { handoff: 'opportunity-to-project.json', invoicing: 'time-to-invoice.json', collections: 'collections.json' };
const GATES = { handoff: 'Approve Project Budget', invoicing: 'Approve Invoice Exceptions' };
const BUDGET_APPROVER = 'finance.director@meridian-advisory.example';

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g;
const MS_DATE = /\/Date\(\d+([+-]\d+)?\)\//g;
const isEpochMs = (value: number) => value >= 1e12 && value < 1e13;

/** The fakes these templates talk to (Salesforce and Business Central are not used by them). */
const VENDORS = ['bamboohr', 'harvest', 'hubspot', 'inbox', 'xero'];

/**
 * The records of every fake the templates use, with what may legitimately differ between two
 * runs on different n8n instances replaced by a placeholder: clock times, links into n8n (their
 * host, execution id and signature), n8n's execution ids and the gate's random delivery ids.
 * Record ids the sandbox generates are kept: both runs create the same records in the same order,
 * so a duplicate or a missing record shows. Issued-token counters are dropped (each process holds
 * its own OAuth token).
 */
function vendorState(sandbox: Sandbox, n8nBaseUrls: string[]): AnyObject {
	const links = n8nBaseUrls.map((base) => new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)[^\\s"'<>)]*`, 'g'));
	const normalise = (value: unknown, key = ''): unknown => {
		if (key === 'executionId') return '<execution>';
		if (key === 'deliveryId') return typeof value === 'string' && value !== '' ? '<delivery>' : value;
		if (typeof value === 'string') {
			let text = value;
			for (const link of links) text = text.replace(link, '<n8n link>');
			text = text.replace(ISO_TIME, '<time>').replace(MS_DATE, '<time>');
			return /^\d{13}$/.test(text) ? '<time>' : text;
		}
		if (typeof value === 'number') return isEpochMs(value) ? '<time>' : value;
		if (Array.isArray(value)) return value.map((entry) => normalise(entry));
		if (value && typeof value === 'object') {
			const out: AnyObject = {};
			for (const [name, entry] of Object.entries(value as AnyObject)) {
				if (name === 'tokens' || name === 'throttle') continue;
				out[name] = normalise(entry, name);
			}
			return out;
		}
		return value;
	};
	const state: AnyObject = {};
	for (const name of VENDORS) state[name] = normalise(sandbox.vendors.get(name)!.state());
	return state;
}

describe('templates on a queue-mode n8n (main + 2 workers) leave the sandbox as a single-process n8n does', () => {
	let sandbox: Sandbox;
	let single: N8nInstance;
	let queue: N8nInstance;
	const userFolders: string[] = [];
	let credentials: N8nCredentialRecord[];
	const timings: Record<string, number> = {};
	/** Which worker process ran each job of each queue-mode execution, from the workers' logs. */
	const ranBy: Array<{ run: string; execution: string; workers: string[] }> = [];

	function prepared(file: string): AnyObject {
		let workflow = withCredentials(loadTemplate(file), credentials);
		if (file === TEMPLATES.handoff) workflow = withPolicy(workflow, 'Handoff Policy', { ownerNotificationUrl: inboxHookUrl(sandbox.url, 'owners') });
		if (file === TEMPLATES.collections) {
			workflow = withPolicy(workflow, 'Dunning Policy', { reminderWebhookUrl: inboxHookUrl(sandbox.url, 'reminders'), escalationWebhookUrl: inboxHookUrl(sandbox.url, 'escalations') });
		}
		return workflow;
	}

	const label = (n8n: N8nInstance) => (n8n.mode === 'queue' ? 'queue' : 'single');

	/** The sandbox as every run starts: reseeded, then the template's scenario staged. */
	function freshSandbox(): void {
		sandbox.reset({ seed: SEED, scale: 1 });
	}

	function succeeded(execution: ExecutionResult, runName: string, n8n: N8nInstance): AnyObject {
		if (execution.status !== 'success') {
			throw new Error(`${runName}: execution ${execution.id} ended ${execution.status}: ${nodeError(execution)}\n${n8n.logs().split('\n').slice(-60).join('\n')}`);
		}
		if (n8n.mode === 'queue') ranBy.push({ run: runName, execution: execution.id, workers: n8n.workersThatRan(execution.id) });
		return execution as AnyObject;
	}

	/** Runs to the end, approving every gate request through its link (templateSupport.runToEnd). */
	async function run(n8n: N8nInstance, workflowId: string, runName: string): Promise<{ execution: AnyObject; decided: string[] }> {
		const started = Date.now();
		const { execution, decided } = await runToEnd(n8n, sandbox, workflowId);
		timings[runName] = Date.now() - started;
		return { execution: succeeded(execution, runName, n8n), decided };
	}

	/**
	 * Queue mode: runs until the gate waits, stops the worker that ran it, and only then approves
	 * through the links, so the resume can only be taken by another worker; that worker is started
	 * again afterwards. Returns the execution and the worker that started and the one that resumed it.
	 */
	async function runResumedElsewhere(workflowId: string, runName: string): Promise<{ execution: AnyObject; startedOn: string; resumedOn: string }> {
		const started = Date.now();
		const waiting = await queue.runWorkflow(workflowId, 240_000);
		expect(waiting.status).toBe('waiting');
		const [startedOn] = queue.workersThatRan(waiting.id);
		expect(queue.workerNames).toContain(startedOn);
		await queue.stopWorker(startedOn);
		try {
			let requests = approvalLinks(sandbox, waiting.id);
			for (let attempt = 0; requests.length === 0 && attempt < 120; attempt++) {
				await sleep(500);
				requests = approvalLinks(sandbox, waiting.id);
			}
			expect(requests.length).toBeGreaterThan(0);
			for (const request of requests) expect(await decide(request.link, 'approve', `approved while ${startedOn} was down`)).toBe(200);
			const done = await queue.waitForExecution(waiting.id, (e) => e.finished || ['success', 'error', 'crashed', 'canceled'].includes(e.status), 240_000);
			timings[runName] = Date.now() - started;
			const execution = succeeded(done, runName, queue);
			const [, resumedOn] = queue.workersThatRan(waiting.id);
			return { execution, startedOn, resumedOn };
		} finally {
			await queue.startWorker(startedOn);
		}
	}

	beforeAll(async () => {
		await ensureN8nInstalled();
		for (const prefix of ['p2c-templates-single-', 'p2c-templates-queue-']) {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
			userFolders.push(folder);
			await ensurePackInstalled(folder);
		}
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: SEED, scale: 1 });
		credentials = sandboxCredentials(sandbox.url);
		single = await startN8n({ userFolder: userFolders[0] });
		queue = await startN8n({ mode: 'queue', workers: 2, userFolder: userFolders[1] });
		expect(queue.workerNames).toEqual(['worker1', 'worker2']);
		for (const n8n of [single, queue]) await n8n.importCredentials(credentials);
	});

	afterAll(async () => {
		process.stderr.write(`[templates queue e2e] run times (ms): ${JSON.stringify(timings)}\n`);
		process.stderr.write(`[templates queue e2e] jobs per worker (from the workers' logs):\n${ranBy.map((entry) => `  ${entry.run}: execution ${entry.execution} ran on ${entry.workers.join(' then ') || 'no worker'}`).join('\n')}\n`);
		await single?.stop();
		await queue?.stop();
		await stopAllN8n();
		await sandbox?.close();
		if (process.env.P2C_E2E_KEEP !== '1') for (const folder of userFolders) fs.rmSync(folder, { recursive: true, force: true });
	});

	test('opportunity to project (HubSpot + Xero): same final state; the gate started on one worker is resumed on the other', async () => {
		const results: Record<string, { deals: AnyObject[]; snapshot: AnyObject; state: AnyObject; record: AnyObject; summary: AnyObject }> = {};
		for (const n8n of [single, queue]) {
			freshSandbox();
			const deals = await winHubSpotDeals(sandbox);
			const customersBefore = erpCustomerNames(sandbox, 'xero');
			const stagedState = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			const id = await n8n.importWorkflow({ ...prepared(TEMPLATES.handoff), name: `Opportunity to project (${label(n8n)})` });

			let first: AnyObject;
			let comment = 'decided by the end-to-end test';
			if (n8n === queue) {
				const resumed = await runResumedElsewhere(id, 'handoff queue first');
				first = resumed.execution;
				// Started on one worker, resumed on the other: each logged its job of this execution.
				expect(queue.workersThatRan(first.id)).toEqual([resumed.startedOn, resumed.resumedOn]);
				expect(resumed.resumedOn).not.toBe(resumed.startedOn);
				expect(queue.workerNames).toContain(resumed.resumedOn);
				comment = `approved while ${resumed.startedOn} was down`;
			} else {
				first = (await run(n8n, id, 'handoff single first')).execution;
			}
			expectHandoffDone(sandbox, 'hubspot', 'xero', deals, customersBefore);
			const [approved] = nodeItems(first as ExecutionResult, GATES.handoff, 0);
			// The decision sent through the link is the one recorded (on the queue: sent while the starting worker was down).
			expect(approved.approval.status).toBe('approved');
			expect(approved.approval.decisions).toEqual([expect.objectContaining({ approver: BUDGET_APPROVER, decision: 'approve', comment })]);
			const [summary] = nodeItems(first as ExecutionResult, 'Handoff Summary');
			expect(summary).toMatchObject({ handedOff: 3, projectsCreated: 3, erpCustomersCreated: 1, psaClientsCreated: 1 });

			const snapshot = handoffSnapshot(sandbox, 'hubspot', 'xero', deals);
			const state = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			// The comparison sees what the run wrote (it is not normalised away).
			expect(state).not.toEqual(stagedState);
			const second = await run(n8n, id, `handoff ${label(n8n)} second`);
			expect(second.decided).toEqual([]);
			expect(handoffSnapshot(sandbox, 'hubspot', 'xero', deals)).toEqual(snapshot);
			expect(vendorState(sandbox, [single.baseUrl, queue.baseUrl])).toEqual(state);
			expect(nodeItems(second.execution as ExecutionResult, 'Handoff Summary')[0]).toMatchObject({ handedOff: 0, projectsCreated: 0, alreadyHandedOff: 3 });

			const { approver, decision } = approved.approval.decisions[0] as AnyObject;
			results[label(n8n)] = { deals, snapshot, state, record: { status: approved.approval.status, decidedBy: approved.approval.decidedBy, approver, decision }, summary: { handedOff: summary.handedOff, projectsCreated: summary.projectsCreated, staffingAssignments: summary.staffingAssignments } };
		}
		expect(results.queue.deals).toEqual(results.single.deals);
		expect(results.queue.snapshot).toEqual(results.single.snapshot);
		expect(results.queue.state).toEqual(results.single.state);
		expect(results.queue.record).toEqual(results.single.record);
		expect(results.queue.summary).toEqual(results.single.summary);
	});

	test('time to invoice (Xero): same final state, gate decided through its link on whichever worker takes it', async () => {
		const results: Record<string, { staged: AnyObject; snapshot: AnyObject; state: AnyObject }> = {};
		for (const n8n of [single, queue]) {
			freshSandbox();
			const staged = await stageApprovedTime(sandbox);
			const invoicesBefore = erpInvoices(sandbox, 'xero').length;
			const stagedState = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			const id = await n8n.importWorkflow({ ...prepared(TEMPLATES.invoicing), name: `Time to invoice (${label(n8n)})` });

			const first = await run(n8n, id, `invoicing ${label(n8n)} first`);
			expect(first.decided).toHaveLength(1);
			expectInvoicingDone(sandbox, 'xero', staged, invoicesBefore);
			if (n8n === queue) expect(queue.workersThatRan(String(first.execution.id))).toHaveLength(2);

			const snapshot = invoicingSnapshot(sandbox, 'xero');
			const state = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			expect(state).not.toEqual(stagedState);
			const second = await run(n8n, id, `invoicing ${label(n8n)} second`);
			expect(second.decided).toEqual([]);
			expect(invoicingSnapshot(sandbox, 'xero')).toEqual(snapshot);
			expect(vendorState(sandbox, [single.baseUrl, queue.baseUrl])).toEqual(state);
			expect(nodeItems(second.execution as ExecutionResult, 'Invoice Run Summary')[0].invoices).toEqual([]);
			results[label(n8n)] = { staged, snapshot, state };
		}
		expect(results.queue.staged).toEqual(results.single.staged);
		expect(results.queue.snapshot).toEqual(results.single.snapshot);
		expect(results.queue.state).toEqual(results.single.state);
	});

	test('collections (Xero): same final state; a second run sends nothing', async () => {
		const results: Record<string, { staged: AnyObject; snapshot: AnyObject; state: AnyObject }> = {};
		for (const n8n of [single, queue]) {
			freshSandbox();
			const staged = stageOverdueInvoices(sandbox);
			const stagedState = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			const id = await n8n.importWorkflow({ ...prepared(TEMPLATES.collections), name: `Collections (${label(n8n)})` });

			const first = await run(n8n, id, `collections ${label(n8n)} first`);
			expectCollectionsDone(sandbox, staged);
			expect(nodeItems(first.execution as ExecutionResult, 'Collections Summary')[0]).toMatchObject({ overdueInvoices: staged.length, remindersSent: 2, escalations: 1, notesWritten: 3 });
			if (n8n === queue) expect(queue.workersThatRan(String(first.execution.id))).toHaveLength(1);

			const snapshot = collectionsSnapshot(sandbox, staged);
			const state = vendorState(sandbox, [single.baseUrl, queue.baseUrl]);
			expect(state).not.toEqual(stagedState);
			const second = await run(n8n, id, `collections ${label(n8n)} second`);
			expect(collectionsSnapshot(sandbox, staged)).toEqual(snapshot);
			expect(vendorState(sandbox, [single.baseUrl, queue.baseUrl])).toEqual(state);
			expect(nodeItems(second.execution as ExecutionResult, 'Collections Summary')[0]).toMatchObject({ remindersSent: 0, escalations: 0, notesWritten: 0 });
			results[label(n8n)] = { staged, snapshot, state };
		}
		expect(results.queue.staged).toEqual(results.single.staged);
		expect(results.queue.snapshot).toEqual(results.single.snapshot);
		expect(results.queue.state).toEqual(results.single.state);
	});

	test('every queue-mode job ran on a worker, once per start or resume, and both workers took jobs', () => {
		// One job per start and one per resume: a gated first run is two, everything else one; no job ran twice.
		expect(Object.fromEntries(ranBy.map((entry) => [entry.run, entry.workers.length]))).toEqual({
			'handoff queue first': 2,
			'handoff queue second': 1,
			'invoicing queue first': 2,
			'invoicing queue second': 1,
			'collections queue first': 1,
			'collections queue second': 1,
		});
		for (const entry of ranBy) for (const worker of entry.workers) expect(queue.workerNames).toContain(worker);
		expect(new Set(ranBy.flatMap((entry) => entry.workers))).toEqual(new Set(queue.workerNames));
		// The main process never runs an execution itself in queue mode.
		expect(queue.logs().split('\n').some((line) => line.startsWith('[main]') && line.includes('Worker started execution'))).toBe(false);
	});
});
