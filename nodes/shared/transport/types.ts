import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Any n8n context that can send authenticated requests. */
export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export type QueryValue = string | number | boolean | string[] | undefined;

export interface VendorRequest {
	method: IHttpRequestMethods;
	/** Path relative to the credential's base URL, or an absolute URL (next links). */
	url: string;
	qs?: Record<string, QueryValue>;
	body?: IDataObject | IDataObject[] | string;
	headers?: Record<string, string>;
	/**
	 * How a retry of this request is kept from doubling a side effect.
	 * - `idempotent`: the request can be repeated as is (GET, PUT, DELETE, an upsert by external id,
	 *   a request carrying an idempotency key).
	 * - `lookup`: before a retry, call the function; if it finds the record the lost attempt made,
	 *   that record is the answer and no retry is sent.
	 * - `never`: a non-idempotent write with no safe way; only a 429 (the vendor refused it before
	 *   doing anything) is retried.
	 * Default: `idempotent` for GET, HEAD, PUT, DELETE; `never` for POST and PATCH.
	 */
	retrySafety?: 'idempotent' | 'never' | { lookup: () => Promise<unknown | undefined> };
	/** Names a pacing rule of the profile beyond the default (e.g. a search endpoint's own limit). */
	rateLimitRule?: string;
	/** Per-attempt time-out in milliseconds. */
	timeoutMs?: number;
}

export interface VendorResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/** A limit the vendor documents: at most `limit` requests per `intervalMs`. */
export interface RateLimitRule {
	name: string;
	limit: number;
	intervalMs: number;
	/** Cite the vendor doc the numbers come from. */
	source: string;
}

export interface RetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this fails fast instead of holding the execution. */
	maxRetryAfterMs: number;
}

export interface VendorErrorDetails {
	message: string;
	/** The vendor's error code or category (e.g. VALIDATION_ERROR, INVALID_FIELD). */
	code?: string;
	/** Field the vendor blames, when it says. */
	field?: string;
	description?: string;
	/** Request or correlation id the vendor put in the error body, when it does. */
	requestId?: string;
}

/** Everything the shared transport needs to know about one vendor's API. */
export interface TransportProfile {
	/** System key, also used in `_meta.system` (the registry's key). */
	system: string;
	displayName: string;
	/** Base URL of the API from the decrypted credential (the credential's base URL field). */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Headers sent on every request (e.g. a required User-Agent). */
	defaultHeaders?(credentials: ICredentialDataDecryptedObject): Record<string, string>;
	/** The vendor's documented request limits; the first is applied to every request. */
	rateLimits: RateLimitRule[];
	retry?: Partial<RetryPolicy>;
	/** Response headers that carry the vendor's request or correlation id, most specific first. */
	requestIdHeaders: string[];
	/** Reads the vendor's error body. */
	parseError(response: VendorResponse): VendorErrorDetails;
	/**
	 * Reads an error answered without a JSON body (empty, text or HTML), e.g. from the vendor's
	 * headers (an `X-...-Error-Message` header). Undefined keeps the default text message.
	 */
	parseNonJsonError?(response: VendorResponse, text: string): VendorErrorDetails | undefined;
}
