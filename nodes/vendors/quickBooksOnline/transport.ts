import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import type { TransportProfile, VendorErrorDetails } from '../../shared/transport/types';

export const QBO_PRODUCTION_URL = 'https://quickbooks.api.intuit.com';
export const QBO_SANDBOX_URL = 'https://sandbox-quickbooks.api.intuit.com';
// Minor versions 1-74 are retired; 75 is the base every request gets (developer.intuit.com .../learn/explore-the-quickbooks-online-api/minor-versions).
export const DEFAULT_MINOR_VERSION = '75';

/** The company (realm) of a credential: digits only, as Intuit issues realm ids. */
export function realmOf(credentials: ICredentialDataDecryptedObject): string {
	const realm = String(credentials.realmId ?? '').trim();
	if (!/^\d{1,32}$/.test(realm)) throw new Error('The QuickBooks Online credential has no Realm ID (the company id: digits, shown as realmId when the app is connected)');
	return realm;
}

/** `{base}/v3/company/{realmId}`: every Accounting API path of one company is below it. */
export function companyBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.baseUrl || QBO_PRODUCTION_URL).replace(/\/+$/, '');
	return `${base}/v3/company/${realmOf(credentials)}`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** One entry of an Intuit `Fault.Error[]` (the JSON body keeps Message/Detail capitalised, `code` and `element` not). */
export interface QboFaultError {
	Message?: string;
	Detail?: string;
	code?: string;
	element?: string;
}

/** The errors of an Intuit fault body: `{"Fault": {"Error": [...], "type": ...}}`, or the lower-case `fault.error[]` of the 401 answer. */
export function faultErrors(body: unknown): { type?: string; errors: QboFaultError[] } {
	if (!body || typeof body !== 'object') return { errors: [] };
	const record = body as IDataObject;
	const fault = (record.Fault ?? record.fault) as IDataObject | undefined;
	if (!fault || typeof fault !== 'object') return { errors: [] };
	const list = (fault.Error ?? fault.error) as unknown;
	const errors = (Array.isArray(list) ? list : []).map((entry) => {
		const error = (entry ?? {}) as IDataObject;
		return { Message: text(error.Message ?? error.message), Detail: text(error.Detail ?? error.detail), code: text(String(error.code ?? '')), element: text(error.element) } as QboFaultError;
	});
	return { type: text(fault.type), errors };
}

// Validation details name the property they are about: "Required param missing, need to supply the required value for the API: Line.Amount" (error codes page).
const FIELD_IN_DETAIL = /(?:for the API|property|field)\s*:?\s*'?([A-Z][A-Za-z.]*)'?/;

const HINTS: Record<string, string> = {
	'5010': 'The record changed in QuickBooks Online after it was read (its SyncToken is stale). Read it again and repeat the change.',
	'3200': 'The access token was refused: reconnect the credential, or check that it belongs to this Realm ID.',
	'3001': 'QuickBooks Online throttles at 500 requests a minute and 10 a second per company; wait a minute before trying again.',
	'610': 'The record does not exist in this company, or it was deleted or made inactive.',
};

/** Intuit's fault body as the pack's error details: every Message and Detail, the first code and the property it names. */
export function parseQboFault(statusCode: number, body: unknown): VendorErrorDetails {
	const { type, errors } = faultErrors(body);
	if (errors.length === 0) {
		const record = (body ?? {}) as IDataObject;
		return { message: String(record.error_description ?? record.error ?? record.message ?? `HTTP ${statusCode}`), code: text(record.error) };
	}
	const message = errors.map((error) => [error.Message, error.Detail && error.Detail !== error.Message ? error.Detail : undefined].filter(Boolean).join(': ')).join('; ');
	const code = errors[0].code;
	const field = errors[0].element ?? FIELD_IN_DETAIL.exec(errors[0].Detail ?? '')?.[1];
	return { message: message || `HTTP ${statusCode}`, code, field, description: [type ? `Fault type ${type}` : undefined, code ? HINTS[code] : undefined].filter(Boolean).join('. ') || undefined };
}

/** QuickBooks Online Accounting API v3 as the shared transport sees it. */
export const quickBooksOnlineTransport: TransportProfile = {
	system: 'quickBooksOnline',
	displayName: 'QuickBooks Online',
	baseUrl: companyBaseUrl,
	rateLimits: [
		// Per company (realm) and app: 500 requests a minute, 10 a second; the batch endpoint 40 calls a minute
		// (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles). A 429 says wait 60 seconds.
		{ name: 'minute', limit: 500, intervalMs: 60_000, source: 'QuickBooks Online API call limits: 500 requests per minute per realm ID' },
		{ name: 'second', limit: 10, intervalMs: 1000, source: 'QuickBooks Online API call limits: 10 requests per second per realm ID and app' },
		{ name: 'batch', limit: 40, intervalMs: 60_000, source: 'QuickBooks Online API call limits: batch endpoint throttled at 40 requests per minute per realm ID and app' },
	],
	retry: { maxAttempts: 5 },
	// Every answer carries the Intuit transaction id support asks for.
	requestIdHeaders: ['intuit_tid'],
	parseError: (response) => parseQboFault(response.statusCode, response.body),
};
