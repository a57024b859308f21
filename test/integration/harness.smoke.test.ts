/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IExecuteFunctions, INodeType } from 'n8n-workflow';
import { runNode, useCredential } from '../harness/n8n';

test('n8n-core execute context sends an authenticated request', async () => {
	const seen: string[] = [];
	const server = createServer((req, res) => {
		seen.push(String(req.headers.authorization));
		res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
		res.end(JSON.stringify({ ok: true }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const type = {
		description: { name: 'probe', displayName: 'Probe', version: 1, properties: [], inputs: ['main'], outputs: ['main'], credentials: [{ name: 'p2cHubSpotPrivateAppApi', required: true }] },
		async execute(this: IExecuteFunctions) {
			const res = await this.helpers.httpRequestWithAuthentication.call(this, 'p2cHubSpotPrivateAppApi', {
				url: `http://127.0.0.1:${port}/x`, json: true, returnFullResponse: true, ignoreHttpStatusErrors: { ignore: true, except: [401] },
			});
			return [[{ json: res }]];
		},
	} as unknown as INodeType;
	useCredential('c1', 'p2cHubSpotPrivateAppApi', { accessToken: 'tok', baseUrl: '' });
	const out = await runNode({ type, parameters: {}, credentials: { p2cHubSpotPrivateAppApi: 'c1' } });
	server.close();
	expect(seen).toEqual(['Bearer tok']);
	expect(out[0][0].json).toMatchObject({ statusCode: 429, body: { ok: true } });
	expect((out[0][0].json.headers as Record<string, string>)['retry-after']).toBe('1');
});
