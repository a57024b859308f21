import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { Crm } from '../../nodes/Crm/Crm.node';
import { Erp } from '../../nodes/Erp/Erp.node';
import { Psa } from '../../nodes/Psa/Psa.node';
import { BC_CLIENT, BC_COMPANY_ID, BC_PAYMENT_JOURNAL, BC_REVENUE_ACCOUNT, BC_TENANT_ID } from '../../sandbox/vendors/businessCentral';
import { HARVEST_ACCOUNT_ID, HARVEST_PERSONAL_ACCESS_TOKEN } from '../../sandbox/vendors/harvest';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { SALESFORCE_CONNECTED_APP } from '../../sandbox/vendors/salesforce';
import { XERO_CUSTOM_CONNECTION } from '../../sandbox/vendors/xero';
import { run, useCredential, type SandboxHandle } from './support';

/** One system behind a category node, as the bad-input tests drive it. */
export interface SystemUnderTest {
	key: string;
	node: INodeType;
	/** The sandbox's path prefix (its request log's `vendor`). */
	vendor: string;
	parameters: INodeParameters;
	credentials: Record<string, string>;
}

export const SYSTEMS: Record<string, SystemUnderTest> = {
	hubspot: { key: 'hubspot', node: new Crm(), vendor: 'hubspot', parameters: { system: 'hubspot', hubspotAuthentication: 'privateApp' }, credentials: { p2cHubSpotPrivateAppApi: 'hubspot-pat' } },
	salesforce: { key: 'salesforce', node: new Crm(), vendor: 'salesforce', parameters: { system: 'salesforce', salesforceAuthentication: 'clientCredentials' }, credentials: { p2cSalesforceClientCredentialsApi: 'sf-cc' } },
	harvest: { key: 'harvest', node: new Psa(), vendor: 'harvest', parameters: { system: 'harvest', harvestAuthentication: 'personalAccessToken' }, credentials: { p2cHarvestPersonalAccessTokenApi: 'harvest-pat' } },
	xero: { key: 'xero', node: new Erp(), vendor: 'xero', parameters: { system: 'xero', xeroAuthentication: 'clientCredentials' }, credentials: { p2cXeroClientCredentialsApi: 'xero-custom' } },
	businessCentral: {
		key: 'businessCentral',
		node: new Erp(),
		vendor: 'businesscentral',
		parameters: { system: 'businessCentral', businessCentralAuthentication: 'clientCredentials' },
		credentials: { p2cBusinessCentralClientCredentialsApi: 'bc-app' },
	},
};

/** The credentials of every system, pointed at this test file's sandbox. */
export function useAllCredentials(sandbox: SandboxHandle): void {
	beforeEach(() => {
		const url = sandbox.sandbox.url;
		useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${url}/hubspot` });
		useCredential('sf-cc', 'p2cSalesforceClientCredentialsApi', { instanceUrl: `${url}/salesforce`, clientId: SALESFORCE_CONNECTED_APP.clientId, clientSecret: SALESFORCE_CONNECTED_APP.clientSecret, apiVersion: 'v62.0' });
		useCredential('harvest-pat', 'p2cHarvestPersonalAccessTokenApi', { accessToken: HARVEST_PERSONAL_ACCESS_TOKEN, accountId: HARVEST_ACCOUNT_ID, contactEmail: 'ops@meridian-advisory.example', baseUrl: `${url}/harvest/v2` });
		useCredential('xero-custom', 'p2cXeroClientCredentialsApi', {
			clientId: XERO_CUSTOM_CONNECTION.clientId,
			clientSecret: XERO_CUSTOM_CONNECTION.clientSecret,
			tokenUrl: `${url}/xero/connect/token`,
			baseUrl: `${url}/xero/api.xro/2.0`,
		});
		useCredential('bc-app', 'p2cBusinessCentralClientCredentialsApi', {
			tenantId: BC_TENANT_ID,
			environment: 'production',
			companyId: BC_COMPANY_ID,
			clientId: BC_CLIENT.clientId,
			clientSecret: BC_CLIENT.clientSecret,
			revenueAccount: BC_REVENUE_ACCOUNT,
			paymentJournal: BC_PAYMENT_JOURNAL,
			postPayments: true,
			tokenUrl: `${url}/businesscentral/login/${BC_TENANT_ID}/oauth2/v2.0/token`,
			apiBaseUrl: `${url}/businesscentral`,
		});
	});
}

/** Runs a category node's operation on items under continue-on-fail. */
export async function runWrite(system: SystemUnderTest, parameters: INodeParameters, items: IDataObject[]): Promise<INodeExecutionData[]> {
	return await run(system.node, { ...system.parameters, options: {}, ...parameters }, { credentials: system.credentials, items, continueOnFail: true });
}

/** Requests that change something at the vendor: any method but GET, token requests left out. */
export function writesTo(sandbox: SandboxHandle, vendor: string): Array<{ method: string; path: string; body: unknown }> {
	return sandbox.sandbox.requests.filter((request) => request.vendor === vendor && request.method !== 'GET' && !/token$/.test(request.path) && !/\/(search|batch\/read)$/.test(request.path));
}
