/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * API efficiency: our category nodes beside n8n's built-in HubSpot, Harvest and Xero nodes doing
 * the same job, in the same real n8n, against the same freshly reset and staged sandbox. The
 * built-in nodes call the real vendor hosts; the vendor host gateway (sandbox/gateway.ts) takes
 * them to the sandbox, which logs and rate-limits every call at the vendors' documented limits.
 * Figures: vendor calls (token calls apart), 429 answers, the floor ceil(records / largest page or
 * batch), n8n's own time for the node and the whole execution, failed items, and a check of the
 * sandbox's state afterwards.
 */
import { startVendorGateway } from '../../sandbox/gateway';
import { startSandbox, type LoggedRequest, type Sandbox } from '../../sandbox/server';
import { nodeItems } from '../../test/e2e/templateSupport';
import { BUILT_IN_CREDENTIALS, crmUpsertJob, invoiceCreateJob, jobWorkflow, NODE_UNDER_TEST, timeEntryReadJob, type ApiJob, type Side } from './apiJobs';
import { executionSeconds, nodeSeconds, seconds, startBenchN8n, type BenchSuite, type Cell } from './support';

const SIDES: Side[] = ['ours', 'built-in'];
const RUN_TIMEOUT_MS = 900_000;
// OAuth token endpoints of the fakes: counted apart from the vendor calls.
const TOKEN_ROUTES = new Set(['/oauth/2026-03/token', '/oauth/v1/token', '/api/v2/oauth2/token', '/connect/token']);

const isToken = (request: LoggedRequest) => TOKEN_ROUTES.has(request.route);

export const apiSuite: BenchSuite = {
	name: 'api',
	description: 'API efficiency: our nodes beside n8n\'s built-in HubSpot, Harvest and Xero nodes (HTTP calls, floor, time, failed items, checks)',
	async run(bench) {
		const jobs: ApiJob[] = [crmUpsertJob(bench.flag('contacts', 1000)), timeEntryReadJob(bench.flag('entries', 10_000)), invoiceCreateJob(bench.flag('invoices', 500))];
		const sandbox: Sandbox = await startSandbox({ port: 0, scale: 1, seed: 42 });
		const gateway = await startVendorGateway(sandbox.url);
		const rows: Array<Record<string, Cell>> = [];
		let n8n: Awaited<ReturnType<typeof startBenchN8n>> | undefined;
		try {
			bench.log(`sandbox ${sandbox.url}, gateway ${gateway.url}; starting n8n`);
			n8n = await startBenchN8n(sandbox, { env: gateway.env(), extraCredentials: BUILT_IN_CREDENTIALS });
			for (const job of jobs) {
				for (const side of SIDES) {
					sandbox.reset({ seed: 42, scale: 1 });
					job.stage(sandbox);
					const workflowId = await n8n.n8n.importWorkflow(jobWorkflow(job, side, sandbox));
					sandbox.requests.length = 0;
					bench.log(`${job.name}, ${side}: running`);
					const started = process.hrtime.bigint();
					const execution = await n8n.n8n.runWorkflow(workflowId, RUN_TIMEOUT_MS);
					const endToEnd = seconds(started);
					const items = nodeItems(execution, NODE_UNDER_TEST);
					const failed = items.filter((item) => item.error !== undefined).length;
					const calls = sandbox.requests.filter((request) => request.vendor === job.vendor && !isToken(request));
					const tokenCalls = sandbox.requests.filter(isToken).length;
					const other = sandbox.requests.filter((request) => request.vendor !== job.vendor && !isToken(request)).length;
					const check = job.check(sandbox, side, items.length - failed);
					const runError = execution.data?.resultData?.error as { message?: string } | undefined;
					bench.log(`${job.name}, ${side}: ${execution.status}, ${calls.length} calls, ${failed} failed items, check ${check.ok ? 'ok' : 'FAILED'}: ${check.detail}${runError ? `; error: ${runError.message}` : ''}`);
					rows.push({
						job: job.name,
						node: side === 'ours' ? 'Project-to-Cash' : 'n8n built-in',
						'HTTP calls': calls.length,
						'429s': calls.filter((request) => request.status === 429).length,
						'token calls': tokenCalls,
						floor: Math.ceil(job.records / job.largest),
						'x floor': Math.round((calls.length / Math.ceil(job.records / job.largest)) * 10) / 10,
						'node s': nodeSeconds(execution, NODE_UNDER_TEST),
						'execution s': executionSeconds(execution),
						'end-to-end s': Math.round(endToEnd * 100) / 100,
						'items failed': failed,
						check: `${check.ok ? 'ok' : 'FAILED'}: ${check.detail}${other ? ` (+${other} calls to other vendors)` : ''}${execution.status === 'success' ? '' : ` [execution ${execution.status}]`}`,
					});
				}
			}
		} finally {
			await n8n?.stop();
			await gateway.close();
			await sandbox.close();
		}
		bench.report({
			suite: 'api',
			title: 'API efficiency: Project-to-Cash nodes beside n8n\'s built-in nodes (same n8n 2.40.7, same sandbox, same inputs)',
			columns: ['job', 'node', 'HTTP calls', '429s', 'token calls', 'floor', 'x floor', 'node s', 'execution s', 'end-to-end s', 'items failed', 'check'],
			rows,
			notes: [
				'HTTP calls: requests the sandbox logged for the job\'s vendor during the run (429 answers included), OAuth token calls apart. floor = ceil(records / the vendor\'s largest page or batch).',
				'node s: n8n\'s executionTime of the node under test; execution s: n8n\'s start-to-stop; end-to-end s: from the run request until the execution was seen finished (polled every 0.3 s).',
				'The input items are made by a Code node before the node under test; both nodes run with "continue on error", so a refused item is counted, not fatal. Vendor rate limits are on at the documented numbers.',
				...jobs.flatMap((job) => [
					`${job.name}: largest page/batch ${job.largest} (${job.largestSource}); rate limit ${job.rateLimit}.`,
					`${job.name}, built-in: ${job.builtInNote}.`,
				]),
				'Built-in nodes reach the sandbox through the vendor host gateway (HTTPS_PROXY, NODE_EXTRA_CA_CERTS); the pack\'s credentials point at the sandbox directly (NO_PROXY=127.0.0.1).',
				'Our ERP invoice creation also reads Xero for invoices already made with the same references (idempotency by reference) before it writes; those reads are in its call count.',
			],
		});
	},
};
