import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Harvest OAuth2 application, authorization code flow (help.getharvest.com/api-v2/authentication-api/authentication/authentication). */
export class P2cHarvestOAuth2Api implements ICredentialType {
	name = 'p2cHarvestOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash Harvest OAuth2 API';

	icon = 'file:../nodes/vendors/harvest/harvest.svg' as const;

	documentationUrl = 'https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://id.getharvest.com/oauth2/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://id.getharvest.com/api/v2/oauth2/token',
			required: true,
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Harvest account to work in: a token can reach several accounts, and every request names one',
		},
		{
			displayName: 'Contact Email',
			name: 'contactEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Harvest asks every integration to name a contact in its User-Agent header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.harvestapp.com/v2',
			description: 'API base URL; change only to reach a proxy or the local sandbox',
		},
		// Without a scope Harvest grants the accounts the user picks on the consent screen.
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Harvest reads client_id and client_secret from the token request's body.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/users/me',
			headers: {
				'Harvest-Account-Id': '={{$credentials.accountId}}',
				'User-Agent': "=Project-to-Cash for n8n ({{$credentials.contactEmail || 'https://github.com/project-to-cash/n8n-nodes-project-to-cash'}})",
			},
		},
	};
}
