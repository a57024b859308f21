import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
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
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
		});
		let token: { access_token?: string; instance_url?: string };
		try {
			token = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${instanceUrl}/services/oauth2/token`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: form.toString(),
				json: true,
			})) as { access_token?: string; instance_url?: string };
		} catch (error) {
			// The token endpoint answers {"error", "error_description"}, e.g. invalid_client.
			const body = (error as { response?: { data?: { error?: string; error_description?: string } } }).response?.data;
			const reason = body?.error ? `${body.error}: ${body.error_description ?? ''}`.trim() : (error as Error).message;
			throw new Error(`Salesforce refused the client credentials at ${instanceUrl}/services/oauth2/token (${reason})`);
		}
		if (!token.access_token) throw new Error('Salesforce answered the token request without an access_token');
		return { accessToken: token.access_token };
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
