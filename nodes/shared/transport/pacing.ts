import type { RateLimitRule } from './types';
import { sleep } from './retry';

/**
 * Sliding-window pacing: at most `limit` request starts in any `intervalMs` window, per key.
 * Shared by every execution in this n8n process, so parallel executions on one credential
 * stay under the vendor's limit together.
 */
class SlidingWindow {
	private readonly starts: number[] = [];
	private tail: Promise<void> = Promise.resolve();
	private readonly spanMs: number;

	constructor(private readonly rule: RateLimitRule) {
		// The vendor counts a request when it arrives, a moment after it started here, and not all
		// arrive equally late: each start is held a little past the window (1%, 50 to 250 ms) so that
		// jitter does not put one request too many in the vendor's window (429s measured at 10,000 entries).
		this.spanMs = rule.intervalMs + Math.min(250, Math.max(50, rule.intervalMs / 100));
	}

	/** Resolves when a request may start; requests are admitted in call order. */
	async acquire(): Promise<void> {
		const turn = this.tail.then(async () => await this.waitForSlot());
		this.tail = turn.catch(() => undefined);
		await turn;
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			while (this.starts.length > 0 && now - this.starts[0] >= this.spanMs) this.starts.shift();
			if (this.starts.length < this.rule.limit) {
				this.starts.push(now);
				return;
			}
			await sleep(this.spanMs - (now - this.starts[0]) + 1);
		}
	}
}

const windows = new Map<string, SlidingWindow>();

export async function pace(scope: string, rule: RateLimitRule): Promise<void> {
	const key = `${scope}|${rule.name}|${rule.limit}/${rule.intervalMs}`;
	let window = windows.get(key);
	if (!window) {
		window = new SlidingWindow(rule);
		windows.set(key, window);
	}
	await window.acquire();
}

/** For tests: forget all windows. */
export function resetPacing(): void {
	windows.clear();
}
