import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { Crm } from '../../nodes/Crm/Crm.node';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { run, useCredential, useSandbox } from './support';

/**
 * The shared transport's error paths, exercised through the CRM node over HTTP: each vendor answer
 * with continue-on-fail off (the node fails, naming the item) and on (the item carries the error).
 */
const node = new Crm();
const sandbox = useSandbox();
const credentials = { p2cHubSpotPrivateAppApi: 'hubspot-pat' };
const listClients: INodeParameters = { system: 'hubspot', hubspotAuthentication: 'privateApp', resource: 'client', operation: 'list', returnAll: false, limit: 3 };
const getClient = (id: string): INodeParameters => ({ ...listClients, operation: 'get', clientId: id });

interface LoggedRequest {
	route: string;
	method: string;
	status?: number;
}
const requests = async () => (await sandbox.admin<{ requests: LoggedRequest[] }>('GET', '/requests?vendor=hubspot')).requests;
const companies = async () => (await sandbox.admin<{ companies: Array<{ properties: Record<string, string> }> }>('GET', '/state/hubspot')).companies;
const fault = async (rule: IDataObject) => await sandbox.admin('POST', '/faults', { vendor: 'hubspot', ...rule });

beforeEach(() => {
	useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.sandbox.url}/hubspot` });
});

describe('401 with a bad token', () => {
	beforeEach(() => {
		useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: 'pat-revoked', baseUrl: `${sandbox.sandbox.url}/hubspot` });
	});

	it('fails the node with HubSpot\'s message, status and correlation id', async () => {
		const error = (await run(node, listClients, { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^HubSpot: Authentication credentials not found/);
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/GET \/crm\/v3\/objects\/companies answered 401 · code INVALID_AUTHENTICATION · HubSpot request id [0-9a-f-]{36}/);
		expect(error.context.itemIndex).toBe(0);
	});

	it('under continue-on-fail, gives each item its error and keeps the pairing', async () => {
		const items = await run(node, listClients, { credentials, continueOnFail: true, items: [{ a: 1 }, { a: 2 }] });
		expect(items).toHaveLength(2);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(items[1].json).toMatchObject({ error: expect.stringMatching(/Authentication credentials not found/), errorDetails: { httpCode: '401' }, input: { a: 2 } });
		expect((items[0].json.errorDetails as IDataObject).requestId).toMatch(/[0-9a-f-]{36}/);
	});
});

describe('404', () => {
	it('fails on the item whose record does not exist', async () => {
		const known = (await run(node, listClients, { credentials }))[0].json.id as string;
		const error = (await run(node, getClient('={{ $json.id }}'), { credentials, items: [{ id: known }, { id: '999999' }] }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/Object not found/);
		expect(error.context.itemIndex).toBe(1);
	});

	it('under continue-on-fail, the found record and the error both come out', async () => {
		const known = (await run(node, listClients, { credentials }))[0].json.id as string;
		const items = await run(node, getClient('={{ $json.id }}'), { credentials, continueOnFail: true, items: [{ id: known }, { id: '999999' }] });
		expect(items[0].json.id).toBe(known);
		expect(items[1].json).toMatchObject({ errorDetails: { httpCode: '404' } });
	});
});

describe('429 with Retry-After', () => {
	it('waits the seconds HubSpot asks for, then succeeds', async () => {
		await fault({ kind: 'status', status: 429, retryAfter: '1', count: 1, body: { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT' } });
		const started = Date.now();
		const items = await run(node, listClients, { credentials });
		expect(items).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect((await requests()).map((request) => request.status)).toEqual([429, 200]);
	});

	it('honours an HTTP-date Retry-After', async () => {
		await fault({ kind: 'status', status: 429, retryAfter: new Date(Date.now() + 2000).toUTCString(), count: 1 });
		const started = Date.now();
		await run(node, listClients, { credentials });
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect((await requests()).map((request) => request.status)).toEqual([429, 200]);
	});

	it('retries a refused (429) create, which HubSpot never started', async () => {
		await fault({ kind: 'status', status: 429, retryAfter: '0', count: 1, method: 'POST' });
		const items = await run(node, { ...listClients, operation: 'create', inputMode: 'json', record: '={{ $json }}' }, { credentials, items: [{ name: 'Retry Ltd' }] });
		expect(items[0].json.name).toBe('Retry Ltd');
		expect((await companies()).filter((company) => company.properties.name === 'Retry Ltd')).toHaveLength(1);
	});

	it('fails fast when Retry-After is longer than the policy allows, under continue-on-fail too', async () => {
		await fault({ kind: 'status', status: 429, retryAfter: '3600', count: 2 });
		const items = await run(node, listClients, { credentials, continueOnFail: true });
		expect(items[0].json).toMatchObject({ errorDetails: { httpCode: '429' } });
		expect(await requests()).toHaveLength(1);
	});
});

describe('5xx, resets and lost responses', () => {
	it('retries a read after 500, 502 and 503', async () => {
		await fault({ kind: 'status', status: 500, count: 1 });
		await fault({ kind: 'status', status: 502, count: 1 });
		await fault({ kind: 'status', status: 503, count: 1 });
		expect(await run(node, listClients, { credentials })).toHaveLength(3);
		expect((await requests()).map((request) => request.status)).toEqual([500, 502, 503, 200]);
	}, 30_000);

	it('retries a read after a connection reset', async () => {
		await fault({ kind: 'reset', count: 1 });
		expect(await run(node, listClients, { credentials })).toHaveLength(3);
		expect(await requests()).toHaveLength(2);
	});

	it('gives up after the last attempt with the vendor status', async () => {
		await fault({ kind: 'status', status: 501, count: 10 });
		const error = (await run(node, listClients, { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.httpCode).toBe('501');
		expect(await requests()).toHaveLength(1); // 501 is not a "try later" status
		await sandbox.admin('DELETE', '/faults');
		await sandbox.admin('DELETE', '/requests');
		await fault({ kind: 'status', status: 503, count: 10 });
		const exhausted = (await run(node, listClients, { credentials, continueOnFail: true }))[0].json;
		expect(exhausted).toMatchObject({ errorDetails: { httpCode: '503' } });
		expect(await requests()).toHaveLength(5);
	}, 30_000);

	it('never re-sends a create after a 503, because that could create the client twice', async () => {
		await fault({ kind: 'status', status: 503, count: 1, method: 'POST' });
		const items = await run(node, { ...listClients, operation: 'create', inputMode: 'json', record: '={{ $json }}' }, { credentials, continueOnFail: true, items: [{ name: 'Once Only Ltd' }] });
		expect(items[0].json).toMatchObject({ errorDetails: { httpCode: '503' } });
		expect(await requests()).toHaveLength(1);
	});

	it('re-sends an upsert whose response was lost after the write committed, without a duplicate', async () => {
		await fault({ kind: 'dropAfterCommit', count: 1, method: 'POST', path: 'batch/upsert' });
		const items = await run(
			node,
			{ ...listClients, operation: 'upsert', externalId: 'ERP-LOST-1', inputMode: 'json', record: '={{ $json }}' },
			{ credentials, items: [{ name: 'Lost Response Ltd' }] },
		);
		expect(items[0].json).toMatchObject({ name: 'Lost Response Ltd', externalRefs: { key: 'ERP-LOST-1' } });
		expect((await requests()).filter((request) => request.route.endsWith('batch/upsert'))).toHaveLength(2);
		expect((await companies()).filter((company) => company.properties.p2c_external_id === 'ERP-LOST-1')).toHaveLength(1);
	});
});

describe('malformed bodies', () => {
	it('reports a body that is not JSON instead of passing garbage on', async () => {
		await fault({ kind: 'malformed', count: 1 });
		const error = (await run(node, listClients, { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/HubSpot sent a malformed JSON body/);
		await fault({ kind: 'malformed', count: 1 });
		const items = await run(node, listClients, { credentials, continueOnFail: true });
		expect(items[0].json.error).toMatch(/malformed JSON body/);
	});
});
