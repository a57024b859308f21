import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import { redactText } from '../../nodes/shared/transport/redact';

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

/**
 * Fetches an access token with n8n's own request helper. Token endpoints answer failures with
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
	let refusal: string | undefined;
	try {
		answer = await context.helpers.httpRequest({
			method: 'POST',
			url: grant.tokenUrl,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			...(grant.clientAuthentication === 'basic' ? { auth: { username: grant.clientId, password: grant.clientSecret } } : {}),
			body: form.toString(),
			json: true,
		});
	} catch (error) {
		const response = (error as { response?: { status?: number; data?: unknown; body?: unknown } }).response;
		const body = parse(response?.data ?? response?.body);
		const reason = body?.error ? `${String(body.error)}${body.error_description ? `: ${String(body.error_description)}` : ''}` : (error as Error).message;
		refusal = `${response?.status ? `HTTP ${response.status}: ` : ''}${reason}`;
	}
	// A refused secret is the user's to fix (a credential has no node, so no NodeApiError here).
	// A token endpoint may echo the form it got: the client secret never goes into the message.
	if (refusal !== undefined) throw new UserError(`${grant.vendor} refused the client credentials at ${grant.tokenUrl} (${redactText(refusal, [grant.clientSecret])})`);
	const token = parse(answer);
	if (!token?.access_token) throw new UserError(`${grant.vendor} answered the token request at ${grant.tokenUrl} without an access_token`);
	return String(token.access_token);
}
