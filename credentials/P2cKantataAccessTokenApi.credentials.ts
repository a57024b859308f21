import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A Kantata OX bearer token without a consent flow: the OAuth token an account administrator sees
 * on a registered application's page (Settings > API > registered applications > Show your OAuth
 * Token; knowledge.kantata.com/hc/en-us/articles/360057953073). It acts as that administrator and
 * does not expire (developer.kantata.com/kantata/specification/section/security).
 */
export class P2cKantataAccessTokenApi implements ICredentialType {
	name = 'p2cKantataAccessTokenApi';

	displayName = 'Project-to-Cash Kantata Access Token API';

	icon = 'file:../nodes/vendors/kantata/kantata.svg' as const;

	documentationUrl = 'https://developer.kantata.com/kantata/specification/section/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The OAuth token of a registered Kantata OX application, sent as a bearer token",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.mavenlink.com/api/v1',
			description: 'Leave as is for Kantata; change only to reach a proxy or the local sandbox',
		},
	];

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
			url: '/users/me.json',
		},
	};
}
