/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * What every benchmark suite shares: the figures table (printed, and kept for the JSON file),
 * a peak-memory sampler of a real n8n's processes, booting a real n8n with the pack and the
 * sandbox credentials, and reading per-node times out of an execution.
 *
 * Benchmarks print figures; they assert nothing (targets are read from the figures, never from
 * timed tests that flake).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sandboxCredentials, type N8nCredentialRecord } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import type { ExecutionResult, N8nInstance, StartOptions } from '../../test/e2e/n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n } from '../../test/e2e/n8n';

export type Cell = string | number | null;

/** One table of figures: printed as soon as it is complete, written to the JSON file at the end. */
export interface BenchTable {
	suite: string;
	title: string;
	columns: string[];
	rows: Array<Record<string, Cell>>;
	/** How to read the table: what the floor is, what was held equal, caveats. */
	notes?: string[];
}

/** What the runner (scripts/bench/index.ts) hands each suite. */
export interface BenchRun {
	/** `--scale` and other numeric flags, with the suite's default when absent. */
	flag(name: string, fallback: number): number;
	/** Prints the table and keeps it for the JSON file. */
	report(table: BenchTable): void;
	/** Free-form progress lines (stderr, so stdout stays the tables). */
	log(message: string): void;
}

export interface BenchSuite {
	name: string;
	description: string;
	run(bench: BenchRun): Promise<void>;
}

function cellText(value: Cell): string {
	if (value === null) return '-';
	if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
	return value;
}

export function formatTable(table: BenchTable): string {
	const widths = table.columns.map((column) => Math.max(column.length, ...table.rows.map((row) => cellText(row[column] ?? null).length)));
	const line = (cells: string[]) => `| ${cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join(' | ')} |`;
	const out = [`\n## ${table.title}`, line(table.columns), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`];
	for (const row of table.rows) out.push(line(table.columns.map((column) => cellText(row[column] ?? null))));
	for (const note of table.notes ?? []) out.push(`  ${note}`);
	return out.join('\n');
}

export const seconds = (startedAt: bigint): number => Number(process.hrtime.bigint() - startedAt) / 1e9;
export const mib = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

// ------------------------------------------------------------------------------------- memory

function readProc(file: string): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined; // the process ended between listing and reading
	}
}

/** Process-group id and resident set size (bytes) of a live process, from /proc. */
function statOf(pid: number): { pgrp: number; rss: number } | undefined {
	const stat = readProc(`/proc/${pid}/stat`);
	if (!stat) return undefined;
	// Fields after the command name (which may hold spaces) start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return { pgrp: Number(fields[2]), rss: Number(fields[21]) * 4096 };
}

/**
 * Peak resident memory of one n8n instance: every process of every process group led by a
 * process started with that instance's N8N_USER_FOLDER (main, workers and their task runners:
 * scripts start each n8n process as a group leader). Sampled on a timer; Linux only.
 */
export class N8nMemorySampler {
	private timer?: NodeJS.Timeout;
	private peak = 0;
	private samples = 0;

	constructor(private readonly userFolder: string) {}

	/** Current resident memory of the instance's processes, in bytes. */
	current(): number {
		const pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
		const stats = new Map<number, { pgrp: number; rss: number }>();
		for (const pid of pids) {
			const stat = statOf(pid);
			if (stat) stats.set(pid, stat);
		}
		const leaders = new Set<number>();
		for (const [pid, stat] of stats) {
			if (stat.pgrp !== pid) continue;
			const environ = readProc(`/proc/${pid}/environ`);
			if (environ?.split('\0').includes(`N8N_USER_FOLDER=${this.userFolder}`)) leaders.add(pid);
		}
		let total = 0;
		for (const stat of stats.values()) if (leaders.has(stat.pgrp)) total += stat.rss;
		return total;
	}

	start(intervalMs = 100): this {
		this.peak = this.current();
		this.samples = 1;
		this.timer = setInterval(() => {
			this.peak = Math.max(this.peak, this.current());
			this.samples += 1;
		}, intervalMs);
		return this;
	}

	/** Stops sampling; returns the peak seen since start(), in bytes. */
	stop(): { peakBytes: number; samples: number } {
		clearInterval(this.timer);
		this.peak = Math.max(this.peak, this.current());
		return { peakBytes: this.peak, samples: this.samples };
	}
}

// ---------------------------------------------------------------------------------------- n8n

export interface BenchN8n {
	n8n: N8nInstance;
	credentials: N8nCredentialRecord[];
	memory: N8nMemorySampler;
	stop(): Promise<void>;
}

/**
 * A real n8n (the pinned 2.40.7) with the pack installed as a community package and the
 * sandbox credentials imported; extra credentials (e.g. for n8n's built-in nodes) and env
 * (e.g. proxy settings) come from the suite.
 */
export async function startBenchN8n(
	sandbox: Sandbox,
	options: { env?: Record<string, string>; extraCredentials?: N8nCredentialRecord[]; start?: StartOptions } = {},
): Promise<BenchN8n> {
	await ensureN8nInstalled();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-bench-'));
	await ensurePackInstalled(userFolder);
	const n8n = await startN8n({ ...options.start, userFolder, env: { ...options.start?.env, ...options.env } });
	const credentials = [...sandboxCredentials(sandbox.url), ...(options.extraCredentials ?? [])];
	await n8n.importCredentials(credentials);
	return {
		n8n,
		credentials,
		memory: new N8nMemorySampler(userFolder),
		stop: async () => {
			await n8n.stop();
			if (process.env.P2C_BENCH_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Time n8n itself measured for a node (sum over its runs), in seconds. */
export function nodeSeconds(execution: ExecutionResult, nodeName: string): number {
	const runs = (execution.data?.resultData?.runData?.[nodeName] ?? []) as Array<{ executionTime?: number }>;
	return runs.reduce((total, run) => total + (run.executionTime ?? 0), 0) / 1000;
}

/** Wall time of an execution from n8n's own start and stop stamps, in seconds. */
export function executionSeconds(execution: ExecutionResult): number | null {
	if (!execution.startedAt || !execution.stoppedAt) return null;
	return (Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000;
}

/** Requests the sandbox answered, per vendor (optionally only those matching a filter). */
export function requestCounts(sandbox: Sandbox, filter: (request: Sandbox['requests'][number]) => boolean = () => true): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of sandbox.requests) if (filter(request)) counts[request.vendor] = (counts[request.vendor] ?? 0) + 1;
	return counts;
}
