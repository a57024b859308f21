/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * Throughput and memory of the CRM node's large reads, in process (n8n-core's real execution
 * context, test/harness) against the sandbox at a chosen scale: records, requests, time, heap.
 */
import { Crm } from '../../nodes/Crm/Crm.node';
import { resetPacing } from '../../nodes/shared/transport/pacing';
import { startSandbox } from '../../sandbox/server';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { runNode, useCredential } from '../../test/harness/n8n';
import { mib, seconds, type BenchSuite } from './support';

export const readsSuite: BenchSuite = {
	name: 'reads',
	description: 'CRM node large reads in process (HubSpot list, list with associations, search)',
	async run(bench) {
		const scale = bench.flag('scale', 10);
		const sandbox = await startSandbox({ port: 0, scale, seed: 42 });
		useCredential('bench-hubspot', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.url}/hubspot` });
		const node = new Crm();
		const cases = [
			{ label: 'HubSpot clients, Return All (list API)', parameters: { resource: 'client', operation: 'list', returnAll: true } },
			{ label: 'HubSpot opportunities, Return All (list API + associations)', parameters: { resource: 'opportunity', operation: 'list', returnAll: true } },
			{ label: 'HubSpot won opportunities (search API + associations)', parameters: { resource: 'opportunity', operation: 'list', returnAll: true, filters: { status: 'won' } } },
		];
		const rows = [];
		try {
			for (const benchCase of cases) {
				// Fresh limits on both sides: each case starts with HubSpot's full 10-second window.
				sandbox.reset();
				resetPacing();
				global.gc?.();
				const heapBefore = process.memoryUsage().heapUsed;
				const started = process.hrtime.bigint();
				const output = await runNode({
					type: node,
					parameters: { system: 'hubspot', hubspotAuthentication: 'privateApp', ...benchCase.parameters },
					credentials: { p2cHubSpotPrivateAppApi: 'bench-hubspot' },
				});
				const took = seconds(started);
				const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
				const records = output[0].length;
				rows.push({
					read: benchCase.label,
					records,
					requests: sandbox.requests.length,
					seconds: took,
					'records/s': Math.round(records / took),
					'heap growth MiB': mib(heapGrowth),
				});
			}
		} finally {
			await sandbox.close();
		}
		bench.report({
			suite: 'reads',
			title: `CRM node reads in process, sandbox scale ${scale}`,
			columns: ['read', 'records', 'requests', 'seconds', 'records/s', 'heap growth MiB'],
			rows,
			notes: ['Heap growth is of the benchmark process (the node runs in process here), measured without forcing GC unless node runs with --expose-gc.'],
		});
	},
};
