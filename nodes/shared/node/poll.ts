import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { DAY_MS } from '../canonical/common';

// Vendors index changes a little after they happen (search indexes, modstamps):
// each poll looks back this far past its previous start, and the keys already seen drop the repeats.
const DEFAULT_OVERLAP_MS = 5 * 60_000;
const MAX_SEEN_KEYS = 20_000;

interface PollState {
	cursor?: string;
	/** Dedupe keys emitted, with the time they were first emitted. */
	seen?: Record<string, number>;
}

/**
 * Shared polling loop for every trigger: reads records changed since the previous poll, emits
 * each dedupe key once, and keeps its cursor in the workflow's static data (so it survives restarts).
 * The first activation only sets the cursor; a manual test run shows the latest match instead.
 */
export async function pollOnce<T>(
	ctx: IPollFunctions,
	options: {
		/** Records changed at or after `since`, page by page. */
		fetch(since: string): AsyncIterable<T[]>;
		/** What makes two records "the same event" (a deal id for "became won"; id + change time for "changed"). */
		dedupeKey(record: T): string;
		stateKey: string;
		overlapMs?: number;
		/** How far back a manual test run looks. */
		manualLookbackMs?: number;
	},
): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node') as IDataObject;
	const state = ((staticData[options.stateKey] as PollState | undefined) ?? {}) as PollState;
	const startedAt = Date.now();
	const overlap = options.overlapMs ?? DEFAULT_OVERLAP_MS;

	if (ctx.getMode() === 'manual') {
		const since = new Date(startedAt - (options.manualLookbackMs ?? 365 * DAY_MS)).toISOString();
		let latest: T | undefined;
		for await (const page of options.fetch(since)) if (page.length > 0) latest = page[page.length - 1];
		return latest ? [[{ json: latest as IDataObject }]] : null;
	}

	if (!state.cursor) {
		staticData[options.stateKey] = { cursor: new Date(startedAt).toISOString(), seen: {} } satisfies PollState;
		return null;
	}

	const seen = { ...(state.seen ?? {}) };
	const since = new Date(Date.parse(state.cursor) - overlap).toISOString();
	const fresh: T[] = [];
	for await (const page of options.fetch(since)) {
		for (const record of page) {
			const key = options.dedupeKey(record);
			if (seen[key] !== undefined) continue;
			seen[key] = startedAt;
			fresh.push(record);
		}
	}
	// Keep the newest keys only: old ones are far outside the overlap window.
	const keys = Object.entries(seen).sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN_KEYS);
	staticData[options.stateKey] = { cursor: new Date(startedAt).toISOString(), seen: Object.fromEntries(keys) } satisfies PollState;
	return fresh.length > 0 ? [fresh.map((record) => ({ json: record as IDataObject }))] : null;
}
