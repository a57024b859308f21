import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { headerValue } from '../../shared/transport/errors';
import type { VendorErrorDetails, TransportProfile } from '../../shared/transport/types';
import { DEFAULT_API_VERSION } from './versions';

/**
 * The org's instance URL: the credential's Instance URL (My Domain) when set, else the
 * `instance_url` Salesforce returned with the OAuth token (authorization-code credential).
 */
export function instanceUrl(credentials: ICredentialDataDecryptedObject): string {
	const configured = typeof credentials.instanceUrl === 'string' ? credentials.instanceUrl.trim() : '';
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	const fromToken = typeof tokenData?.instance_url === 'string' ? tokenData.instance_url : '';
	const url = configured || fromToken;
	if (!url) throw new Error('The Salesforce credential has no instance URL: set Instance URL, or reconnect so that Salesforce returns one');
	return url.replace(/\/+$/, '');
}

/** `/services/data/v62.0`: every REST resource lives below it (REST API Developer Guide, "Versions"). */
export function dataPath(credentials: ICredentialDataDecryptedObject): string {
	const version = String(credentials.apiVersion || DEFAULT_API_VERSION).trim();
	if (!/^v\d{2,3}\.0$/.test(version)) throw new Error(`"${version}" is not a Salesforce API version such as ${DEFAULT_API_VERSION}`);
	return `/services/data/${version}`;
}

interface SalesforceError {
	message?: string;
	errorCode?: string;
	fields?: string[];
}

/** Salesforce names the field in `fields`; DUPLICATE_VALUE names it only in its message. */
export function blamedField(error: SalesforceError): string | undefined {
	if (error.fields && error.fields.length > 0) return error.fields[0];
	const duplicate = /duplicate value found: (\w+) duplicates/.exec(error.message ?? '');
	return duplicate?.[1];
}

/** Salesforce REST API as the shared transport sees it. */
export const salesforceTransport: TransportProfile = {
	system: 'salesforce',
	displayName: 'Salesforce',
	// The instance URL; resources are addressed below dataPath(), and nextRecordsUrl is relative to it.
	baseUrl: instanceUrl,
	rateLimits: [
		// Salesforce sets no per-second REST limit ("API Request Limits and Allocations", Salesforce Developer Limits
		// and Allocations Quick Reference): the org has a rolling 24-hour allocation shared by every integration
		// (REQUEST_LIMIT_EXCEEDED, 403) and 25 concurrent requests longer than 20 s (5 in Developer Edition).
		// The pack spends the allocation sparingly instead (2,000-record query batches, 200-record Collections
		// writes) and paces each credential to 10 request starts a second, its own choice, so that a runaway loop
		// cannot empty the day's allocation in minutes.
		{ name: 'courtesy', limit: 10, intervalMs: 1_000, source: 'pack choice; Salesforce documents only the 24 h allocation and concurrent long-running limit' },
	],
	// REQUEST_LIMIT_EXCEEDED is a 403 and is never retried: the allocation does not come back within a retry's wait.
	retry: { maxAttempts: 4 },
	requestIdHeaders: [],
	parseError(response): VendorErrorDetails {
		const body = response.body as SalesforceError[] | (SalesforceError & { error?: string; error_description?: string });
		const usage = headerValue(response.headers, 'sforce-limit-info');
		// REST errors are an array of {message, errorCode, fields} (REST API Developer Guide, "Status Codes and Error Responses").
		const first = Array.isArray(body) ? body[0] : body;
		if (!Array.isArray(body) && body && typeof body.error === 'string') {
			// The OAuth endpoints answer {"error", "error_description"}.
			return { message: body.error_description ? `${body.error}: ${body.error_description}` : body.error, code: body.error };
		}
		const all = Array.isArray(body) ? body : [body];
		const message = all.map((error) => error?.message).filter(Boolean).join('; ') || `HTTP ${response.statusCode}`;
		const code = first?.errorCode;
		return {
			message,
			code,
			field: first ? blamedField(first) : undefined,
			description:
				code === 'REQUEST_LIMIT_EXCEEDED'
					? `The org's API request allocation is used up${usage ? ` (${usage})` : ''}; requests succeed again as the rolling 24-hour window frees up.`
					: code === 'INVALID_SESSION_ID'
						? 'The access token is expired or invalid, or was issued for another instance URL; check the credential.'
						: undefined,
		};
	},
};
