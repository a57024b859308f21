import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Least privilege for the pack's ERP operations (developer.xero.com/documentation/guides/oauth2/scopes):
// invoices and payments, contacts, read-only settings (accounts, tax rates, items), read-only projects.
// offline_access returns a refresh token; Xero access tokens live 30 minutes.
const SCOPES = ['offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings.read', 'projects.read'];

/** Xero app, OAuth 2.0 authorization code flow, for one organisation (tenant) per credential. */
export class P2cXeroOAuth2Api implements ICredentialType {
	name = 'p2cXeroOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash Xero OAuth2 API';

	icon = 'file:../nodes/vendors/xero/xero.svg' as const;

	documentationUrl = 'https://developer.xero.com/documentation/guides/oauth2/auth-flow';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://login.xero.com/identity/connect/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://identity.xero.com/connect/token',
			required: true,
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The organisation to work in: a tenantId from GET https://api.xero.com/connections after connecting. Sent as the xero-tenant-id header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.xero.com/api.xro/2.0',
			description: 'Accounting API base URL; change only to reach a proxy or the local sandbox',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: SCOPES.join(' ') },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Xero's token endpoint takes the client id and secret as HTTP Basic authentication.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/Organisation',
			headers: { 'xero-tenant-id': '={{$credentials.tenantId}}' },
		},
	};
}
