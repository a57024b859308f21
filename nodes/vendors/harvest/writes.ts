import type { WriteResult } from '../../shared/operations/recordApi';
import { harvestId } from './records';
import { recordError } from './reader';

/** A record's path below a list endpoint, its id checked as a Harvest id. */
export const recordPath = (base: string, id: string): string => `${base}/${encodeURIComponent(harvestId(id, 'id').toString())}`;
/** `Client "Acme"`: how an error names the record it concerns. */
export const named = (label: string, name: unknown): string => (name ? `${label} "${String(name)}"` : label);

/** Writes records one by one (Harvest has no batch endpoints); each failure stays with its record. */
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
