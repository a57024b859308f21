import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Kantata OX OAuth2 application, authorization code flow
 * (developer.kantata.com/kantata/specification/section/obtaining-tokens-for-users): the user is sent
 * to /oauth/authorize, the code is exchanged at /oauth/token with the client id and secret.
 */
export class P2cKantataOAuth2Api implements ICredentialType {
	name = 'p2cKantataOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash Kantata OAuth2 API';

	icon = 'file:../nodes/vendors/kantata/kantata.svg' as const;

	documentationUrl = 'https://developer.kantata.com/kantata/specification/section/authentication';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://app.mavenlink.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://app.mavenlink.com/oauth/token',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mavenlink.com/api/v1',
			description: 'API base URL; change only to reach a proxy or the local sandbox',
		},
		// Kantata OX applications have no scopes: a token acts with the permissions of the user who authorized it.
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Kantata reads client_id and client_secret from the token request's body.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/users/me.json',
		},
	};
}
