/**
 * The OData v4 query options the Business Central fake understands: `$filter` (eq, ne, gt, ge, lt,
 * le, and, or, not, parentheses; string literals with '' escapes, numbers, true/false/null, dates,
 * date-times and GUIDs), `$orderby` (one property, asc/desc), `$select`, `$top`, `$skip`, and
 * server-driven paging with `$skiptoken` as BC answers `Prefer: odata.maxpagesize`.
 */

type Literal = string | number | boolean | null | { date: string } | { dateTime: number } | { guid: string };

type Expression =
	| { kind: 'compare'; field: string; operator: string; value: Literal }
	| { kind: 'and' | 'or'; left: Expression; right: Expression }
	| { kind: 'not'; operand: Expression };

export class ODataSyntaxError extends Error {}

// GUIDs come before names: a GUID may start with letters (de165f43-...).
const TOKEN = /\s*(\(|\)|'(?:[^']|'')*'|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])|[A-Za-z_][\w/.]*|\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})|\d{4}-\d{2}-\d{2}|-?\d+(?:\.\d+)?)/y;
const OPERATORS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function tokenize(source: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < source.length) {
		if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
		const start = TOKEN.lastIndex;
		const match = TOKEN.exec(source);
		if (!match) throw new ODataSyntaxError(`Syntax error at position ${start} in '${source}'.`);
		tokens.push(match[1]);
	}
	return tokens;
}

function literal(token: string | undefined): Literal {
	if (token === undefined) throw new ODataSyntaxError('Expression expected at the end of the filter.');
	if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
	if (token === 'true' || token === 'false') return token === 'true';
	if (token === 'null') return null;
	if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(token) && token.length === 36) return { guid: token.toLowerCase() };
	if (/^\d{4}-\d{2}-\d{2}T/.test(token)) return { dateTime: Date.parse(token) };
	if (/^\d{4}-\d{2}-\d{2}$/.test(token)) return { date: token };
	if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
	throw new ODataSyntaxError(`'${token}' is not a literal.`);
}

/** Parses a `$filter` expression; throws ODataSyntaxError with BC-like wording on anything else. */
export function parseFilter(source: string): Expression {
	const tokens = tokenize(source);
	let position = 0;
	const peek = () => tokens[position];
	const take = () => tokens[position++];

	function primary(): Expression {
		const token = take();
		if (token === '(') {
			const inner = or();
			if (take() !== ')') throw new ODataSyntaxError(`')' or operator expected at position ${position} in '${source}'.`);
			return inner;
		}
		if (token === 'not') return { kind: 'not', operand: primary() };
		if (token === undefined || !/^[A-Za-z_]/.test(token)) throw new ODataSyntaxError(`Expression expected at position ${position} in '${source}'.`);
		const operator = take();
		if (!operator || !OPERATORS.has(operator)) throw new ODataSyntaxError(`Operator expected after '${token}' in '${source}'.`);
		return { kind: 'compare', field: token, operator, value: literal(take()) };
	}
	function and(): Expression {
		let left = primary();
		while (peek() === 'and') {
			take();
			left = { kind: 'and', left, right: primary() };
		}
		return left;
	}
	function or(): Expression {
		let left = and();
		while (peek() === 'or') {
			take();
			left = { kind: 'or', left, right: and() };
		}
		return left;
	}
	const expression = or();
	if (position < tokens.length) throw new ODataSyntaxError(`Syntax error at position ${position} in '${source}'.`);
	return expression;
}

function comparable(actual: unknown, expected: Literal): [unknown, unknown] {
	if (expected !== null && typeof expected === 'object') {
		if ('guid' in expected) return [String(actual ?? '').toLowerCase(), expected.guid];
		if ('date' in expected) return [String(actual ?? '').slice(0, 10), expected.date];
		return [Date.parse(String(actual ?? '')), expected.dateTime];
	}
	if (typeof expected === 'number') return [Number(actual), expected];
	return [actual === undefined ? null : actual, expected];
}

export function evaluate(expression: Expression, record: Record<string, unknown>): boolean {
	switch (expression.kind) {
		case 'and':
			return evaluate(expression.left, record) && evaluate(expression.right, record);
		case 'or':
			return evaluate(expression.left, record) || evaluate(expression.right, record);
		case 'not':
			return !evaluate(expression.operand, record);
		default: {
			const [actual, expected] = comparable(record[expression.field], expression.value);
			switch (expression.operator) {
				case 'eq': return actual === expected;
				case 'ne': return actual !== expected;
				case 'gt': return (actual as number) > (expected as number);
				case 'ge': return (actual as number) >= (expected as number);
				case 'lt': return (actual as number) < (expected as number);
				default: return (actual as number) <= (expected as number);
			}
		}
	}
}

/** Properties a filter names, to answer "Could not find a property named ..." like BC. */
export function filterFields(expression: Expression): string[] {
	if (expression.kind === 'compare') return [expression.field];
	if (expression.kind === 'not') return filterFields(expression.operand);
	return [...filterFields(expression.left), ...filterFields(expression.right)];
}

export interface PageRequest {
	query: URLSearchParams;
	prefer?: string;
	/** The server's own page limit (20,000 on BC online). */
	serverPageSize: number;
	/** URL of this collection, for @odata.nextLink. */
	selfUrl: string;
}

/**
 * Orders, pages and selects an already filtered collection. A page is cut at the smaller of the
 * client's `odata.maxpagesize` and the server's page size, with a `$skiptoken` next link.
 */
export function page<T extends Record<string, unknown>>(records: T[], request: PageRequest): { value: Array<Record<string, unknown>>; nextLink?: string; applied?: string } {
	const { query } = request;
	let list = [...records];
	const orderby = query.get('$orderby');
	if (orderby) {
		const [field, direction = 'asc'] = orderby.trim().split(/\s+/);
		const sign = direction.toLowerCase() === 'desc' ? -1 : 1;
		list.sort((a, b) => (String(a[field] ?? '') < String(b[field] ?? '') ? -sign : String(a[field] ?? '') > String(b[field] ?? '') ? sign : 0));
	}
	const skip = Number(query.get('$skip') ?? 0) || 0;
	const top = query.has('$top') ? Number(query.get('$top')) : undefined;
	list = list.slice(skip, top !== undefined ? skip + top : undefined);
	const preferred = /odata\.maxpagesize=(\d+)/i.exec(request.prefer ?? '')?.[1];
	const size = Math.min(request.serverPageSize, preferred ? Number(preferred) : request.serverPageSize);
	const offset = Number(query.get('$skiptoken') ?? 0) || 0;
	const slice = list.slice(offset, offset + size);
	let nextLink: string | undefined;
	if (offset + size < list.length) {
		const next = new URLSearchParams(query);
		next.set('$skiptoken', String(offset + size));
		nextLink = `${request.selfUrl}?${next.toString()}`;
	}
	const select = query.get('$select')?.split(',').map((field) => field.trim()).filter(Boolean);
	const value = select && select.length > 0
		? slice.map((record) => Object.fromEntries(Object.entries(record).filter(([key]) => key === '@odata.etag' || key === 'id' || select.includes(key))))
		: slice;
	return { value, nextLink, applied: preferred ? `odata.maxpagesize=${size}` : undefined };
}
