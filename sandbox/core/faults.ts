import { seededRandom } from './ids';

/**
 * Fault injection, set through the admin API: each rule hits the next `count` matching requests.
 * - `status`: answer with that status (429, 500, 502, 503, 504) and optional Retry-After;
 * - `reset`: destroy the connection before answering;
 * - `latency`: delay the answer;
 * - `dropAfterCommit`: run the request (the write is committed) then destroy the connection;
 * - `malformed`: answer 200 with a body that is not valid JSON.
 * Besides the rules, a seeded random mix (`FaultMix`) can hit a share of all vendor requests.
 */
export interface FaultRule {
	kind: 'status' | 'reset' | 'latency' | 'dropAfterCommit' | 'malformed';
	vendor?: string;
	method?: string;
	/** Regular expression matched against the path below the vendor prefix. */
	path?: string;
	count?: number;
	status?: number;
	/** Sent as is: delay-seconds ("2") or an HTTP-date. */
	retryAfter?: string;
	latencyMs?: number;
	body?: unknown;
}

export type MixKind = 'status429' | 'status5xx' | 'reset' | 'dropAfterCommit';
export const MIX_KINDS: readonly MixKind[] = ['status429', 'status5xx', 'reset', 'dropAfterCommit'];

/** A seeded random fault mix: each vendor request is hit with probability `rate`, by one of `kinds`. */
export interface FaultMix {
	rate: number;
	kinds: MixKind[];
	seed: number;
	/** Only these vendor fakes (default: every vendor fake but those the sandbox exempts). */
	vendors?: string[];
}

/** What was injected since the last reset or clear, per kind (rules and mix alike). */
export type InjectedCounts = Record<MixKind | 'latency' | 'malformed', number>;

const SERVER_ERRORS = [500, 502, 503, 504];
// Retry-After short enough to keep a run quick, long enough to be honoured (RFC 9110 section 10.2.3).
const MIX_RETRY_AFTER_S = 1;

interface ActiveRule extends FaultRule {
	remaining: number;
	pattern?: RegExp;
}

const emptyCounts = (): InjectedCounts => ({ status429: 0, status5xx: 0, reset: 0, dropAfterCommit: 0, latency: 0, malformed: 0 });

function countKey(rule: FaultRule): keyof InjectedCounts {
	if (rule.kind === 'status') return rule.status === 429 ? 'status429' : 'status5xx';
	return rule.kind;
}

/** Retry-After one second ahead, as delay-seconds or as an IMF-fixdate rounded up to the next whole second. */
function retryAfterValue(asDate: boolean, now: number): string {
	if (!asDate) return String(MIX_RETRY_AFTER_S);
	return new Date((Math.ceil(now / 1000) + MIX_RETRY_AFTER_S) * 1000).toUTCString();
}

/** A seeded Fisher-Yates shuffle. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let index = copy.length - 1; index > 0; index -= 1) {
		const other = Math.floor(random() * (index + 1));
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

export class FaultInjector {
	private rules: ActiveRule[] = [];
	private mix?: FaultMix & { random: () => number; dealer: () => number };
	/** Kinds still to deal in this round: each round is a seeded shuffle of all the mix's kinds. */
	private deck: MixKind[] = [];
	private counts: InjectedCounts = emptyCounts();

	add(rule: FaultRule): void {
		this.rules.push({ ...rule, remaining: rule.count ?? 1, pattern: rule.path ? new RegExp(rule.path) : undefined });
	}

	/** Turns the random mix on (replacing one already set); the same seed draws the same sequence. */
	setMix(mix: FaultMix): void {
		if (!(mix.rate >= 0 && mix.rate <= 1)) throw new Error(`fault mix rate must be within 0..1, got ${mix.rate}`);
		const kinds = mix.kinds.length > 0 ? mix.kinds : [...MIX_KINDS];
		const unknown = kinds.filter((kind) => !MIX_KINDS.includes(kind));
		if (unknown.length > 0) throw new Error(`unknown fault kinds ${unknown.join(', ')}; known: ${MIX_KINDS.join(', ')}`);
		// The dealer has its own sequence, so shuffling never shifts which requests are hit.
		this.mix = { ...mix, kinds, random: seededRandom(mix.seed), dealer: seededRandom(mix.seed ^ 0x5bd1e995) };
		this.deck = [];
	}

	/** Clears the rules and the mix; the counts too. */
	clear(): void {
		this.rules = [];
		this.mix = undefined;
		this.deck = [];
		this.counts = emptyCounts();
	}

	/**
	 * The fault for this request, if any: a matching rule first (consumed), else a draw of the mix.
	 * Counted as injected.
	 */
	take(vendor: string, method: string, path: string, options: { mix?: boolean; now?: number } = {}): FaultRule | undefined {
		const rule = this.takeRule(vendor, method, path) ?? (options.mix === false ? undefined : this.drawMix(vendor, options.now ?? Date.now()));
		if (rule) this.counts[countKey(rule)] += 1;
		return rule;
	}

	private takeRule(vendor: string, method: string, path: string): FaultRule | undefined {
		const rule = this.rules.find(
			(candidate) =>
				candidate.remaining > 0 &&
				(!candidate.vendor || candidate.vendor === vendor) &&
				(!candidate.method || candidate.method.toUpperCase() === method) &&
				(!candidate.pattern || candidate.pattern.test(path)),
		);
		if (!rule) return undefined;
		rule.remaining -= 1;
		this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
		return rule;
	}

	private drawMix(vendor: string, now: number): FaultRule | undefined {
		const mix = this.mix;
		if (!mix || (mix.vendors && !mix.vendors.includes(vendor))) return undefined;
		// Three draws per request whatever the outcome, so one request's fate never shifts the next one's.
		const [hit, pick, detail] = [mix.random(), mix.random(), mix.random()];
		if (hit >= mix.rate) return undefined;
		// Dealt, not drawn: every kind comes once per round of len(kinds) faults, so even a short run meets a balanced mix.
		if (this.deck.length === 0) this.deck = shuffled(mix.kinds, mix.dealer);
		const kind = this.deck[Math.min(this.deck.length - 1, Math.floor(pick * this.deck.length))];
		this.deck.splice(this.deck.indexOf(kind), 1);
		if (kind === 'status429') return { kind: 'status', status: 429, retryAfter: retryAfterValue(detail < 0.5, now), body: { message: 'injected fault: rate limited' } };
		if (kind === 'status5xx') return { kind: 'status', status: SERVER_ERRORS[Math.floor(detail * SERVER_ERRORS.length)], body: { message: 'injected fault: server error' } };
		return { kind };
	}

	/** How many faults of each kind were injected since the last clear. */
	injected(): InjectedCounts {
		return { ...this.counts };
	}

	/** The mix in force, without its generator. */
	currentMix(): FaultMix | undefined {
		if (!this.mix) return undefined;
		const { rate, kinds, seed, vendors } = this.mix;
		return { rate, kinds, seed, ...(vendors ? { vendors } : {}) };
	}

	pending(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule, pattern: undefined }));
	}
}
