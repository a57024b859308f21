/** Sliding-window counter, as vendors enforce "N requests per interval". */
export class SlidingWindowLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		public limit: number,
		public intervalMs: number,
	) {}

	/** Records a hit; returns undefined if allowed, else milliseconds until a slot frees up. */
	hit(key: string, now = Date.now()): number | undefined {
		const list = (this.hits.get(key) ?? []).filter((time) => now - time < this.intervalMs);
		if (list.length >= this.limit) {
			this.hits.set(key, list);
			return this.intervalMs - (now - list[0]);
		}
		list.push(now);
		this.hits.set(key, list);
		return undefined;
	}

	reset(): void {
		this.hits.clear();
	}
}
