import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** BambooHR API key: HTTP Basic auth with the key as user name and any string as password. */
export class P2cBambooHrApi implements ICredentialType {
	name = 'p2cBambooHrApi';

	displayName = 'Project-to-Cash BambooHR API';

	icon = 'file:../nodes/vendors/bamboohr/bamboohr.svg' as const;

	documentationUrl = 'https://documentation.bamboohr.com/docs/getting-started';

	properties: INodeProperties[] = [
		{
			displayName:
				'The API key acts as the BambooHR user who created it: give that user an access level that sees only the employee fields, time off and reports the workflows need.',
			name: 'accessNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Company Domain',
			name: 'companyDomain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description: 'The part before .bamboohr.com in the address you sign in at (https://acme.bamboohr.com means acme)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Host',
			name: 'apiHost',
			type: 'string',
			default: 'https://api.bamboohr.com',
			description: 'Leave as is for BambooHR; change only to reach a proxy or the local sandbox. Requests go to {host}/api/gateway.php/{company domain}/ (v1, and the Datasets API\'s v1_2 and v2).',
		},
	];

	// Basic auth, API key as user name, "x" as password (documentation.bamboohr.com, Getting Started, Authentication).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.apiKey}}',
				password: 'x',
			},
		},
	};

	// Employee 0 is the API key's own user: readable by any working key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiHost}}/api/gateway.php/{{$credentials.companyDomain}}/v1',
			url: '/employees/0',
			qs: { fields: 'firstName,lastName' },
			headers: { Accept: 'application/json' },
		},
	};
}
