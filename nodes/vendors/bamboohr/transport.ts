import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { headerValue } from '../../shared/transport/errors';
import type { VendorErrorDetails, TransportProfile, VendorResponse } from '../../shared/transport/types';

export const BAMBOOHR_DEFAULT_HOST = 'https://api.bamboohr.com';

/** "acme", "acme.bamboohr.com" or "https://acme.bamboohr.com/" all mean the company domain "acme". */
export function companyDomainOf(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^https?:\/\//i, '')
		.replace(/\.bamboohr\.com.*$/i, '')
		.replace(/\/.*$/, '');
}

/**
 * The company's gateway: {host}/api/gateway.php/{companyDomain}, below which each API version has
 * its own root (v1, v1_2, v2), as the reference's /api/{version}/... paths (bhr-api spec, public.yaml).
 */
export function bamboohrGatewayUrl(credentials: ICredentialDataDecryptedObject): string {
	const host = String(credentials.apiHost || BAMBOOHR_DEFAULT_HOST).replace(/\/+$/, '');
	return `${host}/api/gateway.php/${encodeURIComponent(companyDomainOf(credentials.companyDomain))}`;
}

/** The v1 API root, base of every relative path: {host}/api/gateway.php/{companyDomain}/v1 (documentation.bamboohr.com, Getting Started). */
export function bamboohrBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return `${bamboohrGatewayUrl(credentials)}/v1`;
}

/** BambooHR names the reason of a failure in a response header; the body is usually empty. */
function fromHeaders(response: VendorResponse): VendorErrorDetails | undefined {
	const message = headerValue(response.headers, 'x-bamboohr-error-message') ?? headerValue(response.headers, 'x-bamboohr-message');
	if (!message) return undefined;
	return { message, description: hintFor(response.statusCode) };
}

function hintFor(status: number): string | undefined {
	if (status === 401) return 'Check the API key in the credential (BambooHR: profile menu > API Keys); the key is sent as the Basic auth user name.';
	if (status === 403) return 'The API key acts as its BambooHR user: that user lacks access to this data (access level, or the directory is not shared).';
	if (status === 404) return 'Check the company domain in the credential (the part before .bamboohr.com) and the record id.';
	return undefined;
}

/** RFC 7807 problem details, as the Datasets API (v1.2, v2) answers errors (ProblemDetailsResponse, bhr-api spec). */
function isProblem(body: IDataObject): boolean {
	return typeof body.title === 'string' || typeof body.detail === 'string' || (typeof body.type === 'string' && typeof body.status === 'number');
}

function fromProblem(body: IDataObject, status: number): VendorErrorDetails {
	const fields = body.fields && typeof body.fields === 'object' ? Object.entries(body.fields as IDataObject) : [];
	const [field, reason] = fields[0] ?? [];
	const detail = typeof body.detail === 'string' && body.detail.trim() !== '' ? body.detail : undefined;
	return {
		message: detail ?? String(body.title ?? `HTTP ${status}`),
		code: typeof body.code === 'string' ? body.code : undefined,
		field,
		description: [field && reason !== undefined ? `${field}: ${String(reason)}` : undefined, hintFor(status)].filter(Boolean).join('\n') || undefined,
	};
}

/** BambooHR's API (v1, and the Datasets API's v1.2 and v2) as the shared transport sees it. */
export const bamboohrTransport: TransportProfile = {
	system: 'bamboohr',
	displayName: 'BambooHR',
	baseUrl: bamboohrBaseUrl,
	// BambooHR publishes no numeric limit: "API requests can be throttled if BambooHR deems them to be too
	// frequent" (documentation.bamboohr.com/docs/api-details). No client pacing; 429/503 + Retry-After are retried.
	rateLimits: [],
	// A throttled request says how long to wait in Retry-After (Planned Changes to the API, 429 from 2026-09-16).
	retry: { maxAttempts: 5 },
	// The official SDKs read the request id from x-request-id (bhr-api-python RequestIdMiddleware).
	requestIdHeaders: ['x-request-id'],
	parseError(response) {
		const fromHeader = fromHeaders(response);
		if (fromHeader) return fromHeader;
		const body = response.body as IDataObject;
		if (isProblem(body)) return fromProblem(body, response.statusCode);
		// A few newer endpoints answer JSON errors: {error: {code, message}} or {message}.
		const error = (body.error ?? body) as IDataObject;
		return {
			message: String(error.message ?? `HTTP ${response.statusCode}`),
			code: error.code !== undefined ? String(error.code) : undefined,
			description: hintFor(response.statusCode),
		};
	},
	parseNonJsonError(response, text) {
		return fromHeaders(response) ?? { message: text ? text.slice(0, 300) : `HTTP ${response.statusCode} with an empty body`, description: hintFor(response.statusCode) };
	},
};
