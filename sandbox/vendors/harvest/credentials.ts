import { AUTHORIZATION_CODE_GRANT, baseOf, credentialRecord, EXPIRED_ACCESS_TOKEN, type N8nCredentialRecord } from '../../core/credentials';
import { HARVEST_ACCOUNT_ID, HARVEST_OAUTH_CLIENT, HARVEST_PERSONAL_ACCESS_TOKEN, HARVEST_REFRESH_TOKEN, HARVEST_TOKEN_PATH } from './index';

/** The contact e-mail Harvest wants in the User-Agent of every request. */
export const SANDBOX_HARVEST_CONTACT = 'ops@meridian-advisory.example';

/** The pack's Harvest credentials pointed at this fake. */
export function harvestCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cHarvestPersonalAccessTokenApi', 'p2cSbxHarvestPat', 'Harvest personal access token', {
			accessToken: HARVEST_PERSONAL_ACCESS_TOKEN,
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: SANDBOX_HARVEST_CONTACT,
			baseUrl: `${base}/harvest/v2`,
		}),
		credentialRecord('p2cHarvestOAuth2Api', 'p2cSbxHarvestOA2', 'Harvest OAuth2', {
			...AUTHORIZATION_CODE_GRANT,
			clientId: HARVEST_OAUTH_CLIENT.clientId,
			clientSecret: HARVEST_OAUTH_CLIENT.clientSecret,
			authUrl: `${base}/harvest/oauth2/authorize`,
			accessTokenUrl: `${base}/harvest${HARVEST_TOKEN_PATH}`,
			authentication: 'body',
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: SANDBOX_HARVEST_CONTACT,
			baseUrl: `${base}/harvest/v2`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: HARVEST_REFRESH_TOKEN, token_type: 'bearer' },
		}),
	];
}
