import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { fetchClientCredentialsToken } from './shared/clientCredentials';
import { SALESFORCE_API_VERSIONS } from '../nodes/vendors/salesforce/versions';

/**
 * Salesforce OAuth 2.0 client credentials flow for server-to-server integration: the external client
 * app's consumer key and secret buy an access token that runs as the app's integration user.
 */
export class P2cSalesforceClientCredentialsApi implements ICredentialType {
	name = 'p2cSalesforceClientCredentialsApi';

	displayName = 'Project-to-Cash Salesforce Client Credentials API';

	icon = 'file:../nodes/vendors/salesforce/salesforce.svg' as const;

	documentationUrl = 'https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm';

	properties: INodeProperties[] = [
		{
			displayName:
				'In Salesforce, enable "Client Credentials Flow" on the external client app, pick its Run As integration user and give that user only the Account, Contact, Opportunity and User access the pack needs.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Instance URL',
			name: 'instanceUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.my.salesforce.com',
			description: 'The org\'s My Domain URL (a sandbox org is https://acme--uat.sandbox.my.salesforce.com). The token is requested here; login.salesforce.com does not issue client-credentials tokens.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Consumer key of the external client app',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Consumer secret of the external client app',
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
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches a token; n8n runs this again whenever a request answers 401 (an expired session). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const instanceUrl = String(credentials.instanceUrl ?? '').trim().replace(/\/+$/, '');
		const accessToken = await fetchClientCredentialsToken(this, {
			vendor: 'Salesforce',
			tokenUrl: `${instanceUrl}/services/oauth2/token`,
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			clientAuthentication: 'body',
		});
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.instanceUrl}}/services/data/{{$credentials.apiVersion}}',
			url: '/limits',
		},
	};
}
