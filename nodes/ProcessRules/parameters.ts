import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { describeIssues, recordName, validateInput, validateRecord, type ValidationOutcome } from '../shared/canonical';
import { MAX_RECORD_DEPTH } from '../shared/canonical/input';
import { isIsoDate } from './rules/dates';
import type { ItemFailure, RulesRun } from './types';

/** A canonical schema: its parsed type T, whatever it accepts (defaults fill what is left out). */
export type RecordSchema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

/** Whether a record holds money written as a decimal ({ amount, currency } without amountMinor), at any depth. */
function holdsDecimalMoney(value: unknown, depth = 0): boolean {
	if (!value || typeof value !== 'object' || depth > MAX_RECORD_DEPTH) return false;
	if (Array.isArray(value)) return value.some((inner) => holdsDecimalMoney(inner, depth + 1));
	const object = value as IDataObject;
	if ('amount' in object && 'currency' in object && !('amountMinor' in object)) return true;
	for (const key in object) if (holdsDecimalMoney(object[key], depth + 1)) return true;
	return false;
}

/**
 * A record validated as the canonical nodes take it (validateInput): decimals turned into minor
 * units first. Records already in minor units (what the category nodes output) skip that copy,
 * which at 100,000 time entries is a third of the validation time.
 */
function validateCanonical<T>(schema: RecordSchema<T>, data: unknown): ValidationOutcome<T> {
	return holdsDecimalMoney(data) ? validateInput(schema as z.ZodType<T>, data) : validateRecord(schema as z.ZodType<T>, data);
}

/** Expressions that read the current item: evaluated per item. Anything else is the same for every item and read once. */
const READS_THE_ITEM = /\$json|\$binary|\$item\b|\$itemIndex|\$input\.item|\.item\b|itemMatching|pairedItem/;

function sameForEveryItem(run: RulesRun, name: string): boolean {
	// Collection fields are named by path ("moreInputs.billedTime").
	let stored: unknown = run.ctx.getNode().parameters;
	for (const part of name.split('.')) stored = stored && typeof stored === 'object' ? (stored as IDataObject)[part] : undefined;
	if (typeof stored !== 'string' || !stored.startsWith('=')) return true;
	return !READS_THE_ITEM.test(stored);
}

/** A parameter's value; one that does not depend on the item is read once per run. */
export function parameter<T>(run: RulesRun, name: string, itemIndex: number, fallback: T): T {
	if (!sameForEveryItem(run, name)) return run.ctx.getNodeParameter(name, itemIndex, fallback) as T;
	const key = `parameter:${name}`;
	if (!run.cache.has(key)) run.cache.set(key, run.ctx.getNodeParameter(name, itemIndex, fallback));
	return run.cache.get(key) as T;
}

const problem = (run: RulesRun, itemIndex: number, message: string, description?: string): NodeOperationError => new NodeOperationError(run.ctx.getNode(), message, { itemIndex, ...(description ? { description } : {}) });

/** A whole number (or any number) parameter within bounds; the error names the parameter. */
export function numberParameter(run: RulesRun, name: string, label: string, itemIndex: number, fallback: number, bounds: { min?: number; max?: number; integer?: boolean } = {}): number {
	const raw = parameter<unknown>(run, name, itemIndex, fallback);
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || (bounds.integer && !Number.isInteger(value)) || (bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max)) {
		const range = [bounds.integer ? 'a whole number' : 'a number', bounds.min !== undefined ? `of at least ${bounds.min}` : '', bounds.max !== undefined ? `at most ${bounds.max}` : ''].filter(Boolean).join(' ');
		throw problem(run, itemIndex, `${label} must be ${range}, not ${JSON.stringify(raw)}`);
	}
	return value;
}

export function textParameter(run: RulesRun, name: string, itemIndex: number, fallback = ''): string {
	const value = parameter<unknown>(run, name, itemIndex, fallback);
	return value === undefined || value === null ? '' : String(value);
}

/** An "as of" date: the parameter, or today (UTC). */
export function asOfParameter(run: RulesRun, itemIndex: number, name = 'asOf'): string {
	const value = textParameter(run, name, itemIndex).trim();
	if (value === '') return run.today;
	const date = value.slice(0, 10);
	if (!isIsoDate(date)) throw problem(run, itemIndex, `As Of Date must be a date (YYYY-MM-DD), not "${value}"`);
	return date;
}

/** A parameter read by a rule that may refuse it: the rule's error becomes one that names the parameter and the item. */
export function ruleParameter<T>(run: RulesRun, itemIndex: number, label: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw problem(run, itemIndex, error instanceof NodeOperationError ? error.message : `${label}: ${(error as Error).message}`);
	}
}

/** A JSON parameter's value: text (fixed mode) parsed, n8n items (`{ json }`) unwrapped. */
function jsonValue(run: RulesRun, name: string, label: string, itemIndex: number, fallback: unknown): unknown {
	const raw = run.ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return fallback;
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw problem(run, itemIndex, `${label} is not valid JSON: ${(error as Error).message}`);
	}
}

const unwrapItem = (entry: unknown): unknown => (entry && typeof entry === 'object' && 'json' in entry && typeof (entry as IDataObject).json === 'object' ? (entry as IDataObject).json : entry);

/**
 * A list of canonical records given as a JSON parameter (e.g. `{{ $('Projects in PSA').all() }}`),
 * each validated against its schema. Read and validated once per run unless the expression reads
 * the item. A bad record stops the computation with the list, position and field named.
 */
export function recordList<T>(run: RulesRun, name: string, label: string, itemIndex: number, schema: RecordSchema<T>, what: string, reshape: (value: unknown) => unknown = (value) => value): T[] {
	const cacheable = sameForEveryItem(run, name);
	const key = `list:${name}`;
	if (cacheable && run.cache.has(key)) return run.cache.get(key) as T[];
	const value = reshape(jsonValue(run, name, label, itemIndex, []));
	if (value === undefined || value === null) return [];
	const list = Array.isArray(value) ? value : [value];
	const records = list.map(unwrapItem).filter((record) => !(record && typeof record === 'object' && Object.keys(record).length === 0)).map((record, position) => {
		const outcome = validateCanonical(schema, record);
		if (!outcome.ok) {
			const named = recordName(record);
			throw problem(run, itemIndex, describeIssues(`${label}: ${what} ${position + 1}${named ? ` ("${named}")` : ''}`, outcome.issues), outcome.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
		}
		return outcome.value;
	});
	if (cacheable) run.cache.set(key, records);
	return records;
}

/** A JSON object parameter (e.g. thresholds per currency). */
export function objectParameter(run: RulesRun, name: string, label: string, itemIndex: number): IDataObject {
	const value = jsonValue(run, name, label, itemIndex, {});
	if (value === undefined || value === null) return {};
	if (typeof value !== 'object' || Array.isArray(value)) throw problem(run, itemIndex, `${label} must be a JSON object, such as { "USD": "120000.00" }`);
	return value as IDataObject;
}

/** Loose rows (notes, ledger rows, availability): a JSON list of objects, not validated against a schema. */
export function rowList(run: RulesRun, name: string, label: string, itemIndex: number): IDataObject[] {
	const cacheable = sameForEveryItem(run, name);
	const key = `rows:${name}`;
	if (cacheable && run.cache.has(key)) return run.cache.get(key) as IDataObject[];
	const value = jsonValue(run, name, label, itemIndex, []);
	const list = (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]).map(unwrapItem);
	const bad = list.findIndex((row) => !row || typeof row !== 'object' || Array.isArray(row));
	if (bad !== -1) throw problem(run, itemIndex, `${label}: entry ${bad + 1} is not an object`);
	if (cacheable) run.cache.set(key, list);
	return list as IDataObject[];
}

/**
 * The input items as canonical records: each validated; an item that fails is a failure of that
 * item (its record and field named), and the others go on. `label` names the entity ("Time entry").
 * An empty item (what n8n's "Always Output Data" gives for a list that found nothing) is skipped.
 */
export function recordsFromItems<T>(run: RulesRun, schema: RecordSchema<T>, label: string, accept: (json: IDataObject) => boolean = () => true): { records: Array<{ itemIndex: number; record: T }>; failures: ItemFailure[]; skipped: number[] } {
	const records: Array<{ itemIndex: number; record: T }> = [];
	const failures: ItemFailure[] = [];
	const skipped: number[] = [];
	run.items.forEach((item, itemIndex) => {
		if (Object.keys(item.json).length === 0 || !accept(item.json)) {
			skipped.push(itemIndex);
			return;
		}
		const outcome = validateCanonical(schema, item.json);
		if (outcome.ok) {
			records.push({ itemIndex, record: outcome.value });
			return;
		}
		const named = recordName(item.json);
		const message = describeIssues(`${label} in item ${itemIndex}${named ? ` ("${named}")` : ''}`, outcome.issues);
		failures.push({ itemIndex, error: problem(run, itemIndex, message, outcome.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n')) });
	});
	return { records, failures, skipped };
}

/** The As Of Date field several operations share. */
export const asOfProperty: INodeProperties = {
	displayName: 'As Of Date',
	name: 'asOf',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2026-04-15',
	description: 'The day the figures are taken on (YYYY-MM-DD); empty for today (UTC)',
};

/** A JSON list parameter of canonical records. */
export function listProperty(displayName: string, name: string, description: string, placeholder?: string): INodeProperties {
	return { displayName, name, type: 'json', default: '[]', description, ...(placeholder ? { placeholder } : {}) };
}

/** One input item as a canonical record; a record that does not validate fails its item, naming the field. */
export function recordOfItem<T>(run: RulesRun, schema: RecordSchema<T>, label: string, itemIndex: number, json: IDataObject = run.items[itemIndex].json): T {
	const outcome = validateCanonical(schema, json);
	if (outcome.ok) return outcome.value;
	const named = recordName(json);
	throw problem(run, itemIndex, describeIssues(`${label} in item ${itemIndex}${named ? ` ("${named}")` : ''}`, outcome.issues), outcome.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
}

/**
 * A value worked out from parameter values (an index of a list), kept for the run while those
 * values are the same ones (lists read once per run are): an item whose expression gives other
 * values gets its own.
 */
export function derived<T>(run: RulesRun, key: string, sources: unknown[], compute: () => T): T {
	const kept = run.cache.get(`derived:${key}`) as { sources: unknown[]; value: T } | undefined;
	if (kept && kept.sources.length === sources.length && kept.sources.every((source, index) => source === sources[index])) return kept.value;
	const value = compute();
	run.cache.set(`derived:${key}`, { sources, value });
	return value;
}
