/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev tooling: runs in plain Node.js, never inside n8n */
import { json, type SandboxResponse } from '../../core/http';
import { findObject, type ObjectDef } from './schema';
import { RequestError, type RecordError, type SalesforceStore, type SaveOutcome } from './store';

// "Create Records Using sObject Collections": the list can contain up to 200 objects.
export const COLLECTION_MAX = 200;

/** A REST error answer: an array of {message, errorCode, fields} ("Status Codes and Error Responses"). */
export const restError = (status: number, errorCode: string, message: string, fields?: string[]): SandboxResponse =>
	json(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);

export function requestErrorAnswer(error: RequestError): SandboxResponse {
	return restError(error.status, error.errorCode, error.message, error.fields.length > 0 ? error.fields : undefined);
}

export const toErrors = (errors: RecordError[]) => errors.map((error) => ({ statusCode: error.statusCode, message: error.message, fields: error.fields }));

type Action = 'create' | 'update' | 'upsert';

interface Body {
	allOrNone?: boolean;
	records?: Array<Record<string, unknown>>;
}

/** The records of a Collections body, each with its object checked; throws RequestError for a malformed request. */
function readRecords(store: SalesforceStore, body: unknown, onlyType?: ObjectDef): Array<{ object: ObjectDef; values: Record<string, unknown>; id?: string }> {
	const records = (body as Body | undefined)?.records;
	if (!Array.isArray(records)) throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must have a records array');
	if (records.length > COLLECTION_MAX) {
		throw new RequestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_MAX} records into this call`);
	}
	return records.map((record) => {
		const type = (record.attributes as { type?: string } | undefined)?.type;
		if (!type) throw new RequestError(400, 'INVALID_TYPE', 'Each record must have an attributes map with a type');
		const object = findObject(type);
		if (!object || !object.writable) throw new RequestError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
		if (onlyType && object !== onlyType) throw new RequestError(400, 'INVALID_TYPE', `The records must all be of type ${onlyType.name}, the type in the URI`);
		const rawId = record.id ?? record.Id;
		return { object, values: store.checkBody(object, record), id: typeof rawId === 'string' ? rawId : undefined };
	});
}

/**
 * POST / PATCH sObject Collections: every record is processed on its own (allOrNone false) and
 * gets a SaveResult in input order; with allOrNone true one failure rolls every record back.
 */
export function writeCollection(store: SalesforceStore, action: Action, body: unknown, userId: string, upsert?: { object: ObjectDef; field: string }): SandboxResponse {
	let records: ReturnType<typeof readRecords>;
	try {
		records = readRecords(store, body, upsert?.object);
	} catch (error) {
		if (error instanceof RequestError) return requestErrorAnswer(error);
		throw error;
	}
	const allOrNone = (body as Body).allOrNone === true;
	const before = allOrNone ? store.snapshot() : undefined;
	const outcomes: SaveOutcome[] = records.map((record) => {
		if (action === 'create' && record.id) return { ok: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] }] };
		if (action === 'update' && !record.id) return { ok: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] };
		if (action === 'upsert') return store.upsert(record.object, upsert!.field, record.values, userId);
		return store.save(record.object, record.values, userId, record.id);
	});
	const failed = outcomes.some((outcome) => !outcome.ok);
	if (allOrNone && failed) store.restore(before!);
	return json(
		200,
		outcomes.map((outcome) => {
			if (outcome.ok && !(allOrNone && failed)) {
				return { id: outcome.id, success: true, errors: [], ...(action === 'upsert' ? { created: outcome.created } : {}) };
			}
			const errors = outcome.ok
				? [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }]
				: toErrors(outcome.errors);
			return { success: false, errors, ...(action === 'upsert' ? { created: false } : {}) };
		}),
	);
}

/** GET sObject Collections: the records of the ids asked, in order, null where an id is unknown. */
export function retrieveCollection(store: SalesforceStore, object: ObjectDef, ids: string, fields: string, version: string): SandboxResponse {
	if (!ids || !fields) return restError(400, 'MISSING_ARGUMENT', 'Both ids and fields are required');
	const names: string[] = [];
	for (const name of fields.split(',').map((value) => value.trim()).filter(Boolean)) {
		const field = Object.keys(object.fields).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
		if (!field) return restError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
		names.push(field);
	}
	return json(
		200,
		ids.split(',').map((id) => {
			const row = store.find(object.name, id.trim());
			if (!row || row.IsDeleted === true) return null;
			return { attributes: { type: object.name, url: `/services/data/${version}/sobjects/${object.name}/${row.Id}` }, ...Object.fromEntries(names.map((name) => [name, row[name] ?? null])) };
		}),
	);
}
