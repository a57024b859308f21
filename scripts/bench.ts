/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * Throughput and memory of the CRM node's large reads against the sandbox, at a chosen scale:
 *   npm run bench -- --scale 10
 * Prints figures; it asserts nothing (targets are read from the figures, not from timed tests).
 */
import { Crm } from '../nodes/Crm/Crm.node';
import { resetPacing } from '../nodes/shared/transport/pacing';
import { startSandbox } from '../sandbox/server';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../sandbox/vendors/hubspot';
import { runNode, useCredential } from '../test/harness/n8n';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
	const scale = flag('scale', 10);
	const sandbox = await startSandbox({ port: 0, scale, seed: 42 });
	useCredential('bench-hubspot', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.url}/hubspot` });
	const node = new Crm();
	const cases = [
		{ label: 'HubSpot clients, Return All (list API)', parameters: { resource: 'client', operation: 'list', returnAll: true } },
		{ label: 'HubSpot opportunities, Return All (list API + associations)', parameters: { resource: 'opportunity', operation: 'list', returnAll: true } },
		{ label: 'HubSpot won opportunities (search API + associations)', parameters: { resource: 'opportunity', operation: 'list', returnAll: true, filters: { status: 'won' } } },
	];
	console.log(`scale ${scale}: ${sandbox.vendors.size} vendor fakes, node ${process.version}`);
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
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const heapAfter = process.memoryUsage().heapUsed;
		const records = output[0].length;
		console.log(
			`${benchCase.label}: ${records} records, ${sandbox.requests.length} requests, ${seconds.toFixed(2)} s, ` +
				`${Math.round(records / seconds)} records/s, heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MiB ` +
				`(${((heapAfter - heapBefore) / Math.max(records, 1) / 1024).toFixed(2)} KiB/record)`,
		);
	}
	await sandbox.close();
}

void main();
