import type { IDataObject } from 'n8n-workflow';
import type { VendorClient } from './client';
import type { VendorRequest, VendorResponse } from './types';

/**
 * A pagination strategy reads one page's records and says which request fetches the next page
 * (undefined when there is none). Vendors pick a strategy; none writes its own loop.
 */
export interface PaginationStrategy<T> {
	items(body: IDataObject): T[];
	next(response: VendorResponse<IDataObject>, request: VendorRequest): VendorRequest | undefined;
}

/** Streams a list page by page; stop iterating and no further page is requested. */
export async function* paginate<T>(
	client: VendorClient,
	first: VendorRequest,
	strategy: PaginationStrategy<T>,
): AsyncGenerator<T[], void, undefined> {
	let request: VendorRequest | undefined = first;
	while (request) {
		const response: VendorResponse<IDataObject> = await client.request<IDataObject>(request);
		yield strategy.items(response.body ?? {});
		request = strategy.next(response, request);
	}
}

/** Collects records from a page stream, stopping (and requesting no more pages) at `limit`. */
export async function collect<T>(pages: AsyncIterable<T[]>, limit?: number): Promise<T[]> {
	const records: T[] = [];
	for await (const page of pages) {
		for (const record of page) {
			records.push(record);
			if (limit !== undefined && records.length >= limit) return records;
		}
	}
	return records;
}

function readPath(body: IDataObject, path: string): unknown {
	// Keys may contain dots themselves (OData's `@odata.nextLink`).
	if (body && path in body) return body[path];
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], body);
}

function itemsAt<T>(path: string): (body: IDataObject) => T[] {
	return (body) => {
		const value = readPath(body, path);
		return Array.isArray(value) ? (value as T[]) : [];
	};
}

/** Opaque cursor returned in the body and sent back as a query parameter or body field (e.g. `after`). */
export function cursorPagination<T>(options: {
	itemsPath: string;
	cursorPath: string;
	cursorParam: string;
	in: 'qs' | 'body';
}): PaginationStrategy<T> {
	return {
		items: itemsAt<T>(options.itemsPath),
		next(response, request) {
			const cursor = readPath(response.body, options.cursorPath);
			if (cursor === undefined || cursor === null || cursor === '') return undefined;
			if (options.in === 'qs') return { ...request, qs: { ...request.qs, [options.cursorParam]: String(cursor) } };
			return { ...request, body: { ...(request.body as IDataObject), [options.cursorParam]: String(cursor) } };
		},
	};
}

/**
 * The body carries the URL of the next page: `links.next`, OData `@odata.nextLink`, SOQL
 * `nextRecordsUrl`, JSON:API `links.next`. The URL is followed as given.
 */
export function nextLinkPagination<T>(options: {
	itemsPath: string;
	nextLinkPath: string;
	/** Some APIs say `done: true` on the last page even if a link were present (SOQL). */
	isLastPage?: (body: IDataObject) => boolean;
}): PaginationStrategy<T> {
	return {
		items: itemsAt<T>(options.itemsPath),
		next(response, request) {
			if (options.isLastPage?.(response.body)) return undefined;
			const link = readPath(response.body, options.nextLinkPath);
			if (typeof link !== 'string' || link === '') return undefined;
			// The link already holds every query parameter of the next page.
			return { ...request, url: link, qs: undefined };
		},
	};
}

export const odataNextLink = <T>(): PaginationStrategy<T> =>
	nextLinkPagination<T>({ itemsPath: 'value', nextLinkPath: '@odata.nextLink' });

export const soqlNextRecordsUrl = <T>(): PaginationStrategy<T> =>
	nextLinkPagination<T>({ itemsPath: 'records', nextLinkPath: 'nextRecordsUrl', isLastPage: (body) => body.done === true });

export const jsonApiLinks = <T>(itemsPath = 'data'): PaginationStrategy<T> =>
	nextLinkPagination<T>({ itemsPath, nextLinkPath: 'links.next' });

/** `page` and `per_page` parameters; stops on a short page or when the total page count is reached. */
export function pageNumberPagination<T>(options: {
	itemsPath: string;
	pageParam: string;
	pageSize: number;
	pageSizeParam: string;
	totalPagesPath?: string;
	firstPage?: number;
}): PaginationStrategy<T> {
	const { itemsPath, ...paging } = options;
	return pageNumberPaginationWith<T>({ ...paging, readItems: itemsAt<T>(itemsPath) });
}

/**
 * `page` and `per_page` parameters over a body whose records are not one array at a path (an
 * ordered list of references into maps keyed by id, say): `readItems` picks a page's records out
 * of the body, in order. Stops on a short page or when the total page count is reached.
 */
export function pageNumberPaginationWith<T>(options: {
	readItems(body: IDataObject): T[];
	pageParam: string;
	pageSize: number;
	pageSizeParam: string;
	totalPagesPath?: string;
	firstPage?: number;
}): PaginationStrategy<T> {
	const items = (body: IDataObject): T[] => options.readItems(body ?? {});
	return {
		items,
		next(response, request) {
			const current = Number(request.qs?.[options.pageParam] ?? options.firstPage ?? 1);
			const total = options.totalPagesPath ? Number(readPath(response.body, options.totalPagesPath)) : undefined;
			if (total !== undefined && !Number.isNaN(total) && current >= total) return undefined;
			if (items(response.body).length < options.pageSize) return undefined;
			return {
				...request,
				qs: { ...request.qs, [options.pageParam]: current + 1, [options.pageSizeParam]: options.pageSize },
			};
		},
	};
}

/** `offset` and `limit` parameters; stops on a short page. */
export function offsetPagination<T>(options: {
	itemsPath: string;
	offsetParam: string;
	limitParam: string;
	pageSize: number;
}): PaginationStrategy<T> {
	const items = itemsAt<T>(options.itemsPath);
	return {
		items,
		next(response, request) {
			const count = items(response.body).length;
			if (count < options.pageSize) return undefined;
			const offset = Number(request.qs?.[options.offsetParam] ?? 0) + count;
			return { ...request, qs: { ...request.qs, [options.offsetParam]: offset, [options.limitParam]: options.pageSize } };
		},
	};
}

/**
 * Keyset pagination: each page asks for records whose key is past the last one seen, sorted by
 * that key. It walks past caps on offset paging (some search APIs stop at 10,000 results).
 */
export function keysetPagination<T>(options: {
	itemsPath: string;
	pageSize: number;
	keyOf(item: T): string;
	withKey(request: VendorRequest, lastKey: string): VendorRequest;
}): PaginationStrategy<T> {
	const items = itemsAt<T>(options.itemsPath);
	return {
		items,
		next(response, request) {
			const page = items(response.body);
			if (page.length < options.pageSize) return undefined;
			return options.withKey(request, options.keyOf(page[page.length - 1]));
		},
	};
}
