import { FaultInjector, MIX_KINDS, type FaultRule } from '../../sandbox/core/faults';

const NOW = Date.parse('2026-11-22T10:00:00.250Z');

/** The faults a mix injects into `n` requests to one vendor, as short labels. */
function draw(seed: number, n: number, options: { rate?: number; vendors?: string[]; vendor?: string } = {}): string[] {
	const faults = new FaultInjector();
	faults.setMix({ rate: options.rate ?? 0.1, kinds: [...MIX_KINDS], seed, vendors: options.vendors });
	return Array.from({ length: n }, () => label(faults.take(options.vendor ?? 'xero', 'GET', '/api.xro/2.0/Invoices', { now: NOW })));
}

const label = (fault: FaultRule | undefined): string => (fault ? `${fault.kind}${fault.status ? `:${fault.status}` : ''}` : '-');

describe('FaultInjector random mix', () => {
	it('draws the same faults for the same seed, other faults for another seed', () => {
		expect(draw(7, 400)).toEqual(draw(7, 400));
		expect(draw(7, 400)).not.toEqual(draw(8, 400));
	});

	it('hits about the rate asked for, with every kind and every 5xx status', () => {
		const faults = draw(20261122, 5000).filter((fault) => fault !== '-');
		expect(faults.length / 5000).toBeGreaterThan(0.08);
		expect(faults.length / 5000).toBeLessThan(0.12);
		expect(new Set(faults)).toEqual(new Set(['status:429', 'status:500', 'status:502', 'status:503', 'status:504', 'reset', 'dropAfterCommit']));
	});

	it('deals the kinds in rounds: every four faults hold each kind once, so a short run meets all of them', () => {
		for (const seed of [1, 2, 3, 20261122]) {
			const faults = draw(seed, 8, { rate: 1 }).map((fault) => (fault.startsWith('status:5') ? 'status5xx' : fault === 'status:429' ? 'status429' : fault));
			expect(new Set(faults.slice(0, 4))).toEqual(new Set(MIX_KINDS));
			expect(new Set(faults.slice(4))).toEqual(new Set(MIX_KINDS));
		}
	});

	it('gives 429s a one-second Retry-After, as delay-seconds or as an HTTP-date', () => {
		const faults = new FaultInjector();
		faults.setMix({ rate: 1, kinds: ['status429'], seed: 3 });
		const values = new Set(Array.from({ length: 50 }, () => faults.take('hubspot', 'POST', '/x', { now: NOW })!.retryAfter));
		expect(values).toEqual(new Set(['1', 'Sun, 22 Nov 2026 10:00:02 GMT']));
	});

	it('counts what it injected per kind, rules included, and forgets on clear', () => {
		const faults = new FaultInjector();
		faults.add({ kind: 'status', status: 503, count: 2 });
		faults.add({ kind: 'latency', latencyMs: 1 });
		faults.setMix({ rate: 1, kinds: ['reset'], seed: 1 });
		for (let i = 0; i < 5; i++) faults.take('harvest', 'GET', '/v2/clients');
		expect(faults.injected()).toEqual({ status429: 0, status5xx: 2, reset: 2, dropAfterCommit: 0, latency: 1, malformed: 0 });
		faults.clear();
		expect(faults.injected().reset).toBe(0);
		expect(faults.take('harvest', 'GET', '/v2/clients')).toBeUndefined();
	});

	it('spares vendors outside its list and requests the server exempts', () => {
		expect(draw(5, 200, { rate: 1, vendors: ['hubspot'], vendor: 'xero' }).every((fault) => fault === '-')).toBe(true);
		const faults = new FaultInjector();
		faults.setMix({ rate: 1, kinds: ['reset'], seed: 5 });
		expect(faults.take('inbox', 'POST', '/hooks/approvals', { mix: false })).toBeUndefined();
	});

	it('refuses an unknown kind or a rate outside 0..1', () => {
		const faults = new FaultInjector();
		expect(() => faults.setMix({ rate: 2, kinds: ['reset'], seed: 1 })).toThrow(/rate/);
		expect(() => faults.setMix({ rate: 0.1, kinds: ['teapot' as never], seed: 1 })).toThrow(/unknown fault kinds/);
	});
});
