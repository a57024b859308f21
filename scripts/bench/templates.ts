/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The templates at a firm's scale in a real n8n against the sandbox, with every vendor's documented
 * rate limit enforced by the fakes: time to invoice over 10,000 approved entries in 500 projects
 * (Xero, and Business Central with `--bc 1`), opportunity to project over 1,000 won deals (HubSpot
 * and Xero). Each run is decided at its Approval Gate through the links it sent (as
 * test/e2e/templateSupport.ts runToEnd does), checked against the sandbox's state, and reported:
 * wall time, n8n's execution time, peak memory of n8n's processes, calls and 429s per vendor, failed
 * items, and per vendor the floor its rate limit sets on the calls the run needed.
 *   npm run bench -- --only templates [--entries 10000 --projects 500 --deals 1000 --scale 30 --bc 1]
 */
import { inboxHookUrl } from '../../sandbox/credentials';
import { stageApprovedTime, winHubSpotDeals, type StagedTime, type WonDeal } from '../../sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { ExecutionResult } from '../../test/e2e/n8n';
import { erpInvoices, type InvoicingErp } from '../../test/e2e/templates.invoicing';
import type { AnyObject } from '../../test/e2e/templateSupport';
import { approvalLinks, decide, loadTemplate, nodeError, sleep, switchSystems, withCredentials, withPolicy } from '../../test/e2e/templateSupport';
import { handoffProblems, invoicingProblems } from './templateChecks';
import { executionSeconds, mib, nodeSeconds, seconds, type BenchN8n, type BenchRun, type BenchSuite, type Cell, startBenchN8n } from './support';

/** A vendor's documented limits as the fakes enforce them: `limit` calls per `intervalMs`, on the calls `applies` picks. */
interface VendorLimit {
	text: string;
	rules: Array<{ limit: number; intervalMs: number; applies(request: Sandbox['requests'][number]): boolean }>;
}

const ANY = (): boolean => true;
const LIMITS: Record<string, VendorLimit> = {
	// help.getharvest.com/api-v2/introduction/overview/general, "Rate limiting".
	harvest: { text: '100 / 15 s', rules: [{ limit: 100, intervalMs: 15_000, applies: ANY }] },
	// developer.xero.com/documentation/guides/oauth2/limits: 60 a minute, 5,000 a day, 5 in flight, per tenant (token calls are not counted).
	xero: { text: '60 / min, 5 concurrent, 5,000 / day', rules: [{ limit: 60, intervalMs: 60_000, applies: (request) => !request.path.includes('/connect/token') }] },
	// developers.hubspot.com/docs/api/usage-details: private apps 100 per 10 s; CRM search 4 per second.
	hubspot: {
		text: '100 / 10 s; search 4 / s',
		rules: [
			{ limit: 100, intervalMs: 10_000, applies: ANY },
			{ limit: 4, intervalMs: 1_000, applies: (request) => request.route.endsWith('/search') },
		],
	},
	// Business Central online operational limits: 6,000 requests per 5-minute sliding window.
	businesscentral: { text: '6,000 / 5 min', rules: [{ limit: 6000, intervalMs: 300_000, applies: (request) => !request.path.includes('/oauth2/') }] },
	// BambooHR publishes no number; the fake throttles at 600 a minute.
	bamboohr: { text: '600 / min (no published number)', rules: [{ limit: 600, intervalMs: 60_000, applies: ANY }] },
};

/**
 * The least wall time a sliding window of `limit` calls per `intervalMs` allows for `calls` calls
 * starting together: the first `limit` at once, each further `limit` one interval later.
 */
export function rateLimitFloorSeconds(calls: number, limit: number, intervalMs: number): number {
	return calls <= limit ? 0 : (Math.floor((calls - 1) / limit) * intervalMs) / 1000;
}

interface Measured {
	execution: ExecutionResult;
	wallSeconds: number;
	waitingSeconds: number;
	approvals: number;
	peakBytes: number;
}

const isFinal = (status: string, finished: boolean) => finished || ['success', 'error', 'crashed', 'canceled'].includes(status);

/**
 * Runs a workflow from its manual trigger to the end, approving every request its gate sends.
 * Polls the execution's status only (not its data, which at this scale is tens of megabytes) and
 * reads the data once at the end.
 */
async function runMeasured(bench: BenchN8n, sandbox: Sandbox, workflowId: string, trigger: string, timeoutMs: number): Promise<Measured> {
	const { n8n, memory } = bench;
	global.gc?.();
	memory.start(250);
	const started = process.hrtime.bigint();
	const answer = await n8n.rest<AnyObject>('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: trigger } });
	const executionId = String(answer.executionId);
	const decided = new Set<string>();
	let waitingSince: bigint | undefined;
	let waitingSeconds = 0;
	let unanswered = 0;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = await n8n.api<AnyObject>('GET', `/executions/${executionId}`).catch(() => undefined);
		// n8n itself gone (out of memory, say): stop here with its last words rather than wait out the time-out.
		unanswered = status ? 0 : unanswered + 1;
		if (unanswered >= 30) throw new Error(`n8n stopped answering during execution ${executionId}:\n${n8n.logs().split('\n').slice(-30).join('\n')}`);
		if (status && isFinal(String(status.status), Boolean(status.finished))) break;
		if (status?.status === 'waiting') {
			waitingSince ??= process.hrtime.bigint();
			for (const request of approvalLinks(sandbox, executionId).filter((candidate) => !decided.has(candidate.link))) {
				const code = await decide(request.link, 'approve', 'decided by the benchmark');
				// 409: the gate is processing the previous decision (n8n's "execution is running"); send it again once it waits again.
				if (code === 409) break;
				if (code !== 200) throw new Error(`deciding "${request.title}" answered ${code}`);
				decided.add(request.link);
			}
		} else if (waitingSince !== undefined) {
			waitingSeconds += seconds(waitingSince);
			waitingSince = undefined;
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish in ${timeoutMs / 1000} s`);
		await sleep(500);
	}
	const wallSeconds = seconds(started);
	const { peakBytes } = memory.stop();
	const execution = await n8n.getExecution(executionId);
	return { execution, wallSeconds, waitingSeconds, approvals: decided.size, peakBytes };
}

/** Items that a node of the run output as failed (continue-on-fail error items) across every node. */
function failedItems(execution: ExecutionResult): number {
	let failed = 0;
	for (const runs of Object.values((execution.data?.resultData?.runData ?? {}) as Record<string, AnyObject[]>)) {
		for (const run of runs) {
			if (run.error) failed += 1;
			for (const output of (run.data?.main ?? []) as AnyObject[][]) for (const item of output ?? []) if (item?.json?.error !== undefined) failed += 1;
		}
	}
	return failed;
}

function slowestNodes(execution: ExecutionResult, count: number): Array<{ node: string; seconds: number; items: number }> {
	const runData = (execution.data?.resultData?.runData ?? {}) as Record<string, AnyObject[]>;
	return Object.keys(runData)
		.map((node) => ({
			node,
			seconds: nodeSeconds(execution, node),
			items: runData[node].reduce((sum, run) => sum + ((run.data?.main?.[0] as unknown[] | undefined)?.length ?? 0), 0),
		}))
		.sort((a, b) => b.seconds - a.seconds)
		.slice(0, count);
}

interface Case {
	label: string;
	records: string;
	file: string;
	trigger: string;
	prepare(workflow: AnyObject, sandbox: Sandbox, bench: BenchN8n): AnyObject;
	stage(sandbox: Sandbox): Promise<unknown>;
	check(sandbox: Sandbox, staged: unknown, before: number): string[];
	before(sandbox: Sandbox): number;
}

function invoicingCase(erp: InvoicingErp, projects: number, entries: number): Case {
	return {
		label: `time to invoice (Harvest + ${erp === 'xero' ? 'Xero' : 'Business Central'})`,
		records: `${entries.toLocaleString('en-US')} entries, ${projects} projects`,
		file: 'time-to-invoice.json',
		trigger: 'Run Invoicing Now',
		prepare: (workflow, _sandbox, bench) => (erp === 'xero' ? workflow : switchSystems(workflow, ['erp'], bench.credentials)),
		stage: async (sandbox) => await stageApprovedTime(sandbox, { projects, entries }),
		before: (sandbox) => erpInvoices(sandbox, erp).length,
		check: (sandbox, staged, before) => invoicingProblems(sandbox, erp, staged as StagedTime, before),
	};
}

function handoffCase(deals: number): Case {
	return {
		label: 'opportunity to project (HubSpot + Harvest + Xero)',
		records: `${deals.toLocaleString('en-US')} won deals`,
		file: 'opportunity-to-project.json',
		trigger: 'Run Handoff Now',
		prepare: (workflow, sandbox) => withPolicy(workflow, 'Handoff Policy', { ownerNotificationUrl: inboxHookUrl(sandbox.url, 'owners') }),
		stage: async (sandbox) => await winHubSpotDeals(sandbox, 'Bench', { deals }),
		before: () => 0,
		check: (sandbox, staged) => handoffProblems(sandbox, staged as WonDeal[]),
	};
}

async function runCase(bench: BenchRun, n8n: BenchN8n, sandbox: Sandbox, benchCase: Case, timeoutMs: number) {
	bench.log(`${benchCase.label}: staging ${benchCase.records}`);
	sandbox.reset();
	const staged = await benchCase.stage(sandbox);
	const before = benchCase.before(sandbox);
	const workflow = benchCase.prepare(withCredentials(loadTemplate(benchCase.file), n8n.credentials), sandbox, n8n);
	const id = await n8n.n8n.importWorkflow({ ...workflow, name: `${String(workflow.name)} (bench ${Date.now()})` });
	sandbox.requests.length = 0;
	bench.log(`${benchCase.label}: running`);
	const measured = await runMeasured(n8n, sandbox, id, benchCase.trigger, timeoutMs);
	const status = measured.execution.status;
	const problems = status === 'success' ? benchCase.check(sandbox, staged, before) : [`execution ${status}: ${nodeError(measured.execution) ?? ''}`];
	bench.log(`${benchCase.label}: ${status} in ${measured.wallSeconds.toFixed(1)} s; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 5).join(' | ')}` : ''}`);
	const routes = new Map<string, number>();
	for (const request of sandbox.requests) routes.set(`${request.vendor} ${request.method} ${request.route}`, (routes.get(`${request.vendor} ${request.method} ${request.route}`) ?? 0) + 1);
	bench.log(`${benchCase.label}: calls by route: ${[...routes].sort((a, b) => b[1] - a[1]).map(([route, count]) => `${route} ${count}`).join('; ')}`);
	const answered = sandbox.requests.filter((request) => request.status !== 429);
	const vendors = [...new Set(sandbox.requests.map((request) => request.vendor))].filter((vendor) => vendor !== 'inbox').sort();
	const perVendor = vendors.map((vendor) => {
		const calls = answered.filter((request) => request.vendor === vendor);
		const rules = LIMITS[vendor]?.rules ?? [];
		const floor = Math.max(0, ...rules.map((rule) => rateLimitFloorSeconds(calls.filter(rule.applies).length, rule.limit, rule.intervalMs)));
		return { vendor, calls: calls.length, throttled: sandbox.requests.filter((request) => request.vendor === vendor && request.status === 429).length, limit: LIMITS[vendor]?.text ?? '-', floor };
	});
	return { staged, measured, problems, perVendor, failed: failedItems(measured.execution) };
}

export const templatesSuite: BenchSuite = {
	name: 'templates',
	description: 'time to invoice over 10,000 entries and 500 projects, opportunity to project over 1,000 won deals, in a real n8n under the vendors\' rate limits',
	async run(bench) {
		const entries = bench.flag('entries', 10_000);
		const projects = bench.flag('projects', 500);
		const deals = bench.flag('deals', 1_000);
		// Scale 30 seeds 1,800 Harvest projects, 604 of them active and hourly: room for 500 to bill.
		const scale = bench.flag('scale', 30);
		const timeoutMs = bench.flag('timeout-min', 60) * 60_000;
		const cases: Case[] = [];
		if (bench.flag('invoicing', 1)) cases.push(invoicingCase('xero', projects, entries));
		if (bench.flag('bc', 0)) cases.push(invoicingCase('businessCentral', projects, entries));
		if (bench.flag('handoff', 1)) cases.push(handoffCase(deals));

		const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', scale, seed: 42 });
		const n8n = await startBenchN8n(sandbox);
		const rows: Array<Record<string, Cell>> = [];
		const limitRows: Array<Record<string, Cell>> = [];
		const nodeRows: Array<Record<string, Cell>> = [];
		try {
			for (const benchCase of cases) {
				const { measured, problems, perVendor, failed } = await runCase(bench, n8n, sandbox, benchCase, timeoutMs);
				const calls = Object.fromEntries(perVendor.map((vendor) => [vendor.vendor, vendor.calls]));
				rows.push({
					template: benchCase.label,
					records: benchCase.records,
					approvals: measured.approvals,
					'wall s': measured.wallSeconds,
					'at gate s': measured.waitingSeconds,
					'n8n exec s': executionSeconds(measured.execution),
					'peak MiB': mib(measured.peakBytes),
					'HTTP calls': perVendor.map((vendor) => `${vendor.vendor} ${vendor.calls}`).join(', '),
					'429s': perVendor.reduce((sum, vendor) => sum + vendor.throttled, 0),
					'failed items': failed,
					state: problems.length === 0 ? 'ok' : `${problems.length} problems: ${problems.slice(0, 3).join(' | ')}`,
				});
				const floor = Math.max(0, ...perVendor.map((vendor) => vendor.floor));
				for (const vendor of perVendor) {
					limitRows.push({
						template: benchCase.label,
						vendor: vendor.vendor,
						limit: vendor.limit,
						calls: calls[vendor.vendor] ?? 0,
						'429s': vendor.throttled,
						'floor s': vendor.floor,
						'wall s': measured.wallSeconds,
						'wall - gate s': measured.wallSeconds - measured.waitingSeconds,
						'x floor': vendor.floor === floor && floor > 0 ? (measured.wallSeconds - measured.waitingSeconds) / floor : null,
					});
				}
				for (const node of slowestNodes(measured.execution, 6)) nodeRows.push({ template: benchCase.label, node: node.node, 'n8n s': node.seconds, 'items out': node.items });
				// Each case's tables as soon as it is done: a later case failing keeps these figures.
				bench.report({
					suite: 'templates',
					title: `${benchCase.label} at scale in a real n8n (sandbox scale ${scale}, vendors' rate limits on)`,
					columns: ['template', 'records', 'approvals', 'wall s', 'at gate s', 'n8n exec s', 'peak MiB', 'HTTP calls', '429s', 'failed items', 'state'],
					rows: rows.slice(-1),
					notes: [
						'wall s: from the run request to the end, including waiting at the Approval Gate (decided through the links it sent, as soon as they arrived).',
						'n8n exec s: n8n\'s own start and stop stamps of the execution. peak MiB: resident memory of all of that n8n\'s processes (main and task runner), sampled every 250 ms.',
						'state: the sandbox afterwards, checked as the end-to-end tests check the small scenarios (one invoice per billable project with the right lines and totals, time marked invoiced; one project per complete deal).',
					],
				});
				bench.report({
					suite: 'templates',
					title: `${benchCase.label} under the vendors' rate limits: wall time beside the floor each limit sets`,
					columns: ['template', 'vendor', 'limit', 'calls', '429s', 'floor s', 'wall s', 'wall - gate s', 'x floor'],
					rows: limitRows.filter((row) => row.template === benchCase.label),
					notes: [
						'floor s: the least time the vendor\'s sliding-window limit allows for the calls the run made to it (answered calls; the first window\'s worth at once, each further window\'s worth one interval later).',
						'x floor: wall time without the gate wait over the binding floor (the largest of the run). Xero\'s 5-concurrent limit sets no floor by itself.',
					],
				});
				bench.report({ suite: 'templates', title: `${benchCase.label}: slowest nodes (n8n's own time per node)`, columns: ['template', 'node', 'n8n s', 'items out'], rows: nodeRows.filter((row) => row.template === benchCase.label) });
			}
		} finally {
			await n8n.stop();
			await sandbox.close();
		}
	},
};
