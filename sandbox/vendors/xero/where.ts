/**
 * Xero's `where` filter (developer.xero.com/documentation/api/accounting/requests-and-responses,
 * "Retrieving a filtered set"): C#-like expressions such as
 * `Type=="ACCREC" AND (Reference=="A" OR Reference=="B") AND DueDate<DateTime(2026,01,31)`,
 * `Contact.ContactID==Guid("...")`, `Name.Contains("Acme")`, `EnablePaymentsToAccount==true`.
 * Parsed into a predicate over the record's fields; dates compare as epoch milliseconds.
 */
export type WhereValue = string | number | boolean | null;
export type WherePredicate = (record: Record<string, unknown>) => boolean;

export class WhereSyntaxError extends Error {}

type Token = { kind: 'string' | 'number' | 'word' | 'op' | 'punct'; text: string };

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < source.length) {
		const char = source[index];
		if (/\s/.test(char)) {
			index++;
			continue;
		}
		if (char === '"') {
			let value = '';
			index++;
			while (index < source.length && source[index] !== '"') {
				if (source[index] === '\\' && index + 1 < source.length) index++;
				value += source[index++];
			}
			if (source[index] !== '"') throw new WhereSyntaxError('Unterminated string literal');
			index++;
			tokens.push({ kind: 'string', text: value });
			continue;
		}
		const op = /^(==|!=|>=|<=|&&|\|\||=|>|<)/.exec(source.slice(index));
		if (op) {
			tokens.push({ kind: 'op', text: op[1] });
			index += op[1].length;
			continue;
		}
		if ('(),.'.includes(char)) {
			tokens.push({ kind: 'punct', text: char });
			index++;
			continue;
		}
		const number = /^-?\d+(\.\d+)?/.exec(source.slice(index));
		if (number) {
			tokens.push({ kind: 'number', text: number[0] });
			index += number[0].length;
			continue;
		}
		const word = /^[A-Za-z_]\w*/.exec(source.slice(index));
		if (!word) throw new WhereSyntaxError(`Unexpected character '${char}'`);
		tokens.push({ kind: 'word', text: word[0] });
		index += word[0].length;
	}
	return tokens;
}

const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** A record value as the filter compares it: dates as milliseconds, ids case-insensitively. */
function comparable(value: unknown): WhereValue {
	if (typeof value === 'string') {
		const date = MS_DATE.exec(value);
		if (date) return Number(date[1]);
		return value;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	return null;
}

function compare(left: WhereValue, op: string, right: WhereValue): boolean {
	if (typeof left === 'string' && typeof right === 'string' && /^[0-9a-f-]{36}$/i.test(right)) {
		left = left.toLowerCase();
		right = right.toLowerCase();
	}
	switch (op) {
		case '==':
		case '=':
			return left === right;
		case '!=':
			return left !== right;
		default: {
			if (left === null || right === null) return false;
			if (op === '>') return left > right;
			if (op === '>=') return left >= right;
			if (op === '<') return left < right;
			return left <= right;
		}
	}
}

/** Parses a where expression; `fields` are the top-level names the record type has (others are a query error). */
export function parseWhere(source: string, fields: Set<string>, typeName: string): WherePredicate {
	const tokens = tokenize(source);
	let position = 0;
	const peek = (): Token | undefined => tokens[position];
	const expect = (text: string): void => {
		if (peek()?.text !== text) throw new WhereSyntaxError(`Expected '${text}' at token ${position + 1}`);
		position++;
	};

	const literal = (): WhereValue => {
		const token = tokens[position++];
		if (!token) throw new WhereSyntaxError('Expected a value');
		if (token.kind === 'string') return token.text;
		if (token.kind === 'number') return Number(token.text);
		if (token.kind === 'word' && /^(true|false)$/i.test(token.text)) return token.text.toLowerCase() === 'true';
		if (token.kind === 'word' && token.text === 'null') return null;
		if (token.kind === 'word' && /^DateTime$/i.test(token.text)) {
			expect('(');
			const parts: number[] = [];
			while (peek()?.kind === 'number') {
				parts.push(Number(tokens[position++].text));
				if (peek()?.text === ',') position++;
			}
			expect(')');
			if (parts.length < 3) throw new WhereSyntaxError('DateTime needs year, month and day');
			return Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0);
		}
		if (token.kind === 'word' && /^Guid$/i.test(token.text)) {
			expect('(');
			const value = tokens[position++];
			if (value?.kind !== 'string') throw new WhereSyntaxError('Guid needs a string');
			expect(')');
			return value.text.toLowerCase();
		}
		throw new WhereSyntaxError(`Unexpected '${token.text}'`);
	};

	const comparison = (): WherePredicate => {
		const path: string[] = [];
		const first = tokens[position++];
		if (first?.kind !== 'word') throw new WhereSyntaxError(`Expected a field name, found '${first?.text ?? 'end'}'`);
		if (!fields.has(first.text)) throw new WhereSyntaxError(`No property or field '${first.text}' exists in type '${typeName}'`);
		path.push(first.text);
		while (peek()?.text === '.') {
			position++;
			const next = tokens[position++];
			if (next?.kind !== 'word') throw new WhereSyntaxError('Expected a name after "."');
			path.push(next.text);
		}
		const last = path[path.length - 1];
		if (peek()?.text === '(' && /^(Contains|StartsWith|EndsWith)$/.test(last)) {
			position++;
			const argument = literal();
			expect(')');
			const fieldPath = path.slice(0, -1);
			return (record) => {
				const value = comparable(fieldPath.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], record));
				if (typeof value !== 'string' || typeof argument !== 'string') return false;
				const [haystack, needle] = [value.toLowerCase(), argument.toLowerCase()];
				return last === 'Contains' ? haystack.includes(needle) : last === 'StartsWith' ? haystack.startsWith(needle) : haystack.endsWith(needle);
			};
		}
		const op = tokens[position++];
		if (op?.kind !== 'op' || op.text === '&&' || op.text === '||') throw new WhereSyntaxError(`Expected a comparison after '${path.join('.')}'`);
		const right = literal();
		return (record) => compare(comparable(path.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], record)), op.text, right);
	};

	const isWord = (text: string): boolean => peek()?.kind === 'word' && peek()!.text.toUpperCase() === text;

	const primary = (): WherePredicate => {
		if (isWord('NOT')) {
			position++;
			const inner = primary();
			return (record) => !inner(record);
		}
		if (peek()?.text === '(') {
			position++;
			const inner = or();
			expect(')');
			return inner;
		}
		return comparison();
	};

	const and = (): WherePredicate => {
		const parts = [primary()];
		while (isWord('AND') || peek()?.text === '&&') {
			position++;
			parts.push(primary());
		}
		return (record) => parts.every((part) => part(record));
	};

	function or(): WherePredicate {
		const parts = [and()];
		while (isWord('OR') || peek()?.text === '||') {
			position++;
			parts.push(and());
		}
		return (record) => parts.some((part) => part(record));
	}

	const predicate = or();
	if (position < tokens.length) throw new WhereSyntaxError(`Unexpected '${tokens[position].text}'`);
	return predicate;
}
