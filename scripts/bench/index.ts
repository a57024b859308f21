/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * `npm run bench`: every benchmark suite, one after the other, each printing its tables; all
 * figures are then written as JSON (default .cache/bench/results.json).
 *   npm run bench -- --only api,mapping      some suites only (names below)
 *   npm run bench -- --scale 10 --out f.json  numeric flags are read by the suites
 * It asserts nothing: figures are compared between runs, not checked by timers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mappingSuite } from './mapping';
import { apiSuite } from './api';
import { readsSuite } from './reads';
import { rulesSuite } from './rules';
import { templatesSuite } from './templates';
import { formatTable, type BenchSuite, type BenchTable } from './support';

const SUITES: BenchSuite[] = [readsSuite, mappingSuite, rulesSuite, templatesSuite, apiSuite];

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
	const only = option('only')?.split(',').map((name) => name.trim());
	const unknown = (only ?? []).filter((name) => !SUITES.some((suite) => suite.name === name));
	if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; suites: ${SUITES.map((suite) => suite.name).join(', ')}`);
	const out = path.resolve(option('out') ?? path.join(__dirname, '..', '..', '.cache', 'bench', 'results.json'));
	const tables: BenchTable[] = [];
	const failures: Array<{ suite: string; error: string }> = [];
	console.log(`# Benchmarks (${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB)`);
	for (const suite of SUITES.filter((candidate) => !only || only.includes(candidate.name))) {
		console.error(`\n[bench] ${suite.name}: ${suite.description}`);
		const started = Date.now();
		try {
			await suite.run({
				flag: (name, fallback) => (option(name) === undefined ? fallback : Number(option(name))),
				report: (table) => {
					tables.push(table);
					console.log(formatTable(table));
				},
				log: (message) => console.error(`[bench ${suite.name}] ${message}`),
			});
		} catch (error) {
			// One suite failing must not hide the others' figures.
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			failures.push({ suite: suite.name, error: message });
			console.error(`[bench] ${suite.name} FAILED: ${message}`);
		}
		console.error(`[bench] ${suite.name} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, tables, failures }, null, 2));
	console.log(`\nfigures written to ${out}`);
	if (failures.length) process.exitCode = 1;
}

void main().then(() => process.exit());
