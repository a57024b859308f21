import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** HubSpot private app access token (Settings > Integrations > Private Apps). */
export class P2cHubSpotPrivateAppApi implements ICredentialType {
	name = 'p2cHubSpotPrivateAppApi';

	displayName = 'Project-to-Cash HubSpot Private App API';

	icon = 'file:../nodes/vendors/hubspot/hubspot.svg' as const;

	documentationUrl = 'https://developers.hubspot.com/docs/api/private-apps';

	properties: INodeProperties[] = [
		{
			displayName:
				'Least privilege: give the private app only crm.objects.companies.read/write, crm.objects.contacts.read/write, crm.objects.deals.read/write and crm.objects.owners.read.',
			name: 'scopesNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'Leave as is for HubSpot; change only to reach a proxy, a test account gateway or the local sandbox',
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
			url: '/crm/v3/objects/companies',
			qs: { limit: 1 },
		},
	};
}
