/**
 * Statements of the QuickBooks Online query language, built from typed values so that a value can
 * never break out of its literal. Syntax (learn/explore-the-quickbooks-online-api/data-queries):
 * `SELECT * FROM Entity [WHERE p op v [AND ...]] [ORDERBY p [ASC|DESC]] [STARTPOSITION n] [MAXRESULTS m]`;
 * operators =, <, >, <=, >=, IN, LIKE; no OR; values in single quotes (a quote escaped as \').
 */

export type QboOperator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export type QboValue = string | number | boolean;

export interface QboClause {
	property: string;
	operator: QboOperator;
	value: QboValue | QboValue[];
}

export interface QboStatement {
	entity: string;
	where?: Array<QboClause | undefined>;
	orderBy?: string;
	startPosition?: number;
	maxResults?: number;
}

/** At most 1000 entities come back per query (data-queries: MAXRESULTS). */
export const MAX_RESULTS = 1000;

const PROPERTY = /^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)?$/;
const ENTITY = /^[A-Z][A-Za-z]*$/;
const ORDER = /^([A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?)(\s+(ASC|DESC))?$/;

/** A value as the query language writes it: text, numbers and dates quoted; booleans bare. */
export function literal(value: QboValue): string {
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
		return `'${String(value)}'`;
	}
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A date-time as the query language compares it: `YYYY-MM-DDTHH:MM:SS+00:00`. */
export function dateTimeValue(value: string): string {
	const time = Date.parse(value);
	if (Number.isNaN(time)) throw new Error(`"${value}" is not an ISO 8601 date-time`);
	return `${new Date(time).toISOString().slice(0, 19)}+00:00`;
}

export function dateValue(value: string): string {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`"${value}" is not an ISO date (YYYY-MM-DD)`);
	return value;
}

export const clause = (property: string, operator: QboOperator, value: QboValue | QboValue[]): QboClause => ({ property, operator, value });

function renderClause({ property, operator, value }: QboClause): string {
	if (!PROPERTY.test(property)) throw new Error(`"${property}" is not a property name`);
	if (operator === 'IN') {
		const values = Array.isArray(value) ? value : [value];
		if (values.length === 0) throw new Error(`IN on ${property} needs at least one value`);
		return `${property} IN (${values.map(literal).join(', ')})`;
	}
	if (Array.isArray(value)) throw new Error(`${operator} on ${property} takes one value`);
	return `${property} ${operator} ${literal(value)}`;
}

/** The statement as text; clauses left undefined are skipped. */
export function statement(spec: QboStatement): string {
	if (!ENTITY.test(spec.entity)) throw new Error(`"${spec.entity}" is not an entity name`);
	const parts = [`SELECT * FROM ${spec.entity}`];
	const clauses = (spec.where ?? []).filter((entry): entry is QboClause => entry !== undefined);
	if (clauses.length > 0) parts.push(`WHERE ${clauses.map(renderClause).join(' AND ')}`);
	if (spec.orderBy) {
		if (!ORDER.test(spec.orderBy)) throw new Error(`"${spec.orderBy}" is not an ORDERBY clause`);
		parts.push(`ORDERBY ${spec.orderBy}`);
	}
	if (spec.startPosition !== undefined) parts.push(`STARTPOSITION ${Math.max(1, Math.floor(spec.startPosition))}`);
	if (spec.maxResults !== undefined) parts.push(`MAXRESULTS ${Math.min(MAX_RESULTS, Math.max(1, Math.floor(spec.maxResults)))}`);
	return parts.join(' ');
}
