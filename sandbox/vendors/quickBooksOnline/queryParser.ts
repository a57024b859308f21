/**
 * The QuickBooks Online query language, as the reference describes it
 * (developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries):
 *
 *   SELECT * | COUNT(*) FROM Entity [WHERE Property Operator Value [AND ...]]
 *     [ORDERBY Property [ASC|DESC][, ...]] [STARTPOSITION n] [MAXRESULTS m]
 *
 * Operators IN, =, <, >, <=, >=, LIKE ('%' wildcard only); no OR, GROUP BY or JOIN; keywords in any
 * case; values in single quotes (\' escapes a quote), booleans bare, IN lists in parentheses.
 */

export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
	property: string;
	operator: Operator;
	values: Array<string | boolean>;
}

export interface SelectStatement {
	count: boolean;
	entity: string;
	where: Condition[];
	orderBy: Array<{ property: string; descending: boolean }>;
	startPosition?: number;
	maxResults?: number;
}

/** A statement the parser refuses, with the position it stopped at (Intuit's QueryParserError). */
export class QueryParseError extends Error {}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; at: number };

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < source.length) {
		const char = source[index];
		if (/\s/.test(char)) {
			index += 1;
		} else if (char === "'") {
			let text = '';
			let cursor = index + 1;
			for (;;) {
				if (cursor >= source.length) throw new QueryParseError(`unterminated string starting at column ${index + 1}`);
				const next = source[cursor];
				if (next === '\\' && cursor + 1 < source.length) {
					text += source[cursor + 1];
					cursor += 2;
				} else if (next === "'") {
					cursor += 1;
					break;
				} else {
					text += next;
					cursor += 1;
				}
			}
			tokens.push({ kind: 'string', text, at: index });
			index = cursor;
		} else if (/[A-Za-z_]/.test(char)) {
			const match = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(index))!;
			tokens.push({ kind: 'word', text: match[0], at: index });
			index += match[0].length;
		} else if (/[0-9]/.test(char)) {
			const match = /^[0-9]+/.exec(source.slice(index))!;
			tokens.push({ kind: 'number', text: match[0], at: index });
			index += match[0].length;
		} else {
			const two = source.slice(index, index + 2);
			if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
				tokens.push({ kind: 'symbol', text: two, at: index });
				index += 2;
			} else if ('=<>(),*'.includes(char)) {
				tokens.push({ kind: 'symbol', text: char, at: index });
				index += 1;
			} else {
				throw new QueryParseError(`Encountered "${char}" at line 1, column ${index + 1}`);
			}
		}
	}
	return tokens;
}

class Parser {
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	private peek(): Token | undefined {
		return this.tokens[this.position];
	}

	private fail(expected: string): never {
		const token = this.peek();
		throw new QueryParseError(token ? `Encountered "${token.text}" at line 1, column ${token.at + 1}. Was expecting ${expected}` : `Encountered end of statement. Was expecting ${expected}`);
	}

	private keyword(word: string): boolean {
		const token = this.peek();
		if (token?.kind === 'word' && token.text.toUpperCase() === word) {
			this.position += 1;
			return true;
		}
		return false;
	}

	private expectKeyword(word: string): void {
		if (!this.keyword(word)) this.fail(`"${word}"`);
	}

	private symbol(text: string): boolean {
		const token = this.peek();
		if (token?.kind === 'symbol' && token.text === text) {
			this.position += 1;
			return true;
		}
		return false;
	}

	private expectSymbol(text: string): void {
		if (!this.symbol(text)) this.fail(`"${text}"`);
	}

	private word(what: string): string {
		const token = this.peek();
		if (token?.kind !== 'word') this.fail(what);
		this.position += 1;
		return token.text;
	}

	private integer(what: string): number {
		const token = this.peek();
		if (token?.kind !== 'number') this.fail(what);
		this.position += 1;
		return Number(token.text);
	}

	private value(): string | boolean {
		const token = this.peek();
		if (token?.kind === 'string') {
			this.position += 1;
			return token.text;
		}
		if (token?.kind === 'word' && /^(true|false)$/i.test(token.text)) {
			this.position += 1;
			return token.text.toLowerCase() === 'true';
		}
		if (token?.kind === 'number') {
			this.position += 1;
			return token.text;
		}
		return this.fail('a value');
	}

	private condition(): Condition {
		const property = this.word('a property name');
		const token = this.peek();
		if (token?.kind === 'word' && token.text.toUpperCase() === 'IN') {
			this.position += 1;
			this.expectSymbol('(');
			const values = [this.value()];
			while (this.symbol(',')) values.push(this.value());
			this.expectSymbol(')');
			return { property, operator: 'IN', values };
		}
		if (token?.kind === 'word' && token.text.toUpperCase() === 'LIKE') {
			this.position += 1;
			return { property, operator: 'LIKE', values: [this.value()] };
		}
		if (token?.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(token.text)) {
			this.position += 1;
			return { property, operator: token.text as Operator, values: [this.value()] };
		}
		return this.fail('one of "=", "<", ">", "<=", ">=", "IN", "LIKE"');
	}

	parse(): SelectStatement {
		this.expectKeyword('SELECT');
		let count = false;
		if (this.symbol('*')) {
			count = false;
		} else if (this.keyword('COUNT')) {
			this.expectSymbol('(');
			this.expectSymbol('*');
			this.expectSymbol(')');
			count = true;
		} else {
			// Projections are not supported: the response set always returns all properties.
			this.fail('"*" or "COUNT(*)"');
		}
		this.expectKeyword('FROM');
		const entity = this.word('an entity name');
		const statement: SelectStatement = { count, entity, where: [], orderBy: [] };
		if (this.keyword('WHERE')) {
			statement.where.push(this.condition());
			for (;;) {
				if (this.keyword('AND')) statement.where.push(this.condition());
				else if (this.peek()?.kind === 'word' && this.peek()!.text.toUpperCase() === 'OR') this.fail('"AND" (the OR operation is not supported)');
				else break;
			}
		}
		if (this.keyword('ORDERBY') || (this.keyword('ORDER') && (this.expectKeyword('BY'), true))) {
			do {
				const property = this.word('a property name');
				const descending = this.keyword('DESC') ? true : (this.keyword('ASC'), false);
				statement.orderBy.push({ property, descending });
			} while (this.symbol(','));
		}
		if (this.keyword('STARTPOSITION')) statement.startPosition = this.integer('a number');
		if (this.keyword('MAXRESULTS')) statement.maxResults = this.integer('a number');
		if (this.peek()) this.fail('the end of the statement');
		return statement;
	}
}

export function parseQuery(source: string): SelectStatement {
	return new Parser(tokenize(source)).parse();
}

/** The value at a property path; a reference (`CustomerRef`) compares by its `value`. */
export function propertyValue(record: Record<string, unknown>, property: string): unknown {
	const value = property.split('.').reduce<unknown>((current, key) => {
		if (!current || typeof current !== 'object') return undefined;
		const entries = Object.entries(current as Record<string, unknown>);
		return entries.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
	}, record);
	if (value && typeof value === 'object' && 'value' in (value as Record<string, unknown>)) return (value as Record<string, unknown>).value;
	return value;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T/;

function compare(actual: unknown, expected: string | boolean): number | undefined {
	if (actual === undefined || actual === null) return undefined;
	if (typeof expected === 'boolean' || typeof actual === 'boolean') return String(actual) === String(expected) ? 0 : 1;
	if (typeof actual === 'number') {
		const number = Number(expected);
		return Number.isNaN(number) ? undefined : Math.sign(actual - number);
	}
	const text = String(actual);
	if (DATE_TIME.test(text) && DATE_TIME.test(expected)) {
		// Instants compare as times (offsets like -07:00 or -0700 included), not as text.
		const normalise = (value: string) => Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
		return Math.sign(normalise(text) - normalise(expected));
	}
	if (/^\d+$/.test(text) && /^\d+$/.test(expected)) return Math.sign(Number(text) - Number(expected));
	return text < expected ? -1 : text > expected ? 1 : 0;
}

export function matches(record: Record<string, unknown>, condition: Condition): boolean {
	const actual = propertyValue(record, condition.property);
	switch (condition.operator) {
		case 'IN':
			return condition.values.some((value) => compare(actual, value) === 0);
		case 'LIKE': {
			const pattern = new RegExp(`^${String(condition.values[0]).split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
			return typeof actual === 'string' && pattern.test(actual);
		}
		default: {
			const order = compare(actual, condition.values[0]);
			if (order === undefined) return false;
			return { '=': order === 0, '<': order < 0, '>': order > 0, '<=': order <= 0, '>=': order >= 0 }[condition.operator];
		}
	}
}

/** Sorts by the ORDERBY properties; without one, by Id as numbers (the order QuickBooks keeps). */
export function sortRecords<T extends Record<string, unknown>>(records: T[], orderBy: SelectStatement['orderBy']): T[] {
	const keys = orderBy.length > 0 ? orderBy : [{ property: 'Id', descending: false }];
	return [...records].sort((a, b) => {
		for (const key of keys) {
			const left = propertyValue(a, key.property);
			const right = propertyValue(b, key.property);
			const order = compare(left, right === undefined || right === null ? '' : typeof right === 'boolean' ? right : String(right)) ?? 0;
			if (order !== 0) return key.descending ? -order : order;
		}
		return 0;
	});
}
