/**
 * OData v4 `$filter` expressions for the Business Central API, built from typed literals so that a
 * value can never break out of its literal (the injection risk of string-built filters).
 * Literal forms per OData v4 URL conventions: strings in single quotes with '' for a quote, dates
 * and date-times and GUIDs bare, numbers bare.
 */

export type ODataComparison = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type ODataLiteral =
	| { kind: 'string'; value: string }
	| { kind: 'date'; value: string }
	| { kind: 'dateTime'; value: string }
	| { kind: 'guid'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'boolean'; value: boolean };

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(\/[A-Za-z][A-Za-z0-9_]*)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const text = (value: string): ODataLiteral => ({ kind: 'string', value });
export const number = (value: number): ODataLiteral => ({ kind: 'number', value });
export const boolean = (value: boolean): ODataLiteral => ({ kind: 'boolean', value });

export function date(value: string): ODataLiteral {
	if (!DATE.test(value)) throw new Error(`"${value}" is not an ISO date (YYYY-MM-DD)`);
	return { kind: 'date', value };
}

/** A date-time literal, normalised to UTC with a Z designator. */
export function dateTime(value: string): ODataLiteral {
	const time = Date.parse(value);
	if (Number.isNaN(time)) throw new Error(`"${value}" is not an ISO 8601 date-time`);
	return { kind: 'dateTime', value: new Date(time).toISOString() };
}

export function guid(value: string): ODataLiteral {
	if (!GUID.test(value)) throw new Error(`"${value}" is not a GUID`);
	return { kind: 'guid', value: value.toLowerCase() };
}

export function isGuid(value: string): boolean {
	return GUID.test(value);
}

/** The literal as it appears in a URL query: `'O''Brien'`, `2026-01-31`, `42`. */
export function formatLiteral(literal: ODataLiteral): string {
	switch (literal.kind) {
		case 'string':
			return `'${literal.value.replace(/'/g, "''")}'`;
		case 'number':
			if (!Number.isFinite(literal.value)) throw new Error(`${literal.value} is not a finite number`);
			return String(literal.value);
		case 'boolean':
			return literal.value ? 'true' : 'false';
		default:
			return literal.value;
	}
}

/** `field op literal`; the field name is checked so that it cannot carry an expression. */
export function compare(field: string, operator: ODataComparison, literal: ODataLiteral): string {
	if (!FIELD.test(field)) throw new Error(`"${field}" is not a property name`);
	return `${field} ${operator} ${formatLiteral(literal)}`;
}

function join(operator: 'and' | 'or', clauses: Array<string | undefined>): string | undefined {
	const present = clauses.filter((clause): clause is string => clause !== undefined && clause !== '');
	if (present.length === 0) return undefined;
	if (present.length === 1) return present[0];
	return present.map((clause) => (/\s(and|or)\s/.test(clause) ? `(${clause})` : clause)).join(` ${operator} `);
}

/** Every clause must hold; undefined clauses are skipped; undefined when none is left. */
export const allOf = (...clauses: Array<string | undefined>): string | undefined => join('and', clauses);

/** Any clause may hold; undefined clauses are skipped; undefined when none is left. */
export const anyOf = (...clauses: Array<string | undefined>): string | undefined => join('or', clauses);

/** `field eq a or field eq b ...` for a list of values (BC's `in` support varies by version). */
export function oneOf(field: string, literals: ODataLiteral[]): string | undefined {
	return anyOf(...literals.map((literal) => compare(field, 'eq', literal)));
}
