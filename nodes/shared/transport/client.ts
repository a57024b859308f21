import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { findCredentialRefusal } from './credentialRefusal';
import { credentialRefusedError, transportError, vendorApiError } from './errors';
import { redactText, secretsOfCredentialData } from './redact';
import { pace } from './pacing';
import {
	backoffDelay,
	DEFAULT_RETRY_POLICY,
	isTransientTransportError,
	parseRetryAfter,
	RETRYABLE_STATUSES,
	RETRYABLE_WHEN_REPEATABLE,
	sleep,
} from './retry';
import type { RequestContext, RetryPolicy, TransportProfile, VendorRequest, VendorResponse } from './types';

const DEFAULT_TIMEOUT_MS = 60_000;

/** A response n8n's helper threw instead of returning (it throws on 401 so that tokens refresh). */
function responseFromThrown(error: unknown): VendorResponse | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const response = (current as { response?: { status?: number; headers?: VendorResponse['headers']; data?: unknown } })
			.response;
		if (response && typeof response.status === 'number') {
			return { statusCode: response.status, headers: response.headers ?? {}, body: response.data };
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/**
 * n8n refreshes an expired OAuth2 token inside its request helper (on the 401 of the first try) and
 * throws a NodeApiError without the response when the token endpoint answers 429 or 5xx. The vendor
 * request itself was refused (401) and not re-sent, so any request can be tried again. Other
 * statuses never come back thrown: the helper returns them (ignoreHttpStatusErrors, 401 excepted).
 */
function isTokenEndpointRefusal(error: unknown): boolean {
	const httpCode = String((error as { httpCode?: unknown })?.httpCode ?? '');
	return error instanceof Error && /^(429|5\d\d)$/.test(httpCode);
}

function isWrite(request: VendorRequest): boolean {
	return request.method === 'POST' || request.method === 'PATCH';
}

/**
 * The shared transport every vendor connector uses. It authenticates through the n8n credential
 * (`httpRequestWithAuthentication`), paces to the vendor's documented limits, retries what is
 * safe to retry with backoff and `Retry-After`, and turns every failure into one NodeApiError shape.
 */
export class VendorClient {
	readonly baseUrl: string;
	private readonly retryPolicy: RetryPolicy;
	private readonly pacingScope: string;
	/** What of the credential must never appear in an error: vendors may echo it back. */
	readonly secrets: readonly string[];

	private constructor(
		private readonly ctx: RequestContext,
		readonly profile: TransportProfile,
		readonly credentialType: string,
		readonly credentials: ICredentialDataDecryptedObject,
		private readonly itemIndex?: number,
	) {
		this.baseUrl = profile.baseUrl(credentials).replace(/\/+$/, '');
		this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...profile.retry };
		const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? 'default';
		this.pacingScope = `${profile.system}:${credentialType}:${credentialId}:${this.baseUrl}`;
		this.secrets = secretsOfCredentialData(credentials);
	}

	static async create(
		ctx: RequestContext,
		profile: TransportProfile,
		credentialType: string,
		itemIndex?: number,
	): Promise<VendorClient> {
		const credentials = await ctx.getCredentials(credentialType, itemIndex);
		return new VendorClient(ctx, profile, credentialType, credentials, itemIndex);
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/** A copy that reports errors against another input item. */
	forItem(itemIndex: number): VendorClient {
		return new VendorClient(this.ctx, this.profile, this.credentialType, this.credentials, itemIndex);
	}

	resolveUrl(url: string): string {
		if (/^https?:\/\//i.test(url)) return url;
		return `${this.baseUrl}/${url.replace(/^\/+/, '')}`;
	}

	/** Sends a request and returns the parsed JSON body of a 2xx answer. */
	async send<T = IDataObject>(request: VendorRequest): Promise<T> {
		return (await this.request<T>(request)).body;
	}

	/** Sends a request; 2xx answers come back whole, anything else throws a NodeApiError. */
	async request<T = IDataObject>(request: VendorRequest): Promise<VendorResponse<T>> {
		const safety = request.retrySafety ?? (isWrite(request) ? 'never' : 'idempotent');
		for (let attempt = 1; ; attempt++) {
			await this.paceFor(request);
			let response: VendorResponse;
			try {
				response = await this.sendOnce(request);
			} catch (error) {
				const thrownResponse = responseFromThrown(error);
				const refusal = findCredentialRefusal(error);
				if (refusal) {
					// The credential's own token request was refused: not retried, the user fixes the credential.
					throw credentialRefusedError(this.node, this.profile, refusal, this.itemIndex, this.secrets);
				} else if (thrownResponse) {
					response = thrownResponse;
				} else if (isTokenEndpointRefusal(error) && attempt < this.retryPolicy.maxAttempts) {
					await sleep(backoffDelay(attempt - 1, this.retryPolicy));
					continue;
				} else if (isTransientTransportError(error) && attempt < this.retryPolicy.maxAttempts && safety !== 'never') {
					const found = await this.lookupBeforeRetry(safety);
					if (found !== undefined) return { statusCode: 200, headers: {}, body: found as T };
					await sleep(backoffDelay(attempt - 1, this.retryPolicy));
					continue;
				} else if (error instanceof NodeApiError && !isTransientTransportError(error)) {
					const message = redactText(error.message, this.secrets);
					throw new NodeApiError(this.node, { message }, { message, description: error.description ? redactText(error.description, this.secrets) : undefined, itemIndex: this.itemIndex });
				} else {
					throw transportError(this.node, this.profile, request, error as Error, attempt, this.itemIndex, this.secrets);
				}
			}

			if (response.statusCode >= 200 && response.statusCode < 300) {
				return this.checkBody<T>(request, response);
			}
			const retryable =
				// A 429 was refused before any work was done; other statuses may hide a completed write.
				response.statusCode === 429 ||
				(safety !== 'never' && (RETRYABLE_STATUSES.has(response.statusCode) || RETRYABLE_WHEN_REPEATABLE.has(response.statusCode)));
			if (!retryable || attempt >= this.retryPolicy.maxAttempts) {
				throw vendorApiError(this.node, this.profile, request, response, this.itemIndex, this.secrets);
			}
			const retryAfter = parseRetryAfter(
				response.headers['retry-after'] ?? response.headers['Retry-After'],
			);
			if (retryAfter !== undefined && retryAfter > this.retryPolicy.maxRetryAfterMs) {
				throw vendorApiError(this.node, this.profile, request, response, this.itemIndex, this.secrets);
			}
			if (response.statusCode !== 429) {
				const found = await this.lookupBeforeRetry(safety);
				if (found !== undefined) return { statusCode: 200, headers: {}, body: found as T };
			}
			await sleep(retryAfter ?? backoffDelay(attempt - 1, this.retryPolicy));
		}
	}

	private async lookupBeforeRetry(safety: VendorRequest['retrySafety']): Promise<unknown> {
		if (safety && typeof safety === 'object') return await safety.lookup();
		return undefined;
	}

	private async paceFor(request: VendorRequest): Promise<void> {
		const [general] = this.profile.rateLimits;
		if (general) await pace(this.pacingScope, general);
		if (request.rateLimitRule) {
			const rule = this.profile.rateLimits.find((candidate) => candidate.name === request.rateLimitRule);
			if (rule && rule !== general) await pace(this.pacingScope, rule);
		}
	}

	private async sendOnce(request: VendorRequest): Promise<VendorResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: this.resolveUrl(request.url),
			headers: {
				Accept: 'application/json',
				...this.profile.defaultHeaders?.(this.credentials),
				...request.headers,
			},
			json: typeof request.body !== 'string',
			returnFullResponse: true,
			// Statuses come back to us, except 401: n8n must see it to refresh an expired token.
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			arrayFormat: 'repeat',
		};
		if (request.qs) {
			options.qs = Object.fromEntries(Object.entries(request.qs).filter(([, value]) => value !== undefined));
		}
		if (request.body !== undefined) options.body = request.body;
		const full = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.credentialType,
			options,
		)) as { statusCode: number; headers: VendorResponse['headers']; body: unknown };
		return { statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body };
	}

	private checkBody<T>(request: VendorRequest, response: VendorResponse): VendorResponse<T> {
		const { body } = response;
		if (typeof body === 'string' && body.trim() !== '') {
			const contentType = String(response.headers['content-type'] ?? '');
			if (/json/i.test(contentType) || /^\s*[[{]/.test(body)) {
				throw vendorApiError(
					this.node,
					this.profile,
					request,
					{ ...response, body: `${this.profile.displayName} sent a malformed JSON body: ${body.slice(0, 200)}` },
					this.itemIndex,
					this.secrets,
				);
			}
		}
		return response as VendorResponse<T>;
	}
}
