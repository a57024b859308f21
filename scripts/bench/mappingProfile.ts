/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Canonical Mapping node on the mapping benchmark's time entries, in process (n8n-core's real
 * execution context, test/harness): for profiling without booting n8n.
 *   npx tsx scripts/bench/mappingProfile.ts [--items 100000] [--source builtIn|document]
 *   node --cpu-prof --cpu-prof-dir .cache/bench/prof --import tsx scripts/bench/mappingProfile.ts
 */
import type { IDataObject } from 'n8n-workflow';
import { CanonicalMapping } from '../../nodes/CanonicalMapping/CanonicalMapping.node';
import { runNode } from '../../test/harness/n8n';
import { canonicalMappingParameters, generatorCode } from './mappingWorkload';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

/** The Code node's generator, run here as a plain function. */
export function generateTimeEntries(count: number): IDataObject[] {
	const generate = new Function(generatorCode(count)) as () => Array<{ json: IDataObject }>;
	return generate().map((item) => item.json);
}

async function main(): Promise<void> {
	const count = Number(option('items') ?? 100_000);
	const source = (option('source') ?? 'builtIn') as 'builtIn' | 'document';
	const items = generateTimeEntries(count);
	const heapBefore = process.memoryUsage().heapUsed;
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const output = await runNode({ type: new CanonicalMapping(), parameters: canonicalMappingParameters(source) as never, items });
	const took = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = process.cpuUsage(cpuBefore);
	const cpuSeconds = (cpu.user + cpu.system) / 1e6;
	const [valid, exceptions] = output;
	console.log(
		`${source}: ${count} items, ${valid.length} valid, ${exceptions.length} exceptions, ${took.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (${Math.round(count / cpuSeconds)} items per CPU second), heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1048576)} MiB (the harness's secret scan of the output included)`,
	);
	if (exceptions.length > 0) console.log(JSON.stringify(exceptions[0].json).slice(0, 1000));
}

if (require.main === module) void main();
