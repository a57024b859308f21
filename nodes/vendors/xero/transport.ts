import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import type { VendorErrorDetails, TransportProfile } from '../../shared/transport/types';
import { canonicalFieldForXeroMessage } from './records';

export const XERO_DEFAULT_BASE_URL = 'https://api.xero.com/api.xro/2.0';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** The Accounting API base URL of a credential. */
export function xeroAccountingBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || XERO_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Xero Projects lives next to the Accounting API: `.../projects.xro/2.0` (developer.xero.com/documentation/api/projects/overview). */
export function xeroProjectsBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return xeroAccountingBaseUrl(credentials).replace(/\/api\.xro\/2\.0$/i, '/projects.xro/2.0');
}

/** Every message of a Xero ValidationException, element by element. */
export function validationMessages(body: IDataObject): string[] {
	const elements = Array.isArray(body.Elements) ? (body.Elements as IDataObject[]) : [];
	const messages: string[] = [];
	for (const element of elements) {
		for (const error of (element.ValidationErrors as IDataObject[] | undefined) ?? []) {
			if (text(error.Message)) messages.push(String(error.Message));
		}
	}
	return messages;
}

/** Xero Accounting API as the shared transport sees it. */
export const xeroTransport: TransportProfile = {
	system: 'xero',
	displayName: 'Xero',
	baseUrl: xeroAccountingBaseUrl,
	// Custom connections are bound to one organisation and need no tenant header; OAuth2 apps do.
	defaultHeaders: (credentials): Record<string, string> => (text(credentials.tenantId) ? { 'xero-tenant-id': String(credentials.tenantId).trim() } : {}),
	rateLimits: [
		// Per tenant: 60 calls a minute, 5,000 a day, 5 in flight (developer.xero.com/documentation/guides/oauth2/limits).
		// Only the minute limit is paced; a day limit answer (429, X-Rate-Limit-Problem: day) fails fast on its long Retry-After.
		{ name: 'minute', limit: 60, intervalMs: 60_000, source: 'Xero OAuth 2.0 API limits: minute limit 60 calls per tenant' },
	],
	requestIdHeaders: ['xero-correlation-id'],
	parseError(response): VendorErrorDetails {
		const body = response.body as IDataObject;
		// 401/403: {"Type":null,"Title":"Unauthorized","Status":401,"Detail":"AuthenticationUnsuccessful","Instance":"<id>"}
		if (text(body.Title) || text(body.Detail)) {
			const problem = text(body.Detail) ?? '';
			const hint = response.statusCode === 403 ? ' (check the Tenant ID of the credential and the scopes of the connection)' : '';
			return {
				message: `${String(body.Title ?? `HTTP ${response.statusCode}`)}${problem ? `: ${problem}` : ''}${hint}`,
				code: text(body.Title),
				requestId: text(body.Instance),
			};
		}
		// 400: {"ErrorNumber":10,"Type":"ValidationException","Message":"A validation exception occurred","Elements":[{..."ValidationErrors":[{"Message":"..."}]}]}
		const messages = validationMessages(body);
		if (messages.length > 0) {
			return {
				message: messages.join('; '),
				code: text(body.Type),
				field: canonicalFieldForXeroMessage(messages[0]),
				description: text(body.Message),
			};
		}
		return { message: String(body.Message ?? body.message ?? `HTTP ${response.statusCode}`), code: text(body.Type) };
	},
};
