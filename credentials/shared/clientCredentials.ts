import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import { CredentialRefusedError } from '../../nodes/shared/transport/credentialRefusal';
import { redactText } from '../../nodes/shared/transport/redact';
import { backoffDelay, DEFAULT_RETRY_POLICY, isTransientTransportError, parseRetryAfter, sleep } from '../../nodes/shared/transport/retry';

/** An OAuth 2.0 client credentials grant (RFC 6749 section 4.4) for a credential's preAuthentication. */
export interface ClientCredentialsGrant {
	/** Names the vendor in error messages. */
	vendor: string;
	tokenUrl: string;
	clientId: string;
	clientSecret: string;
	scope?: string;
	/** RFC 6749 section 2.3.1: HTTP Basic (`client_secret_basic`) or form fields (`client_secret_post`). */
	clientAuthentication: 'basic' | 'body';
}

function parse(value: unknown): IDataObject | undefined {
	if (value && typeof value === 'object') return value as IDataObject;
	if (typeof value !== 'string') return undefined;
	try {
		return JSON.parse(value) as IDataObject;
	} catch {
		return undefined;
	}
}

// A token request only mints a token: repeating it after a lost answer is safe (RFC 6749 section 4.4).
const TOKEN_ATTEMPTS = 5;
const TOKEN_RETRY_POLICY = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

interface TokenFailure {
	status?: number;
	oauthError?: string;
	retryAfter?: string;
	reason: string;
	transient: boolean;
}

function describeFailure(error: unknown): TokenFailure {
	const response = (error as { response?: { status?: number; statusCode?: number; headers?: Record<string, string | string[] | undefined>; data?: unknown; body?: unknown } }).response;
	const status = response?.status ?? response?.statusCode;
	const body = parse(response?.data ?? response?.body);
	const reason = body?.error ? `${String(body.error)}${body.error_description ? `: ${String(body.error_description)}` : ''}` : (error as Error).message;
	const header = response?.headers?.['retry-after'];
	const retryAfter = Array.isArray(header) ? header[0] : header;
	const transient = status === undefined ? isTransientTransportError(error) : status === 429 || status >= 500;
	return { status, oauthError: typeof body?.error === 'string' ? body.error : undefined, retryAfter, reason, transient };
}

/**
 * Fetches an access token with n8n's own request helper, retrying what the token endpoint did not
 * refuse (429, 5xx, resets) with backoff and Retry-After. Token endpoints answer failures with
 * `{"error", "error_description"}` (RFC 6749 section 5.2); the message names the vendor, the URL and that reason.
 */
export async function fetchClientCredentialsToken(context: IHttpRequestHelper, grant: ClientCredentialsGrant): Promise<string> {
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	if (grant.clientAuthentication === 'body') {
		form.set('client_id', grant.clientId);
		form.set('client_secret', grant.clientSecret);
	}
	if (grant.scope) form.set('scope', grant.scope);
	let answer: unknown;
	let failure: TokenFailure | undefined;
	for (let attempt = 1; attempt <= TOKEN_ATTEMPTS; attempt++) {
		try {
			answer = await context.helpers.httpRequest({
				method: 'POST',
				url: grant.tokenUrl,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				...(grant.clientAuthentication === 'basic' ? { auth: { username: grant.clientId, password: grant.clientSecret } } : {}),
				body: form.toString(),
				json: true,
			});
			failure = undefined;
			break;
		} catch (error) {
			failure = describeFailure(error);
			if (!failure.transient || attempt === TOKEN_ATTEMPTS) break;
			const wait = parseRetryAfter(failure.retryAfter);
			await sleep(wait !== undefined && wait <= TOKEN_RETRY_POLICY.maxRetryAfterMs ? wait : backoffDelay(attempt - 1, TOKEN_RETRY_POLICY));
		}
	}
	// A refused secret is the user's to fix (a credential has no node, so no NodeApiError here).
	if (failure !== undefined) {
		// A token endpoint may echo the form it got: the client secret never goes into the message.
		const refusal = redactText(`${failure.status ? `HTTP ${failure.status}: ` : ''}${failure.reason}`, [grant.clientSecret]);
		if (failure.transient) throw new UserError(`${grant.vendor} did not answer the token request at ${grant.tokenUrl} (${refusal})`);
		throw new CredentialRefusedError(`${grant.vendor} refused the client credentials at ${grant.tokenUrl} (${refusal})`, failure.status, failure.oauthError);
	}
	const token = parse(answer);
	if (!token?.access_token) throw new UserError(`${grant.vendor} answered the token request at ${grant.tokenUrl} without an access_token`);
	return String(token.access_token);
}
