import type { IDataObject } from 'n8n-workflow';
import { collect, pageNumberPagination, pageNumberPaginationWith, paginate } from '../../nodes/shared/transport/pagination';
import type { VendorClient } from '../../nodes/shared/transport/client';
import type { VendorRequest, VendorResponse } from '../../nodes/shared/transport/types';

const response = (body: IDataObject) => ({ statusCode: 200, headers: {}, body });
const first: VendorRequest = { method: 'GET', url: '/things', qs: { per_page: 2 } };

/** An ordered list of references into maps keyed by id: the shape the item reader exists for. */
const referenced = (body: IDataObject): IDataObject[] =>
	((body.results ?? []) as Array<{ key: string; id: string }>).map((ref) => (body[ref.key] as Record<string, IDataObject>)[ref.id]);

const page = (ids: string[], pageCount: number): IDataObject => ({
	count: ids.length,
	results: ids.map((id) => ({ key: 'things', id })),
	// Keyed maps have no order of their own; the reference list does.
	things: Object.fromEntries([...ids].reverse().map((id) => [id, { id, name: `thing ${id}` }])),
	// An included association of the same type must not leak into the page.
	others: { 99: { id: '99' } },
	meta: { page_count: pageCount },
});

describe('page-number pagination with an item reader', () => {
	const strategy = pageNumberPaginationWith<IDataObject>({ readItems: referenced, pageParam: 'page', pageSize: 2, pageSizeParam: 'per_page', totalPagesPath: 'meta.page_count' });

	it('reads a page through the reader, in the order the body references', () => {
		expect(strategy.items(page(['7', '3'], 2)).map((thing) => thing.id)).toEqual(['7', '3']);
	});

	it('asks for the next page with the same page size, and stops at the page count or a short page', () => {
		expect(strategy.next(response(page(['7', '3'], 3)), first)?.qs).toEqual({ per_page: 2, page: 2 });
		expect(strategy.next(response(page(['7', '3'], 3)), { ...first, qs: { per_page: 2, page: 3 } })).toBeUndefined();
		expect(strategy.next(response(page(['7'], 5)), first)).toBeUndefined();
		expect(strategy.next(response(page([], 0)), first)).toBeUndefined();
	});

	it('keeps the path-based strategy as it was', () => {
		const byPath = pageNumberPagination({ itemsPath: 'items', pageParam: 'page', pageSize: 2, pageSizeParam: 'per_page' });
		expect(byPath.items({ items: [1, 2] })).toEqual([1, 2]);
		expect(byPath.next(response({ items: [1, 2] }), first)?.qs).toEqual({ per_page: 2, page: 2 });
	});

	it('walks every page through paginate, one request each', async () => {
		const pages: Record<string, IDataObject> = { 1: page(['1', '2'], 3), 2: page(['3', '4'], 3), 3: page(['5'], 3) };
		const sent: VendorRequest[] = [];
		const client = {
			async request(request: VendorRequest): Promise<VendorResponse<IDataObject>> {
				sent.push(request);
				return response(pages[String(request.qs?.page ?? 1)]);
			},
		} as unknown as VendorClient;
		const records = await collect(paginate(client, first, strategy));
		expect(records.map((thing) => thing.id)).toEqual(['1', '2', '3', '4', '5']);
		expect(sent.map((request) => request.qs?.page)).toEqual([undefined, 2, 3]);
	});
});
