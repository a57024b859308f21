/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Canonical Mapping node against n8n's Edit Fields (Set) and Code nodes doing the same field
 * mapping (Harvest time entry to canonical time entry) on N items (default 100,000, `--items`),
 * in one real n8n: n8n's own time of the mapping node, items per second, the execution's wall
 * time and the peak resident memory of n8n's processes (main and task runners) during the run.
 * Every workflow is the same shape: manual trigger, a Code node generating the time entries, the
 * mapper. A workflow without a mapper gives the floor. Before the timed runs, each mapper maps a
 * small sample and its records are compared with the built-in profile's: a benchmark of
 * different work would be worthless.
 */
import * as http from 'node:http';
import type { ExecutionResult, N8nInstance } from '../../test/e2e/n8n';
import { startSandbox } from '../../sandbox/server';
import { CORRELATION_ID, canonicalMappingParameters, codeMapping, firstDifference, generatorCode, setParameters } from './mappingWorkload';
import { executionSeconds, mib, nodeSeconds, seconds, startBenchN8n, type BenchN8n, type BenchSuite, type Cell } from './support';

const GENERATOR = 'Generate Harvest time entries';
const MAPPER = 'Map to canonical';
const SAMPLE_ITEMS = 300;

interface Mapper {
	key: string;
	label: string;
	node?: { type: string; typeVersion: number; parameters: Record<string, unknown> };
	/** Fields that differ from the built-in profile's records by design (dotted). */
	differsIn?: string[];
	/** Evaluates n8n expressions per item: runs on `--slow-items` (n8n's expressions cost milliseconds each). */
	expressionBound?: boolean;
}

const MAPPERS: Mapper[] = [
	{ key: 'floor', label: 'none (trigger + generator only: the floor)' },
	{
		key: 'builtIn',
		label: 'Canonical Mapping, built-in Harvest profile',
		node: { type: 'n8n-nodes-project-to-cash.canonicalMapping', typeVersion: 1, parameters: canonicalMappingParameters('builtIn') },
	},
	{
		key: 'document',
		label: 'Canonical Mapping, mapping document',
		node: { type: 'n8n-nodes-project-to-cash.canonicalMapping', typeVersion: 1, parameters: canonicalMappingParameters('document') },
		// A custom mapping's provenance has no remote update time: the profile reads it from updated_at.
		differsIn: ['_meta.remoteUpdatedAt'],
		expressionBound: true,
	},
	{ key: 'set', label: 'Edit Fields (Set) 3.5, 22 assignments', node: { type: 'n8n-nodes-base.set', typeVersion: 3.5, parameters: setParameters() }, expressionBound: true },
	{
		key: 'code',
		label: 'Code (JavaScript, all items at once; task runner)',
		node: { type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: codeMapping } },
	},
];

/**
 * Settings held equal for every workflow (n8n 2.40.7 defaults otherwise). Generated items never
 * cross n8n's HTTP body limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB) nor binary data; the task runner's
 * payload limit (N8N_RUNNERS_MAX_PAYLOAD, 1 GiB) holds 100,000 time entries; its 5-minute task
 * timeout does not hold a busy 2-core machine, hence the longer one.
 */
const N8N_ENV: Record<string, string> = {
	N8N_RUNNERS_TASK_TIMEOUT: '3600',
	EXECUTIONS_TIMEOUT: '-1',
	N8N_LOG_LEVEL: 'warn',
};

function workflowFor(mapper: Mapper, items: number): object {
	const nodes: Array<Record<string, unknown>> = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ name: GENERATOR, type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: generatorCode(items) } },
	];
	const connections: Record<string, unknown> = { Start: { main: [[{ node: GENERATOR, type: 'main', index: 0 }]] } };
	if (mapper.node) {
		nodes.push({ name: MAPPER, position: [440, 0], ...mapper.node });
		connections[GENERATOR] = { main: [[{ node: MAPPER, type: 'main', index: 0 }]] };
	}
	return { name: `bench mapping: ${mapper.key}, ${items} items`, nodes, connections, settings: { executionOrder: 'v1' } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts a manual run and waits, without reading the execution's data, until n8n has saved it. */
async function runToEnd(n8n: N8nInstance, workflowId: string, timeoutMs: number): Promise<string> {
	const started = await n8n.rest<{ executionId?: string }>('POST', `/workflows/${workflowId}/run`, { triggerToStartFrom: { name: 'Start' } });
	if (!started?.executionId) throw new Error(`workflow ${workflowId} did not start: ${JSON.stringify(started)}`);
	const id = String(started.executionId);
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		await sleep(250);
		const execution = await n8n.api<{ status?: string; finished?: boolean }>('GET', `/executions/${id}`).catch(() => undefined);
		if (execution && (execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(String(execution.status)))) return id;
	}
	throw new Error(`execution ${id} not finished after ${timeoutMs} ms\n${n8n.logs().split('\n').slice(-40).join('\n')}`);
}

/** A public-API GET with a time-out fit for a 100,000-item execution (n8n takes minutes to read and serialise one). */
function getLarge<T>(n8n: N8nInstance, urlPath: string, timeoutMs = 1_800_000): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = http.get(`${n8n.baseUrl}/api/v1${urlPath}`, { headers: { 'X-N8N-API-KEY': n8n.apiKey, accept: 'application/json' }, timeout: timeoutMs, agent: false }, (response) => {
			const chunks: string[] = [];
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => chunks.push(chunk));
			response.on('error', reject);
			response.on('end', () => {
				const text = chunks.join('');
				if ((response.statusCode ?? 0) >= 400) reject(new Error(`GET ${urlPath} -> HTTP ${response.statusCode}: ${text.slice(0, 500)}`));
				else resolve(JSON.parse(text) as T);
			});
		});
		request.on('timeout', () => request.destroy(new Error(`GET ${urlPath} timed out after ${timeoutMs} ms`)));
		request.on('error', reject);
	});
}

/** The execution with its data, however large (above EXECUTIONS_DATA_MAX_DISPLAY_SIZE n8n leaves the data out unless asked). */
async function executionWithData(n8n: N8nInstance, id: string): Promise<ExecutionResult> {
	const execution = await getLarge<ExecutionResult>(n8n, `/executions/${id}?includeData=true&ignoreDataSizeLimit=true`);
	if (execution.status !== 'success') {
		const error = execution.data?.resultData?.error as { message?: string } | undefined;
		throw new Error(`execution ${id} ended ${execution.status}: ${error?.message ?? 'no error recorded'}`);
	}
	return execution;
}

/** The JSON of a node's items on one output of its first run. */
function outputOf(execution: ExecutionResult, node: string, output = 0): unknown[] {
	const runs = (execution.data?.resultData?.runData?.[node] ?? []) as Array<{ data?: { main?: Array<Array<{ json: unknown }> | null> } }>;
	return (runs[0]?.data?.main?.[output] ?? []).map((item) => item.json);
}

/** Each mapper on a small sample, compared with the built-in profile's records; throws on any difference. */
async function checkSameOutput(bench: Parameters<BenchSuite['run']>[0], n8n: N8nInstance): Promise<string[]> {
	const outputs = new Map<string, { valid: unknown[]; exceptions: unknown[] }>();
	for (const mapper of MAPPERS.filter((candidate) => candidate.node)) {
		const id = await n8n.importWorkflow(workflowFor(mapper, SAMPLE_ITEMS));
		const execution = await executionWithData(n8n, await runToEnd(n8n, id, 300_000));
		outputs.set(mapper.key, { valid: outputOf(execution, MAPPER, 0), exceptions: outputOf(execution, MAPPER, 1) });
	}
	const reference = outputs.get('builtIn')!;
	const problems: string[] = [];
	if (reference.valid.length !== SAMPLE_ITEMS || reference.exceptions.length > 0) {
		problems.push(`built-in profile: ${reference.valid.length} valid, ${reference.exceptions.length} exceptions of ${SAMPLE_ITEMS} (${JSON.stringify(reference.exceptions[0] ?? null).slice(0, 500)})`);
	}
	for (const mapper of MAPPERS.filter((candidate) => candidate.node && candidate.key !== 'builtIn')) {
		const { valid, exceptions } = outputs.get(mapper.key)!;
		if (exceptions.length > 0) problems.push(`${mapper.label}: ${exceptions.length} exceptions (${JSON.stringify(exceptions[0]).slice(0, 500)})`);
		const difference = firstDifference(reference.valid, valid, mapper.differsIn);
		if (difference) problems.push(`${mapper.label}: ${difference}`);
		else bench.log(`${mapper.label}: same ${valid.length} records as the built-in profile${mapper.differsIn ? ` (apart from ${mapper.differsIn.join(', ')})` : ''}`);
	}
	if (problems.length > 0) throw new Error(`the mappers do not do the same work:\n${problems.join('\n')}`);
	return [`Checked before timing: on ${SAMPLE_ITEMS} items every mapper gives the built-in profile's records (key order and _meta.fetchedAt aside; the document's lack only _meta.remoteUpdatedAt).`];
}

async function timedRun(bench: Parameters<BenchSuite['run']>[0], instance: BenchN8n, mapper: Mapper, workflowId: string, items: number, round: number): Promise<Record<string, Cell>> {
	global.gc?.();
	await sleep(3000); // let n8n settle (GC, the previous run's saving) before the baseline
	const baseline = instance.memory.current();
	instance.memory.start(100);
	const startedAt = process.hrtime.bigint();
	let peak: number;
	let untilSaved: number;
	let id: string;
	try {
		id = await runToEnd(instance.n8n, workflowId, 3_600_000);
		untilSaved = seconds(startedAt);
	} finally {
		peak = instance.memory.stop().peakBytes;
	}
	const execution = await executionWithData(instance.n8n, id);
	const mapperSeconds = mapper.node ? nodeSeconds(execution, MAPPER) : null;
	const mapped = mapper.node ? outputOf(execution, MAPPER, 0).length : null;
	const row: Record<string, Cell> = {
		mapper: mapper.label,
		run: round,
		items,
		'mapped items': mapped,
		'node s': mapperSeconds,
		'items/s': mapperSeconds ? Math.round(items / mapperSeconds) : null,
		'generator s': nodeSeconds(execution, GENERATOR),
		'execution s': executionSeconds(execution),
		'until saved s': untilSaved,
		'baseline MiB': mib(baseline),
		'peak MiB': mib(peak),
		'peak - baseline MiB': mib(peak - baseline),
	};
	bench.log(JSON.stringify(row));
	return row;
}

export const mappingSuite: BenchSuite = {
	name: 'mapping',
	description: 'Canonical Mapping node vs Edit Fields (Set) vs Code on the same field mapping, N items in one real n8n (--items, --slow-items, --runs)',
	async run(bench) {
		const items = bench.flag('items', 100_000);
		// Set (22 expressions an item) and the document's expression fields at a few ms per expression
		// would take over an hour at 100,000 items on a busy 2-core machine: they may run on fewer.
		const slowItems = bench.flag('slow-items', items);
		const runs = bench.flag('runs', 1);
		const itemsFor = (mapper: Mapper): number => (mapper.expressionBound ? slowItems : items);
		const sandbox = await startSandbox({ port: 0, scale: 1, seed: 42 });
		let instance: BenchN8n | undefined;
		try {
			instance = await startBenchN8n(sandbox, { env: N8N_ENV });
			const notes = await checkSameOutput(bench, instance.n8n);
			const workflowIds = new Map<string, string>();
			for (const mapper of MAPPERS) workflowIds.set(mapper.key, await instance.n8n.importWorkflow(workflowFor(mapper, itemsFor(mapper))));
			const rows: Array<Record<string, Cell>> = [];
			for (let round = 1; round <= runs; round++) {
				for (const mapper of MAPPERS) {
					bench.log(`run ${round}: ${mapper.label}, ${itemsFor(mapper)} items`);
					rows.push(await timedRun(bench, instance, mapper, workflowIds.get(mapper.key)!, itemsFor(mapper), round));
				}
			}
			bench.report({
				suite: 'mapping',
				title: `Field mapping of ${items.toLocaleString('en-US')} Harvest time entries${slowItems !== items ? ` (${slowItems.toLocaleString('en-US')} for the expression-bound mappers)` : ''} in one n8n 2.40.7 (regular mode, SQLite)`,
				columns: ['mapper', 'run', 'items', 'mapped items', 'node s', 'items/s', 'generator s', 'execution s', 'until saved s', 'baseline MiB', 'peak MiB', 'peak - baseline MiB'],
				rows,
				notes: [
					...notes,
					'node s: n8n\'s own executionTime of the mapping node; items/s = items / node s. execution s: n8n\'s startedAt..stoppedAt (trigger, generator, mapper; before saving). until saved s: from the run request until the public API shows the execution finished (includes saving its data to SQLite).',
					'Memory: resident set of all n8n processes (main and its JavaScript task runner), sampled every 100 ms from the run request until the execution was saved; baseline just before.',
					'The generator is a Code node (task runner) in every workflow; the floor row is its cost alone. The Code mapper runs in n8n 2.x\'s task runner too: its items go to the runner and back over the broker\'s websocket. Set\'s values and the document\'s id fields are n8n expressions, evaluated per item by 2.40.7\'s default engine (isolated-vm); the node reads its Record parameter left at {{ $json }} without evaluating it.',
					`Our node does more than Set and Code: the vendor record's shape checked (id, required fields, ISO dates, numbers), money to exact integer minor units by decimal-string arithmetic (Set and Code use Math.round(rate * 100)), the canonical schema validated (zod: types, ISO dates, positive hours <= 24, currency code), invalid records sent to the Exceptions output with every failed field, and provenance _meta (system, entity, remote id, fetched-at, correlation id ${CORRELATION_ID}, remote update time) built from the record.`,
					`n8n settings for every run: ${Object.entries(N8N_ENV).map(([key, value]) => `${key}=${value}`).join(', ')}; execution data saved as n8n does by default (EXECUTIONS_DATA_SAVE_ON_SUCCESS=all, SQLite); the data is read back with ignoreDataSizeLimit (above EXECUTIONS_DATA_MAX_DISPLAY_SIZE, 100 MiB, n8n leaves it out). N8N_PAYLOAD_SIZE_MAX (HTTP bodies) and binary-data mode play no part: items are generated inside the workflow.`,
					'Every generated entry is billable and billed (task, user, invoice, notes all present): Edit Fields cannot leave a field out (3.5 writes null), the canonical mappers leave absent optional fields out.',
				],
			});
		} finally {
			await instance?.stop();
			await sandbox.close();
		}
	},
};
