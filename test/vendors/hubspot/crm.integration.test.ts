/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Crm } from '../../../nodes/Crm/Crm.node';
import { CrmTrigger } from '../../../nodes/Crm/CrmTrigger.node';
import { Client, Contact, Opportunity } from '../../../nodes/shared/canonical';
import { HUBSPOT_OAUTH_CLIENT, HUBSPOT_PRIVATE_APP_TOKEN } from '../../../sandbox/vendors/hubspot';
import { runLoadOptions, runPoll, testCredential } from '../../harness/n8n';
import { json, run, useCredential, useSandbox } from '../../integration/support';
import { P2cHubSpotOAuth2Api } from '../../../credentials/P2cHubSpotOAuth2Api.credentials';

const node = new Crm();
const trigger = new CrmTrigger();
const sandbox = useSandbox();
const credentials = { p2cHubSpotPrivateAppApi: 'hubspot-pat' };

type HubSpotRecord = { id: string; properties: Record<string, string | null> };
interface HubSpotState {
	companies: HubSpotRecord[];
	contacts: HubSpotRecord[];
	deals: HubSpotRecord[];
	associations: Array<{ fromType: string; fromId: string; toType: string; toId: string }>;
}
const state = async () => await sandbox.admin<HubSpotState>('GET', '/state/hubspot');
const counts = async () => (await sandbox.admin<{ counts: Record<string, number> }>('GET', '/requests?vendor=hubspot&log=false')).counts;

beforeEach(() => {
	useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.sandbox.url}/hubspot` });
});

const crm = (parameters: INodeParameters): INodeParameters => ({ system: 'hubspot', hubspotAuthentication: 'privateApp', ...parameters });

describe('HubSpot clients', () => {
	it('lists clients with a limit, as canonical records', async () => {
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'hubspot', entity: 'client' });
			expect(item.remoteData).toBeUndefined();
		}
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// A limit of 5 asks HubSpot for one page of 5, not for the page size cap.
		expect((await counts())['hubspot GET /crm/v3/objects/:objectType']).toBe(1);
	});

	it('returns all clients across pages of at most 100', async () => {
		sandbox.sandbox.reset({ scale: 3 });
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: true }), { credentials });
		expect(items).toHaveLength((await state()).companies.length);
		expect(new Set(json(items).map((item) => item.id)).size).toBe(items.length);
		expect((await counts())['hubspot GET /crm/v3/objects/:objectType']).toBe(2);
	});

	it('filters by modified-since through the search API, with the raw record kept on request', async () => {
		const before = await state();
		const target = before.companies[3];
		await run(node, crm({ resource: 'client', operation: 'update', clientId: target.id, inputMode: 'fields', fields: { phone: '+44 20 0000 0000' } }), { credentials });
		const since = new Date(Date.now() - 60_000).toISOString();
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: true, filters: { modifiedSince: since }, options: { includeRaw: true } }), { credentials });
		expect(json(items).map((item) => item.id)).toEqual([target.id]);
		expect((items[0].json.remoteData as HubSpotRecord).properties.phone).toBe('+44 20 0000 0000');
		expect((await counts())['hubspot POST /crm/v3/objects/:objectType/search']).toBe(1);
	});

	it('gets one client by id', async () => {
		const company = (await state()).companies[0];
		const [item] = await run(node, crm({ resource: 'client', operation: 'get', clientId: company.id, options: { correlationId: 'deal-42' } }), { credentials });
		expect(item.json).toMatchObject({ id: company.id, name: company.properties.name, domain: company.properties.domain });
		expect(item.json._meta).toMatchObject({ remoteId: company.id, correlationId: 'deal-42' });
	});

	it('creates clients in one batch call and leaves them in HubSpot', async () => {
		const items = await run(
			node,
			crm({ resource: 'client', operation: 'create', inputMode: 'fields', name: '={{ $json.name }}', fields: { domain: '={{ $json.domain }}' } }),
			{ credentials, items: [{ name: 'Acme Advisory', domain: 'acme.example' }, { name: 'Globex Partners', domain: 'globex.example' }] },
		);
		// Results follow input order even though HubSpot answers batches in any order.
		expect(json(items).map((item) => item.name)).toEqual(['Acme Advisory', 'Globex Partners']);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		const created = (await state()).companies.filter((company) => ['Acme Advisory', 'Globex Partners'].includes(String(company.properties.name)));
		expect(created.map((company) => company.properties.domain).sort()).toEqual(['acme.example', 'globex.example']);
		expect((await counts())['hubspot POST /crm/v3/objects/:objectType/batch/create']).toBe(1);
	});

	it('sends 250 new clients in three batch calls of at most 100', async () => {
		const records = Array.from({ length: 250 }, (_value, index) => ({ name: `Batch Client ${index}` }));
		const items = await run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: records });
		expect(items).toHaveLength(250);
		expect((await counts())['hubspot POST /crm/v3/objects/:objectType/batch/create']).toBe(3);
		expect((await state()).companies.filter((company) => String(company.properties.name).startsWith('Batch Client'))).toHaveLength(250);
	});

	it('refuses an invalid record before any call, naming the item and the field', async () => {
		await expect(
			run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: [{ name: 'Fine Ltd' }, { name: '  ', currency: 'dollars' }] }),
		).rejects.toThrow(/Client in item 1.*name is required.*currency must be a three-letter ISO 4217/);
		expect((await counts())['hubspot POST /crm/v3/objects/:objectType/batch/create']).toBeUndefined();
	});

	it('keeps every item under continue-on-fail: valid ones created, the invalid one as an error item', async () => {
		const items = await run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ name: 'First Ltd' }, { name: '' }, { name: 'Third Ltd' }],
		});
		expect(items).toHaveLength(3);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(items[1].json.error).toMatch(/Client in item 1: name is required/);
		expect(items[1].json.input).toEqual({ name: '' });
		expect([items[0].json.name, items[2].json.name]).toEqual(['First Ltd', 'Third Ltd']);
	});

	it('pins a vendor error on the record that caused it when HubSpot refuses a whole batch', async () => {
		const existing = (await state()).companies[0];
		await run(node, crm({ resource: 'client', operation: 'update', clientId: existing.id, inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			items: [{ externalRefs: { key: 'EXT-1' } }],
		});
		const items = await run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ name: 'New Co' }, { name: 'Duplicate Key Co', externalRefs: { key: 'EXT-1' } }],
		});
		expect(items[0].json.name).toBe('New Co');
		expect(items[1].json.error).toMatch(/HubSpot: Object already exists/);
		expect((items[1].json.errorDetails as IDataObject).httpCode).toBe('409');
	});

	it('updates clients by id', async () => {
		const target = (await state()).companies[5];
		const [item] = await run(node, crm({ resource: 'client', operation: 'update', clientId: target.id, inputMode: 'fields', fields: { industry: 'Consulting', billingAddressCity: 'Leeds' } }), { credentials });
		expect(item.json).toMatchObject({ id: target.id, industry: 'Consulting', billingAddress: { city: 'Leeds' } });
		const after = (await state()).companies.find((company) => company.id === target.id)!;
		expect(after.properties).toMatchObject({ industry: 'Consulting', city: 'Leeds', name: target.properties.name });
	});

	it('upserts by external id: a second run updates, never duplicates', async () => {
		const upsert = async (name: string) =>
			await run(node, crm({ resource: 'client', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'json', record: '={{ { name: $json.name } }}' }), {
				credentials,
				items: [{ key: 'ERP-CUST-001', name }],
			});
		const [first] = await upsert('Initech');
		const [second] = await upsert('Initech Group');
		expect(second.json.id).toBe(first.json.id);
		expect(second.json.externalRefs).toMatchObject({ key: 'ERP-CUST-001', hubspot: first.json.id });
		const matching = (await state()).companies.filter((company) => company.properties.p2c_external_id === 'ERP-CUST-001');
		expect(matching).toHaveLength(1);
		expect(matching[0].properties.name).toBe('Initech Group');
	});
});

describe('HubSpot contacts', () => {
	it('lists, gets, creates, updates and upserts contacts', async () => {
		const listed = await run(node, crm({ resource: 'contact', operation: 'list', returnAll: false, limit: 3 }), { credentials });
		expect(listed).toHaveLength(3);
		expect(json(listed).every((item) => Contact.safeParse(item).success && typeof item.clientId === 'string')).toBe(true);

		const [got] = await run(node, crm({ resource: 'contact', operation: 'get', contactId: String(listed[0].json.id) }), { credentials });
		expect(got.json.email).toBe(listed[0].json.email);

		const [created] = await run(node, crm({ resource: 'contact', operation: 'create', inputMode: 'fields', email: 'pat.lee@acme.example', fields: { firstName: 'Pat', lastName: 'Lee' } }), { credentials });
		expect(created.json).toMatchObject({ email: 'pat.lee@acme.example', firstName: 'Pat' });

		const [updated] = await run(node, crm({ resource: 'contact', operation: 'update', contactId: String(created.json.id), inputMode: 'fields', fields: { jobTitle: 'CFO' } }), { credentials });
		expect(updated.json.jobTitle).toBe('CFO');

		// Upsert by e-mail, a unique contact property in HubSpot.
		const [upserted] = await run(node, crm({ resource: 'contact', operation: 'upsert', externalId: 'pat.lee@acme.example', externalIdField: 'email', inputMode: 'fields', email: 'pat.lee@acme.example', fields: { phone: '+1 555 0100' } }), { credentials });
		expect(upserted.json.id).toBe(created.json.id);
		const stored = (await state()).contacts.filter((contact) => contact.properties.email === 'pat.lee@acme.example');
		expect(stored).toHaveLength(1);
		expect(stored[0].properties).toMatchObject({ jobtitle: 'CFO', phone: '+1 555 0100' });
	});

	it('answers a bad e-mail with HubSpot\'s validation error naming the field', async () => {
		const target = (await state()).contacts[0];
		await expect(
			run(node, crm({ resource: 'contact', operation: 'update', contactId: target.id, inputMode: 'json', record: '={{ { email: "not-an-email" } }}' }), { credentials }),
		).rejects.toThrow(/email must be an e-mail address/);
	});
});

describe('HubSpot opportunities', () => {
	it('lists won opportunities with their client and contacts, reading associations once per page', async () => {
		const items = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters: { status: 'won' } }), { credentials });
		const deals = (await state()).deals;
		expect(items).toHaveLength(deals.filter((deal) => deal.properties.dealstage === 'closedwon').length);
		for (const item of json(items)) {
			const parsed = Opportunity.parse(item);
			expect(parsed.status).toBe('won');
			expect(parsed.clientId).toBeDefined();
			expect(parsed.amount?.amountMinor).toBeGreaterThan(0);
		}
		const seen = await counts();
		// Search pages hold 200 deals; each page's associations are read in batches of 100, per type.
		const pages = Math.ceil(items.length / 200);
		const batchesPerType = Math.floor(items.length / 200) * 2 + Math.ceil((items.length % 200) / 100);
		expect(seen['hubspot POST /crm/v3/objects/:objectType/search']).toBe(pages);
		expect(seen['hubspot POST /crm/v4/associations/:fromType/:toType/batch/read']).toBe(2 * batchesPerType);
	});

	it('filters by stage and by close date', async () => {
		const deals = (await state()).deals;
		const byStage = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters: { stage: { __rl: true, mode: 'list', value: 'contractsent' } } }), { credentials });
		expect(byStage).toHaveLength(deals.filter((deal) => deal.properties.dealstage === 'contractsent').length);
		const since = '2026-09-01T00:00:00.000Z';
		const closedSince = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters: { closedSince: since } }), { credentials });
		expect(closedSince).toHaveLength(deals.filter((deal) => Date.parse(String(deal.properties.closedate)) >= Date.parse(since)).length);
	});

	it('gets, updates and writes external references on a deal', async () => {
		const deal = (await state()).deals.find((candidate) => candidate.properties.dealstage === 'closedwon')!;
		const [got] = await run(node, crm({ resource: 'opportunity', operation: 'get', opportunityId: deal.id }), { credentials });
		expect(got.json).toMatchObject({ id: deal.id, name: deal.properties.dealname, status: 'won' });
		expect((got.json.contactIds as string[]).length).toBeGreaterThan(0);

		const [updated] = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: deal.id, inputMode: 'fields', fields: { amount: '125000.50 EUR', billingModel: 'fixed_fee' } }), { credentials });
		expect(updated.json).toMatchObject({ amount: { amountMinor: 12_500_050, currency: 'EUR' }, billingModel: 'fixed_fee' });

		const [referenced] = await run(node, crm({ resource: 'opportunity', operation: 'setExternalRefs', opportunityId: deal.id, references: { reference: [{ system: 'harvest', remoteId: '987654' }] } }), { credentials });
		expect(referenced.json.externalRefs).toMatchObject({ hubspot: deal.id, harvest: '987654' });
		const stored = (await state()).deals.find((candidate) => candidate.id === deal.id)!;
		expect(stored.properties).toMatchObject({ amount: '125000.50', deal_currency_code: 'EUR', p2c_billing_model: 'fixed_fee', p2c_ref_harvest: '987654' });
	});

	it('rejects an unknown stage with HubSpot\'s own message, naming the property', async () => {
		const deal = (await state()).deals[0];
		const error = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: deal.id, inputMode: 'fields', fields: { stage: { __rl: true, mode: 'id', value: 'nosuchstage' } } }), { credentials }).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/dealstage: nosuchstage was not one of the allowed options/);
		expect((error as { description?: string }).description).toMatch(/field dealstage/);
	});
});

describe('HubSpot pickers, raw request and credentials', () => {
	it('lists stages and owners for the pickers', async () => {
		const setup = { type: node, parameters: crm({ resource: 'opportunity', operation: 'list' }), credentials };
		const stages = (await runLoadOptions(setup, 'listSearch', 'searchStages', 'closed')) as { results: Array<{ value: string }> };
		expect(stages.results.map((stage) => stage.value)).toEqual(['closedwon', 'closedlost']);
		const owners = (await runLoadOptions(setup, 'listSearch', 'searchOwners')) as { results: Array<{ value: string; name: string }> };
		expect(owners.results.length).toBeGreaterThan(0);
	});

	it('sends a raw request with the credential', async () => {
		const [item] = await run(node, crm({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/crm/v3/pipelines/deals', query: '{}' }), { credentials });
		expect(item.json.statusCode).toBe(200);
		expect(((item.json.body as IDataObject).results as IDataObject[])[0].id).toBe('default');
	});

	it('tests credentials: a good token passes, a bad one fails', async () => {
		const baseUrl = `${sandbox.sandbox.url}/hubspot`;
		expect((await testCredential('p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl })).status).toBe('OK');
		const failed = await testCredential('p2cHubSpotPrivateAppApi', { accessToken: 'pat-wrong', baseUrl });
		expect(failed.status).toBe('Error');
		expect(failed.message).toMatch(/401/);
	});

	it('refreshes an expired OAuth2 access token through n8n at the credential\'s default token endpoint (the date-versioned one, not the sunset v1) and retries the call', async () => {
		const baseUrl = `${sandbox.sandbox.url}/hubspot`;
		const defaultTokenUrl = String(new P2cHubSpotOAuth2Api().properties.find((property) => property.name === 'accessTokenUrl')!.default);
		expect(defaultTokenUrl).toBe('https://api.hubapi.com/oauth/2026-03/token');
		useCredential('hubspot-oauth', 'p2cHubSpotOAuth2Api', {
			baseUrl,
			clientId: HUBSPOT_OAUTH_CLIENT.clientId,
			clientSecret: HUBSPOT_OAUTH_CLIENT.clientSecret,
			accessTokenUrl: defaultTokenUrl.replace('https://api.hubapi.com', baseUrl),
			authUrl: `${baseUrl}/oauth/authorize`,
			grantType: 'authorizationCode',
			authentication: 'body',
			scope: '',
			oauthTokenData: { access_token: 'expired-token', refresh_token: 'hubspot-sandbox-refresh-token', token_type: 'bearer' },
		});
		const items = await run(node, { system: 'hubspot', hubspotAuthentication: 'oAuth2', resource: 'client', operation: 'list', returnAll: false, limit: 2 }, { credentials: { p2cHubSpotOAuth2Api: 'hubspot-oauth' } });
		expect(items).toHaveLength(2);
		expect((await counts())['hubspot POST /oauth/2026-03/token']).toBe(1);
		expect((await counts())['hubspot POST /oauth/v1/token']).toBeUndefined();
	});
});

describe('HubSpot trigger', () => {
	it('emits a newly won deal once, and nothing on the next poll', async () => {
		const staticData: IDataObject = {};
		const poll = async () => await runPoll({ type: trigger, parameters: { system: 'hubspot', hubspotAuthentication: 'privateApp', event: 'opportunityWon' }, credentials, staticData });
		expect(await poll()).toBeNull(); // the first poll only sets the cursor
		const open = (await state()).deals.find((deal) => deal.properties.dealstage === 'contractsent')!;
		await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: open.id, inputMode: 'fields', fields: { stage: { __rl: true, mode: 'id', value: 'closedwon' } } }), { credentials });
		const emitted = await poll();
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([open.id]);
		expect(emitted?.[0][0].json.status).toBe('won');
		expect(await poll()).toBeNull();
	});

	it('emits changed clients, and a client changed again is emitted again', async () => {
		const staticData: IDataObject = {};
		const poll = async () => await runPoll({ type: trigger, parameters: { system: 'hubspot', hubspotAuthentication: 'privateApp', event: 'clientChanged' }, credentials, staticData });
		expect(await poll()).toBeNull();
		const company = (await state()).companies[2];
		const update = async (phone: string) =>
			await run(node, crm({ resource: 'client', operation: 'update', clientId: company.id, inputMode: 'fields', fields: { phone } }), { credentials });
		await update('+1 555 0101');
		expect((await poll())?.[0].map((item) => item.json.id)).toEqual([company.id]);
		expect(await poll()).toBeNull();
		await new Promise((resolve) => setTimeout(resolve, 5));
		await update('+1 555 0102');
		expect((await poll())?.[0].map((item) => item.json.id)).toEqual([company.id]);
	});
});
