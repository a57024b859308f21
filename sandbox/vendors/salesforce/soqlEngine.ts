import { findField, findObject, type FieldDef, type FieldType, type ObjectDef } from './schema';
import { likePattern, SoqlError, type Condition, type Literal, type SelectQuery } from './soqlParser';
import type { SalesforceStore, SObjectRow } from './store';

/** A query checked against the schema: field names resolved to their schema spelling. */
interface ResolvedQuery {
	object: ObjectDef;
	fields: string[];
	children: Array<{ relationship: string; field: string; query: ResolvedQuery }>;
	source: SelectQuery;
}

const TEXT_TYPES = new Set<FieldType>(['id', 'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'reference']);
const NUMBER_TYPES = new Set<FieldType>(['currency', 'percent', 'double']);

function field(object: ObjectDef, name: string): { name: string; def: FieldDef } {
	const found = findField(object, name);
	if (!found) {
		throw new SoqlError('INVALID_FIELD', `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`);
	}
	return found;
}

/** Literal types Salesforce accepts for a field type (SOQL and SOSL Reference, "fieldExpression Syntax"). */
function checkLiteral(fieldName: string, def: FieldDef, literal: Literal, like: boolean): void {
	if (literal.type === 'null' && !like) return;
	if (like && !TEXT_TYPES.has(def.type)) throw new SoqlError('INVALID_FIELD', `invalid operator on field: ${fieldName}`);
	const ok =
		(TEXT_TYPES.has(def.type) && literal.type === 'string') ||
		(def.type === 'boolean' && literal.type === 'boolean') ||
		(def.type === 'date' && literal.type === 'date') ||
		(def.type === 'datetime' && literal.type === 'datetime') ||
		(NUMBER_TYPES.has(def.type) && literal.type === 'number');
	if (!ok) {
		const quoted = TEXT_TYPES.has(def.type) ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
		throw new SoqlError('INVALID_FIELD', `value of filter criterion for field '${fieldName}' must be of type ${def.type === 'datetime' ? 'dateTime' : def.type} and ${quoted}`);
	}
}

function resolveCondition(object: ObjectDef, condition: Condition): Condition {
	switch (condition.kind) {
		case 'and':
		case 'or':
			return { ...condition, items: condition.items.map((item) => resolveCondition(object, item)) };
		case 'not':
			return { ...condition, item: resolveCondition(object, condition.item) };
		case 'compare': {
			const found = field(object, condition.field);
			checkLiteral(found.name, found.def, condition.value, condition.operator === 'LIKE');
			return { ...condition, field: found.name };
		}
		case 'in': {
			const found = field(object, condition.field);
			for (const value of condition.values) checkLiteral(found.name, found.def, value, false);
			return { ...condition, field: found.name };
		}
	}
}

function resolve(query: SelectQuery, objectName = query.from): ResolvedQuery {
	const object = findObject(objectName);
	if (!object) {
		throw new SoqlError('INVALID_TYPE', `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`);
	}
	const children = query.subqueries.map((sub) => {
		const entry = Object.entries(object.children ?? {}).find(([name]) => name.toLowerCase() === sub.from.toLowerCase());
		if (!entry) {
			throw new SoqlError('INVALID_TYPE', `Didn't understand relationship '${sub.from}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`);
		}
		return { relationship: entry[0], field: entry[1].field, query: resolve(sub, entry[1].object) };
	});
	const resolved: SelectQuery = {
		...query,
		where: query.where ? resolveCondition(object, query.where) : undefined,
		orderBy: query.orderBy.map((order) => ({ ...order, field: field(object, order.field).name })),
	};
	return { object, fields: query.fields.map((name) => field(object, name).name), children, source: resolved };
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** A comparable form of a stored value: ids by their 15-character form, text case-insensitively, dateTimes as epoch ms. */
function comparable(def: FieldDef, value: unknown): string | number | boolean {
	if (def.type === 'id' || def.type === 'reference') return String(value).slice(0, 15);
	if (def.type === 'datetime') return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	if (TEXT_TYPES.has(def.type)) return String(value).toLowerCase();
	if (NUMBER_TYPES.has(def.type)) return Number(value);
	return value as string | boolean;
}

function literalValue(def: FieldDef, literal: Literal): string | number | boolean | null {
	if (literal.type === 'null') return null;
	if (literal.type === 'string') return comparable(def, literal.value);
	return literal.value;
}

function matches(object: ObjectDef, row: SObjectRow, condition: Condition): boolean {
	switch (condition.kind) {
		case 'and':
			return condition.items.every((item) => matches(object, row, item));
		case 'or':
			return condition.items.some((item) => matches(object, row, item));
		case 'not':
			return !matches(object, row, condition.item);
		case 'in': {
			const def = object.fields[condition.field];
			const value = isBlank(row[condition.field]) ? null : comparable(def, row[condition.field]);
			const found = condition.values.some((literal) => literalValue(def, literal) === value);
			return condition.negated ? !found : found;
		}
		case 'compare': {
			const def = object.fields[condition.field];
			const raw = row[condition.field];
			if (condition.operator === 'LIKE') return !isBlank(raw) && likePattern((condition.value as { raw: string }).raw).test(String(raw));
			const wanted = literalValue(def, condition.value);
			const value = isBlank(raw) ? null : comparable(def, raw);
			// SOQL treats null as a value: "!= 'x'" includes records where the field is empty.
			if (condition.operator === '=') return value === wanted;
			if (condition.operator === '!=') return value !== wanted;
			if (value === null || wanted === null) return false;
			if (condition.operator === '<') return value < wanted;
			if (condition.operator === '<=') return value <= wanted;
			if (condition.operator === '>') return value > wanted;
			return value >= wanted;
		}
	}
}

function sortRows(object: ObjectDef, rows: SObjectRow[], orderBy: SelectQuery['orderBy']): SObjectRow[] {
	if (orderBy.length === 0) return rows;
	return [...rows].sort((a, b) => {
		for (const order of orderBy) {
			const def = object.fields[order.field];
			const left = isBlank(a[order.field]) ? null : comparable(def, a[order.field]);
			const right = isBlank(b[order.field]) ? null : comparable(def, b[order.field]);
			if (left === right) continue;
			if (left === null) return order.nullsLast ? 1 : -1;
			if (right === null) return order.nullsLast ? -1 : 1;
			const result = left < right ? -1 : 1;
			return order.descending ? -result : result;
		}
		return 0;
	});
}

function execute(store: SalesforceStore, query: ResolvedQuery, version: string, parent?: { field: string; id: string }): Array<Record<string, unknown>> {
	const { object, source } = query;
	let rows = [...store.table(object.name).values()].filter((row) => row.IsDeleted !== true);
	if (parent) rows = rows.filter((row) => row[parent.field] === parent.id);
	if (source.where) rows = rows.filter((row) => matches(object, row, source.where!));
	rows = sortRows(object, rows, source.orderBy).slice(source.offset ?? 0);
	if (source.limit !== undefined) rows = rows.slice(0, source.limit);
	return rows.map((row) => {
		const record: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/${version}/sobjects/${object.name}/${row.Id}` } };
		for (const name of query.fields) record[name] = row[name] ?? null;
		for (const child of query.children) {
			const records = execute(store, child.query, version, { field: child.field, id: row.Id });
			// A parent without children has null, not an empty result (REST API Developer Guide, relationship queries).
			record[child.relationship] = records.length > 0 ? { totalSize: records.length, done: true, records } : null;
		}
		return record;
	});
}

/** Runs a parsed query against the store; throws SoqlError for the failures Salesforce reports. */
export function runQuery(store: SalesforceStore, query: SelectQuery, version: string): Array<Record<string, unknown>> {
	return execute(store, resolve(query), version);
}
