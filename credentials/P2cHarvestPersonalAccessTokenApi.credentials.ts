import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Harvest personal access token with its account id (id.getharvest.com/developers). */
export class P2cHarvestPersonalAccessTokenApi implements ICredentialType {
	name = 'p2cHarvestPersonalAccessTokenApi';

	displayName = 'Project-to-Cash Harvest Personal Access Token API';

	icon = 'file:../nodes/vendors/harvest/harvest.svg' as const;

	documentationUrl = 'https://help.getharvest.com/api-v2/authentication-api/authentication/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Account ID',
			name: 'accountId',
			type: 'string',
			default: '',
			required: true,
			description: 'The Harvest account the token acts on, shown next to the token in Harvest ID developer tools',
		},
		{
			displayName: 'Contact Email',
			name: 'contactEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Harvest asks every integration to name a contact in its User-Agent header, so that it can warn you before blocking anything',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.harvestapp.com/v2',
			description: 'Leave as is for Harvest; change only to reach a proxy or the local sandbox',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Harvest-Account-Id': '={{$credentials.accountId}}',
				'User-Agent': "=Project-to-Cash for n8n ({{$credentials.contactEmail || 'https://github.com/project-to-cash/n8n-nodes-project-to-cash'}})",
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/users/me',
		},
	};
}
