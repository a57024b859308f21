import { AUTHORIZATION_CODE_GRANT, baseOf, credentialRecord, type N8nCredentialRecord } from '../../core/credentials';
import { KANTATA_ACCESS_TOKEN, KANTATA_OAUTH_CLIENT, KANTATA_OAUTH_TOKEN, KANTATA_TOKEN_PATH } from './index';

/** The pack's Kantata credentials pointed at this fake: the application's own token, and an OAuth2 grant already consented. */
export function kantataCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cKantataAccessTokenApi', 'p2cSbxKantataTok', 'Kantata access token', {
			accessToken: KANTATA_ACCESS_TOKEN,
			baseUrl: `${base}/kantata/api/v1`,
		}),
		credentialRecord('p2cKantataOAuth2Api', 'p2cSbxKantataOA2', 'Kantata OAuth2', {
			...AUTHORIZATION_CODE_GRANT,
			clientId: KANTATA_OAUTH_CLIENT.clientId,
			clientSecret: KANTATA_OAUTH_CLIENT.clientSecret,
			authUrl: `${base}/kantata/oauth/authorize`,
			accessTokenUrl: `${base}/kantata${KANTATA_TOKEN_PATH}`,
			authentication: 'body',
			baseUrl: `${base}/kantata/api/v1`,
			// Kantata's tokens do not expire and come without a refresh token.
			oauthTokenData: { access_token: KANTATA_OAUTH_TOKEN, token_type: 'bearer' },
		}),
	];
}
