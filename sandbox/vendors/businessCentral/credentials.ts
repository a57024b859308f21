import { baseOf, credentialRecord, type N8nCredentialRecord } from '../../core/credentials';
import { BC_CLIENT, BC_COMPANY_ID, BC_PAYMENT_JOURNAL, BC_REVENUE_ACCOUNT, BC_TENANT_ID } from './index';

/** The pack's Business Central credentials pointed at this fake. */
export function businessCentralCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cBusinessCentralClientCredentialsApi', 'p2cSbxBcAppRegis', 'Business Central app registration', {
			tenantId: BC_TENANT_ID,
			environment: 'production',
			companyId: BC_COMPANY_ID,
			clientId: BC_CLIENT.clientId,
			clientSecret: BC_CLIENT.clientSecret,
			revenueAccount: BC_REVENUE_ACCOUNT,
			paymentJournal: BC_PAYMENT_JOURNAL,
			postPayments: true,
			tokenUrl: `${base}/businesscentral/login/${BC_TENANT_ID}/oauth2/v2.0/token`,
			apiBaseUrl: `${base}/businesscentral`,
		}),
	];
}
