import type { IDataObject } from 'n8n-workflow';
import {
	cursorPagination,
	jsonApiLinks,
	keysetPagination,
	nextLinkPagination,
	odataNextLink,
	offsetPagination,
	pageNumberPagination,
	soqlNextRecordsUrl,
} from '../../nodes/shared/transport/pagination';
import type { VendorRequest } from '../../nodes/shared/transport/types';

const response = (body: IDataObject) => ({ statusCode: 200, headers: {}, body });
const first: VendorRequest = { method: 'GET', url: '/things', qs: { limit: 2 } };

describe('pagination strategies', () => {
	it('cursor in the query (HubSpot paging.next.after)', () => {
		const strategy = cursorPagination({ itemsPath: 'results', cursorPath: 'paging.next.after', cursorParam: 'after', in: 'qs' });
		const body = { results: [{ id: 1 }, { id: 2 }], paging: { next: { after: 'MTA=' } } };
		expect(strategy.items(body)).toHaveLength(2);
		expect(strategy.next(response(body), first)).toEqual({ ...first, qs: { limit: 2, after: 'MTA=' } });
		expect(strategy.next(response({ results: [] }), first)).toBeUndefined();
	});

	it('cursor in the body (search APIs)', () => {
		const strategy = cursorPagination({ itemsPath: 'results', cursorPath: 'paging.next.after', cursorParam: 'after', in: 'body' });
		const request: VendorRequest = { method: 'POST', url: '/search', body: { limit: 2 } };
		expect(strategy.next(response({ paging: { next: { after: '2' } } }), request)?.body).toEqual({ limit: 2, after: '2' });
	});

	it('OData @odata.nextLink is followed as given, without re-adding the query', () => {
		const strategy = odataNextLink();
		const link = 'https://api.example/v2.0/companies(1)/customers?$skiptoken=abc';
		expect(strategy.items({ value: [{}, {}, {}] })).toHaveLength(3);
		expect(strategy.next(response({ value: [], '@odata.nextLink': link }), first)).toEqual({ ...first, url: link, qs: undefined });
		expect(strategy.next(response({ value: [] }), first)).toBeUndefined();
	});

	it('SOQL nextRecordsUrl stops on done: true', () => {
		const strategy = soqlNextRecordsUrl();
		const next = '/services/data/v62.0/query/01gD0000002HU6KIAW-2000';
		expect(strategy.next(response({ done: false, records: [], nextRecordsUrl: next }), first)?.url).toBe(next);
		expect(strategy.next(response({ done: true, records: [], nextRecordsUrl: next }), first)).toBeUndefined();
	});

	it('JSON:API and Harvest links.next', () => {
		expect(jsonApiLinks().next(response({ data: [], links: { next: 'https://x/y?page=2' } }), first)?.url).toBe('https://x/y?page=2');
		const harvest = nextLinkPagination({ itemsPath: 'time_entries', nextLinkPath: 'links.next' });
		expect(harvest.next(response({ time_entries: [], links: { next: null } }), first)).toBeUndefined();
	});

	it('page numbers stop on the last page or a short page', () => {
		const strategy = pageNumberPagination({ itemsPath: 'items', pageParam: 'page', pageSize: 2, pageSizeParam: 'per_page', totalPagesPath: 'total_pages' });
		expect(strategy.next(response({ items: [1, 2], total_pages: 3 }), first)?.qs).toEqual({ limit: 2, page: 2, per_page: 2 });
		expect(strategy.next(response({ items: [1, 2], total_pages: 1 }), first)).toBeUndefined();
		expect(strategy.next(response({ items: [1] }), first)).toBeUndefined();
	});

	it('offsets advance by the page length', () => {
		const strategy = offsetPagination({ itemsPath: 'rows', offsetParam: 'offset', limitParam: 'limit', pageSize: 2 });
		expect(strategy.next(response({ rows: [1, 2] }), { ...first, qs: { offset: 4 } })?.qs).toEqual({ offset: 6, limit: 2 });
		expect(strategy.next(response({ rows: [1] }), first)).toBeUndefined();
	});

	it('keyset asks for records past the last key', () => {
		const strategy = keysetPagination<{ id: string }>({
			itemsPath: 'results',
			pageSize: 2,
			keyOf: (item) => item.id,
			withKey: (request, key) => ({ ...request, body: { after: key } }),
		});
		expect(strategy.next(response({ results: [{ id: '5' }, { id: '9' }] }), first)?.body).toEqual({ after: '9' });
		expect(strategy.next(response({ results: [{ id: '5' }] }), first)).toBeUndefined();
	});
});
