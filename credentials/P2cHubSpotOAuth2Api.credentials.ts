import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

// Least-privilege scopes for the pack's CRM operations (developers.hubspot.com/docs/api/scopes).
const SCOPES = [
	'crm.objects.companies.read',
	'crm.objects.companies.write',
	'crm.objects.contacts.read',
	'crm.objects.contacts.write',
	'crm.objects.deals.read',
	'crm.objects.deals.write',
	'crm.objects.owners.read',
	'oauth',
];

/** HubSpot public app, OAuth 2.0 authorization code flow. */
export class P2cHubSpotOAuth2Api implements ICredentialType {
	name = 'p2cHubSpotOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Project-to-Cash HubSpot OAuth2 API';

	icon = 'file:../nodes/vendors/hubspot/hubspot.svg' as const;

	documentationUrl = 'https://developers.hubspot.com/docs/api/oauth-quickstart-guide';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: 'https://app.hubspot.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			// The date-versioned token endpoint: v1 (/oauth/v1/token) is sunset on 2027-02-16 (developers.hubspot.com/changelog/v1-oauth-api-deprecation).
			default: 'https://api.hubapi.com/oauth/2026-03/token',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.hubapi.com',
			description: 'API base URL; change only to reach a proxy or the local sandbox',
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: SCOPES.join(' ') },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// HubSpot reads client_id and client_secret from the form body of the token request.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/crm/v3/objects/companies',
			qs: { limit: 1 },
		},
	};
}
