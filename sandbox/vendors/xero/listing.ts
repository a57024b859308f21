import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { parseWhere, WhereSyntaxError } from './where';

// Paged lists return 100 records unless pageSize asks otherwise, up to 1,000
// (Accounting API requests and responses, paging); without `page` the whole list comes back.
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

export interface ListSpec<T> {
	/** Key of the array in the answer (`Invoices`). */
	key: string;
	typeName: string;
	/** Top-level fields a `where` filter may name. */
	fields: string[];
	records: T[];
	render(record: T): Record<string, unknown>;
	updatedAt?(record: T): number;
	/** Paging for projects.xro: pageSize 1..500, 50 by default, always paged. */
	paging?: { defaultSize: number; maxSize: number; always: boolean };
}

/** A QueryParseException, Xero's answer to a `where` or `order` it cannot read. */
export function queryError(message: string): SandboxResponse {
	return json(400, { ErrorNumber: 16, Type: 'QueryParseException', Message: message });
}

/** Reads `If-Modified-Since` as Xero does: an ISO date-time, UTC unless it says otherwise. */
export function modifiedSince(request: SandboxRequest): number | undefined {
	const raw = request.headers['if-modified-since'];
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;
	const text = raw.trim();
	const time = Date.parse(/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text) ? `${text}Z` : text);
	return Number.isNaN(time) ? undefined : time;
}

/** Filters (`where`, If-Modified-Since), orders and pages a list, answering in Xero's envelope. */
export function listAnswer<T>(request: SandboxRequest, spec: ListSpec<T>, envelope: (body: Record<string, unknown>) => SandboxResponse): SandboxResponse {
	let rows = spec.records.map((record) => ({ record, view: spec.render(record) }));
	const where = request.query.get('where');
	if (where) {
		try {
			const predicate = parseWhere(where, new Set(spec.fields), spec.typeName);
			rows = rows.filter((row) => predicate(row.view));
		} catch (error) {
			return queryError(error instanceof WhereSyntaxError ? error.message : `where could not be read: ${(error as Error).message}`);
		}
	}
	const since = modifiedSince(request);
	if (since !== undefined && spec.updatedAt) rows = rows.filter((row) => spec.updatedAt!(row.record) >= since);
	const order = request.query.get('order');
	if (order) {
		const [field, direction = 'ASC'] = order.trim().split(/\s+/);
		if (!spec.fields.includes(field)) return queryError(`No property or field '${field}' exists in type '${spec.typeName}'`);
		const sign = direction.toUpperCase() === 'DESC' ? -1 : 1;
		const key = (view: Record<string, unknown>): string | number => {
			const value = view[field];
			const date = typeof value === 'string' ? /^\/Date\((-?\d+)/.exec(value) : null;
			return date ? Number(date[1]) : typeof value === 'number' ? value : String(value ?? '');
		};
		rows.sort((a, b) => (key(a.view) < key(b.view) ? -sign : key(a.view) > key(b.view) ? sign : 0));
	}
	const paging = spec.paging ?? { defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE, always: false };
	const pageParam = request.query.get('page');
	if (pageParam === null && !paging.always) return envelope({ [spec.key]: rows.map((row) => row.view) });
	const page = Math.max(1, Number(pageParam ?? 1) || 1);
	const pageSize = Math.min(paging.maxSize, Math.max(1, Number(request.query.get('pageSize') ?? paging.defaultSize) || paging.defaultSize));
	const slice = rows.slice((page - 1) * pageSize, page * pageSize);
	return envelope({
		pagination: { page, pageSize, pageCount: Math.ceil(rows.length / pageSize), itemCount: rows.length },
		[spec.key]: slice.map((row) => row.view),
	});
}
