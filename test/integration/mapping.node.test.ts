import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { CanonicalMapping } from '../../nodes/CanonicalMapping/CanonicalMapping.node';
import { Crm } from '../../nodes/Crm/Crm.node';
import { Client, Opportunity } from '../../nodes/shared/canonical';
import { dealProperties } from '../../nodes/vendors/hubspot/records';
import { systemKeys } from '../../nodes/vendors';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { runNode } from '../harness/n8n';
import { json, run, useCredential, useSandbox } from './support';

const mapping = new CanonicalMapping();
const crm = new Crm();
const sandbox = useSandbox();
const credentials = { p2cHubSpotPrivateAppApi: 'hubspot-pat' };

beforeEach(() => {
	useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.sandbox.url}/hubspot` });
});

interface HubSpotRecord {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}
interface HubSpotState {
	companies: HubSpotRecord[];
	deals: HubSpotRecord[];
	associations: Array<{ fromType: string; fromId: string; toType: string; toId: string }>;
}

const hubspot = (parameters: INodeParameters): INodeParameters => ({ system: 'hubspot', hubspotAuthentication: 'privateApp', ...parameters });
const state = async (): Promise<HubSpotState> => await sandbox.admin<HubSpotState>('GET', '/state/hubspot');
const requestCount = async (): Promise<number> => (await sandbox.admin<{ total: number }>('GET', '/requests?vendor=hubspot&log=false')).total;

/** Runs the mapping node; returns [Valid, Exceptions]. */
async function runMapping(parameters: INodeParameters, items: IDataObject[], continueOnFail = false): Promise<INodeExecutionData[][]> {
	return await runNode({ type: mapping, parameters: { record: '={{ $json }}', rulesSource: 'none', options: {}, ...parameters }, items, continueOnFail });
}

const withoutFetchedAt = (record: IDataObject): IDataObject => ({ ...record, _meta: { ...(record._meta as IDataObject), fetchedAt: 'x' } });

/** Deals as HubSpot's GET returns them, read through the CRM node's raw request, with the associations block of `?associations=companies,contacts`. */
async function rawDeals(ids: string[], current: HubSpotState): Promise<IDataObject[]> {
	const responses = await run(crm, hubspot({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '={{ "/crm/v3/objects/deals/" + $json.id }}', query: JSON.stringify({ properties: dealProperties(systemKeys).join(',') }) }), {
		credentials,
		items: ids.map((id) => ({ id })),
	});
	return json(responses).map((response) => {
		const deal = response.body as IDataObject;
		const linked = (toType: string, type: string) => ({
			results: current.associations.filter((link) => link.fromType === 'deals' && link.fromId === deal.id && link.toType === toType).map((link) => ({ id: link.toId, type })),
		});
		return { ...deal, associations: { companies: linked('companies', 'deal_to_company'), contacts: linked('contacts', 'deal_to_contact') } };
	});
}

describe('Vendor Record to Canonical, built-in profile', () => {
	it('gives exactly what the CRM node gives for the same HubSpot deals', async () => {
		const current = await state();
		const ids = current.deals.slice(0, 6).map((deal) => deal.id);
		const raw = await rawDeals(ids, current);
		const [valid, exceptions] = await runMapping({ operation: 'toCanonical', mappingSource: 'builtIn', entity: 'opportunity', system: 'hubspot' }, raw);
		expect(exceptions).toEqual([]);
		expect(valid.map((item) => item.pairedItem)).toEqual(ids.map((_id, item) => ({ item })));

		const fromCrm = json(await run(crm, hubspot({ resource: 'opportunity', operation: 'get', opportunityId: '={{ $json.id }}' }), { credentials, items: ids.map((id) => ({ id })) }));
		expect(json(valid).map(withoutFetchedAt)).toEqual(fromCrm.map((record) => withoutFetchedAt(Opportunity.parse(record) as unknown as IDataObject)));
		expect(json(valid).some((record) => (record.contactIds as string[]).length > 0)).toBe(true);
	});

	it('maps without calling HubSpot, and puts a broken deal on Exceptions next to the good ones', async () => {
		const current = await state();
		const [raw] = await rawDeals([current.deals[0].id], current);
		const before = await requestCount();
		const broken = { ...raw, properties: { ...(raw.properties as IDataObject), amount: 'TBD' } };
		const [valid, exceptions] = await runMapping({ operation: 'toCanonical', mappingSource: 'builtIn', entity: 'opportunity', system: 'hubspot', options: { correlationId: 'handoff-7' } }, [raw, broken, raw]);
		expect(await requestCount()).toBe(before);
		expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(valid[0].json._meta).toMatchObject({ system: 'hubspot', correlationId: 'handoff-7' });
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0].pairedItem).toEqual({ item: 1 });
		expect(exceptions[0].json).toMatchObject({
			input: broken,
			correlationId: 'handoff-7',
			issues: [{ path: 'properties.amount', rule: 'decimal', message: 'properties.amount is "TBD", which is not a decimal amount' }],
		});
	});
});

describe('Canonical Record to Vendor Payload, built-in profile', () => {
	it('makes a company body HubSpot accepts as it is', async () => {
		const canonical = { name: 'Hooli Advisory', domain: 'hooli.example', phone: '+1 650 555 0100', billingAddress: { city: 'Palo Alto', country: 'United States' }, externalRefs: { key: 'ERP-C-9001', xero: 'c2a5bd0c-0000-4000-8000-000000009001' } };
		const [valid, exceptions] = await runMapping({ operation: 'fromCanonical', mappingSource: 'builtIn', entity: 'client', system: 'hubspot' }, [canonical]);
		expect(exceptions).toEqual([]);
		const payload = valid[0].json;
		expect(payload).toEqual({
			properties: { name: 'Hooli Advisory', domain: 'hooli.example', phone: '+1 650 555 0100', city: 'Palo Alto', country: 'United States', p2c_external_id: 'ERP-C-9001', p2c_ref_xero: 'c2a5bd0c-0000-4000-8000-000000009001' },
		});

		const created = await run(crm, hubspot({ resource: 'rawRequest', operation: 'send', method: 'POST', path: '/crm/v3/objects/companies', query: '{}', body: '={{ JSON.stringify($json) }}' }), { credentials, items: [payload] });
		expect(created[0].json.statusCode).toBe(201);
		const company = (await state()).companies.find((record) => record.properties.name === 'Hooli Advisory');
		expect(company?.properties).toMatchObject(payload.properties as IDataObject);

		// Read back through the CRM node, it is the canonical record we started from.
		const readBack = Client.parse((await run(crm, hubspot({ resource: 'client', operation: 'get', clientId: company!.id }), { credentials }))[0].json);
		expect(readBack).toMatchObject({ ...canonical, externalRefs: { ...canonical.externalRefs, hubspot: company!.id } });
	});

	it('makes a deal body whose associations HubSpot links to the company and contact', async () => {
		const current = await state();
		const company = current.companies[0];
		const contact = current.associations.find((link) => link.fromType === 'contacts')!.fromId;
		const canonical = { name: 'Hooli - Pricing study', status: 'open', stage: 'appointmentscheduled', amount: { amount: '2500.00', currency: 'EUR' }, closeDate: '2026-12-31', clientId: company.id, contactIds: [contact] };
		const [valid] = await runMapping({ operation: 'fromCanonical', mappingSource: 'builtIn', entity: 'opportunity', system: 'hubspot' }, [canonical]);
		expect(valid[0].json.properties).toMatchObject({ dealname: 'Hooli - Pricing study', amount: '2500.00', deal_currency_code: 'EUR', closedate: '2026-12-31T00:00:00.000Z' });

		await run(crm, hubspot({ resource: 'rawRequest', operation: 'send', method: 'POST', path: '/crm/v3/objects/deals', query: '{}', body: '={{ JSON.stringify($json) }}' }), { credentials, items: [valid[0].json] });
		const after = await state();
		const deal = after.deals.find((record) => record.properties.dealname === 'Hooli - Pricing study')!;
		const links = after.associations.filter((link) => link.fromType === 'deals' && link.fromId === deal.id).map((link) => `${link.toType}:${link.toId}`);
		expect(links.sort()).toEqual([`companies:${company.id}`, `contacts:${contact}`].sort());
	});

	it('refuses an invalid canonical record before any payload is made', async () => {
		const [valid, exceptions] = await runMapping({ operation: 'fromCanonical', mappingSource: 'builtIn', entity: 'opportunity', system: 'hubspot' }, [{ name: 'No status', amount: { amountMinor: 1, currency: 'EURO' } }]);
		expect(valid).toEqual([]);
		expect((exceptions[0].json.issues as IDataObject[]).map((issue) => issue.path).sort()).toEqual(['amount.currency', 'status']);
	});

	it('says that a read-only profile makes no payload', async () => {
		await expect(runMapping({ operation: 'fromCanonical', mappingSource: 'builtIn', entity: 'resource', system: 'bamboohr' }, [{ displayName: 'Kim Allen' }])).rejects.toThrow(/BambooHR mapping of resource only reads/);
	});
});

describe('custom mappings: field editor, exported document and imported document', () => {
	const editor: INodeParameters = {
		entity: 'client',
		customSystem: 'hubspotCustom',
		mappingFields: {
			field: [
				{ target: 'id', valueFrom: 'source', source: 'id', transform: 'none' },
				{ target: 'name', valueFrom: 'source', source: 'properties.name', transform: 'trim' },
				{ target: 'domain', valueFrom: 'source', source: 'properties.domain', transform: 'lowercase' },
				{ target: 'industry', valueFrom: 'expression', expression: '={{ ($json.properties.industry || "unknown").toLowerCase() }}', transform: 'none' },
				{ target: 'isActive', valueFrom: 'constant', constant: 'yes', transform: 'boolean' },
				{ target: 'createdAt', valueFrom: 'source', source: 'createdAt', transform: 'date', dateFormat: '', dateZone: 'UTC', dateOutput: 'dateTime' },
				{ target: 'currency', valueFrom: 'source', source: 'properties.currency', defaultValue: 'usd', transform: 'valueMap', valueMap: '{"usd": "USD", "eur": "EUR"}', caseInsensitive: true, unmapped: 'error' },
				{ target: 'externalRefs.hubspot', valueFrom: 'source', source: 'id', transform: 'none' },
			],
		},
		rulesSource: 'editor',
		businessRules: { rule: [{ kind: 'required', field: 'domain', value: '', otherField: '', name: 'domain-needed', message: 'A client needs a web domain for matching' }] },
	};

	it('exports the editor as a document that, imported, maps every record exactly as the editor does', async () => {
		const companies = (await state()).companies.slice(0, 8);
		const items = [...companies, { id: '9999', properties: { name: 'No domain Ltd', industry: 'Retail', currency: 'CHF' }, createdAt: 'yesterday' }] as unknown as IDataObject[];

		const [exported] = await runMapping({ operation: 'exportMapping', direction: 'toCanonical', documentName: 'HubSpot companies, by hand', ...editor }, [{}]);
		const document = exported[0].json;
		expect(document).toMatchObject({ format: 'p2c-mapping', version: 1, entity: 'client', direction: 'toCanonical', system: 'hubspotCustom', name: 'HubSpot companies, by hand' });
		expect((document.fields as IDataObject[])[3]).toEqual({ target: 'industry', expression: '{{ ($json.properties.industry || "unknown").toLowerCase() }}' });
		expect(document.rules).toEqual([{ rule: 'required', field: 'domain', name: 'domain-needed', message: 'A client needs a web domain for matching' }]);

		// The document arrives as an object from an earlier node (here: a field of each item), or as text pasted into the parameter.
		const carried = items.map((record) => ({ ...record, mappingDocument: document }));
		const fromEditor = await runMapping({ operation: 'toCanonical', mappingSource: 'editor', ...editor }, items);
		const fromObject = await runMapping({ operation: 'toCanonical', mappingSource: 'document', mappingDocument: '={{ $json.mappingDocument }}' }, carried);
		const fromText = await runMapping({ operation: 'toCanonical', mappingSource: 'document', mappingDocument: JSON.stringify(document, null, 2) }, items);
		for (const [valid, exceptions] of [fromObject]) {
			for (const item of [...valid, ...exceptions]) {
				if (item.json.input) delete (item.json.input as IDataObject).mappingDocument;
				if (item.json.remoteData) delete (item.json.remoteData as IDataObject).mappingDocument;
			}
		}

		const comparable = (outputs: INodeExecutionData[][]) => outputs.map((output) => output.map((item) => ({ pairedItem: item.pairedItem, json: item.json._meta ? withoutFetchedAt(item.json) : { ...item.json, correlationId: 'x' } })));
		expect(comparable(fromObject)).toEqual(comparable(fromEditor));
		expect(comparable(fromText)).toEqual(comparable(fromEditor));

		const [valid, exceptions] = fromEditor;
		expect(valid.length + exceptions.length).toBe(items.length);
		expect(valid).toHaveLength(companies.length);
		expect(valid[0].json).toMatchObject({ id: companies[0].id, name: companies[0].properties.name, industry: String(companies[0].properties.industry).toLowerCase(), isActive: true, currency: 'USD', _meta: { system: 'hubspotCustom', entity: 'client' } });
		expect((exceptions[0].json.issues as IDataObject[]).map((issue) => `${issue.path} ${issue.rule}`)).toEqual(['createdAt transform.date', 'currency transform.valueMap', 'domain domain-needed']);
	});

	it('stops on a mapping document that does not parse, or, under continue on fail, sends each item to Exceptions', async () => {
		const broken = JSON.stringify({ version: 1, entity: 'client', fields: [{ target: 'nmae', source: 'name' }] });
		await expect(runMapping({ operation: 'toCanonical', mappingSource: 'document', mappingDocument: broken }, [{ name: 'a' }])).rejects.toThrow(/fields\.0\.target "nmae" is not a field of the canonical client/);
		const [valid, exceptions] = await runMapping({ operation: 'toCanonical', mappingSource: 'document', mappingDocument: broken }, [{ name: 'a' }, { name: 'b' }], true);
		expect(valid).toEqual([]);
		expect(exceptions.map((item) => [item.pairedItem, (item.json.issues as IDataObject[])[0].rule])).toEqual([[{ item: 0 }, 'error'], [{ item: 1 }, 'error']]);
	});

	it('maps a canonical record to a payload with a custom document', async () => {
		const document = { version: 1, entity: 'opportunity', direction: 'fromCanonical', fields: [
			{ target: 'deal.title', source: 'name' },
			{ target: 'deal.value', source: 'amount', transform: { kind: 'money', output: 'decimalString' } },
			{ target: 'deal.currency', source: 'amount.currency' },
			{ target: 'deal.phase', source: 'status', transform: { kind: 'valueMap', map: { won: 'Closed Won', open: 'Open' } } },
		] };
		const [valid, exceptions] = await runMapping({ operation: 'fromCanonical', mappingSource: 'document', mappingDocument: JSON.stringify(document) }, [
			{ name: 'Hooli', status: 'won', amount: { amount: '1250.5', currency: 'EUR' } },
			{ name: 'Lost one', status: 'lost' },
		]);
		expect(valid.map((item) => item.json)).toEqual([{ deal: { title: 'Hooli', value: '1250.50', currency: 'EUR', phase: 'Closed Won' } }]);
		expect(exceptions[0].json.issues).toEqual([{ path: 'deal.phase', rule: 'transform.valueMap', message: 'deal.phase: "lost" is not in the value map (known values: won, open) (from source status)' }]);
	});
});

describe('Validate', () => {
	it('passes the CRM node\'s own clients and stops the ones that break the rules', async () => {
		const clients = json(await run(crm, hubspot({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials }));
		const items = [...clients, { ...clients[0], name: '' }, { ...clients[1], currency: 'Dollar' }];
		const [valid, exceptions] = await runMapping({ operation: 'validate', entity: 'client', rulesSource: 'json', rulesJson: JSON.stringify([{ rule: 'pattern', field: 'domain', value: '\\.', name: 'domain-has-dot' }]) }, items);
		expect(valid).toHaveLength(clients.length);
		expect(exceptions.map((item) => (item.json.issues as IDataObject[]).map((issue) => issue.path))).toEqual([['name'], ['currency']]);
		expect(exceptions.map((item) => item.pairedItem)).toEqual([{ item: 5 }, { item: 6 }]);
	});
});

describe('Match Against a Second List', () => {
	it('finds each CRM client in an ERP list by reference, name variant or domain, and reports duplicates', async () => {
		const clients = json(await run(crm, hubspot({ resource: 'client', operation: 'list', returnAll: false, limit: 6 }), { credentials }));
		const [a, b, c, d, e] = clients as Array<IDataObject & { name: string; domain: string; id: string }>;
		const erp = [
			{ id: 'x-1', name: 'Unrelated name', externalRefs: { xero: 'x-1', hubspot: a.id }, _meta: { system: 'xero' } },
			{ id: 'x-2', name: `${b.name.toUpperCase()}, Inc.`, externalRefs: { xero: 'x-2' } },
			{ id: 'x-3', name: 'Different Name Pty Ltd', website: `https://www.${c.domain}/`, externalRefs: { xero: 'x-3' } },
			{ id: 'x-4', name: `${d.name} Ltd`, externalRefs: { xero: 'x-4' } },
			{ id: 'x-5', name: `${d.name} GmbH`, externalRefs: { xero: 'x-5' } },
		];
		const before = await requestCount();
		const [valid, exceptions] = await runMapping({ operation: 'match', entity: 'client', candidatesSource: 'json', candidates: '={{ ' + JSON.stringify(erp.map((record) => ({ json: record })), null, 1) + ' }}', matchBy: ['domain', 'email', 'externalRef', 'name'], requireMatch: false }, [a, b, c, d, e]);
		expect(await requestCount()).toBe(before);

		expect(valid.map((item) => [item.pairedItem, (item.json.match as IDataObject).status, (item.json.match as IDataObject).candidateIndex, (item.json.match as IDataObject).confidence])).toEqual([
			[{ item: 0 }, 'matched', 0, 1],
			[{ item: 1 }, 'matched', 1, 0.9],
			[{ item: 2 }, 'matched', 2, 0.85],
			[{ item: 4 }, 'none', undefined, undefined],
		]);
		expect(valid[0].json).toMatchObject({ id: a.id, name: a.name, match: { reason: `external reference (hubspot ${a.id})`, candidate: erp[0] } });
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0].pairedItem).toEqual({ item: 3 });
		expect(exceptions[0].json).toMatchObject({ issues: [{ path: 'name', rule: 'match.ambiguous' }], match: { status: 'ambiguous', strategy: 'name' } });
		expect((exceptions[0].json.issues as IDataObject[])[0].message).toContain('#3');
	});

	it('reads the second list from a field of the item, and sends unmatched records to Exceptions when asked', async () => {
		const items = [
			{ name: 'Initech LLC', erp: [{ name: 'INITECH' }] },
			{ name: 'Hooli', erp: [{ name: 'Initech' }] },
		];
		const [valid, exceptions] = await runMapping({ operation: 'match', entity: 'client', candidatesSource: 'field', candidatesField: 'erp', matchBy: ['name'], requireMatch: true }, items);
		expect(valid.map((item) => (item.json.match as IDataObject).status)).toEqual(['matched']);
		expect(exceptions[0].json).toMatchObject({ issues: [{ path: '(record)', rule: 'match.none' }] });
	});
});
