import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';

/**
 * How Kantata answers (developer.kantata.com/kantata/specification/section/response-format): an
 * ordered `results` list of `{key, id}` into maps keyed by id, a `count` of every match, and paging
 * `meta`; included associations in maps of their own. Paging is `page` and `per_page`, 20 by
 * default and at most 200 (mavenlink/brainstem, presenter_collection.rb).
 */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 200;

type Row = { id: string };

/** Kantata's error list: `{"errors": [{"type": ..., "message": ...}]}` (types seen: validation, syntax, system). */
export const errors = (status: number, type: string, message: string, field?: string, headers?: Record<string, string>): SandboxResponse =>
	json(status, { errors: [{ type, message, ...(field ? { field } : {}) }] }, headers);

export const notFound = (): SandboxResponse => errors(404, 'system', 'Not found');
/** The answer Kantata's own client shows for a body without the object's key (mavenlink_gem spec). */
export const missingParameters = (): SandboxResponse => errors(400, 'syntax', 'Missing required parameters. Please see our documentation at http://developer.mavenlink.com');
export const invalid = (field: string, message: string): SandboxResponse => errors(422, 'validation', message, field);

/** The answer for these records: one page of them, with what `included` adds. */
export function envelope(key: string, rows: Row[], options: { count?: number; page?: number; perPage?: number; included?: Record<string, Row[]> } = {}): Record<string, unknown> {
	const count = options.count ?? rows.length;
	const perPage = options.perPage ?? Math.max(rows.length, 1);
	const body: Record<string, unknown> = {
		count,
		results: rows.map((row) => ({ key, id: row.id })),
		[key]: Object.fromEntries(rows.map((row) => [row.id, row])),
		meta: { count, page_count: count > 0 ? Math.ceil(count / perPage) : 0, page_number: count > 0 ? (options.page ?? 1) : 0, page_size: perPage },
	};
	for (const [includedKey, records] of Object.entries(options.included ?? {})) {
		const map = (body[includedKey] as Record<string, Row> | undefined) ?? {};
		for (const record of records) map[record.id] ??= record;
		body[includedKey] = map;
	}
	return body;
}

/** The associations asked for with `include=a,b`. */
export const includes = (request: SandboxRequest): Set<string> => new Set((request.query.get('include') ?? '').split(',').map((name) => name.trim()).filter(Boolean));

/** `page` and `per_page`: a per_page above the cap is served at the cap, a malformed one refused. */
export function paging(request: SandboxRequest): { page: number; perPage: number } | SandboxResponse {
	const page = request.query.get('page');
	const perPage = request.query.get('per_page');
	if ((page !== null && !/^\d+$/.test(page)) || (perPage !== null && !/^\d+$/.test(perPage))) return errors(400, 'syntax', 'page and per_page must be positive integers');
	const size = perPage === null || Number(perPage) < 1 ? DEFAULT_PER_PAGE : Math.min(MAX_PER_PAGE, Number(perPage));
	return { page: Math.max(1, Number(page ?? 1)), perPage: size };
}

export const isResponse = (value: unknown): value is SandboxResponse => typeof value === 'object' && value !== null && 'status' in value && typeof (value as { status: unknown }).status === 'number';

/** A list answer: `only`, the route's filters, then one page. */
export function listOf<R extends Row>(request: SandboxRequest, key: string, rows: R[], options: { included?: (page: R[]) => Record<string, Row[]> } = {}): SandboxResponse {
	const paged = paging(request);
	if (isResponse(paged)) return paged;
	const only = request.query.get('only');
	const wanted = only ? new Set(only.split(',').map((id) => id.trim())) : undefined;
	const matching = wanted ? rows.filter((row) => wanted.has(row.id)) : rows;
	const page = matching.slice((paged.page - 1) * paged.perPage, paged.page * paged.perPage);
	return json(200, envelope(key, page, { count: matching.length, page: paged.page, perPage: paged.perPage, included: options.included?.(page) }));
}

/** A show answer, in the list envelope; 404 for an id the fake does not have. */
export function showOf<R extends Row>(key: string, row: R | undefined, included?: Record<string, Row[]>): SandboxResponse {
	return row ? json(200, envelope(key, [row], { included })) : notFound();
}

/** The records a create posted: `{"<plural>": [...]}` or `{"<singular>": {...}}`; undefined when neither is there. */
export function postedRecords(request: SandboxRequest, plural: string, singular: string): Array<Record<string, unknown>> | undefined {
	const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
	const many = body[plural];
	if (Array.isArray(many) && many.every((entry) => entry && typeof entry === 'object')) return many as Array<Record<string, unknown>>;
	const one = body[singular];
	if (one && typeof one === 'object' && !Array.isArray(one)) return [one as Record<string, unknown>];
	return undefined;
}

/** The changes an update posted: `{"<singular>": {...}}`. */
export function postedChanges(request: SandboxRequest, singular: string): Record<string, unknown> | undefined {
	const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
	const one = body[singular];
	return one && typeof one === 'object' && !Array.isArray(one) ? (one as Record<string, unknown>) : undefined;
}

// ---- Filter values as Kantata reads them ---------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
export const isId = (value: unknown): boolean => (typeof value === 'string' && /^\d+$/.test(value)) || (typeof value === 'number' && Number.isInteger(value) && value > 0);

/** `updated_after` and friends: an ISO 8601 datetime, or a 400. */
export function instantFilter(request: SandboxRequest, name: string): number | undefined | SandboxResponse {
	const value = request.query.get(name);
	if (value === null) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? errors(400, 'syntax', `${name} must be an ISO 8601 datetime`) : time;
}

export const booleanFilter = (request: SandboxRequest, name: string): boolean | undefined => {
	const value = request.query.get(name);
	return value === null ? undefined : value === 'true' || value === '1';
};

/** Most lists come in id order; time entries newest first by the day performed. */
export const byId = <R extends Row>(rows: Iterable<R>): R[] => [...rows].sort((a, b) => Number(a.id) - Number(b.id));
