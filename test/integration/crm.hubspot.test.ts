import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Crm } from '../../nodes/Crm/Crm.node';
import { Client, Opportunity } from '../../nodes/shared/canonical';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { json, run, useCredential, useSandbox } from './support';

const node = new Crm();
const sandbox = useSandbox();
const credentials = { p2cHubSpotPrivateAppApi: 'hubspot-pat' };

beforeEach(() => {
	useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.sandbox.url}/hubspot` });
});

const crm = (parameters: INodeParameters) => ({ system: 'hubspot', hubspotAuthentication: 'privateApp', ...parameters });

interface HubSpotState {
	companies: Array<{ id: string; properties: Record<string, string | null> }>;
	deals: Array<{ id: string; properties: Record<string, string | null> }>;
}

describe('HubSpot clients', () => {
	it('lists clients with a limit, as canonical records', async () => {
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'hubspot', entity: 'client' });
		}
		expect(items.every((item) => (item.pairedItem as IDataObject).item === 0)).toBe(true);
	});

	it('returns all clients, page by page', async () => {
		const items = await run(node, crm({ resource: 'client', operation: 'list', returnAll: true }), { credentials });
		const state = await sandbox.admin<HubSpotState>('GET', '/state/hubspot');
		expect(items).toHaveLength(state.companies.length);
	});

	it('creates clients in one batch and leaves them in HubSpot', async () => {
		const items = await run(
			node,
			crm({ resource: 'client', operation: 'create', inputMode: 'fields', name: '={{ $json.name }}', fields: { domain: '={{ $json.domain }}' } }),
			{ credentials, items: [{ name: 'Acme Advisory', domain: 'acme.example' }, { name: 'Globex Partners', domain: 'globex.example' }] },
		);
		expect(json(items).map((item) => item.name)).toEqual(['Acme Advisory', 'Globex Partners']);
		const state = await sandbox.admin<HubSpotState>('GET', '/state/hubspot');
		expect(state.companies.filter((company) => ['Acme Advisory', 'Globex Partners'].includes(String(company.properties.name)))).toHaveLength(2);
		const log = await sandbox.admin<{ counts: Record<string, number> }>('GET', '/requests?vendor=hubspot&log=false');
		expect(log.counts['hubspot POST /crm/v3/objects/:objectType/batch/create']).toBe(1);
	});
});

describe('HubSpot opportunities', () => {
	it('lists won opportunities with their client', async () => {
		const items = await run(node, crm({ resource: 'opportunity', operation: 'list', returnAll: true, filters: { status: 'won' } }), { credentials });
		const state = await sandbox.admin<HubSpotState>('GET', '/state/hubspot');
		expect(items).toHaveLength(state.deals.filter((deal) => deal.properties.dealstage === 'closedwon').length);
		for (const item of json(items)) {
			const parsed = Opportunity.parse(item);
			expect(parsed.status).toBe('won');
			expect(parsed.clientId).toBeDefined();
		}
	});
});
