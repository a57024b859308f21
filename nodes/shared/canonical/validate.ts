import type { z } from 'zod';
import { coerceMoneyInput, MAX_RECORD_DEPTH, quoteValue } from './input';

export interface FieldIssue {
	/** Dotted path of the field, e.g. `amount.currency` or `lines.2.quantity`. */
	path: string;
	/** Machine-readable rule: zod's issue code or a business rule's name. */
	rule: string;
	/** What a person reads: names the field and what is wrong with it. */
	message: string;
}

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function formatPath(path: Array<string | number>): string {
	return path.length === 0 ? '(record)' : path.join('.');
}

/** Keys that reach an object's prototype when copied with plain assignment. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Fields every record may carry that say nothing about the record itself. */
const BOOKKEEPING_FIELDS = new Set(['schemaVersion', '_meta', 'remoteData']);
/** Date fields that must not come before their partner, wherever an entity has both. */
const DATE_ORDER: Array<[start: string, end: string]> = [
	['startDate', 'endDate'],
	['hireDate', 'terminationDate'],
	['issueDate', 'dueDate'],
];

/**
 * What no schema catches on its own: prototype keys, numbers that are not finite (NaN, Infinity),
 * nesting deeper than any canonical record, a record with no field at all. The vendor's raw record
 * (`remoteData`) is the vendor's business and is not walked.
 */
function inputIssues(data: unknown): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const walk = (value: unknown, at: Array<string | number>): void => {
		if (typeof value === 'number' && !Number.isFinite(value)) {
			issues.push({ path: formatPath(at), rule: 'not_finite', message: `${formatPath(at)} must be a finite number, not ${String(value)}` });
			return;
		}
		if (!value || typeof value !== 'object') return;
		if (at.length >= MAX_RECORD_DEPTH) {
			issues.push({ path: formatPath(at), rule: 'too_deep', message: `${formatPath(at)} is nested more than ${MAX_RECORD_DEPTH} levels deep` });
			return;
		}
		if (Array.isArray(value)) {
			value.forEach((inner, index) => walk(inner, [...at, index]));
			return;
		}
		for (const [key, inner] of Object.entries(value)) {
			if (at.length === 0 && key === 'remoteData') continue;
			if (RESERVED_KEYS.has(key)) {
				const where = formatPath([...at, key]);
				issues.push({ path: where, rule: 'reserved_key', message: `${where} is not a field name a record may use` });
				continue;
			}
			walk(inner, [...at, key]);
		}
	};
	walk(data, []);
	if (data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).every((key) => BOOKKEEPING_FIELDS.has(key))) {
		issues.push({ path: '(record)', rule: 'empty', message: '(record) is empty: it has no field to check or write' });
	}
	return issues;
}

/** The pairs of dates in the wrong order (an end before its start), at the later field. */
function dateOrderIssues(record: unknown): FieldIssue[] {
	if (!record || typeof record !== 'object') return [];
	const fields = record as Record<string, unknown>;
	const issues: FieldIssue[] = [];
	for (const [start, end] of DATE_ORDER) {
		const from = fields[start];
		const to = fields[end];
		if (typeof from === 'string' && typeof to === 'string' && to < from) {
			issues.push({ path: end, rule: 'dateOrder', message: `${end} (${to}) is before ${start} (${from})` });
		}
	}
	return issues;
}

function zodIssue(issue: z.ZodIssue): FieldIssue {
	const path = formatPath(issue.path);
	if (issue.code === 'invalid_type' && issue.received === 'undefined') return { path, rule: issue.code, message: `${path} is required` };
	if (issue.code === 'invalid_type') return { path, rule: issue.code, message: `${path} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, not ${issue.received === 'nan' ? 'NaN' : issue.received}` };
	if (issue.code === 'invalid_enum_value') {
		return { path, rule: issue.code, message: `${path} must be one of ${issue.options.map(String).join(', ')}, not ${quoteValue(issue.received)}` };
	}
	return { path, rule: issue.code, message: `${path} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
}

/**
 * Validates a record against a canonical schema; every failure names its field. `reported` holds
 * issues found before (while reading money, say): schema complaints at or under those fields are
 * their consequences and are not repeated.
 */
export function validateRecord<T>(schema: z.ZodType<T>, data: unknown, reported: FieldIssue[] = []): ValidationOutcome<T> {
	const found = [...reported, ...inputIssues(data)];
	const covered = (path: string): boolean => found.some((issue) => path === issue.path || path.startsWith(`${issue.path}.`));
	const result = schema.safeParse(data);
	// One issue per field: the first check that fails says it (an empty id is "required", not also "not an id").
	const schemaIssues = result.success
		? dateOrderIssues(result.data)
		: result.error.issues.map(zodIssue).filter((issue, index, all) => all.findIndex((other) => other.path === issue.path) === index);
	const issues = [...found, ...schemaIssues.filter((issue) => !covered(issue.path))];
	if (issues.length > 0 || !result.success) return { ok: false, issues };
	return { ok: true, value: result.data };
}

/** A record as a person or another node gave it: money as decimals turned into minor units, then validated. */
export function validateInput<T>(schema: z.ZodType<T>, data: unknown): ValidationOutcome<T> {
	const coerced = coerceMoneyInput(data);
	return validateRecord(schema, coerced.value, coerced.issues);
}

/** Text for a one-line message: control characters escaped (no CR/LF reaches a log line), cut to `max` characters. */
export function oneLine(text: string, max = 60): string {
	const escaped = JSON.stringify(text).slice(1, -1);
	return escaped.length > max ? `${escaped.slice(0, max)}...` : escaped;
}

/** What names a record in a message: its name, display name, reference, id or e-mail, short and on one line. */
export function recordName(record: unknown): string | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
	const fields = record as Record<string, unknown>;
	for (const key of ['name', 'displayName', 'reference', 'id', 'email']) {
		const value = fields[key];
		if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return oneLine(String(value));
	}
	return undefined;
}

/** One line that names the record and every failed field, for error messages. */
export function describeIssues(recordLabel: string, issues: FieldIssue[]): string {
	return `${recordLabel}: ${issues.map((issue) => issue.message).join('; ')}`;
}
