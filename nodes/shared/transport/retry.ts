import type { RetryPolicy } from './types';

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
};

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * A 500 says the server failed, not the request: often transient, but nothing tells whether a
 * write got done first. Retried only where repeating is safe (idempotent, or after a look-up).
 */
export const RETRYABLE_WHEN_REPEATABLE = new Set([500]);

const RETRYABLE_ERROR_CODES = new Set([
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNREFUSED',
	'EAI_AGAIN',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);

/** True for a transport failure (reset, time-out) where the request may or may not have been processed. */
export function isTransientTransportError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && RETRYABLE_ERROR_CODES.has(candidate.code)) return true;
		if (typeof candidate.message === 'string' && /socket hang up|timeout of \d+ms exceeded|terminated/i.test(candidate.message)) {
			return true;
		}
		current = candidate.cause;
	}
	return false;
}

/**
 * Retry-After (RFC 9110 section 10.2.3) is either delay-seconds or an HTTP-date.
 * Returns milliseconds to wait, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined) return undefined;
	const text = raw.trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	// An HTTP-date names a weekday and month; anything else (e.g. "-5") is not one, whatever Date.parse makes of it.
	if (!/[a-z]{3}/i.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^retry)]. */
export function backoffDelay(retryNumber: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryNumber);
	return Math.round(random() * ceiling);
}

export { sleep } from 'n8n-workflow';
