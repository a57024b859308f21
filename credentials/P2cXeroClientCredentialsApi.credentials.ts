import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { fetchClientCredentialsToken } from './shared/clientCredentials';

/**
 * Xero custom connection: a machine-to-machine connection to one organisation, with the client
 * credentials grant (developer.xero.com/documentation/guides/oauth2/custom-connections). The access
 * token (30 minutes) is fetched before the first request and again when Xero answers 401.
 */
export class P2cXeroClientCredentialsApi implements ICredentialType {
	name = 'p2cXeroClientCredentialsApi';

	displayName = 'Project-to-Cash Xero Client Credentials API';

	icon = 'file:../nodes/vendors/xero/xero.svg' as const;

	documentationUrl = 'https://developer.xero.com/documentation/guides/oauth2/custom-connections';

	properties: INodeProperties[] = [
		{
			displayName:
				'Least privilege: authorise the custom connection for accounting.transactions, accounting.contacts, accounting.settings.read and projects.read only.',
			name: 'scopesNotice',
			type: 'notice',
			default: '',
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scopes',
			name: 'scope',
			type: 'string',
			default: '',
			description: 'Space-separated scopes to request; leave empty for every scope the custom connection was authorised for',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://identity.xero.com/connect/token',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			description: 'Optional: a custom connection reaches one organisation, so Xero needs no xero-tenant-id header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.xero.com/api.xro/2.0',
			description: 'Accounting API base URL; change only to reach a proxy or the local sandbox',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await fetchClientCredentialsToken(this, {
			vendor: 'Xero',
			tokenUrl: String(credentials.tokenUrl || 'https://identity.xero.com/connect/token'),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			scope: credentials.scope ? String(credentials.scope) : undefined,
			// Xero reads the client id and secret from HTTP Basic authentication.
			clientAuthentication: 'basic',
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
			baseURL: '={{$credentials.baseUrl}}',
			url: '/Organisation',
		},
	};
}
