/**
 * The OData-style `filter` of Get Data from Dataset (v2), parsed and evaluated, from
 * documentation.bamboohr.com/reference/get-data-from-dataset-v2: comparison operators eq, ne,
 * lt, le, gt, ge, the list-membership operator in (...), logical and / or ("a single filter
 * expression may use and or or, but not both; mixed logical expressions return 422 with code
 * INVALID_FILTER"); "eq / ne work on text, numeric, date, and options-type fields", ordering
 * operators on numeric and date fields only, `in` on list fields only; `not in` is not supported.
 */

/** How the filter treats a dataset field: the field's type in the dataset's catalog. */
export type FilterFieldType = 'text' | 'options' | 'int' | 'currency' | 'date' | 'timestamp';

type Literal = string | number | boolean | null;
type Comparison = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';

export type FilterNode =
	| { kind: 'compare'; field: string; op: Comparison; value: Literal }
	| { kind: 'in'; field: string; values: Literal[] }
	| { kind: 'logical'; op: 'and' | 'or'; terms: FilterNode[] };

export class FilterError extends Error {}

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string; value?: Literal };

const COMPARISONS = new Set<string>(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
const ORDERED_TYPES = new Set<FilterFieldType>(['int', 'currency', 'date', 'timestamp']);

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let at = 0;
	while (at < source.length) {
		const rest = source.slice(at);
		const space = /^\s+/.exec(rest);
		if (space) {
			at += space[0].length;
			continue;
		}
		if (rest[0] === "'") {
			let value = '';
			let end = 1;
			for (; end < rest.length; end++) {
				if (rest[end] === "'" && rest[end + 1] === "'") {
					value += "'";
					end++;
				} else if (rest[end] === "'") break;
				else value += rest[end];
			}
			if (end >= rest.length) throw new FilterError(`Unterminated string at position ${at + 1}`);
			tokens.push({ kind: 'string', text: rest.slice(0, end + 1), value });
			at += end + 1;
			continue;
		}
		const number = /^-?\d+(\.\d+)?(?![\w.])/.exec(rest);
		if (number) {
			tokens.push({ kind: 'number', text: number[0], value: Number(number[0]) });
			at += number[0].length;
			continue;
		}
		const name = /^[A-Za-z_][\w.]*/.exec(rest);
		if (name) {
			tokens.push({ kind: 'name', text: name[0] });
			at += name[0].length;
			continue;
		}
		if ('(),'.includes(rest[0])) {
			tokens.push({ kind: 'punct', text: rest[0] });
			at += 1;
			continue;
		}
		throw new FilterError(`Unexpected character "${rest[0]}" at position ${at + 1}`);
	}
	return tokens;
}

/** Parses a filter; throws FilterError (the API's 422 INVALID_FILTER) on what the grammar does not allow. */
export function parseFilter(source: string): FilterNode {
	const tokens = tokenize(source);
	let at = 0;
	const peek = (): Token | undefined => tokens[at];
	const keyword = (token: Token | undefined): string | undefined => (token?.kind === 'name' ? token.text.toLowerCase() : undefined);
	const expect = (text: string): void => {
		if (peek()?.text !== text) throw new FilterError(`Expected "${text}"${peek() ? ` before "${peek()!.text}"` : ' at the end'}`);
		at++;
	};
	const literal = (): Literal => {
		const token = peek();
		if (!token) throw new FilterError('Expected a value at the end');
		at++;
		if (token.kind === 'string' || token.kind === 'number') return token.value!;
		const word = keyword(token);
		if (word === 'null') return null;
		if (word === 'true' || word === 'false') return word === 'true';
		throw new FilterError(`Expected a value, found "${token.text}"`);
	};
	const logicalOps = new Set<string>();

	function term(): FilterNode {
		if (peek()?.text === '(') {
			at++;
			const inner = expression();
			expect(')');
			return inner;
		}
		const field = peek();
		if (field?.kind !== 'name') throw new FilterError(`Expected a field name${field ? `, found "${field.text}"` : ' at the end'}`);
		at++;
		const op = keyword(peek());
		if (op === 'not') throw new FilterError('"not" is not supported: use ne');
		if (op === 'in') {
			at++;
			expect('(');
			const values = [literal()];
			while (peek()?.text === ',') {
				at++;
				values.push(literal());
			}
			expect(')');
			return { kind: 'in', field: field.text, values };
		}
		if (!op || !COMPARISONS.has(op)) throw new FilterError(`Unknown operator "${peek()?.text ?? ''}" after ${field.text}`);
		at++;
		return { kind: 'compare', field: field.text, op: op as Comparison, value: literal() };
	}

	function expression(): FilterNode {
		const terms = [term()];
		let op: 'and' | 'or' | undefined;
		for (let word = keyword(peek()); word === 'and' || word === 'or'; word = keyword(peek())) {
			at++;
			logicalOps.add(word);
			op = word;
			terms.push(term());
		}
		return op ? { kind: 'logical', op, terms } : terms[0];
	}

	if (tokens.length === 0) throw new FilterError('The filter is empty');
	const tree = expression();
	if (at < tokens.length) throw new FilterError(`Unexpected "${tokens[at].text}"`);
	if (logicalOps.size > 1) throw new FilterError('A filter may use and or or, but not both');
	return tree;
}

/** Checks each field and operator against the dataset's types; throws FilterError as the API answers 422. */
export function checkFilter(node: FilterNode, typeOf: (field: string) => FilterFieldType | undefined): void {
	if (node.kind === 'logical') {
		for (const term of node.terms) checkFilter(term, typeOf);
		return;
	}
	const type = typeOf(node.field);
	if (!type) throw new FilterError(`Unknown field "${node.field}" in the filter`);
	if (node.kind === 'in') {
		if (type !== 'options') throw new FilterError(`"in" is not supported on ${node.field} (${type}): it works on list fields`);
		return;
	}
	if (node.op !== 'eq' && node.op !== 'ne' && !ORDERED_TYPES.has(type)) throw new FilterError(`"${node.op}" is not supported on ${node.field} (${type})`);
	if (node.value === null && node.op !== 'eq' && node.op !== 'ne') throw new FilterError(`"${node.op} null" compares nothing`);
	if (node.value !== null) {
		if ((type === 'int' || type === 'currency') && typeof node.value !== 'number') throw new FilterError(`${node.field} takes a number, not ${JSON.stringify(node.value)}`);
		if (type === 'date' && !(typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(node.value))) throw new FilterError(`${node.field} takes a date 'yyyy-mm-dd', not ${JSON.stringify(node.value)}`);
		if (type === 'timestamp' && !(typeof node.value === 'string' && !Number.isNaN(Date.parse(node.value)))) throw new FilterError(`${node.field} takes a date and time, not ${JSON.stringify(node.value)}`);
	}
}

function compare(left: string | number, right: string | number): number {
	return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether a row's values pass the filter; `valueOf` reads a field of the row as the dataset answers it. */
export function evaluateFilter(node: FilterNode, valueOf: (field: string) => string | null, typeOf: (field: string) => FilterFieldType | undefined): boolean {
	if (node.kind === 'logical') {
		return node.op === 'and' ? node.terms.every((term) => evaluateFilter(term, valueOf, typeOf)) : node.terms.some((term) => evaluateFilter(term, valueOf, typeOf));
	}
	const type = typeOf(node.field)!;
	const value = valueOf(node.field);
	// Field values are case insensitive (documentation.bamboohr.com/docs/field-types).
	const key = (raw: Literal | string): string | number => {
		if (type === 'int' || type === 'currency') return Number(raw);
		if (type === 'timestamp') return Date.parse(String(raw));
		return String(raw).toLowerCase();
	};
	if (node.kind === 'in') return value !== null && node.values.some((candidate) => candidate !== null && key(candidate) === key(value));
	if (node.value === null) return node.op === 'eq' ? value === null : value !== null;
	if (value === null) return node.op === 'ne';
	const order = compare(key(value), key(node.value));
	switch (node.op) {
		case 'eq':
			return order === 0;
		case 'ne':
			return order !== 0;
		case 'lt':
			return order < 0;
		case 'le':
			return order <= 0;
		case 'gt':
			return order > 0;
		default:
			return order >= 0;
	}
}
