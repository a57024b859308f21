import type { IDataObject } from 'n8n-workflow';
import type { CanonicalEntity, CanonicalRecord } from '../canonical';
import type { MapContext } from '../canonical/provenance';
import type { FieldIssue } from '../canonical/validate';

/** What a payload mapping may need besides the record. */
export interface PayloadOptions {
	/** The currency a vendor leaves blank (an ERP's local currency). */
	defaultCurrency: string;
}

/** The write side of a profile: canonical to the vendor's payload, and back for round trips. */
export interface ProfileWrite<E extends CanonicalEntity, Raw> {
	/** Canonical record to the body the vendor's create/update endpoint takes. */
	fromCanonical(record: Partial<CanonicalRecord<E>>, options: PayloadOptions): IDataObject;
	/** Canonical fields `fromCanonical` writes: the ones a round trip keeps. */
	writableFields: string[];
	/** The record as the vendor would return it after accepting the payload (round trips, previews). */
	recordFromPayload(payload: IDataObject, remoteId: string): Raw;
}

/**
 * A built-in mapping: one vendor object <-> one canonical entity, made of the very mappers the
 * vendor's category node uses. Each vendor exports its list from `nodes/vendors/<vendor>/mapping.ts`.
 */
export interface MappingProfile<E extends CanonicalEntity, Raw = unknown> {
	/** System key, as in `_meta.system` and `externalRefs`. */
	system: string;
	systemName: string;
	entity: E;
	/** The vendor's own name of the object, e.g. `deal`, `Account`, `time_entry`. */
	vendorObject: string;
	/** Vendor record (as its API returns it) to canonical. Throws `VendorRecordError` for a record of the wrong shape. */
	toCanonical(raw: Raw, context: MapContext): CanonicalRecord<E>;
	/** Absent where the pack only reads the object (an HRIS, an ERP's projects). */
	write?: ProfileWrite<E, Raw>;
}

/** A profile in the registry, its entity and raw type erased. */
export interface RegisteredProfile {
	system: string;
	systemName: string;
	entity: CanonicalEntity;
	vendorObject: string;
	toCanonical(raw: unknown, context: MapContext): IDataObject;
	write?: {
		fromCanonical(record: IDataObject, options: PayloadOptions): IDataObject;
		writableFields: string[];
		recordFromPayload(payload: IDataObject, remoteId: string): unknown;
	};
}

export function defineProfile<E extends CanonicalEntity, Raw>(profile: MappingProfile<E, Raw>): RegisteredProfile {
	return profile as unknown as RegisteredProfile;
}

/** A vendor record that is not shaped as the vendor's API returns it; each issue names the field. */
export class VendorRecordError extends Error {
	constructor(readonly issues: FieldIssue[]) {
		super(issues.map((issue) => issue.message).join('; '));
		this.name = 'VendorRecordError';
	}
}

/** Checks that a raw record is a JSON object, naming the vendor object it should be. */
export function requireObject(raw: unknown, what: string): Record<string, unknown> {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new VendorRecordError([{ path: '(record)', rule: 'vendorShape', message: `the input is not a ${what}: expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}` }]);
	}
	return raw as Record<string, unknown>;
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}/;

/**
 * Checks the fields a mapper would otherwise drop or misread in silence: an id that must be
 * there, dates that must parse, numbers that must be numbers. Every problem names its field.
 */
export function inspectVendorRecord(
	raw: unknown,
	spec: { what: string; idField?: string; required?: string[]; dates?: string[]; numbers?: string[] },
): Record<string, unknown> {
	const record = requireObject(raw, spec.what);
	const issues: FieldIssue[] = [];
	const valueAt = (path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), record);
	if (spec.idField) {
		const id = valueAt(spec.idField);
		if (id === undefined || id === null || id === '') issues.push({ path: spec.idField, rule: 'vendorShape', message: `${spec.idField} is required: a ${spec.what} carries its record id there` });
	}
	for (const path of spec.required ?? []) {
		const value = valueAt(path);
		if (value === undefined || value === null || value === '') issues.push({ path, rule: 'vendorShape', message: `${path} is required in a ${spec.what}` });
	}
	for (const path of spec.dates ?? []) {
		const value = valueAt(path);
		if (value === undefined || value === null || value === '') continue;
		const text = String(value);
		if (!DATE_TEXT.test(text) || Number.isNaN(Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')))) {
			issues.push({ path, rule: 'date', message: `${path} is "${text}", which is not an ISO 8601 date` });
		}
	}
	for (const path of spec.numbers ?? []) {
		const value = valueAt(path);
		if (value === undefined || value === null || value === '') continue;
		if (typeof value === 'number' ? !Number.isFinite(value) : !/^\s*-?[\d,]*\.?\d+\s*$/.test(String(value))) {
			issues.push({ path, rule: 'number', message: `${path} is ${JSON.stringify(value)}, which is not a number` });
		}
	}
	if (issues.length > 0) throw new VendorRecordError(issues);
	return record;
}

/**
 * The issues an error of a mapper stands for: a VendorRecordError's own, or one issue whose path is
 * taken from a message that starts with a field path ("lines.0.accountCode is required: ...").
 */
export function issuesFromMappingError(error: unknown, fallback: string): FieldIssue[] {
	if (error instanceof VendorRecordError) return error.issues;
	const message = (error as Error)?.message ?? String(error);
	const named = /^([A-Za-z_][\w]*(?:\.[\w]+)*)(?: "[^"]*")? (?:is|are|must|cannot|has) /.exec(message);
	return [{ path: named ? named[1] : '(record)', rule: 'mapping', message: named ? message : `${fallback}: ${message}` }];
}
