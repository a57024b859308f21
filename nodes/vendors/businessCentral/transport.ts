import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import type { TransportProfile } from '../../shared/transport/types';

export const BUSINESS_CENTRAL_API = 'https://api.businesscentral.dynamics.com';

const segment = (value: unknown, name: string): string => {
	const text = String(value ?? '').trim();
	if (text === '') throw new Error(`The Business Central credential has no ${name}`);
	return encodeURIComponent(text);
};

/**
 * `{api}/v2.0/{tenant}/{environment}/api/v2.0`: the standard API root of one environment
 * (learn.microsoft.com/dynamics365/business-central/dev-itpro/api-reference/v2.0/endpoints-apis-for-dynamics).
 */
export function apiRoot(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.apiBaseUrl || BUSINESS_CENTRAL_API).replace(/\/+$/, '');
	return `${base}/v2.0/${segment(credentials.tenantId, 'Tenant ID')}/${segment(credentials.environment, 'Environment')}/api/v2.0`;
}

/** Path of the credential's company below the API root: `/companies(<id>)`. */
export function companyPath(credentials: ICredentialDataDecryptedObject): string {
	return `/companies(${segment(credentials.companyId, 'Company ID')})`;
}

// Error messages end in "CorrelationId:  <guid>." (use-odata-batch example response): the id Microsoft support asks for.
const CORRELATION = /\s*CorrelationId:\s*([0-9a-fA-F-]+)\.?\s*$/;

/** Splits BC's message into the text a person reads and the correlation id. */
export function splitCorrelationId(message: string): { message: string; correlationId?: string } {
	const match = CORRELATION.exec(message);
	if (!match) return { message: message.trim() };
	return { message: message.slice(0, match.index).trim(), correlationId: match[1] };
}

// Property names BC puts in validation messages ("Field 'taxable' must not be blank", "The field Account No. of table ...").
const FIELD_IN_MESSAGE = /(?:field|property)\s+'([A-Za-z][\w]*)'/i;

/** Business Central API v2.0 as the shared transport sees it. */
export const businessCentralTransport: TransportProfile = {
	system: 'businessCentral',
	displayName: 'Business Central',
	baseUrl: apiRoot,
	rateLimits: [
		// 6,000 requests per user (or service principal) in a 5-minute sliding window; more answers 429
		// (learn.microsoft.com/training/modules/work-with-api/4-limits; administration/operational-limits-online).
		// The environment also processes at most 5 OData requests at once (95 more queue): the connector sends one at a time.
		{ name: 'requests', limit: 6000, intervalMs: 5 * 60_000, source: 'Business Central operational limits: 6,000 requests per 5 minutes per user' },
	],
	// 429 answers carry Retry-After; BC's guidance is retry with a cool-off (api-reference/v2.0/dynamics-rate-limits).
	retry: { maxAttempts: 5 },
	requestIdHeaders: ['request-id', 'ms-request-id', 'x-ms-request-id'],
	parseError(response) {
		// Error body: {"error": {"code": "BadRequest_NotFound", "message": "... CorrelationId:  <id>."}} (webservices/dynamics-error-codes).
		const body = response.body as IDataObject;
		const error = (body.error ?? {}) as IDataObject;
		const raw = String(error.message ?? body.message ?? `HTTP ${response.statusCode}`);
		const { message, correlationId } = splitCorrelationId(raw);
		const code = error.code ? String(error.code) : undefined;
		const field = FIELD_IN_MESSAGE.exec(message)?.[1];
		const hint =
			response.statusCode === 412 || code === 'Request_EntityChanged'
				? 'The record changed in Business Central after it was read (its ETag no longer matches). Read it again and repeat the change.'
				: undefined;
		return { message, code, field, requestId: correlationId, description: hint };
	},
};
