import { createHash } from 'node:crypto';

/** Deterministic pseudo-random numbers (mulberry32), so seeded data is the same on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A UUID-shaped id derived from a counter: stable across runs, unique per sandbox. */
export function requestId(counter: number, salt = 'sandbox'): string {
	const hex = createHash('sha1').update(`${salt}:${counter}`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
