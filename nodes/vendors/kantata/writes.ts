import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { WriteResult } from '../../shared/operations/recordApi';
import { chunk } from '../../shared/transport/batches';
import type { VendorClient } from '../../shared/transport/client';
import { kantataId } from './records';
import { referencedRecords } from './reader';

/**
 * Records one create request carries: Kantata creates several records of a kind from one POST of
 * `{"<kind>": [ ... ]}` (the API reference's create examples post arrays); the pack sends at most this many.
 */
export const CREATE_BATCH_SIZE = 100;

/** A record's path, its id checked as a Kantata id: `/workspaces/12.json`. */
export const recordPath = (base: string, id: string, field = 'id'): string => `${base}/${encodeURIComponent(kantataId(id, field))}.json`;
/** `Client "Acme"`: how an error names the record it concerns. */
export const named = (label: string, name: unknown): string => (name ? `${label} "${String(name)}"` : label);

/** Per-record outcome: vendor errors as they are, the pack's own checks prefixed with the record they concern. */
export function recordError(label: string, error: unknown): Error {
	if (error instanceof NodeApiError) return error;
	return new Error(`${label}: ${(error as Error).message}`);
}

/** An answer as Kantata would have given it for these records (what a lookup before a retry stands in for). */
export const envelope = (key: string, records: Array<{ id: string }>): IDataObject => ({
	count: records.length,
	results: records.map((record) => ({ key, id: String(record.id) })),
	[key]: Object.fromEntries(records.map((record) => [String(record.id), record])),
});

export interface CreateSpec<I, R> {
	/** Collection path (`/stories.json`) and the kind's key, in the body and the answer (`stories`). */
	path: string;
	key: string;
	label(input: I): string;
	/** The record's body; throws (for that record only) when it cannot be written. */
	body(input: I): Promise<IDataObject> | IDataObject;
	/** Finds what a lost create made, in input order; undefined when not all of it is there (then nothing was made). */
	lookup?(inputs: I[], bodies: IDataObject[]): Promise<R[] | undefined>;
}

/**
 * Creates records in as few requests as Kantata takes: every valid record of a batch in one POST.
 * A batch Kantata refuses as a whole (one bad record fails the lot) is sent again one record at a
 * time, so each error stays with its record and the good ones are still made.
 */
export async function createMany<I, R>(client: VendorClient, inputs: I[], spec: CreateSpec<I, R>): Promise<Array<WriteResult<R>>> {
	const results: Array<WriteResult<R>> = new Array(inputs.length);
	const ready: Array<{ index: number; input: I; body: IDataObject }> = [];
	for (const [index, input] of inputs.entries()) {
		try {
			ready.push({ index, input, body: await spec.body(input) });
		} catch (error) {
			results[index] = recordError(spec.label(input), error);
		}
	}
	const send = async (batch: typeof ready): Promise<R[]> => {
		const answer = await client.send<IDataObject>({
			method: 'POST',
			url: spec.path,
			body: { [spec.key]: batch.map((entry) => entry.body) },
			retrySafety: spec.lookup
				? { lookup: async () => { const found = await spec.lookup!(batch.map((entry) => entry.input), batch.map((entry) => entry.body)); return found ? envelope(spec.key, found as Array<{ id: string }>) : undefined; } }
				: undefined,
		});
		const created = referencedRecords<R>(answer ?? {});
		if (created.length !== batch.length) throw new Error(`Kantata answered ${created.length} ${spec.key} for ${batch.length} sent`);
		return created;
	};
	for (const batch of chunk(ready, CREATE_BATCH_SIZE)) {
		try {
			(await send(batch)).forEach((record, position) => (results[batch[position].index] = record));
		} catch (error) {
			const status = Number((error as NodeApiError).httpCode);
			if (batch.length === 1 || !(status === 400 || status === 422)) {
				for (const entry of batch) results[entry.index] = recordError(spec.label(entry.input), error);
				continue;
			}
			for (const entry of batch) {
				try {
					results[entry.index] = (await send([entry]))[0];
				} catch (single) {
					results[entry.index] = recordError(spec.label(entry.input), single);
				}
			}
		}
	}
	return results;
}

/** Writes records one by one (updates: one PUT each); each failure stays with its record. */
export async function eachRecord<I, T>(inputs: I[], label: (input: I) => string, write: (input: I) => Promise<T>): Promise<Array<WriteResult<T>>> {
	const results: Array<WriteResult<T>> = [];
	for (const input of inputs) {
		try {
			results.push(await write(input));
		} catch (error) {
			results.push(recordError(label(input), error));
		}
	}
	return results;
}

/** Maps a stream of vendor pages to canonical pages. */
export async function* mapPages<R, T>(pages: AsyncIterable<R[]>, map: (page: R[]) => Promise<T[]> | T[]): AsyncIterable<T[]> {
	for await (const page of pages) yield await map(page);
}

/** The one record of an update's answer. */
export async function updateOne<R>(client: VendorClient, path: string, key: string, body: IDataObject): Promise<R> {
	const answer = await client.send<IDataObject>({ method: 'PUT', url: path, body: { [key]: body }, retrySafety: 'idempotent' });
	const [record] = referencedRecords<R>(answer ?? {});
	if (record === undefined) throw new Error(`Kantata answered no ${key} for ${path}`);
	return record;
}
