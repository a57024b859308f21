import { AUTHORIZATION_CODE_GRANT, baseOf, credentialRecord, EXPIRED_ACCESS_TOKEN, type N8nCredentialRecord } from '../../core/credentials';
import { XERO_APP, XERO_CUSTOM_CONNECTION, XERO_REFRESH_TOKEN, XERO_TENANT_ID } from './index';

/** The pack's Xero credentials pointed at this fake. */
export function xeroCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cXeroOAuth2Api', 'p2cSbxXeroOAuth2', 'Xero OAuth2', {
			...AUTHORIZATION_CODE_GRANT,
			clientId: XERO_APP.clientId,
			clientSecret: XERO_APP.clientSecret,
			authUrl: `${base}/xero/identity/connect/authorize`,
			accessTokenUrl: `${base}/xero/connect/token`,
			authentication: 'header',
			tenantId: XERO_TENANT_ID,
			baseUrl: `${base}/xero/api.xro/2.0`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: XERO_REFRESH_TOKEN, token_type: 'Bearer' },
		}),
		credentialRecord('p2cXeroClientCredentialsApi', 'p2cSbxXeroCustom', 'Xero custom connection', {
			clientId: XERO_CUSTOM_CONNECTION.clientId,
			clientSecret: XERO_CUSTOM_CONNECTION.clientSecret,
			tokenUrl: `${base}/xero/connect/token`,
			baseUrl: `${base}/xero/api.xro/2.0`,
		}),
	];
}
