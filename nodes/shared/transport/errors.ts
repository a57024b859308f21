import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { CredentialRefusal } from './credentialRefusal';
import { redactDeep, redactText } from './redact';
import type { VendorErrorDetails, TransportProfile, VendorRequest, VendorResponse } from './types';

function headerValue(headers: VendorResponse['headers'], name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

export function vendorRequestId(profile: TransportProfile, response: VendorResponse): string | undefined {
	for (const name of profile.requestIdHeaders) {
		const value = headerValue(response.headers, name);
		if (value) return value;
	}
	return undefined;
}

export { headerValue };

function describeRequest(request: VendorRequest): string {
	const path = request.url.replace(/^https?:\/\/[^/]+/, '');
	return `${request.method} ${path.split('?')[0]}`;
}

/**
 * The one error normaliser: a vendor's error answer becomes a NodeApiError that carries the
 * vendor's own message, the HTTP status, the vendor's request id and the item it concerns.
 * It carries nothing of the request (no headers, no body), and any `secrets` of the credential
 * the vendor echoed in its answer are redacted: n8n stores and logs this error.
 */
export function vendorApiError(
	node: INode,
	profile: TransportProfile,
	request: VendorRequest,
	answer: VendorResponse,
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const response: VendorResponse = { ...answer, body: redactDeep(answer.body, secrets) };
	let details: VendorErrorDetails;
	if (response.body === null || typeof response.body !== 'object') {
		const text = String(response.body ?? '').trim();
		details = profile.parseNonJsonError?.(response, text) ?? { message: text ? text.slice(0, 300) : `HTTP ${response.statusCode} with an empty body` };
	} else {
		try {
			details = profile.parseError(response);
		} catch {
			details = { message: `HTTP ${response.statusCode} with an unreadable error body` };
		}
	}
	const requestId = vendorRequestId(profile, response) ?? details.requestId;
	const parts = [`${describeRequest(request)} answered ${response.statusCode}`];
	if (details.code) parts.push(`code ${details.code}`);
	if (details.field) parts.push(`field ${details.field}`);
	if (requestId) parts.push(`${profile.displayName} request id ${requestId}`);
	const description = redactText([details.description, parts.join(' · ')].filter(Boolean).join('\n'), secrets);
	const errorResponse: JsonObject = {
		system: profile.system,
		httpCode: String(response.statusCode),
		message: details.message,
		...(details.code ? { code: details.code } : {}),
		...(details.field ? { field: details.field } : {}),
		...(requestId ? { requestId } : {}),
		body: (typeof response.body === 'object' && response.body !== null
			? response.body
			: String(response.body ?? '')) as JsonObject,
	};
	return new NodeApiError(node, errorResponse, {
		message: `${profile.displayName}: ${details.message}`,
		description,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A transport failure (reset, time-out, refused) that outlived its retries. */
export function transportError(
	node: INode,
	profile: TransportProfile,
	request: VendorRequest,
	error: Error,
	attempts: number,
	itemIndex?: number,
	secrets: readonly string[] = [],
): NodeApiError {
	const code = (error as { code?: string }).code;
	const reason = redactText(String(error.message), secrets);
	return new NodeApiError(
		node,
		{ system: profile.system, message: reason, ...(code ? { code } : {}) },
		{
			message: `${profile.displayName}: the request failed (${code ?? reason}) after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
			description: `${describeRequest(request)} got no answer. Check the credential's base URL and the network; the request was retried with backoff.`,
			itemIndex,
		},
	);
}

/** A credential whose token request was refused: the node's error, with the authentication status and no secret. */
export function credentialRefusedError(node: INode, profile: TransportProfile, refusal: CredentialRefusal, itemIndex?: number, secrets: readonly string[] = []): NodeApiError {
	const message = redactText(refusal.message, secrets);
	return new NodeApiError(
		node,
		{ system: profile.system, message, ...(refusal.oauthError ? { error: refusal.oauthError } : {}) },
		{
			message: `${profile.displayName}: the credential was refused (${message})`,
			description: "Check the credential's client ID and secret (and that the app is enabled and consented), or reconnect an OAuth2 credential whose grant was revoked; the request was not sent.",
			httpCode: refusal.httpCode,
			itemIndex,
		},
	);
}
