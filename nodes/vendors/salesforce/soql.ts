/**
 * Builds SOQL from typed parts so that no value ever reaches a query unescaped. Field and object
 * names are checked against the API-name grammar; values become literals with the escapes of
 * the SOQL and SOSL Reference ("Quoted String Escape Sequences", "Date Formats and Date Literals").
 */

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/** A field, object or relationship name; throws on anything else (no spaces, quotes or operators). */
export function soqlName(name: string): string {
	if (!FIELD_PATH.test(name)) throw new Error(`"${name}" is not a valid Salesforce field or object name`);
	return name;
}

/** A single API name (no dots), e.g. an External ID field used in a URL path. */
export function soqlApiName(name: string): string {
	if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a valid Salesforce API name`);
	return name;
}

/** A date value (`CloseDate >= 2026-01-31`): SOQL writes it unquoted. */
export class SoqlDate {
	constructor(readonly value: string) {
		const time = Date.parse(`${value}T00:00:00Z`);
		// Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip.
		if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
			throw new Error(`"${value}" is not a date (YYYY-MM-DD)`);
		}
	}
}

/** A dateTime value, written unquoted in UTC (`SystemModstamp >= 2026-01-31T09:00:00Z`). */
export class SoqlDateTime {
	readonly value: string;

	constructor(instant: string | Date) {
		const time = instant instanceof Date ? instant.getTime() : Date.parse(instant);
		if (Number.isNaN(time)) throw new Error(`"${String(instant)}" is not a date-time`);
		// The documented dateTime formats carry whole seconds; flooring keeps ">=" inclusive.
		this.value = new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	}
}

export type SoqlValue = string | number | boolean | null | SoqlDate | SoqlDateTime;

const STRING_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A quoted string literal: backslash, quotes and control characters escaped. */
export function soqlString(value: string): string {
	return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (character) => STRING_ESCAPES[character])}'`;
}

export function soqlLiteral(value: SoqlValue): string {
	if (value === null) return 'null';
	if (value instanceof SoqlDate || value instanceof SoqlDateTime) return value.value;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is not a number SOQL can compare`);
		return String(value);
	}
	return soqlString(value);
}

/** A condition of a WHERE clause; only this module makes them. */
export class SoqlCondition {
	private constructor(readonly text: string) {}

	static field(field: string, operator: '=' | '!=' | '<' | '<=' | '>' | '>=', value: SoqlValue): SoqlCondition {
		return new SoqlCondition(`${soqlName(field)} ${operator} ${soqlLiteral(value)}`);
	}

	static in(field: string, values: SoqlValue[]): SoqlCondition {
		if (values.length === 0) throw new Error(`IN on ${field} needs at least one value`);
		return new SoqlCondition(`${soqlName(field)} IN (${values.map(soqlLiteral).join(', ')})`);
	}

	/** LIKE with the text matched literally: `%` and `_` in it are escaped, then wrapped as asked. */
	static like(field: string, text: string, match: 'contains' | 'startsWith' | 'equals' = 'contains'): SoqlCondition {
		const escaped = soqlString(text).slice(1, -1).replace(/[%_]/g, (character) => `\\${character}`);
		const pattern = match === 'contains' ? `%${escaped}%` : match === 'startsWith' ? `${escaped}%` : escaped;
		return new SoqlCondition(`${soqlName(field)} LIKE '${pattern}'`);
	}

	/** SOQL requires parentheses when AND and OR are mixed; every group is parenthesised. */
	static and(...conditions: SoqlCondition[]): SoqlCondition {
		return SoqlCondition.join('AND', conditions);
	}

	static or(...conditions: SoqlCondition[]): SoqlCondition {
		return SoqlCondition.join('OR', conditions);
	}

	private static join(operator: 'AND' | 'OR', conditions: SoqlCondition[]): SoqlCondition {
		if (conditions.length === 0) throw new Error(`${operator} needs at least one condition`);
		if (conditions.length === 1) return conditions[0];
		return new SoqlCondition(conditions.map((condition) => `(${condition.text})`).join(` ${operator} `));
	}
}

export const where = SoqlCondition;

export interface SoqlSelect {
	fields: string[];
	/** Child relationship subqueries, e.g. `{ relationship: 'OpportunityContactRoles', fields: ['ContactId'] }`. */
	subqueries?: Array<{ relationship: string; fields: string[] }>;
	from: string;
	where?: SoqlCondition[];
	orderBy?: Array<{ field: string; direction?: 'ASC' | 'DESC' }>;
	limit?: number;
}

/** `SELECT ... FROM ... WHERE (a) AND (b) ORDER BY ... LIMIT n`, every part checked. */
export function buildSoql(query: SoqlSelect): string {
	if (query.fields.length === 0) throw new Error('a SOQL query needs at least one field');
	const selected = query.fields.map(soqlName);
	for (const sub of query.subqueries ?? []) {
		selected.push(`(SELECT ${sub.fields.map(soqlName).join(', ')} FROM ${soqlApiName(sub.relationship)})`);
	}
	let text = `SELECT ${selected.join(', ')} FROM ${soqlApiName(query.from)}`;
	const conditions = query.where ?? [];
	if (conditions.length > 0) text += ` WHERE ${SoqlCondition.and(...conditions).text}`;
	if (query.orderBy && query.orderBy.length > 0) {
		text += ` ORDER BY ${query.orderBy.map((order) => `${soqlName(order.field)} ${order.direction ?? 'ASC'}`).join(', ')}`;
	}
	if (query.limit !== undefined) {
		if (!Number.isInteger(query.limit) || query.limit < 1) throw new Error(`LIMIT ${query.limit} is not a positive integer`);
		text += ` LIMIT ${query.limit}`;
	}
	return text;
}
