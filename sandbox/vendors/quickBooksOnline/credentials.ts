import { AUTHORIZATION_CODE_GRANT, baseOf, credentialRecord, EXPIRED_ACCESS_TOKEN, type N8nCredentialRecord } from '../../core/credentials';
import { QBO_APP, QBO_REALM_ID, QBO_REFRESH_TOKEN, QBO_SCOPE } from './index';

/** The pack's QuickBooks Online credential pointed at this fake: a connected app whose access token has expired. */
export function quickBooksOnlineCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cQuickBooksOnlineOAuth2Api', 'p2cSbxQboOAuth2A', 'QuickBooks Online OAuth2', {
			...AUTHORIZATION_CODE_GRANT,
			scope: QBO_SCOPE,
			clientId: QBO_APP.clientId,
			clientSecret: QBO_APP.clientSecret,
			authUrl: `${base}/quickbooks/connect/oauth2`,
			accessTokenUrl: `${base}/quickbooks/oauth2/v1/tokens/bearer`,
			authentication: 'header',
			realmId: QBO_REALM_ID,
			baseUrl: `${base}/quickbooks`,
			minorVersion: '75',
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: QBO_REFRESH_TOKEN, token_type: 'bearer' },
		}),
	];
}
