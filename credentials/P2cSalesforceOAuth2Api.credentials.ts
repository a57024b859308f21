import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import { SALESFORCE_API_VERSIONS } from '../nodes/vendors/salesforce/versions';

/**
 * Salesforce OAuth 2.0 web server (authorization code) flow. The token response carries the org's
 * `instance_url`; API calls go there unless Instance URL overrides it.
 */
export class P2cSalesforceOAuth2Api implements ICredentialType {
	name = 'p2cSalesforceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash Salesforce OAuth2 API';

	icon = 'file:../nodes/vendors/salesforce/salesforce.svg' as const;

	documentationUrl = 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://login.salesforce.com/services/oauth2/authorize',
			required: true,
			description: 'Use https://test.salesforce.com/... for a sandbox org, or the org\'s My Domain URL',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://login.salesforce.com/services/oauth2/token',
			required: true,
			description: 'Use https://test.salesforce.com/services/oauth2/token for a sandbox org, or the org\'s My Domain URL',
		},
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			placeholder: 'https://acme--uat.sandbox.my.salesforce.com',
			description: 'Leave empty to use the instance URL Salesforce returns with the token; set it to reach another instance (a sandbox org, a proxy or the local sandbox)',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: SALESFORCE_API_VERSIONS.map((version) => ({ name: version, value: version })),
			default: 'v62.0',
		},
		{
			displayName: 'Multi-Currency Org',
			name: 'multiCurrency',
			type: 'boolean',
			default: true,
			description: 'Whether the org has multiple currencies turned on. Only then does Salesforce have the CurrencyIsoCode field; otherwise amounts are in the org currency (the node\'s Default Currency option).',
		},
		// "api" for REST resources, "refresh_token" so that n8n can renew the session without the user.
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'api refresh_token' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// The token endpoint takes client_id and client_secret as HTTP Basic credentials or in the body; n8n sends Basic.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.instanceUrl || $credentials.oauthTokenData.instance_url}}/services/data/{{$credentials.apiVersion}}',
			url: '/limits',
		},
	};
}
