import { z } from 'zod';
import { isIsoCurrency } from './currencies';

/** Version of the canonical model; bumped on any breaking change of an entity's shape. */
export const CANONICAL_SCHEMA_VERSION = 1 as const;

export const schemaVersion = z.literal(CANONICAL_SCHEMA_VERSION).default(CANONICAL_SCHEMA_VERSION);

/** ISO 4217 alphabetic code of a currency in use (see currencies.ts). */
export const CurrencyCode = z
	.string()
	.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as USD')
	.refine(isIsoCurrency, 'is not an ISO 4217 currency code in use');

/** Longest single-line text the model takes (CRM account and ERP contact names commonly stop at 255). */
export const LINE_MAX = 255;
/** Longest free text (CRM property values commonly stop at 65,536 characters). */
export const TEXT_MAX = 65_536;
/** Whether text holds a control character (NUL, CR, LF, ESC, DEL, ...). */
export function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** One line of free text: names, phones, codes. Any characters but control characters (CR, LF, NUL). */
export const Line = z
	.string()
	.max(LINE_MAX, `must be at most ${LINE_MAX} characters`)
	.refine((value) => !hasControlCharacter(value), 'must be one line, without control characters');

/** A name that must be there: one line, not blank. */
export const RequiredLine = z
	.string()
	.trim()
	.min(1, 'is required')
	.max(LINE_MAX, `must be at most ${LINE_MAX} characters`)
	.refine((value) => !hasControlCharacter(value), 'must be one line, without control characters');

/** Free text over several lines: notes, descriptions. */
export const Text = z.string().max(TEXT_MAX, `must be at most ${TEXT_MAX} characters`);

/**
 * A record id in some system. Ids end up in URL paths and vendor queries, so they are held to the
 * characters vendors' ids use (digits, alphanumerics, GUIDs): letters, digits and . _ : @ -.
 */
export const RemoteId = z
	.string()
	.min(1, 'is required')
	.max(LINE_MAX, `must be at most ${LINE_MAX} characters`)
	.regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'must be an id: letters, digits and . _ : @ - only');

/** A business key (`opp-123/proj`, an invoice reference used as external id): one line, at most 255 characters. */
export const BusinessKey = Line.refine((value) => value.trim() !== '', 'is required');

/** A system key: becomes part of vendor field names (a CRM's `p2c_ref_<key>`), so an identifier only. */
const REF_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const ExternalRefKey = z
	.string()
	.regex(REF_KEY, 'must be a system key: a letter, then letters, digits or _ (at most 40)')
	.refine((key) => !RESERVED_KEYS.has(key), 'is a reserved name');

export const Email = z.string().max(254, 'must be at most 254 characters').email('must be an e-mail address');

/** One day in milliseconds (calendar arithmetic in UTC). */
export const DAY_MS = 86_400_000;

/** Whether `YYYY-MM-DD` is a day that exists. */
export function isCalendarDate(value: string): boolean {
	// Date.parse rolls 2026-02-30 over to March; a real date formats back to itself.
	const time = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Calendar date, ISO 8601 `YYYY-MM-DD`. */
export const IsoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO 8601 date (YYYY-MM-DD)')
	.refine(isCalendarDate, 'is not a real calendar date');

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/** A date-time whose every part is in range: a real day, hour < 24, offset within +-14:00 (ISO 8601). */
export function isIsoInstant(value: string): boolean {
	const parts = INSTANT.exec(value);
	if (!parts || !isCalendarDate(parts[1])) return false;
	const [hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = parts.slice(2).map((part) => part ?? '0');
	return Number(hour) < 24 && Number(minute) < 60 && Number(second) < 60 && Number(offsetHours) <= 14 && Number(offsetMinutes) < 60;
}

/** Instant, ISO 8601 with a time zone designator. */
export const IsoDateTime = z
	.string()
	.refine(isIsoInstant, 'must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T09:00:00Z)');

/**
 * Money as an integer count of the currency's minor unit (cents for USD, yen for JPY),
 * so that totals are exact: never a binary floating-point amount.
 */
export const Money = z.object({
	amountMinor: z
		.number()
		.int('must be an integer number of minor units')
		.min(Number.MIN_SAFE_INTEGER, 'is too large to be exact')
		.max(Number.MAX_SAFE_INTEGER, 'is too large to be exact'),
	currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Provenance: where a canonical record came from. */
export const RecordMeta = z.object({
	/** System key: a registered system's key. */
	system: ExternalRefKey,
	/** Entity name in the canonical model, e.g. `client`. */
	entity: ExternalRefKey,
	/** Id of the record in that system. */
	remoteId: RemoteId.optional(),
	/** When the pack read the record from the system. */
	fetchedAt: IsoDateTime,
	/** Ties together every record and request of one business transaction (a deal's handoff, an invoice run). */
	correlationId: BusinessKey.optional(),
	/** When the vendor last changed the record, if it says. */
	remoteUpdatedAt: IsoDateTime.optional(),
});
export type RecordMeta = z.infer<typeof RecordMeta>;

/**
 * Cross-system references: THE one place where a record says which records in other systems it
 * corresponds to. Keys are the registered system keys (the System parameter's values), values the
 * remote id there; the category nodes refuse a key that is not registered. Idempotency rests on
 * these: a handoff looks up the CRM's key on PSA projects before it creates one, and writes the
 * PSA project id back onto the opportunity under the PSA's key. The `key` entry is a deterministic
 * business key (e.g. `opp-123/proj`) for systems that take an idempotency reference.
 */
export const ExternalRefs = z.record(ExternalRefKey, BusinessKey);
export type ExternalRefs = z.infer<typeof ExternalRefs>;

export const Address = z.object({
	line1: Line.optional(),
	line2: Line.optional(),
	city: Line.optional(),
	region: Line.optional(),
	postalCode: Line.optional(),
	country: Line.optional(),
});
export type Address = z.infer<typeof Address>;

/** Fields every canonical record has. */
export const baseRecordShape = {
	schemaVersion,
	/** Id in the system the record came from (same as `_meta.remoteId`); absent on a record not yet created. */
	id: RemoteId.optional(),
	externalRefs: ExternalRefs.default({}),
	_meta: RecordMeta.optional(),
	/** The vendor's raw record, kept when the user asks for it. */
	remoteData: z.unknown().optional(),
};
