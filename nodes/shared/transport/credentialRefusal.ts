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

/** The credential refusal an error is or wraps (n8n may wrap what a preAuthentication throws). */
export function findCredentialRefusal(error: unknown): CredentialRefusedError | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		if ((current as { credentialRefusal?: unknown }).credentialRefusal === true) return current as CredentialRefusedError;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
