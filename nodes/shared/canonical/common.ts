import { z } from 'zod';

/** Version of the canonical model; bumped on any breaking change of an entity's shape. */
export const CANONICAL_SCHEMA_VERSION = 1 as const;

export const schemaVersion = z.literal(CANONICAL_SCHEMA_VERSION).default(CANONICAL_SCHEMA_VERSION);

/** ISO 4217 alphabetic code. */
export const CurrencyCode = z
	.string()
	.regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as USD');

/** Calendar date, ISO 8601 `YYYY-MM-DD`. */
export const IsoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO 8601 date (YYYY-MM-DD)')
	.refine((value) => {
		// Date.parse rolls 2026-02-30 over to March; a real date formats back to itself.
		const time = Date.parse(`${value}T00:00:00Z`);
		return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
	}, 'is not a real calendar date');

/** Instant, ISO 8601 with a time zone designator. */
export const IsoDateTime = z
	.string()
	.refine(
		(value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value),
		'must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T09:00:00Z)',
	);

/**
 * Money as an integer count of the currency's minor unit (cents for USD, yen for JPY),
 * so that totals are exact: never a binary floating-point amount.
 */
export const Money = z.object({
	amountMinor: z.number().int('must be an integer number of minor units'),
	currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** Provenance: where a canonical record came from. */
export const RecordMeta = z.object({
	/** System key, e.g. `hubspot`, `salesforce`, `harvest`. */
	system: z.string().min(1),
	/** Entity name in the canonical model, e.g. `client`. */
	entity: z.string().min(1),
	/** Id of the record in that system. */
	remoteId: z.string().min(1).optional(),
	/** When the pack read the record from the system. */
	fetchedAt: IsoDateTime,
	/** Ties together every record and request of one business transaction (a deal's handoff, an invoice run). */
	correlationId: z.string().min(1).optional(),
	/** When the vendor last changed the record, if it says. */
	remoteUpdatedAt: IsoDateTime.optional(),
});
export type RecordMeta = z.infer<typeof RecordMeta>;

/**
 * Cross-system references: THE one place where a record says which records in other
 * systems it corresponds to. Keys are system keys (`hubspot`, `harvest`, `xero`, ...), values
 * the remote id there. Idempotency rests on these: an opportunity-to-project run looks up
 * `externalRefs.hubspot` on PSA projects before it creates one, and writes the PSA project id
 * back into the opportunity's `externalRefs.harvest`.
 * The `key` entry is a deterministic business key (e.g. `opp-123/proj`) for systems that
 * take an idempotency reference (invoice reference, external-id field).
 */
/** Systems whose ids a record may carry in `externalRefs`, plus `key` for the business key. */
export const EXTERNAL_REF_KEYS = ['key', 'hubspot', 'salesforce', 'harvest', 'kantata', 'xero', 'businessCentral', 'bamboohr', 'hibob'] as const;

export const ExternalRefs = z.record(z.string().min(1), z.string().min(1));
export type ExternalRefs = z.infer<typeof ExternalRefs>;

export const Address = z.object({
	line1: z.string().optional(),
	line2: z.string().optional(),
	city: z.string().optional(),
	region: z.string().optional(),
	postalCode: z.string().optional(),
	country: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

/** Fields every canonical record has. */
export const baseRecordShape = {
	schemaVersion,
	/** Id in the system the record came from (same as `_meta.remoteId`); absent on a record not yet created. */
	id: z.string().min(1).optional(),
	externalRefs: ExternalRefs.default({}),
	_meta: RecordMeta.optional(),
	/** The vendor's raw record, kept when the user asks for it. */
	remoteData: z.unknown().optional(),
};
