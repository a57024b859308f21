import { backoffDelay, DEFAULT_RETRY_POLICY, isTransientTransportError, parseRetryAfter } from '../../nodes/shared/transport/retry';

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-11-22T10:00:00Z');

	it('reads delay-seconds', () => {
		expect(parseRetryAfter('2', now)).toBe(2000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('1.5', now)).toBe(1500);
		expect(parseRetryAfter(['7'], now)).toBe(7000);
	});

	it('reads an HTTP-date (IMF-fixdate) as the time left until then', () => {
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
	});

	it('ignores what it cannot read', () => {
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('', now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter('-5', now)).toBeUndefined();
	});
});

describe('backoffDelay', () => {
	it('grows exponentially under a cap, with full jitter', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(backoffDelay(0, policy, () => 1)).toBe(100);
		expect(backoffDelay(3, policy, () => 1)).toBe(800);
		expect(backoffDelay(10, policy, () => 1)).toBe(1000);
		expect(backoffDelay(3, policy, () => 0)).toBe(0);
		expect(backoffDelay(3, policy, () => 0.5)).toBe(400);
	});
});

describe('isTransientTransportError', () => {
	it('recognises resets and time-outs, also when wrapped', () => {
		expect(isTransientTransportError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
		expect(isTransientTransportError(new Error('socket hang up'))).toBe(true);
		expect(isTransientTransportError({ message: 'wrapped', cause: { code: 'ETIMEDOUT' } })).toBe(true);
		expect(isTransientTransportError(new Error('Unexpected token < in JSON'))).toBe(false);
		expect(isTransientTransportError(undefined)).toBe(false);
	});
});
