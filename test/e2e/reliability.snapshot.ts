/**
 * The sandbox's vendor state in a form two runs of the same template can be compared in: what the
 * run wrote, record by record, with what legitimately differs between runs masked (times of day,
 * ids the fakes hand out, execution ids and signed links) and records sorted. A record written
 * twice stays twice, so a duplicate still fails the comparison.
 */
import type { Sandbox } from '../../sandbox/server';
import { createVendorFakes } from '../../sandbox/vendors';
import type { AnyObject } from './templateSupport';

/** The fakes whose state a template can change: every fake of the sandbox (the inbox too: what was sent matters as much). */
export const SNAPSHOT_VENDORS: readonly string[] = createVendorFakes().map((fake) => fake.name);

// Bookkeeping of the fakes rather than records: tokens issued, rate-limit windows, replay caches.
const SKIPPED_KEYS = new Set(['tokens', 'throttle', 'idempotency', 'sessions']);
// Per-run values: change stamps, concurrency tags, inbox delivery bookkeeping, the execution a message came from.
const VOLATILE_KEYS = /^(created_at|updated_at|createdAt|updatedAt|createdate|hs_lastmodifieddate|lastmodifieddate|UpdatedDateUTC|DateUTC|lastModifiedDateTime|LastModifiedDate|SystemModstamp|CreatedDate|@odata\.etag|receivedAt|deliveryId|executionId|resumeUrl|link|links|signature)$/;
const ID_KEY = /^(id|ID|Id)$|(_id|Id|ID)$|_ids$|Ids$/;
const DAY_MS = 86_400_000;

/**
 * Every value held under an id-like key (ids of records, references to them), as strings, in the
 * order a walk of the state meets them first. Some fakes draw ids at random on reset (Business
 * Central's invoice lines): the same seeded firm then has the same ids in the same places, so an
 * id is known by its place in this order.
 */
export function idsIn(value: unknown, found = new Set<string>(), underIdKey = false): Set<string> {
	if (Array.isArray(value)) for (const entry of value) idsIn(entry, found, underIdKey);
	else if (value && typeof value === 'object') for (const [key, entry] of Object.entries(value)) idsIn(entry, found, ID_KEY.test(key));
	else if (underIdKey && (typeof value === 'string' || typeof value === 'number') && String(value).length >= 3) found.add(String(value));
	return found;
}

/** A time of day within a week of now (link expiries included) (a stamp the run or the staging wrote), as opposed to a business date. */
function isRecentTimestamp(text: string, now: number): boolean {
	const xeroDate = /^\/Date\((\d+)([+-]\d{4})?\)\/$/.exec(text);
	const ms = xeroDate ? Number(xeroDate[1]) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? Date.parse(text) : NaN;
	if (Number.isNaN(ms) || ms % DAY_MS === 0) return false;
	return Math.abs(ms - now) < 7 * DAY_MS;
}

/**
 * The normalised state of every fake. `idsBefore` are the ids present before the run (the seeded
 * firm and the staged scenario, from idsIn): each reads `#<its place>`; ids handed out during the
 * run read `<new>`, wherever they appear (also inside text such as a project's notes or a deal's
 * next step). Links into a waiting n8n execution read `<resume link>`.
 */
export function vendorSnapshot(sandbox: Sandbox, idsBefore: Set<string>, now = Date.now()): AnyObject {
	const raw = Object.fromEntries(SNAPSHOT_VENDORS.map((vendor) => [vendor, sandbox.vendors.get(vendor)!.state() as AnyObject]));
	const alias = new Map<string, string>([...idsBefore].map((id, place) => [id, `#${place}`]));
	for (const id of idsIn(raw)) if (!alias.has(id)) alias.set(id, '<new>');
	// Ids inside text (notes, next steps): whole words of six characters or more, so small numbers in prose stay as they are.
	const inText = (text: string) => text.replace(/[\w-]{6,}/g, (word) => alias.get(word) ?? word);
	const freshSet = new Set([...alias].filter(([, name]) => name === '<new>').map(([id]) => id));

	const normalise = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(normalise).map((entry) => JSON.stringify(entry)).sort().map((entry) => JSON.parse(entry) as unknown);
		if (value && typeof value === 'object') {
			const entries = Object.entries(value).filter(([key]) => !SKIPPED_KEYS.has(key) && !VOLATILE_KEYS.test(key));
			// Objects keyed by new ids (Xero's history by invoice id) are keyed `<new>` with a counter.
			const counters = new Map<string, number>();
			return Object.fromEntries(
				entries
					.map(([key, entry]) => {
						let name = freshSet.has(key) ? '<new>' : (alias.get(key) ?? key);
						if (name === '<new>') {
							const seen = counters.get(JSON.stringify(normalise(entry))) ?? 0;
							counters.set(JSON.stringify(normalise(entry)), seen + 1);
							name = `<new ${JSON.stringify(normalise(entry))} #${seen}>`;
						}
						return [name, normalise(entry)] as const;
					})
					.sort(([a], [b]) => a.localeCompare(b)),
			);
		}
		if (typeof value === 'number' && alias.has(String(value))) return alias.get(String(value));
		if (typeof value === 'string') {
			if (alias.has(value)) return alias.get(value);
			if (/\/webhook-waiting\//.test(value)) return '<resume link>';
			if (isRecentTimestamp(value, now)) return '<recent time>';
			return inText(value);
		}
		return value;
	};
	return normalise(raw) as AnyObject;
}

/** The records that differ between two snapshots, per vendor and collection (for a readable failure). */
export function snapshotDifferences(expected: AnyObject, actual: AnyObject): AnyObject {
	const differences: AnyObject = {};
	for (const vendor of Object.keys({ ...expected, ...actual })) {
		for (const collection of Object.keys({ ...expected[vendor], ...actual[vendor] })) {
			const a = JSON.stringify(expected[vendor]?.[collection]);
			const b = JSON.stringify(actual[vendor]?.[collection]);
			if (a === b) continue;
			const left = Array.isArray(expected[vendor]?.[collection]) ? (expected[vendor][collection] as unknown[]).map((entry) => JSON.stringify(entry)) : [a];
			const right = Array.isArray(actual[vendor]?.[collection]) ? (actual[vendor][collection] as unknown[]).map((entry) => JSON.stringify(entry)) : [b];
			const remaining = [...right];
			const missing: string[] = [];
			for (const entry of left) {
				const at = remaining.indexOf(entry);
				if (at >= 0) remaining.splice(at, 1);
				else missing.push(entry);
			}
			differences[`${vendor}.${collection}`] = { onlyFaultFree: missing.map((entry) => entry.slice(0, 600)), onlyUnderFaults: remaining.map((entry) => entry.slice(0, 600)) };
		}
	}
	return differences;
}
