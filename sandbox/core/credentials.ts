/**
 * n8n credential records pointed at the sandbox: each fake gives the records of the pack's
 * credentials for its vendor (`VendorFake.credentialRecords`), with the fakes' fixed tokens, keys
 * and clients. The demo and the end-to-end tests import them into a real n8n
 * (`n8n import:credentials` keeps each `id`); their `name` is the placeholder name the templates use.
 */
export interface N8nCredentialRecord {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A record with a fixed id (16 characters, as n8n's own), so a re-import overwrites instead of duplicating. */
export function credentialRecord(type: string, id: string, name: string, data: Record<string, unknown>): N8nCredentialRecord {
	if (id.length !== 16) throw new Error(`sandbox credential id ${id} of ${type} must have 16 characters`);
	return { id, name, type, data };
}

/** A stale access token: the first call answers 401 and n8n refreshes it with the refresh token. */
export const EXPIRED_ACCESS_TOKEN = 'expired-sandbox-access-token';

/** The fields n8n's OAuth2 credentials take for the authorization-code grant. */
export const AUTHORIZATION_CODE_GRANT = { grantType: 'authorizationCode', scope: '' };

/** The sandbox's base URL without a trailing slash. */
export const baseOf = (sandboxUrl: string): string => sandboxUrl.replace(/\/$/, '');
