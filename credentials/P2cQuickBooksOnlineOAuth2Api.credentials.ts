import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An Intuit app, OAuth 2.0 authorization code flow, for one QuickBooks Online company (realm) per
 * credential (developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0).
 * Least privilege: the accounting scope only, no payments, payroll or OpenID scopes. Access tokens
 * live an hour; each refresh may return a new refresh token, and n8n stores the latest one.
 */
export class P2cQuickBooksOnlineOAuth2Api implements ICredentialType {
	name = 'p2cQuickBooksOnlineOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash QuickBooks Online OAuth2 API';

	icon = 'file:../nodes/vendors/quickBooksOnline/quickBooksOnline.svg' as const;

	documentationUrl = 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: 'https://appcenter.intuit.com/connect/oauth2', required: true },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer', required: true },
		{
			displayName: 'Realm ID',
			name: 'realmId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '9130357865492071',
			description: 'The company ID (realmId): returned with the authorization code when the app is connected, and shown in QuickBooks under Settings > Account and settings > Billing & subscription',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://quickbooks.api.intuit.com',
			description: 'Accounting API host: https://quickbooks.api.intuit.com for production companies, https://sandbox-quickbooks.api.intuit.com for Intuit sandbox companies; or a proxy or the local sandbox',
		},
		{ displayName: 'Minor Version', name: 'minorVersion', type: 'string', default: '75', description: 'The minorversion sent with every request (75 is the lowest Intuit still serves)' },
		{ displayName: 'Default Service Item ID', name: 'defaultItemId', type: 'string', default: '', description: 'Item for invoice lines that name none (QuickBooks takes the income account from the item). Empty uses the company\'s "Services" item.' },
		{ displayName: 'Deposit Account ID', name: 'depositAccountId', type: 'string', default: '', description: 'Bank account payments are deposited to when the node names none. Empty leaves them in Undeposited Funds.' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'com.intuit.quickbooks.accounting' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Intuit's token endpoint takes the client id and secret as HTTP Basic authentication.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}/v3/company/{{$credentials.realmId}}',
			url: '=/companyinfo/{{$credentials.realmId}}',
			qs: { minorversion: '={{$credentials.minorVersion || "75"}}' },
			headers: { Accept: 'application/json' },
		},
	};
}
