/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The n8n credential records of every vendor credential of the pack, pointed at a running
 * sandbox with the fakes' fixed tokens, keys and clients. The demo and the end-to-end tests import
 * them into a real n8n (`n8n import:credentials` keeps each `id`).
 *
 * The `name` of each record is the placeholder name the templates in templates/ use, so a template
 * imported next to these credentials finds them by name.
 */
import { BAMBOOHR_COMPANY_DOMAIN, BAMBOOHR_API_KEY } from './vendors/bamboohr';
import { BC_CLIENT, BC_COMPANY_ID, BC_PAYMENT_JOURNAL, BC_REVENUE_ACCOUNT, BC_TENANT_ID } from './vendors/businessCentral';
import { HARVEST_ACCOUNT_ID, HARVEST_OAUTH_CLIENT, HARVEST_PERSONAL_ACCESS_TOKEN, HARVEST_REFRESH_TOKEN, HARVEST_TOKEN_PATH } from './vendors/harvest';
import { HUBSPOT_OAUTH_CLIENT, HUBSPOT_PRIVATE_APP_TOKEN } from './vendors/hubspot';
import { INBOX_HOOK_PATH } from './vendors/inbox';
import { SALESFORCE_CONNECTED_APP } from './vendors/salesforce/auth';
import { XERO_APP, XERO_CUSTOM_CONNECTION, XERO_REFRESH_TOKEN, XERO_TENANT_ID } from './vendors/xero';

export interface N8nCredentialRecord {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The names the templates give their credentials (placeholders a user replaces with their own). */
export const TEMPLATE_CREDENTIAL_NAMES = {
	p2cHubSpotPrivateAppApi: 'HubSpot private app',
	p2cHubSpotOAuth2Api: 'HubSpot OAuth2',
	p2cSalesforceClientCredentialsApi: 'Salesforce connected app',
	p2cHarvestPersonalAccessTokenApi: 'Harvest personal access token',
	p2cHarvestOAuth2Api: 'Harvest OAuth2',
	p2cXeroOAuth2Api: 'Xero OAuth2',
	p2cXeroClientCredentialsApi: 'Xero custom connection',
	p2cBusinessCentralClientCredentialsApi: 'Business Central app registration',
	p2cBambooHrApi: 'BambooHR API key',
	p2cApprovalGateApi: 'Approval Gate signing key',
	p2cApprovalWebhookApi: 'Approval links webhook',
	p2cSlackApi: 'Slack incoming webhook',
	p2cMicrosoftTeamsWebhookApi: 'Teams incoming webhook',
} as const;

export type PackCredentialType = keyof typeof TEMPLATE_CREDENTIAL_NAMES;

/** Fixed ids (16 characters, as n8n's own), so a re-import overwrites instead of duplicating. */
export const SANDBOX_CREDENTIAL_IDS: Record<PackCredentialType, string> = {
	p2cHubSpotPrivateAppApi: 'p2cSbxHubSpotPat',
	p2cHubSpotOAuth2Api: 'p2cSbxHubSpotOA2',
	p2cSalesforceClientCredentialsApi: 'p2cSbxSfClientCC',
	p2cHarvestPersonalAccessTokenApi: 'p2cSbxHarvestPat',
	p2cHarvestOAuth2Api: 'p2cSbxHarvestOA2',
	p2cXeroOAuth2Api: 'p2cSbxXeroOAuth2',
	p2cXeroClientCredentialsApi: 'p2cSbxXeroCustom',
	p2cBusinessCentralClientCredentialsApi: 'p2cSbxBcAppRegis',
	p2cBambooHrApi: 'p2cSbxBambooHrKy',
	p2cApprovalGateApi: 'p2cSbxApprovalGt',
	p2cApprovalWebhookApi: 'p2cSbxApprovalWh',
	p2cSlackApi: 'p2cSbxSlackHookA',
	p2cMicrosoftTeamsWebhookApi: 'p2cSbxTeamsHookA',
};

/** Signs the Approval Gate's links in the sandbox set-up (at least 32 characters; not a secret). */
export const SANDBOX_APPROVAL_SIGNING_SECRET = 'p2c-sandbox-approval-signing-secret-0001';
/** The contact e-mail Harvest wants in the User-Agent of every request. */
export const SANDBOX_HARVEST_CONTACT = 'ops@meridian-advisory.example';
// The HubSpot fake's seeded refresh token (sandbox/vendors/hubspot/index.ts).
const HUBSPOT_REFRESH_TOKEN = 'hubspot-sandbox-refresh-token';
// A stale access token: the first call answers 401 and n8n refreshes it with the refresh token.
const EXPIRED_ACCESS_TOKEN = 'expired-sandbox-access-token';

/** Where a notification channel of the sandbox's inbox receives calls, e.g. `approvals`. */
export function inboxHookUrl(sandboxUrl: string, channel: string): string {
	return `${sandboxUrl.replace(/\/$/, '')}/inbox${INBOX_HOOK_PATH.replace(':channel', encodeURIComponent(channel))}`;
}

function record(type: PackCredentialType, data: Record<string, unknown>): N8nCredentialRecord {
	return { id: SANDBOX_CREDENTIAL_IDS[type], name: TEMPLATE_CREDENTIAL_NAMES[type], type, data };
}

/**
 * Every pack credential pointing at the sandbox at `sandboxUrl` (e.g. http://127.0.0.1:4010).
 * Left out: Salesforce OAuth2 (its authorization code is single-use and needs the browser
 * consent flow; the client-credentials record covers Salesforce).
 */
export function sandboxCredentials(sandboxUrl: string): N8nCredentialRecord[] {
	const base = sandboxUrl.replace(/\/$/, '');
	const oauth2 = { grantType: 'authorizationCode', scope: '' };
	return [
		record('p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${base}/hubspot` }),
		record('p2cHubSpotOAuth2Api', {
			...oauth2,
			clientId: HUBSPOT_OAUTH_CLIENT.clientId,
			clientSecret: HUBSPOT_OAUTH_CLIENT.clientSecret,
			authUrl: `${base}/hubspot/oauth/authorize`,
			accessTokenUrl: `${base}/hubspot/oauth/v1/token`,
			authentication: 'body',
			baseUrl: `${base}/hubspot`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: HUBSPOT_REFRESH_TOKEN, token_type: 'bearer' },
		}),
		record('p2cSalesforceClientCredentialsApi', {
			instanceUrl: `${base}/salesforce`,
			clientId: SALESFORCE_CONNECTED_APP.clientId,
			clientSecret: SALESFORCE_CONNECTED_APP.clientSecret,
			apiVersion: 'v62.0',
		}),
		record('p2cHarvestPersonalAccessTokenApi', {
			accessToken: HARVEST_PERSONAL_ACCESS_TOKEN,
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: SANDBOX_HARVEST_CONTACT,
			baseUrl: `${base}/harvest/v2`,
		}),
		record('p2cHarvestOAuth2Api', {
			...oauth2,
			clientId: HARVEST_OAUTH_CLIENT.clientId,
			clientSecret: HARVEST_OAUTH_CLIENT.clientSecret,
			authUrl: `${base}/harvest/oauth2/authorize`,
			accessTokenUrl: `${base}/harvest${HARVEST_TOKEN_PATH}`,
			authentication: 'body',
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: SANDBOX_HARVEST_CONTACT,
			baseUrl: `${base}/harvest/v2`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: HARVEST_REFRESH_TOKEN, token_type: 'bearer' },
		}),
		record('p2cXeroOAuth2Api', {
			...oauth2,
			clientId: XERO_APP.clientId,
			clientSecret: XERO_APP.clientSecret,
			authUrl: `${base}/xero/identity/connect/authorize`,
			accessTokenUrl: `${base}/xero/connect/token`,
			authentication: 'header',
			tenantId: XERO_TENANT_ID,
			baseUrl: `${base}/xero/api.xro/2.0`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: XERO_REFRESH_TOKEN, token_type: 'Bearer' },
		}),
		record('p2cXeroClientCredentialsApi', {
			clientId: XERO_CUSTOM_CONNECTION.clientId,
			clientSecret: XERO_CUSTOM_CONNECTION.clientSecret,
			tokenUrl: `${base}/xero/connect/token`,
			baseUrl: `${base}/xero/api.xro/2.0`,
		}),
		record('p2cBusinessCentralClientCredentialsApi', {
			tenantId: BC_TENANT_ID,
			environment: 'production',
			companyId: BC_COMPANY_ID,
			clientId: BC_CLIENT.clientId,
			clientSecret: BC_CLIENT.clientSecret,
			revenueAccount: BC_REVENUE_ACCOUNT,
			paymentJournal: BC_PAYMENT_JOURNAL,
			postPayments: true,
			tokenUrl: `${base}/businesscentral/login/${BC_TENANT_ID}/oauth2/v2.0/token`,
			apiBaseUrl: `${base}/businesscentral`,
		}),
		record('p2cBambooHrApi', { companyDomain: BAMBOOHR_COMPANY_DOMAIN, apiKey: BAMBOOHR_API_KEY, apiHost: `${base}/bamboohr` }),
		record('p2cApprovalGateApi', { signingSecret: SANDBOX_APPROVAL_SIGNING_SECRET, linkLifetimeHours: 72 }),
		record('p2cApprovalWebhookApi', { url: inboxHookUrl(base, 'approvals'), signingSecret: '', signatureHeader: 'X-P2c-Signature' }),
		record('p2cSlackApi', { connection: 'incomingWebhook', webhookUrl: inboxHookUrl(base, 'slack') }),
		record('p2cMicrosoftTeamsWebhookApi', { webhookUrl: inboxHookUrl(base, 'teams') }),
	];
}

/** The credential record of one type (throws for a type the sandbox cannot stand in for). */
export function sandboxCredential(sandboxUrl: string, type: string): N8nCredentialRecord {
	const found = sandboxCredentials(sandboxUrl).find((candidate) => candidate.type === type);
	if (!found) throw new Error(`the sandbox has no credential of type ${type}`);
	return found;
}
