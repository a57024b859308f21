import type { IDataObject } from 'n8n-workflow';
import type { CanonicalEntity, CanonicalRecord } from '../canonical';
import type { MapContext } from '../canonical/provenance';
import type { FieldIssue } from '../canonical/validate';

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
	/** Canonical record to the body the vendor's create/update endpoint takes. */
	fromCanonical(record: Partial<CanonicalRecord<E>>): IDataObject;
	/** Canonical fields `fromCanonical` writes: the ones a round trip keeps. */
	writableFields: string[];
	/** The record as the vendor would return it after accepting the payload (round trips, previews). */
	recordFromPayload(payload: IDataObject, remoteId: string): Raw;
}

/** A profile in the registry, its entity and raw type erased. */
export interface RegisteredProfile {
	system: string;
	systemName: string;
	entity: CanonicalEntity;
	vendorObject: string;
	toCanonical(raw: unknown, context: MapContext): IDataObject;
	fromCanonical(record: IDataObject): IDataObject;
	writableFields: string[];
	recordFromPayload(payload: IDataObject, remoteId: string): unknown;
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
