/**
 * Parser for the SOQL subset the fake answers (SOQL and SOSL Reference: SELECT, Condition
 * Expression Syntax, Comparison Operators, Quoted String Escape Sequences, Date Formats):
 * SELECT fields and child-relationship subqueries, FROM, WHERE with AND / OR / NOT and
 * parentheses (mixing AND and OR without parentheses is refused, as Salesforce does), =, !=, <>,
 * <, <=, >, >=, IN, NOT IN, LIKE, string / number / boolean / null / date / dateTime literals,
 * ORDER BY ... ASC|DESC NULLS FIRST|LAST, LIMIT, OFFSET. Anything else is a MALFORMED_QUERY.
 */

export class SoqlError extends Error {
	constructor(
		readonly errorCode: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
		message: string,
	) {
		super(message);
	}
}

export type Literal =
	| { type: 'string'; value: string; raw: string }
	| { type: 'number'; value: number }
	| { type: 'boolean'; value: boolean }
	| { type: 'null' }
	| { type: 'date'; value: string }
	| { type: 'datetime'; value: number };

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Condition =
	| { kind: 'and' | 'or'; items: Condition[] }
	| { kind: 'not'; item: Condition }
	| { kind: 'compare'; field: string; operator: Operator; value: Literal }
	| { kind: 'in'; field: string; values: Literal[]; negated: boolean };

export interface SelectQuery {
	fields: string[];
	subqueries: SelectQuery[];
	from: string;
	where?: Condition;
	orderBy: Array<{ field: string; descending: boolean; nullsLast: boolean }>;
	limit?: number;
	offset?: number;
}

type Token = { kind: 'word' | 'number' | 'string' | 'date' | 'datetime' | 'symbol'; text: string; position: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const rest = text.slice(index);
		const space = /^\s+/.exec(rest);
		if (space) {
			index += space[0].length;
			continue;
		}
		const match =
			(DATETIME.exec(rest) && { kind: 'datetime' as const, text: DATETIME.exec(rest)![0] }) ||
			(DATE.exec(rest) && { kind: 'date' as const, text: DATE.exec(rest)![0] }) ||
			(/^-?\d+(\.\d+)?/.exec(rest) && { kind: 'number' as const, text: /^-?\d+(\.\d+)?/.exec(rest)![0] }) ||
			(/^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest) && { kind: 'word' as const, text: /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest)![0] }) ||
			(/^(!=|<>|<=|>=|[=<>(),])/.exec(rest) && { kind: 'symbol' as const, text: /^(!=|<>|<=|>=|[=<>(),])/.exec(rest)![0] });
		if (match) {
			tokens.push({ ...match, position: index });
			index += match.text.length;
			continue;
		}
		if (rest.startsWith("'")) {
			let end = 1;
			while (end < rest.length && rest[end] !== "'") end += rest[end] === '\\' ? 2 : 1;
			if (end >= rest.length) throw new SoqlError('MALFORMED_QUERY', `unterminated string literal at position ${index}`);
			tokens.push({ kind: 'string', text: rest.slice(1, end), position: index });
			index += end + 1;
			continue;
		}
		throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${rest[0]}' at position ${index}`);
	}
	return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** One escape sequence (the text after the backslash) as the character it stands for. */
function unescapeSequence(code: string, raw: string): string {
	if (code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
	const simple = SIMPLE_ESCAPES[code.toLowerCase()];
	if (simple) return simple;
	if (code === '"' || code === "'" || code === '\\') return code;
	throw new SoqlError('MALFORMED_QUERY', `Invalid string literal '${raw}'. Illegal character sequence '\\${code}' in string literal.`);
}

const ESCAPE = /\\(u[0-9a-fA-F]{4}|[\s\S])/g;

/** Decodes a quoted string outside LIKE, where `\%` and `\_` are errors. */
function decodeString(raw: string): string {
	return raw.replace(ESCAPE, (_match, code: string) => unescapeSequence(code, raw));
}

/** A LIKE pattern as a case-insensitive regular expression: `%` any run, `_` one character, `\%` and `\_` themselves. */
export function likePattern(raw: string): RegExp {
	let source = '';
	const literal = (character: string) => character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	for (let index = 0; index < raw.length; index++) {
		const character = raw[index];
		if (character === '\\') {
			const unicode = /^u[0-9a-fA-F]{4}/.exec(raw.slice(index + 1));
			const code = unicode ? unicode[0] : raw[index + 1];
			index += code.length;
			source += code === '%' || code === '_' ? code : literal(unescapeSequence(code, raw));
		} else if (character === '%') source += '.*';
		else if (character === '_') source += '.';
		else source += literal(character);
	}
	return new RegExp(`^${source}$`, 'is');
}

class Parser {
	private index = 0;

	constructor(private readonly tokens: Token[]) {}

	parse(): SelectQuery {
		const query = this.select();
		if (this.index < this.tokens.length) this.fail();
		return query;
	}

	private peek(): Token | undefined {
		return this.tokens[this.index];
	}

	private isWord(word: string, offset = 0): boolean {
		const token = this.tokens[this.index + offset];
		return token?.kind === 'word' && token.text.toUpperCase() === word;
	}

	private fail(): never {
		const token = this.peek();
		throw new SoqlError('MALFORMED_QUERY', token ? `unexpected token: '${token.text}'` : 'unexpected end of query');
	}

	private expectWord(word: string): void {
		if (!this.isWord(word)) this.fail();
		this.index++;
	}

	private expectSymbol(symbol: string): void {
		const token = this.peek();
		if (token?.kind !== 'symbol' || token.text !== symbol) this.fail();
		this.index++;
	}

	private name(): string {
		const token = this.peek();
		if (token?.kind !== 'word') this.fail();
		this.index++;
		return token.text;
	}

	private select(): SelectQuery {
		this.expectWord('SELECT');
		const query: SelectQuery = { fields: [], subqueries: [], from: '', orderBy: [] };
		do {
			if (this.peek()?.text === '(') {
				this.index++;
				query.subqueries.push(this.select());
				this.expectSymbol(')');
			} else {
				query.fields.push(this.name());
			}
		} while (this.peek()?.text === ',' && ++this.index);
		this.expectWord('FROM');
		query.from = this.name();
		if (this.isWord('WHERE')) {
			this.index++;
			query.where = this.condition();
		}
		if (this.isWord('ORDER')) {
			this.index++;
			this.expectWord('BY');
			do {
				const field = this.name();
				let descending = false;
				if (this.isWord('ASC') || this.isWord('DESC')) descending = this.tokens[this.index++].text.toUpperCase() === 'DESC';
				let nullsLast = descending;
				if (this.isWord('NULLS')) {
					this.index++;
					if (!this.isWord('FIRST') && !this.isWord('LAST')) this.fail();
					nullsLast = this.tokens[this.index++].text.toUpperCase() === 'LAST';
				}
				query.orderBy.push({ field, descending, nullsLast });
			} while (this.peek()?.text === ',' && ++this.index);
		}
		if (this.isWord('LIMIT')) {
			this.index++;
			query.limit = this.integer();
		}
		if (this.isWord('OFFSET')) {
			this.index++;
			query.offset = this.integer();
		}
		return query;
	}

	private integer(): number {
		const token = this.peek();
		if (token?.kind !== 'number' || !/^\d+$/.test(token.text)) this.fail();
		this.index++;
		return Number(token.text);
	}

	/** AND and OR may not be mixed at one level without parentheses. */
	private condition(): Condition {
		const items = [this.unary()];
		let joiner: 'AND' | 'OR' | undefined;
		while (this.isWord('AND') || this.isWord('OR')) {
			const word = this.tokens[this.index].text.toUpperCase() as 'AND' | 'OR';
			if (joiner && joiner !== word) this.fail();
			joiner = word;
			this.index++;
			items.push(this.unary());
		}
		return items.length === 1 ? items[0] : { kind: joiner === 'OR' ? 'or' : 'and', items };
	}

	private unary(): Condition {
		if (this.isWord('NOT')) {
			this.index++;
			return { kind: 'not', item: this.unary() };
		}
		if (this.peek()?.text === '(') {
			this.index++;
			const inner = this.condition();
			this.expectSymbol(')');
			return inner;
		}
		const field = this.name();
		if (this.isWord('NOT') && this.isWord('IN', 1)) {
			this.index += 2;
			return { kind: 'in', field, values: this.list(), negated: true };
		}
		if (this.isWord('IN')) {
			this.index++;
			return { kind: 'in', field, values: this.list(), negated: false };
		}
		if (this.isWord('LIKE')) {
			this.index++;
			const token = this.peek();
			if (token?.kind !== 'string') this.fail();
			this.index++;
			return { kind: 'compare', field, operator: 'LIKE', value: { type: 'string', value: token.text, raw: token.text } };
		}
		const symbol = this.peek();
		if (symbol?.kind !== 'symbol' || !['=', '!=', '<>', '<', '<=', '>', '>='].includes(symbol.text)) this.fail();
		this.index++;
		const operator = (symbol.text === '<>' ? '!=' : symbol.text) as Operator;
		return { kind: 'compare', field, operator, value: this.literal() };
	}

	private list(): Literal[] {
		this.expectSymbol('(');
		const values: Literal[] = [];
		do values.push(this.literal());
		while (this.peek()?.text === ',' && ++this.index);
		this.expectSymbol(')');
		return values;
	}

	private literal(): Literal {
		const token = this.peek();
		if (!token) this.fail();
		this.index++;
		switch (token.kind) {
			case 'string':
				return { type: 'string', value: decodeString(token.text), raw: token.text };
			case 'number':
				return { type: 'number', value: Number(token.text) };
			case 'date':
				return { type: 'date', value: token.text };
			case 'datetime':
				return { type: 'datetime', value: Date.parse(token.text) };
			case 'word': {
				const word = token.text.toLowerCase();
				if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' };
				if (word === 'null') return { type: 'null' };
				// Date literals such as TODAY or LAST_N_DAYS:n are outside the fake's subset.
				break;
			}
		}
		this.index--;
		return this.fail();
	}
}

export function parseSoql(text: string): SelectQuery {
	return new Parser(tokenize(text)).parse();
}
