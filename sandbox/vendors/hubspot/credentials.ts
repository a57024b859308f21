import { AUTHORIZATION_CODE_GRANT, baseOf, credentialRecord, EXPIRED_ACCESS_TOKEN, type N8nCredentialRecord } from '../../core/credentials';
import { HUBSPOT_OAUTH_CLIENT, HUBSPOT_PRIVATE_APP_TOKEN, HUBSPOT_REFRESH_TOKEN } from './index';

/** The pack's HubSpot credentials pointed at this fake. */
export function hubspotCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	const base = baseOf(sandboxUrl);
	return [
		credentialRecord('p2cHubSpotPrivateAppApi', 'p2cSbxHubSpotPat', 'HubSpot private app', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${base}/hubspot` }),
		credentialRecord('p2cHubSpotOAuth2Api', 'p2cSbxHubSpotOA2', 'HubSpot OAuth2', {
			...AUTHORIZATION_CODE_GRANT,
			clientId: HUBSPOT_OAUTH_CLIENT.clientId,
			clientSecret: HUBSPOT_OAUTH_CLIENT.clientSecret,
			authUrl: `${base}/hubspot/oauth/authorize`,
			accessTokenUrl: `${base}/hubspot/oauth/2026-03/token`,
			authentication: 'body',
			baseUrl: `${base}/hubspot`,
			oauthTokenData: { access_token: EXPIRED_ACCESS_TOKEN, refresh_token: HUBSPOT_REFRESH_TOKEN, token_type: 'bearer' },
		}),
	];
}
