import { UserError } from 'n8n-workflow';

/** OAuth 2.0 errors that mean the client's credentials themselves were refused (RFC 6749 section 5.2). */
const CLIENT_REFUSALS = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);

/**
 * A token endpoint refused a credential's own client credentials (a wrong secret, a disabled app):
 * thrown by a credential's preAuthentication, which has no node, and turned into the node's
 * NodeApiError by the transport, with the HTTP status of an authentication failure.
 */
export class CredentialRefusedError extends UserError {
	readonly credentialRefusal = true;

	constructor(
		message: string,
		readonly status: number | undefined,
		readonly oauthError: string | undefined,
	) {
		super(message);
		this.name = 'CredentialRefusedError';
	}

	/** 401 for a refused client (an endpoint may answer invalid_client with 400, RFC 6749 section 5.2), else the endpoint's status. */
	get httpCode(): string {
		if (this.status === 401 || (this.oauthError && CLIENT_REFUSALS.has(this.oauthError))) return '401';
		return String(this.status ?? 401);
	}
}

/** A refused credential, whichever way it was refused. */
export interface CredentialRefusal {
	message: string;
	oauthError?: string;
	httpCode: string;
}

/**
 * The credential refusal an error is or wraps: a client-credentials grant of ours refused
 * (CredentialRefusedError, which n8n may wrap when a preAuthentication throws it), or n8n's own
 * OAuth2 token refresh refused by the token endpoint: its OAuth2 client's `EAUTH` error carrying the
 * endpoint's `{error, error_description}` body, or, for a revoked grant, n8n's "needs to be
 * reconnected" error (`failure.cause: credential-invalid`). Transient refusals (429, 5xx) are not refusals.
 */
export function findCredentialRefusal(error: unknown): CredentialRefusal | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		if ((current as { credentialRefusal?: unknown }).credentialRefusal === true) {
			const refused = current as CredentialRefusedError;
			return { message: refused.message, oauthError: refused.oauthError, httpCode: refused.httpCode };
		}
		const { code, body, failure } = current as { code?: unknown; body?: { error?: unknown; error_description?: unknown }; failure?: { cause?: unknown } };
		// n8n turns a refresh refused with invalid_grant (a revoked grant) into "needs to be reconnected".
		if (failure?.cause === 'credential-invalid') {
			return { message: (current as Error).message, oauthError: 'invalid_grant', httpCode: '401' };
		}
		if (code === 'EAUTH' && body && typeof body.error === 'string') {
			const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
			return {
				message: `the token endpoint refused the OAuth2 token refresh (${body.error}${description})`,
				oauthError: body.error,
				httpCode: CLIENT_REFUSALS.has(body.error) ? '401' : '400',
			};
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
