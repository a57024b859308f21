import { baseOf, credentialRecord, type N8nCredentialRecord } from '../../core/credentials';
import { SALESFORCE_CONNECTED_APP } from './auth';

/**
 * The pack's Salesforce credentials pointed at this fake. Left out: OAuth2 (its authorization code
 * is single-use and needs the browser consent flow; the client-credentials record covers Salesforce).
 */
export function salesforceCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	return [
		credentialRecord('p2cSalesforceClientCredentialsApi', 'p2cSbxSfClientCC', 'Salesforce connected app', {
			instanceUrl: `${baseOf(sandboxUrl)}/salesforce`,
			clientId: SALESFORCE_CONNECTED_APP.clientId,
			clientSecret: SALESFORCE_CONNECTED_APP.clientSecret,
			apiVersion: 'v62.0',
		}),
	];
}
