/**
 * Fault injection, set through the admin API: each rule hits the next `count` matching requests.
 * - `status`: answer with that status (429, 500, 502, 503, 504) and optional Retry-After;
 * - `reset`: destroy the connection before answering;
 * - `latency`: delay the answer;
 * - `dropAfterCommit`: run the request (the write is committed) then destroy the connection;
 * - `malformed`: answer 200 with a body that is not valid JSON.
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

interface ActiveRule extends FaultRule {
	remaining: number;
	pattern?: RegExp;
}

export class FaultInjector {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		this.rules.push({ ...rule, remaining: rule.count ?? 1, pattern: rule.path ? new RegExp(rule.path) : undefined });
	}

	clear(): void {
		this.rules = [];
	}

	/** Takes (consumes) the first rule that matches the request. */
	take(vendor: string, method: string, path: string): FaultRule | undefined {
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

	pending(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule, pattern: undefined }));
	}
}
