import type { IDataObject } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { XERO_APP, XERO_CUSTOM_CONNECTION, XERO_REFRESH_TOKEN, XERO_TENANT_ID } from '../../../sandbox/vendors/xero';
import { testCredential } from '../../harness/n8n';
import { credentials, erp, xeroHelpers } from './support';
import { json, run, useCredential, useSandbox } from '../../integration/support';
import { NodeApiError } from 'n8n-workflow';

const node = new Erp();
const sandbox = useSandbox();
const { state, requests, counts, useCustomConnection } = xeroHelpers(sandbox);

beforeEach(() => {
	useCustomConnection();
});

function useApp(extra: IDataObject = {}): Record<string, string> {
	const base = `${sandbox.sandbox.url}/xero`;
	useCredential('xero-app', 'p2cXeroOAuth2Api', {
		baseUrl: `${base}/api.xro/2.0`,
		tenantId: XERO_TENANT_ID,
		clientId: XERO_APP.clientId,
		clientSecret: XERO_APP.clientSecret,
		accessTokenUrl: `${base}/connect/token`,
		authUrl: `${base}/identity/connect/authorize`,
		grantType: 'authorizationCode',
		authentication: 'header',
		scope: '',
		oauthTokenData: { access_token: 'expired-access-token', refresh_token: XERO_REFRESH_TOKEN, token_type: 'Bearer' },
		...extra,
	});
	return { p2cXeroOAuth2Api: 'xero-app' };
}

const app = { system: 'xero', xeroAuthentication: 'oAuth2' };

describe('Xero credentials', () => {
	it('tests a custom connection: the token is fetched with Basic auth, a wrong secret fails', async () => {
		const data = { clientId: XERO_CUSTOM_CONNECTION.clientId, clientSecret: XERO_CUSTOM_CONNECTION.clientSecret, tokenUrl: `${sandbox.sandbox.url}/xero/connect/token`, baseUrl: `${sandbox.sandbox.url}/xero/api.xro/2.0` };
		expect((await testCredential('p2cXeroClientCredentialsApi', data)).status).toBe('OK');
		const token = (await requests()).find((request) => request.route === '/connect/token')!;
		expect(token.body).toEqual({ grant_type: 'client_credentials' });
		await expect(testCredential('p2cXeroClientCredentialsApi', { ...data, clientSecret: 'wrong' })).rejects.toThrow(/400/);
	});

	it('fetches a new custom-connection token when Xero answers 401 TokenExpired, and retries', async () => {
		await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 1 }), { credentials });
		await sandbox.admin('POST', '/vendors/xero/expireTokens', {});
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 2 }), { credentials });
		expect(items).toHaveLength(2);
		expect((await counts())['xero POST /connect/token']).toBe(2);
		expect((await requests()).filter((request) => request.status === 401)).toHaveLength(1);
	});

	it('refreshes an expired OAuth2 token through n8n and names the tenant on every call', async () => {
		const items = await run(node, { ...app, resource: 'invoice', operation: 'list', returnAll: false, limit: 3 }, { credentials: useApp() });
		expect(items).toHaveLength(3);
		const logged = await requests();
		const token = logged.find((request) => request.route === '/connect/token')!;
		expect(token.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: XERO_REFRESH_TOKEN });
		expect(logged.filter((request) => request.route === '/api.xro/2.0/Invoices').every((request) => request.headers['xero-tenant-id'] === XERO_TENANT_ID)).toBe(true);
	});

	it('survives a token endpoint that answers 503 or 429 while n8n refreshes an OAuth2 token: the request is tried again, not failed', async () => {
		await sandbox.admin('POST', '/faults', { rules: [{ kind: 'status', status: 503, count: 1, vendor: 'xero', path: 'connect/token' }, { kind: 'status', status: 429, count: 1, vendor: 'xero', path: 'connect/token' }] });
		const items = await run(node, { ...app, resource: 'customer', operation: 'list', returnAll: false, limit: 2 }, { credentials: useApp() });
		expect(items).toHaveLength(2);
		expect((await requests()).filter((request) => request.route === '/connect/token').map((request) => request.status)).toEqual([503, 429, 200]);
	}, 30_000);

	it('survives a custom-connection token request that answers 503, is reset, or is answered and lost', async () => {
		await sandbox.admin('POST', '/faults', {
			rules: [
				{ kind: 'status', status: 503, count: 1, vendor: 'xero', path: 'connect/token' },
				{ kind: 'reset', count: 1, vendor: 'xero', path: 'connect/token' },
				{ kind: 'dropAfterCommit', count: 1, vendor: 'xero', path: 'connect/token' },
			],
		});
		expect(await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 2 }), { credentials })).toHaveLength(2);
		expect((await requests()).filter((request) => request.route === '/connect/token')).toHaveLength(4);
	}, 30_000);

	it('answers a wrong tenant with Xero\'s 403, and points at the Tenant ID', async () => {
		const error = await run(node, { ...app, resource: 'customer', operation: 'list', returnAll: false, limit: 1 }, { credentials: useApp({ tenantId: '11111111-1111-1111-1111-111111111111' }) }).catch((caught: Error) => caught);
		expect((error as Error).message).toMatch(/Xero: Forbidden: AuthenticationUnsuccessful \(check the Tenant ID/);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
	});

	it('fails with Xero\'s 401 when the OAuth2 grant is gone (refresh refused)', async () => {
		const error = await run(node, { ...app, resource: 'customer', operation: 'list', returnAll: false, limit: 1 }, {
			credentials: useApp({ oauthTokenData: { access_token: 'revoked', refresh_token: 'revoked-refresh', token_type: 'Bearer' } }),
		}).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		// A refused refresh is the credential's fault: HTTP 401, the vendor named, the endpoint's reason given.
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).message).toMatch(/^Xero: the credential was refused \(The credential .+ needs to be reconnected/);
		const logged = await requests();
		expect(logged.find((request) => request.status === 401)?.route).toBe('/api.xro/2.0/Contacts');
		expect(logged.find((request) => request.route === '/connect/token')?.status).toBe(400);
		expect((await state()).contacts.length).toBeGreaterThan(0);
	});
});

describe('Xero rate limits', () => {
	it('waits out a minute-limit 429 (Retry-After, X-Rate-Limit-Problem: minute) and completes every item', async () => {
		await sandbox.admin('POST', '/vendors/xero/limits', { minute: 2, minuteWindowMs: 1500 });
		const ids = (await state()).contacts.slice(0, 4).map((contact) => ({ id: contact.ContactID }));
		const items = await run(node, erp({ resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' }), { credentials, items: ids });
		expect(json(items).map((item) => item.id)).toEqual(ids.map((entry) => entry.id));
		const statuses = (await requests()).filter((request) => request.route === '/api.xro/2.0/Contacts/:id').map((request) => request.status);
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
		expect(statuses.filter((status) => status === 200)).toHaveLength(4);
	}, 30_000);

	it('fails fast on the day limit (Retry-After of hours) for that item only, under continue-on-fail', async () => {
		await sandbox.admin('POST', '/vendors/xero/limits', { day: 2 });
		const ids = (await state()).contacts.slice(0, 3).map((contact) => ({ id: contact.ContactID }));
		const items = await run(node, erp({ resource: 'customer', operation: 'get', customerId: '={{ $json.id }}' }), { credentials, continueOnFail: true, items: ids });
		expect([items[0].json.id, items[1].json.id]).toEqual([ids[0].id, ids[1].id]);
		expect(items[2].json.errorDetails).toMatchObject({ httpCode: '429' });
		expect(items[2].json.input).toEqual(ids[2]);
		// No retry was sent: the wait Xero asks for is far beyond what an execution should hold.
		expect((await requests()).filter((request) => request.status === 429)).toHaveLength(1);
	});
});
