/**
 * The three jobs of the API-efficiency benchmark, each as our node and as n8n's built-in node:
 * how the sandbox is staged, the workflow (a Code node makes the input items, so only the node
 * under test is timed), and the check of the sandbox's state afterwards.
 */
import type { N8nCredentialRecord } from '../../sandbox/credentials';
import { SANDBOX_CREDENTIAL_IDS, TEMPLATE_CREDENTIAL_NAMES } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import { HARVEST_ACCOUNT_ID, HARVEST_PERSONAL_ACCESS_TOKEN, type HarvestFake } from '../../sandbox/vendors/harvest';
import { HUBSPOT_PRIVATE_APP_TOKEN, type HubSpotFake } from '../../sandbox/vendors/hubspot';
import { XERO_APP, XERO_REFRESH_TOKEN, XERO_TENANT_ID, type XeroFake } from '../../sandbox/vendors/xero';

const PACKAGE = 'n8n-nodes-project-to-cash';
export const NODE_UNDER_TEST = 'Node under test';

/** n8n's own credentials for its built-in nodes, with sandbox-valid tokens (types as n8n 2.40.7 names them). */
export const BUILT_IN_CREDENTIALS: N8nCredentialRecord[] = [
	{ id: 'benchHubspotAppT', name: 'HubSpot service key (sandbox)', type: 'hubspotAppToken', data: { appToken: HUBSPOT_PRIVATE_APP_TOKEN } },
	{ id: 'benchHarvestApiT', name: 'Harvest API (sandbox)', type: 'harvestApi', data: { accessToken: HARVEST_PERSONAL_ACCESS_TOKEN } },
	{
		id: 'benchXeroOAuth2A',
		name: 'Xero OAuth2 (sandbox)',
		type: 'xeroOAuth2Api',
		// A stale access token: the first call answers 401 and n8n refreshes at identity.xero.com (through the gateway).
		data: { clientId: XERO_APP.clientId, clientSecret: XERO_APP.clientSecret, oauthTokenData: { access_token: 'expired-sandbox-access-token', refresh_token: XERO_REFRESH_TOKEN, token_type: 'Bearer' } },
	},
];

const builtIn = (type: string) => {
	const record = BUILT_IN_CREDENTIALS.find((candidate) => candidate.type === type)!;
	return { [type]: { id: record.id, name: record.name } };
};
const ours = (type: keyof typeof SANDBOX_CREDENTIAL_IDS) => ({ [type]: { id: SANDBOX_CREDENTIAL_IDS[type], name: TEMPLATE_CREDENTIAL_NAMES[type] } });

export type Side = 'ours' | 'built-in';

export interface Check {
	ok: boolean;
	detail: string;
}

export interface ApiJob {
	name: string;
	records: number;
	/** The vendor's largest page or batch, and where it is documented. */
	largest: number;
	largestSource: string;
	vendor: string;
	/** The vendor's rate limit as the sandbox enforces it (the documented one). */
	rateLimit: string;
	/** Puts the sandbox in the job's known state (after a reset). */
	stage(sandbox: Sandbox): void;
	/** The node under test for one side: type, version, parameters, credentials. */
	node(side: Side): { type: string; typeVersion: number; parameters: Record<string, unknown>; credentials: Record<string, unknown> };
	/** JavaScript of the Code node that makes the input items (undefined: one empty item). */
	inputCode?(sandbox: Sandbox): string;
	check(sandbox: Sandbox, side: Side, outputItems: number): Check;
	/** How the built-in node was configured, for the notes. */
	builtInNote: string;
}

/** A workflow: manual trigger, optional Code node making the inputs, the node under test (continue on fail). */
export function jobWorkflow(job: ApiJob, side: Side, sandbox: Sandbox): Record<string, unknown> {
	const node = job.node(side);
	const code = job.inputCode?.(sandbox);
	const nodes: Array<Record<string, unknown>> = [
		{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...(code ? [{ name: 'Make inputs', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } }] : []),
		{ name: NODE_UNDER_TEST, ...node, position: [440, 0], onError: 'continueRegularOutput' },
	];
	const chain = nodes.map((entry) => String(entry.name));
	const connections = Object.fromEntries(chain.slice(0, -1).map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]));
	return { name: `bench api: ${job.name} (${side})`, nodes, connections, settings: { executionOrder: 'v1' } };
}

// ------------------------------------------------------------------------------ CRM upsert

const contactEmail = (index: number) => `bench-contact-${String(index).padStart(5, '0')}@bench.example`;
const BENCH_CONTACT = /^bench-contact-\d{5}@bench\.example$/;

export function crmUpsertJob(records: number): ApiJob {
	const jobTitle = (side: Side) => `Bench upsert (${side})`;
	return {
		name: `upsert ${records.toLocaleString('en-US')} CRM contacts`,
		records,
		largest: 100,
		largestSource: 'HubSpot CRM batch upsert: 100 inputs a call (developers.hubspot.com/docs/api/crm/understanding-the-crm)',
		vendor: 'hubspot',
		rateLimit: 'HubSpot private app, Free/Starter: 100 requests / 10 s',
		builtInNote: 'HubSpot node v2.2, contact Create or Update (legacy contacts v1, one call per contact), option Include Data on (resolveData: no extra GET profile per contact; off, the default, doubles the calls)',
		// Half the contacts exist already (older job title), half are new: an upsert does both.
		stage(sandbox) {
			const hubspot = sandbox.vendors.get('hubspot') as HubSpotFake;
			for (let index = 0; index < records / 2; index++) hubspot.store.insert('contacts', { email: contactEmail(index), firstname: 'Old', lastname: `Contact ${index}`, jobtitle: 'Before the run' });
		},
		inputCode: () =>
			`return Array.from({ length: ${records} }, (_, i) => ({ json: { email: 'bench-contact-' + String(i).padStart(5, '0') + '@bench.example', firstName: 'Bench', lastName: 'Contact ' + i } }));`,
		node(side) {
			if (side === 'ours') {
				return {
					type: `${PACKAGE}.crm`,
					typeVersion: 1,
					parameters: {
						system: 'hubspot',
						hubspotAuthentication: 'privateApp',
						resource: 'contact',
						operation: 'upsert',
						externalId: '={{ $json.email }}',
						externalIdField: 'email',
						inputMode: 'json',
						record: `={{ { email: $json.email, firstName: $json.firstName, lastName: $json.lastName, jobTitle: ${JSON.stringify(jobTitle(side))} } }}`,
						options: {},
					},
					credentials: ours('p2cHubSpotPrivateAppApi'),
				};
			}
			return {
				type: 'n8n-nodes-base.hubspot',
				typeVersion: 2.2,
				parameters: {
					authentication: 'appToken',
					resource: 'contact',
					operation: 'upsert',
					email: '={{ $json.email }}',
					additionalFields: { firstName: '={{ $json.firstName }}', lastName: '={{ $json.lastName }}', jobTitle: jobTitle(side) },
					options: { resolveData: true },
				},
				credentials: builtIn('hubspotAppToken'),
			};
		},
		check(sandbox, side) {
			const contacts = [...(sandbox.vendors.get('hubspot') as HubSpotFake).store.objects.contacts.values()].filter((contact) => BENCH_CONTACT.test(contact.properties.email ?? ''));
			const distinct = new Set(contacts.map((contact) => contact.properties.email)).size;
			const written = contacts.filter((contact) => contact.properties.jobtitle === jobTitle(side) && contact.properties.firstname === 'Bench').length;
			return {
				ok: contacts.length === records && distinct === records && written === records,
				detail: `${contacts.length.toLocaleString('en-US')} bench contacts (${distinct.toLocaleString('en-US')} distinct e-mails), ${written.toLocaleString('en-US')} carry this run's values`,
			};
		},
	};
}

// ------------------------------------------------------------------------------ PSA read

export function timeEntryReadJob(records: number): ApiJob {
	return {
		name: `read ${records.toLocaleString('en-US')} time entries`,
		records,
		largest: 2000,
		largestSource: 'Harvest per_page: 1 to 2000 (help.getharvest.com/api-v2/introduction/overview/pagination)',
		vendor: 'harvest',
		rateLimit: 'Harvest: 100 requests / 15 s',
		builtInNote: 'Harvest node v1, time entry Get Many, Return All (per_page=100, page by page: fixed in the node); the sandbox checks the User-Agent only for presence here, as Harvest documents (the node sends "Harvest App", without the contact Harvest asks for)',
		// Exactly `records` time entries: the seeded ones copied round-robin (projects, users, tasks stay valid).
		stage(sandbox) {
			const harvest = sandbox.vendors.get('harvest') as HarvestFake;
			const table = harvest.store.tables.timeEntries;
			const templates = [...table.values()];
			table.clear();
			for (let index = 0; index < records; index++) {
				const id = harvest.store.newId('timeEntries');
				table.set(id, { ...structuredClone(templates[index % templates.length]), id, notes: `bench entry ${index}` });
			}
			harvest.admin('userAgent', { require: 'present' });
		},
		node(side) {
			if (side === 'ours') {
				return {
					type: `${PACKAGE}.psa`,
					typeVersion: 1,
					parameters: { system: 'harvest', harvestAuthentication: 'personalAccessToken', resource: 'timeEntry', operation: 'list', returnAll: true, filters: {}, options: {} },
					credentials: ours('p2cHarvestPersonalAccessTokenApi'),
				};
			}
			return {
				type: 'n8n-nodes-base.harvest',
				typeVersion: 1,
				parameters: { authentication: 'accessToken', accountId: HARVEST_ACCOUNT_ID, resource: 'timeEntry', operation: 'getAll', returnAll: true, filters: {} },
				credentials: builtIn('harvestApi'),
			};
		},
		check(_sandbox, _side, outputItems) {
			return { ok: outputItems === records, detail: `${outputItems.toLocaleString('en-US')} items out of ${records.toLocaleString('en-US')} staged` };
		},
	};
}

// ------------------------------------------------------------------------------ ERP create

const BENCH_REFERENCE = /^BENCH-INV-\d{5}$/;

export function invoiceCreateJob(records: number): ApiJob {
	return {
		name: `create ${records.toLocaleString('en-US')} invoices`,
		records,
		largest: 50,
		largestSource: 'Xero: no element cap, 3.5 MB a request; batches of up to 50 recommended (developer.xero.com/documentation/guides/oauth2/limits)',
		vendor: 'xero',
		rateLimit: 'Xero: 60 calls / minute and 5,000 / day per tenant',
		builtInNote: 'Xero node v1, invoice Create (POST /Invoices, one invoice per call)',
		stage() {
			// The seeded organisation's contacts are the invoices' customers; nothing else to stage.
		},
		inputCode(sandbox) {
			const contactIds = [...(sandbox.vendors.get('xero') as XeroFake).store.contacts.values()].filter((contact) => contact.ContactStatus === 'ACTIVE' && contact.IsCustomer).map((contact) => contact.ContactID);
			return [
				`const contactIds = ${JSON.stringify(contactIds)};`,
				`return Array.from({ length: ${records} }, (_, i) => ({ json: { reference: 'BENCH-INV-' + String(i).padStart(5, '0'), contactId: contactIds[i % contactIds.length], date: '2026-11-02', description: 'Advisory day ' + i, unitAmount: '1200.00' } }));`,
			].join('\n');
		},
		node(side) {
			if (side === 'ours') {
				return {
					type: `${PACKAGE}.erp`,
					typeVersion: 1,
					parameters: {
						system: 'xero',
						xeroAuthentication: 'oAuth2',
						resource: 'invoice',
						operation: 'createDraft',
						inputMode: 'json',
						record: "={{ { reference: $json.reference, clientId: $json.contactId, currency: 'GBP', issueDate: $json.date, lines: [{ description: $json.description, quantity: 1, unitPrice: $json.unitAmount, accountCode: '200', taxCode: 'NONE' }] } }}",
						lineDefaults: {},
						options: {},
					},
					credentials: ours('p2cXeroOAuth2Api'),
				};
			}
			return {
				type: 'n8n-nodes-base.xero',
				typeVersion: 1,
				parameters: {
					resource: 'invoice',
					operation: 'create',
					organizationId: XERO_TENANT_ID,
					type: 'ACCREC',
					contactId: '={{ $json.contactId }}',
					lineItemsUi: { lineItemsValues: [{ description: '={{ $json.description }}', quantity: 1, unitAmount: '={{ $json.unitAmount }}', accountCode: '200', taxType: 'NONE' }] },
					additionalFields: { reference: '={{ $json.reference }}', date: '={{ $json.date }}', currency: 'GBP' },
				},
				credentials: builtIn('xeroOAuth2Api'),
			};
		},
		check(sandbox) {
			const xero = sandbox.vendors.get('xero') as XeroFake;
			const invoices = [...xero.store.invoices.values()].filter((invoice) => BENCH_REFERENCE.test(invoice.Reference ?? ''));
			const distinct = new Set(invoices.map((invoice) => invoice.Reference)).size;
			const right = invoices.filter((invoice) => xero.store.totals(invoice).total === 120_000 && invoice.Status === 'DRAFT').length;
			return {
				ok: invoices.length === records && distinct === records && right === records,
				detail: `${invoices.length.toLocaleString('en-US')} bench invoices (${distinct.toLocaleString('en-US')} distinct references), ${right.toLocaleString('en-US')} draft at 1,200.00`,
			};
		},
	};
}
