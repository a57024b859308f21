/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The vendor host gateway: software that calls the real vendor hosts over HTTPS (n8n's built-in
 * nodes) reaches the sandbox through it, TLS and all, and is logged and rate-limited there; other
 * hosts are refused. Also the endpoints n8n's built-in HubSpot, Harvest and Xero nodes call.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { startVendorGateway, type VendorGateway } from '../../sandbox/gateway';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { HARVEST_ACCOUNT_ID, HARVEST_PERSONAL_ACCESS_TOKEN } from '../../sandbox/vendors/harvest';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { XERO_APP, XERO_REFRESH_TOKEN, XERO_TENANT_ID } from '../../sandbox/vendors/xero';

let sandbox: Sandbox;
let gateway: VendorGateway;
let certificateDir: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	certificateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-gateway-'));
	gateway = await startVendorGateway(sandbox.url, { certificateDir });
});
afterAll(async () => {
	await gateway.close();
	await sandbox.close();
	fs.rmSync(certificateDir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());

interface Answer {
	status: number;
	body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Opens a CONNECT tunnel through the gateway; resolves the socket, or the proxy's refusal status. */
function connect(host: string): Promise<Socket | number> {
	return new Promise((resolve, reject) => {
		const request = http.request({ host: '127.0.0.1', port: gateway.port, method: 'CONNECT', path: `${host}:443`, agent: false });
		request.on('connect', (response, socket) => (response.statusCode === 200 ? resolve(socket) : (socket.destroy(), resolve(response.statusCode ?? 0))));
		request.on('error', reject);
		request.end();
	});
}

/** An HTTPS request to a vendor host through the gateway, verifying the host's certificate with the gateway CA only. */
async function viaGateway(host: string, method: string, pathAndQuery: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
	const tunnel = await connect(host);
	if (typeof tunnel === 'number') return { status: tunnel, body: undefined };
	const secure = tls.connect({ socket: tunnel, servername: host, ca: fs.readFileSync(gateway.caFile) });
	await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	return await new Promise((resolve, reject) => {
		const request = http.request(
			{
				createConnection: () => secure,
				host,
				method,
				path: pathAndQuery,
				headers: { accept: 'application/json', ...(payload && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => {
					secure.destroy();
					let parsed: unknown = text;
					try {
						parsed = JSON.parse(text);
					} catch {
						// not JSON
					}
					resolve({ status: response.statusCode ?? 0, body: parsed });
				});
			},
		);
		request.on('error', reject);
		if (payload) request.write(payload);
		request.end();
	});
}

describe('vendor host gateway', () => {
	it('terminates TLS for a vendor host and forwards to the sandbox, which logs and answers it', async () => {
		const answer = await viaGateway('api.hubapi.com', 'GET', '/crm/v3/objects/companies?limit=2', { authorization: `Bearer ${HUBSPOT_PRIVATE_APP_TOKEN}` });
		expect(answer.status).toBe(200);
		expect(answer.body.results).toHaveLength(2);
		const logged = sandbox.requests.filter((request) => request.vendor === 'hubspot');
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ method: 'GET', path: '/crm/v3/objects/companies', headers: { 'x-forwarded-host': 'api.hubapi.com' } });
		expect(gateway.forwarded['api.hubapi.com']).toBeGreaterThanOrEqual(1);
	});

	it('refuses hosts that are not vendor hosts, tunnelled or plain', async () => {
		expect(await connect('example.com')).toBe(403);
		const plain = await new Promise<number>((resolve, reject) => {
			http.get({ host: '127.0.0.1', port: gateway.port, path: 'http://example.com/', agent: false }, (response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			}).on('error', reject);
		});
		expect(plain).toBe(403);
		expect(gateway.refused).toEqual(expect.arrayContaining(['example.com']));
		expect(sandbox.requests).toHaveLength(0);
	});

	it('passes the vendor rate limit through: HubSpot answers 429 past 100 calls in 10 s', async () => {
		const auth = { authorization: `Bearer ${HUBSPOT_PRIVATE_APP_TOKEN}` };
		const statuses: number[] = [];
		for (let call = 0; call < 101; call++) statuses.push((await viaGateway('api.hubapi.com', 'GET', '/crm/v3/objects/companies?limit=1', auth)).status);
		expect(statuses.filter((status) => status === 200)).toHaveLength(100);
		expect(statuses[100]).toBe(429);
	}, 60_000);
});

describe('endpoints of n8n\'s built-in nodes, through the gateway', () => {
	it('HubSpot contacts v1: create or update by e-mail, then the profile', async () => {
		const auth = { authorization: `Bearer ${HUBSPOT_PRIVATE_APP_TOKEN}` };
		const email = 'ada.bench@example.com';
		const created = await viaGateway('api.hubapi.com', 'POST', `/contacts/v1/contact/createOrUpdate/email/${email}`, auth, { properties: [{ property: 'firstname', value: 'Ada' }] });
		expect(created).toMatchObject({ status: 200, body: { isNew: true } });
		const updated = await viaGateway('api.hubapi.com', 'POST', `/contacts/v1/contact/createOrUpdate/email/${email}`, auth, { properties: [{ property: 'jobtitle', value: 'CFO' }] });
		expect(updated.body).toEqual({ vid: created.body.vid, isNew: false });
		const profile = await viaGateway('api.hubapi.com', 'GET', `/contacts/v1/contact/vid/${created.body.vid}/profile`, auth);
		expect(profile.body.properties).toMatchObject({ email: { value: email }, firstname: { value: 'Ada' }, jobtitle: { value: 'CFO' } });
		const stored = [...(sandbox.vendors.get('hubspot')!.state().contacts as Array<{ properties: Record<string, string> }>)].filter((contact) => contact.properties.email === email);
		expect(stored).toHaveLength(1);
		expect((await viaGateway('api.hubapi.com', 'POST', '/contacts/v1/contact/createOrUpdate/email/not-an-email', auth, { properties: [] })).status).toBe(400);
	});

	it('Harvest time entries by page: a User-Agent without a contact passes only under the "present" rule', async () => {
		const headers = { authorization: `Bearer ${HARVEST_PERSONAL_ACCESS_TOKEN}`, 'harvest-account-id': HARVEST_ACCOUNT_ID, 'user-agent': 'Harvest App' };
		expect((await viaGateway('api.harvestapp.com', 'GET', '/v2/time_entries?per_page=100', headers)).status).toBe(400);
		sandbox.vendors.get('harvest')!.admin!('userAgent', { require: 'present' });
		const page = await viaGateway('api.harvestapp.com', 'GET', '/v2/time_entries?per_page=100&page=2', headers);
		expect(page.status).toBe(200);
		expect(page.body).toMatchObject({ per_page: 100, page: 2 });
		expect((await viaGateway('api.harvestapp.com', 'GET', '/v2/time_entries', { ...headers, 'user-agent': '' })).status).toBe(400);
	});

	it('Xero: a token from identity.xero.com, then POST /Invoices creates one invoice per call', async () => {
		const basic = Buffer.from(`${XERO_APP.clientId}:${XERO_APP.clientSecret}`).toString('base64');
		const token = await viaGateway('identity.xero.com', 'POST', '/connect/token', { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, `grant_type=refresh_token&refresh_token=${XERO_REFRESH_TOKEN}`);
		expect(token.status).toBe(200);
		const xero = sandbox.vendors.get('xero')!;
		const contact = (xero.state().contacts as Array<{ ContactID: string }>)[0];
		const before = (xero.state().invoices as unknown[]).length;
		const headers = { authorization: `Bearer ${token.body.access_token}`, 'xero-tenant-id': XERO_TENANT_ID };
		const invoice = { Type: 'ACCREC', Contact: { ContactID: contact.ContactID }, Reference: 'GW-1', LineItems: [{ Description: 'Advisory', Quantity: '2', UnitAmount: 150, AccountCode: '200', TaxType: 'NONE', Tracking: [] }] };
		const created = await viaGateway('api.xero.com', 'POST', '/api.xro/2.0/Invoices', headers, invoice);
		expect(created.status).toBe(200);
		expect(created.body.Invoices[0]).toMatchObject({ Reference: 'GW-1', Status: 'DRAFT', Total: 300 });
		expect((xero.state().invoices as unknown[]).length).toBe(before + 1);
		// The same verb updates when the element names an existing invoice.
		const updated = await viaGateway('api.xero.com', 'POST', '/api.xro/2.0/Invoices', headers, { InvoiceID: created.body.Invoices[0].InvoiceID, Reference: 'GW-1b' });
		expect(updated.body.Invoices[0]).toMatchObject({ InvoiceID: created.body.Invoices[0].InvoiceID, Reference: 'GW-1b' });
		expect((xero.state().invoices as unknown[]).length).toBe(before + 1);
		expect((await viaGateway('api.xero.com', 'POST', '/api.xro/2.0/Invoices', { ...headers, 'xero-tenant-id': 'another-tenant' }, invoice)).status).toBe(403);
	});
});
