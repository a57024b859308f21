import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Crm } from '../../../nodes/Crm/Crm.node';
import { CrmTrigger } from '../../../nodes/Crm/CrmTrigger.node';
import { Client, Contact, Opportunity } from '../../../nodes/shared/canonical';
import { SALESFORCE_CONNECTED_APP } from '../../../sandbox/vendors/salesforce';
import { runLoadOptions, runPoll } from '../../harness/n8n';
import { json, run, useCredential, useSandbox } from '../../integration/support';

const node = new Crm();
const trigger = new CrmTrigger();
const sandbox = useSandbox();
const credentials = { p2cSalesforceClientCredentialsApi: 'sf-cc' };

type Row = Record<string, unknown> & { Id: string };
interface SalesforceState {
	Account: Row[];
	Contact: Row[];
	Opportunity: Row[];
	OpportunityContactRole: Row[];
	User: Row[];
	apiUsage: { used: number; allocation: number };
}
const state = async () => await sandbox.admin<SalesforceState>('GET', '/state/salesforce');
const log = async () => await sandbox.admin<{ counts: Record<string, number>; requests: Array<{ method: string; route: string; query: Record<string, string[]>; headers: Record<string, string>; status?: number; body: unknown }> }>('GET', '/requests?vendor=salesforce');
const counts = async () => (await log()).counts;
const QUERY = 'salesforce GET /services/data/:version/query';
const QUERY_MORE = 'salesforce GET /services/data/:version/query/:locator';
const COLLECTIONS_CREATE = 'salesforce POST /services/data/:version/composite/sobjects';
const COLLECTIONS_UPDATE = 'salesforce PATCH /services/data/:version/composite/sobjects';
const COLLECTIONS_UPSERT = 'salesforce PATCH /services/data/:version/composite/sobjects/:sobject/:field';
const COLLECTIONS_READ = 'salesforce GET /services/data/:version/composite/sobjects/:sobject';

beforeEach(() => {
	useCredential('sf-cc', 'p2cSalesforceClientCredentialsApi', {
		instanceUrl: `${sandbox.sandbox.url}/salesforce`,
		clientId: SALESFORCE_CONNECTED_APP.clientId,
		clientSecret: SALESFORCE_CONNECTED_APP.clientSecret,
		apiVersion: 'v62.0',
	});
});

const crm = (parameters: INodeParameters): INodeParameters => ({ system: 'salesforce', salesforceAuthentication: 'clientCredentials', ...parameters });
const picked = (value: string) => ({ __rl: true, mode: 'id', value });
const soqlOf = (entry: { query: Record<string, string[]> }) => entry.query.q?.[0] ?? '';

describe('Salesforce clients', () => {
	it('lists clients with a limit as canonical records, asking SOQL for that many', async () => {
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'salesforce', entity: 'client' });
			expect(item.domain).not.toMatch(/^https?:|^www\./);
		}
		const queries = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/query');
		expect(queries).toHaveLength(1);
		expect(soqlOf(queries[0])).toMatch(/^SELECT Name, Website, .* FROM Account ORDER BY SystemModstamp ASC, Id ASC LIMIT 5$/);
		expect(queries[0].headers['sforce-query-options']).toBe('batchSize=200');
	});

	it('returns all clients by following nextRecordsUrl until done', async () => {
		// Salesforce may answer with smaller batches than asked: the fake caps them at 15 here.
		await sandbox.admin('POST', '/vendors/salesforce/queryBatchLimit', { size: 15 });
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: true }), { credentials });
		const accounts = (await state()).Account;
		expect(items).toHaveLength(accounts.length);
		expect(new Set(json(items).map((item) => item.id))).toEqual(new Set(accounts.map((account) => account.Id)));
		const seen = await counts();
		expect(seen[QUERY]).toBe(1);
		expect(seen[QUERY_MORE]).toBe(Math.ceil(accounts.length / 15) - 1);
	});

	it('filters by modified-since on SystemModstamp, keeping the raw record on request', async () => {
		const target = (await state()).Account[3];
		await run(node, crm({ resource: 'client', operation: 'update', clientId: target.Id, inputMode: 'fields', fields: { phone: '+44 20 0000 0000' } }), { credentials });
		const since = new Date(Date.now() - 60_000).toISOString();
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: true, filters: { modifiedSince: since }, options: { includeRaw: true } }), { credentials });
		expect(json(items).map((item) => item.id)).toEqual([target.Id]);
		expect((items[0].json.remoteData as Row).Phone).toBe('+44 20 0000 0000');
		const query = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/query').pop()!;
		expect(soqlOf(query)).toContain(`WHERE SystemModstamp >= ${since.slice(0, 19)}Z`);
	});

	it('gets one client by id', async () => {
		const account = (await state()).Account[0];
		const [item] = await run(node, crm({ resource: 'client', operation: 'get', clientId: account.Id, options: { correlationId: 'deal-42' } }), { credentials });
		expect(item.json).toMatchObject({ id: account.Id, name: account.Name, ownerId: account.OwnerId, externalRefs: { salesforce: account.Id } });
		expect(item.json._meta).toMatchObject({ remoteId: account.Id, correlationId: 'deal-42' });
	});

	it('creates clients in one Collections call and reads them back in one batch read', async () => {
		const owner = (await state()).User.find((user) => user.IsActive === true && user.Title === 'Principal')!;
		const items = await run(
			node,
			crm({ resource: 'client', operation: 'create', inputMode: 'fields', name: '={{ $json.name }}', fields: { domain: '={{ $json.domain }}', ownerId: picked(owner.Id), billingAddressCity: 'Leeds' } }),
			{ credentials, items: [{ name: 'Acme Advisory', domain: 'acme.example' }, { name: 'Globex Partners', domain: 'globex.example' }] },
		);
		expect(json(items).map((item) => item.name)).toEqual(['Acme Advisory', 'Globex Partners']);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		const created = (await state()).Account.filter((account) => ['Acme Advisory', 'Globex Partners'].includes(String(account.Name)));
		expect(created.map((account) => [account.Website, account.OwnerId, account.BillingCity])).toEqual([
			['acme.example', owner.Id, 'Leeds'],
			['globex.example', owner.Id, 'Leeds'],
		]);
		const seen = await counts();
		expect(seen[COLLECTIONS_CREATE]).toBe(1);
		expect(seen[COLLECTIONS_READ]).toBe(1);
	});

	it('sends 250 new clients in two Collections calls of at most 200', async () => {
		const records = Array.from({ length: 250 }, (_value, index) => ({ name: `Batch Client ${index}` }));
		const items = await run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: records });
		expect(items).toHaveLength(250);
		expect(json(items).every((item) => typeof item.id === 'string')).toBe(true);
		const creates = (await log()).requests.filter((entry) => entry.method === 'POST' && entry.route === '/services/data/:version/composite/sobjects');
		expect(creates.map((entry) => ((entry.body as { records: unknown[] }).records).length)).toEqual([200, 50]);
		expect(creates.every((entry) => (entry.body as { allOrNone: boolean }).allOrNone === false)).toBe(true);
		expect((await state()).Account.filter((account) => String(account.Name).startsWith('Batch Client'))).toHaveLength(250);
	});

	it('maps a per-record DUPLICATE_VALUE to the item that caused it, under continue-on-fail', async () => {
		const existing = (await state()).Account[0];
		await run(node, crm({ resource: 'client', operation: 'update', clientId: existing.Id, inputMode: 'json', record: '={{ $json }}' }), { credentials, items: [{ externalRefs: { key: 'EXT-1' } }] });
		const items = await run(node, crm({ resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ name: 'New Co' }, { name: 'Duplicate Key Co', externalRefs: { key: 'EXT-1' } }, { name: 'Third Co' }],
		});
		expect(items.map((item) => item.json.name ?? item.json.error)).toEqual(['New Co', expect.stringMatching(/create Account "Duplicate Key Co": duplicate value found: P2C_External_Id__c/), 'Third Co']);
		expect(items[1].json.errorDetails).toMatchObject({ field: 'P2C_External_Id__c' });
		expect(items[1].json.input).toEqual({ name: 'Duplicate Key Co', externalRefs: { key: 'EXT-1' } });
		expect((await state()).Account.filter((account) => account.P2C_External_Id__c === 'EXT-1').map((account) => account.Id)).toEqual([existing.Id]);
		expect((await counts())[COLLECTIONS_CREATE]).toBe(1);
	});

	it('updates clients by id through Collections', async () => {
		const [a, b] = (await state()).Account.slice(5, 7);
		const items = await run(node, crm({ resource: 'client', operation: 'update', clientId: '={{ $json.id }}', inputMode: 'fields', fields: { industry: 'Consulting', billingAddressLine1: '1 Main St', billingAddressCity: 'Leeds' } }), {
			credentials,
			items: [{ id: a.Id }, { id: b.Id }],
		});
		expect(json(items).map((item) => [item.id, item.industry, (item.billingAddress as IDataObject).city])).toEqual([[a.Id, 'Consulting', 'Leeds'], [b.Id, 'Consulting', 'Leeds']]);
		const after = (await state()).Account.filter((account) => [a.Id, b.Id].includes(account.Id));
		expect(after.map((account) => [account.Industry, account.BillingStreet, account.Name])).toEqual([['Consulting', '1 Main St', a.Name], ['Consulting', '1 Main St', b.Name]]);
		expect((await counts())[COLLECTIONS_UPDATE]).toBe(1);
	});

	it('upserts by the External ID field: a second run updates, never duplicates', async () => {
		const upsert = async (name: string) =>
			await run(node, crm({ resource: 'client', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'json', record: '={{ { name: $json.name } }}' }), { credentials, items: [{ key: 'ERP-CUST-001', name }] });
		const [first] = await upsert('Initech');
		const [second] = await upsert('Initech Group');
		expect(second.json.id).toBe(first.json.id);
		expect(second.json.externalRefs).toMatchObject({ key: 'ERP-CUST-001', salesforce: first.json.id });
		const matching = (await state()).Account.filter((account) => account.P2C_External_Id__c === 'ERP-CUST-001');
		expect(matching.map((account) => account.Name)).toEqual(['Initech Group']);
		const upserts = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/composite/sobjects/:sobject/:field');
		expect(upserts.map((entry) => entry.status)).toEqual([200, 200]);
		expect((await counts())[COLLECTIONS_UPSERT]).toBe(2);
	});
});

describe('Salesforce contacts', () => {
	it('lists, gets, creates, updates and upserts contacts', async () => {
		const listed = await run(node, crm({ resource: 'contact', operation: 'list', returnAll: false, limit: 3 }), { credentials });
		expect(listed).toHaveLength(3);
		expect(json(listed).every((item) => Contact.safeParse(item).success && typeof item.clientId === 'string')).toBe(true);

		const [got] = await run(node, crm({ resource: 'contact', operation: 'get', contactId: String(listed[0].json.id) }), { credentials });
		expect(got.json).toMatchObject({ email: listed[0].json.email, clientId: listed[0].json.clientId });

		const [created] = await run(node, crm({ resource: 'contact', operation: 'create', inputMode: 'fields', email: 'pat.lee@acme.example', fields: { firstName: 'Pat', lastName: "O'Lee" } }), { credentials });
		expect(created.json).toMatchObject({ email: 'pat.lee@acme.example', firstName: 'Pat', lastName: "O'Lee" });

		const [updated] = await run(node, crm({ resource: 'contact', operation: 'update', contactId: String(created.json.id), inputMode: 'fields', fields: { jobTitle: 'CFO' } }), { credentials });
		expect(updated.json.jobTitle).toBe('CFO');

		const upsert = async () =>
			await run(node, crm({ resource: 'contact', operation: 'upsert', externalId: 'HR-77', inputMode: 'fields', email: 'sam.roe@acme.example', fields: { lastName: 'Roe', phone: '+1 555 0100' } }), { credentials });
		const [first] = await upsert();
		const [again] = await upsert();
		expect(again.json.id).toBe(first.json.id);
		const contacts = (await state()).Contact;
		expect(contacts.filter((contact) => contact.P2C_External_Id__c === 'HR-77')).toHaveLength(1);
		expect(contacts.find((contact) => contact.Id === created.json.id)).toMatchObject({ Title: 'CFO', LastName: "O'Lee", Name: "Pat O'Lee" });
	});

	it('fails the item Salesforce refuses and keeps the others, with continue-on-fail', async () => {
		const items = await run(node, crm({ resource: 'contact', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ email: 'a@acme.example', lastName: 'A' }, { email: 'b@acme.example' }, { email: 'c@acme.example', lastName: 'C' }],
		});
		expect(items).toHaveLength(3);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(items[1].json.error).toMatch(/Salesforce could not create Contact "b@acme.example": Required fields are missing: \[LastName\]/);
		expect(items[1].json.errorDetails).toMatchObject({ field: 'LastName' });
		expect([items[0].json.lastName, items[2].json.lastName]).toEqual(['A', 'C']);
		const stored = (await state()).Contact.filter((contact) => String(contact.Email).endsWith('@acme.example'));
		expect(stored.map((contact) => contact.Email)).toEqual(['a@acme.example', 'c@acme.example']);
		expect((await counts())[COLLECTIONS_CREATE]).toBe(1);
	});

	it('fails the node on a per-record error without continue-on-fail, naming the item and field', async () => {
		const error = await run(node, crm({ resource: 'contact', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			items: [{ email: 'a@acme.example', lastName: 'A' }, { email: 'b@acme.example' }],
		}).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/Contact "b@acme.example": Required fields are missing: \[LastName\]/);
		expect((error as { context?: IDataObject }).context?.itemIndex).toBe(1);
		expect((error as { description?: string }).description).toMatch(/code REQUIRED_FIELD_MISSING · field LastName/);
	});
});

describe('Salesforce opportunities', () => {
	it('lists won opportunities with client and contact roles from one SOQL subquery per page', async () => {
		const items = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters: { status: 'won' } }), { credentials });
		const { Opportunity: opportunities, OpportunityContactRole: roles } = await state();
		const won = opportunities.filter((opportunity) => opportunity.IsWon === true);
		expect(items).toHaveLength(won.length);
		for (const item of json(items)) {
			const parsed = Opportunity.parse(item);
			const row = won.find((opportunity) => opportunity.Id === parsed.id)!;
			expect(parsed).toMatchObject({ status: 'won', clientId: row.AccountId, stage: 'Closed Won', probability: 1 });
			expect(parsed.amount).toEqual({ amountMinor: Math.round(Number(row.Amount) * 100), currency: row.CurrencyIsoCode });
			expect(parsed.contactIds.sort()).toEqual(roles.filter((role) => role.OpportunityId === parsed.id).map((role) => role.ContactId).sort());
		}
		const queries = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/query');
		expect(queries).toHaveLength(1);
		expect(soqlOf(queries[0])).toContain('(SELECT ContactId, IsPrimary FROM OpportunityContactRoles) FROM Opportunity WHERE IsWon = true');
	});

	it('filters by stage, lost and open status, close date and modified-since', async () => {
		const opportunities = (await state()).Opportunity;
		const list = async (filters: INodeParameters) => await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters }), { credentials });
		expect(await list({ stage: picked('Negotiation/Review') })).toHaveLength(opportunities.filter((row) => row.StageName === 'Negotiation/Review').length);
		const lost = await list({ status: 'lost' });
		expect(lost).toHaveLength(opportunities.filter((row) => row.IsClosed === true && row.IsWon === false).length);
		expect(json(lost).every((item) => item.status === 'lost' && item.closedAt !== undefined)).toBe(true);
		expect(await list({ status: 'open' })).toHaveLength(opportunities.filter((row) => row.IsClosed === false).length);
		const closedSince = await list({ closedSince: '2026-09-01T00:00:00.000Z' });
		expect(closedSince).toHaveLength(opportunities.filter((row) => String(row.CloseDate) >= '2026-09-01').length);
		expect(soqlOf((await log()).requests.filter((entry) => entry.route === '/services/data/:version/query').pop()!)).toContain('CloseDate >= 2026-09-01');
		const target = opportunities.find((row) => row.IsClosed === false)!;
		await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: target.Id, inputMode: 'fields', fields: { closeDate: '2027-03-31' } }), { credentials });
		const changed = await list({ modifiedSince: new Date(Date.now() - 60_000).toISOString(), status: 'open' });
		expect(json(changed).map((item) => [item.id, item.closeDate])).toEqual([[target.Id, '2027-03-31']]);
	});

	it('returns all opportunities across nextRecordsUrl pages of the asked batch size', async () => {
		await sandbox.admin('POST', '/vendors/salesforce/queryBatchLimit', { size: 120 });
		const items = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true }), { credentials });
		const total = (await state()).Opportunity.length;
		expect(items).toHaveLength(total);
		expect(new Set(json(items).map((item) => item.id)).size).toBe(total);
		const seen = await counts();
		expect([seen[QUERY], seen[QUERY_MORE]]).toEqual([1, Math.ceil(total / 120) - 1]);
	});

	it('gets, updates and writes external references on an opportunity', async () => {
		const { Opportunity: opportunities, OpportunityContactRole: roles } = await state();
		const row = opportunities.find((opportunity) => opportunity.IsWon === true)!;
		const [got] = await run(node, crm({ resource: 'opportunity', operation: 'get', opportunityId: row.Id }), { credentials });
		const primary = roles.find((role) => role.OpportunityId === row.Id && role.IsPrimary === true)!;
		expect(got.json).toMatchObject({ id: row.Id, name: row.Name, status: 'won', clientId: row.AccountId });
		expect((got.json.contactIds as string[])[0]).toBe(primary.ContactId);

		const [updated] = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: row.Id, inputMode: 'fields', fields: { amount: '125000.50 EUR', billingModel: 'fixed_fee', startDate: '2026-12-01' } }), { credentials });
		expect(updated.json).toMatchObject({ amount: { amountMinor: 12_500_050, currency: 'EUR' }, billingModel: 'fixed_fee', startDate: '2026-12-01' });

		const [referenced] = await run(node, crm({ resource: 'opportunity', operation: 'setExternalRefs', opportunityId: row.Id, references: { reference: [{ system: 'harvest', remoteId: '987654' }, { system: 'key', remoteId: 'opp-1/proj' }] } }), { credentials });
		expect(referenced.json.externalRefs).toMatchObject({ salesforce: row.Id, harvest: '987654', key: 'opp-1/proj' });
		const stored = (await state()).Opportunity.find((opportunity) => opportunity.Id === row.Id)!;
		expect(stored).toMatchObject({ Amount: 125000.5, CurrencyIsoCode: 'EUR', P2C_Billing_Model__c: 'fixed_fee', P2C_Start_Date__c: '2026-12-01', P2C_Ref_Harvest__c: '987654', P2C_External_Id__c: 'opp-1/proj', Name: row.Name });
	});

	it("rejects an unknown stage with Salesforce's message, naming StageName", async () => {
		const row = (await state()).Opportunity[0];
		const error = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: row.Id, inputMode: 'fields', fields: { stage: picked('Nope') } }), { credentials }).catch((caught: Error) => caught);
		expect((error as Error).message).toMatch(/Stage: bad value for restricted picklist field: Nope/);
		expect((error as { description?: string }).description).toMatch(/INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST · field StageName/);
		expect((await state()).Opportunity[0].StageName).toBe(row.StageName);
	});
});

describe('Salesforce pickers, raw request and API allocation', () => {
	it('lists stages and active owners for the pickers, with the filter as an escaped LIKE', async () => {
		const setup = { type: node, parameters: crm({ resource: 'opportunity', operation: 'list' }), credentials };
		const stages = (await runLoadOptions(setup, 'listSearch', 'searchStages', 'closed')) as { results: Array<{ value: string }> };
		expect(stages.results.map((stage) => stage.value)).toEqual(['Closed Won', 'Closed Lost']);
		const owners = (await runLoadOptions(setup, 'listSearch', 'searchOwners', 'ada')) as { results: Array<{ value: string; name: string }> };
		const users = (await state()).User.filter((user) => user.IsActive === true && /ada/i.test(`${user.Name} ${user.Email}`));
		expect(owners.results.map((owner) => owner.value).sort()).toEqual(users.map((user) => user.Id).sort());
		const none = (await runLoadOptions(setup, 'listSearch', 'searchOwners', "o'brien_%")) as { results: unknown[] };
		expect(none.results).toEqual([]);
		const last = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/query').pop()!;
		expect(soqlOf(last)).toContain("(Name LIKE '%o\\'brien\\_\\%%') OR (Email LIKE '%o\\'brien\\_\\%%')");
		expect(last.status).toBe(200);
	});

	it('sends a raw request with the credential', async () => {
		const [item] = await run(node, crm({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/services/data/v62.0/limits', query: '{}' }), { credentials });
		expect(item.json.statusCode).toBe(200);
		expect(((item.json.body as IDataObject).DailyApiRequests as IDataObject).Max).toBe(100_000);
	});

	it('fails fast with REQUEST_LIMIT_EXCEEDED when the daily allocation is used up', async () => {
		await sandbox.admin('POST', '/vendors/salesforce/apiAllocation', { allocation: 1000, used: 1000 });
		const error = await run(node, crm({ resource: 'client', operation: 'list', returnAll: false, limit: 1 }), { credentials }).catch((caught: Error) => caught);
		expect((error as Error).message).toMatch(/Salesforce: TotalRequests Limit exceeded/);
		expect((error as { httpCode?: string }).httpCode).toBe('403');
		expect((error as { description?: string }).description).toMatch(/api-usage=1000\/1000/);
		// Not retried: the allocation does not come back within a retry's wait.
		expect((await counts())[QUERY]).toBe(1);
	});
});

describe('Salesforce trigger', () => {
	const poll = (event: string, staticData: IDataObject) => async () =>
		await runPoll({ type: trigger, parameters: { system: 'salesforce', salesforceAuthentication: 'clientCredentials', event }, credentials, staticData });

	it('emits a newly won opportunity once, and nothing on the next poll', async () => {
		const next = poll('opportunityWon', {});
		expect(await next()).toBeNull(); // the first poll only sets the cursor
		const open = (await state()).Opportunity.find((row) => row.StageName === 'Negotiation/Review')!;
		await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: open.Id, inputMode: 'fields', fields: { stage: picked('Closed Won') } }), { credentials });
		const emitted = await next();
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([open.Id]);
		expect(emitted?.[0][0].json).toMatchObject({ status: 'won', probability: 1 });
		expect(await next()).toBeNull();
	});

	it('emits changed clients', async () => {
		const next = poll('clientChanged', {});
		expect(await next()).toBeNull();
		const account = (await state()).Account[2];
		await run(node, crm({ resource: 'client', operation: 'update', clientId: account.Id, inputMode: 'fields', fields: { phone: '+1 555 0101' } }), { credentials });
		expect((await next())?.[0].map((item) => item.json.id)).toEqual([account.Id]);
		expect(await next()).toBeNull();
	});
});

describe('Salesforce single-currency orgs', () => {
	beforeEach(() => {
		useCredential('sf-cc', 'p2cSalesforceClientCredentialsApi', {
			instanceUrl: `${sandbox.sandbox.url}/salesforce`,
			clientId: SALESFORCE_CONNECTED_APP.clientId,
			clientSecret: SALESFORCE_CONNECTED_APP.clientSecret,
			apiVersion: 'v62.0',
			multiCurrency: false,
		});
	});

	it('never names CurrencyIsoCode, reads amounts in the org currency and refuses another currency, naming the field', async () => {
		const items = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: false, limit: 3, options: { defaultCurrency: 'GBP' } }), { credentials });
		expect(items).toHaveLength(3);
		expect(json(items).every((item) => (item.amount as IDataObject | undefined)?.currency === undefined || (item.amount as IDataObject).currency === 'GBP')).toBe(true);
		const queries = (await log()).requests.filter((entry) => entry.route === '/services/data/:version/query');
		expect(queries.map(soqlOf).join('\n')).not.toMatch(/CurrencyIsoCode/);

		const id = String(items[0].json.id);
		const [same] = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: id, inputMode: 'fields', fields: { amount: '1000.00 GBP' }, options: { defaultCurrency: 'GBP' } }), { credentials });
		expect(same.json.amount).toEqual({ amountMinor: 100000, currency: 'GBP' });
		const [refused] = await run(node, crm({ resource: 'opportunity', operation: 'update', opportunityId: id, inputMode: 'fields', fields: { amount: '1000.00 EUR' }, options: { defaultCurrency: 'GBP' } }), { credentials, continueOnFail: true });
		expect(refused.json.error).toMatch(/amount\.currency EUR cannot be written to a single-currency Salesforce org/);
	});
});
