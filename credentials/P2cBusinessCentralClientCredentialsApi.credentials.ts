import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';
import { fetchClientCredentialsToken } from './shared/clientCredentials';

// Service-to-service access: OAuth 2.0 client credentials against Microsoft Entra ID with the
// Business Central resource's .default scope (learn.microsoft.com/dynamics365/business-central/dev-itpro/
// administration/automation-apis-using-s2s-authentication).
const BUSINESS_CENTRAL_SCOPE = 'https://api.businesscentral.dynamics.com/.default';

function entraTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.tokenUrl ?? '').trim();
	if (override !== '') return override;
	const tenant = encodeURIComponent(String(credentials.tenantId ?? '').trim());
	return `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`;
}

/** Microsoft Dynamics 365 Business Central through a Microsoft Entra app registration (client credentials). */
export class P2cBusinessCentralClientCredentialsApi implements ICredentialType {
	name = 'p2cBusinessCentralClientCredentialsApi';

	displayName = 'Project-to-Cash Business Central Client Credentials API';

	icon = 'file:../nodes/vendors/businessCentral/businessCentral.svg' as const;

	documentationUrl = 'https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/administration/automation-apis-using-s2s-authentication';

	properties: INodeProperties[] = [
		{
			displayName:
				'Register an app in Microsoft Entra ID with the Dynamics 365 Business Central API.ReadWrite.All application permission, then add it on the Microsoft Entra Applications page in Business Central with only the permission sets the pack needs (customers, sales invoices, payment journals).',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'contoso.onmicrosoft.com',
			description: 'Microsoft Entra tenant ID (GUID) or primary domain of the Business Central customer',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'string',
			default: 'production',
			required: true,
			description: 'Name of the Business Central environment, e.g. production or sandbox',
		},
		{
			displayName: 'Company ID',
			name: 'companyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5d115c9c-44e3-ea11-bb43-000d3a2feca1',
			description: 'ID (GUID) of the company, as GET /companies lists it',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Application (client) ID of the Microsoft Entra app registration',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Revenue Account',
			name: 'revenueAccount',
			type: 'string',
			default: '',
			placeholder: '40100',
			description: 'G/L account number for invoice lines that name neither an item nor an account (canonical invoices from time and expenses usually do not)',
		},
		{
			displayName: 'Payment Journal',
			name: 'paymentJournal',
			type: 'string',
			default: '',
			placeholder: 'P2C',
			description:
				'Code of the customer payment journal that receives recorded payments. Use a journal only this integration writes to, with a bank balancing account: posting posts the whole journal. Empty uses the first customer payment journal.',
		},
		{
			displayName: 'Post Payments',
			name: 'postPayments',
			type: 'boolean',
			default: true,
			description: 'Whether a recorded payment is posted at once (the invoice is settled), or left in the payment journal for an accountant to post',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			description: 'Leave empty for Microsoft Entra ID (https://login.microsoftonline.com/&lt;tenant&gt;/oauth2/v2.0/token); change only for the local sandbox',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://api.businesscentral.dynamics.com',
			description: 'Leave as is for Business Central online; change only to reach a proxy or the local sandbox',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/** Fetches an app-only token; n8n calls this again when Business Central answers 401 (expired token). */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const accessToken = await fetchClientCredentialsToken(this, {
			vendor: 'Microsoft Entra ID',
			tokenUrl: entraTokenUrl(credentials),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			scope: BUSINESS_CENTRAL_SCOPE,
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
			baseURL:
				'={{$credentials.apiBaseUrl}}/v2.0/{{$credentials.tenantId}}/{{$credentials.environment}}/api/v2.0/companies({{$credentials.companyId}})',
			url: '/customers',
			qs: { $top: 1 },
		},
	};
}
