import { z } from 'zod';
import { toDecimalString, toMinorUnits } from '../canonical/money';
import type { FieldIssue } from '../canonical/validate';
import { isBlank, readPath } from './paths';

/**
 * Business rules a firm adds on top of the canonical schema ("a project needs an end date",
 * "budgets are in EUR", "start on or before end"). Each has a kind, the field it checks, an
 * optional name (the issue's `rule`) and an optional message a person reads instead of the generated one.
 */
export const RULE_KINDS = ['required', 'min', 'max', 'pattern', 'oneOf', 'dateOrder', 'currency'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const BusinessRule = z
	.object({
		rule: z.enum(RULE_KINDS),
		/** Dotted path of the field checked. */
		field: z.string().trim().min(1, 'is required'),
		/** min/max: a number (money in major units, e.g. 1000.50) or an ISO date; pattern: a regular expression; oneOf: the allowed values; currency: the ISO 4217 code. */
		value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number(), z.boolean()]))]).optional(),
		/** dateOrder: the field that must not be earlier than `field` (start <= end). */
		otherField: z.string().trim().min(1).optional(),
		name: z.string().trim().min(1).optional(),
		message: z.string().trim().min(1).optional(),
	})
	.strict()
	.superRefine((rule, ctx) => {
		const needsValue = rule.rule !== 'required' && rule.rule !== 'dateOrder';
		if (needsValue && (rule.value === undefined || rule.value === '')) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `is required for a ${rule.rule} rule` });
		}
		if (rule.rule === 'dateOrder' && !rule.otherField) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['otherField'], message: 'is required for a dateOrder rule (the end field)' });
		}
		if (rule.rule === 'pattern' && typeof rule.value === 'string') {
			try {
				new RegExp(rule.value);
			} catch {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `"${rule.value}" is not a valid regular expression` });
			}
		}
		if ((rule.rule === 'min' || rule.rule === 'max') && typeof rule.value === 'string' && !isComparableBound(rule.value)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: `"${rule.value}" is neither a number nor an ISO date` });
		}
		if (rule.rule === 'currency' && (typeof rule.value !== 'string' || !/^[A-Za-z]{3}$/.test(rule.value.trim()))) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'must be a three-letter ISO 4217 currency code' });
		}
	});
export type BusinessRule = z.infer<typeof BusinessRule>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T.*)?$/;
const isComparableBound = (value: string): boolean => ISO_DATE.test(value.trim()) || !Number.isNaN(Number(value));

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

const isMoney = (value: unknown): value is { amountMinor: number; currency: string } =>
	!!value && typeof value === 'object' && typeof (value as { amountMinor?: unknown }).amountMinor === 'number' && typeof (value as { currency?: unknown }).currency === 'string';

/** -1, 0 or 1 comparing a field value with a bound; undefined when the two cannot be compared. */
function compare(value: unknown, bound: string | number): number | undefined {
	if (isMoney(value)) {
		if (Number.isNaN(Number(bound))) return undefined;
		const limit = toMinorUnits(bound, value.currency);
		return Math.sign(value.amountMinor - limit);
	}
	if (typeof value === 'number') return Math.sign(value - Number(bound));
	if (typeof value === 'string' && ISO_DATE.test(value) && typeof bound === 'string' && ISO_DATE.test(bound.trim())) {
		return Math.sign(Date.parse(value) - Date.parse(bound.trim()));
	}
	if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Math.sign(Number(value) - Number(bound));
	return undefined;
}

const describeValue = (value: unknown): string => (isMoney(value) ? `${toDecimalString(value.amountMinor, value.currency)} ${value.currency}` : show(value));

/** The message a rule gives when it fails, unless the rule brings its own. */
function failure(rule: BusinessRule, value: unknown): string | undefined {
	const field = rule.field;
	switch (rule.rule) {
		case 'required':
			return isBlank(value) ? `${field} is required` : undefined;
		case 'min':
		case 'max': {
			const bound = rule.value as string | number;
			const order = compare(value, bound);
			if (order === undefined) return `${field} is ${describeValue(value)}, which cannot be compared with ${bound}`;
			if (rule.rule === 'min' && order < 0) return `${field} is ${describeValue(value)}, below the minimum of ${bound}`;
			if (rule.rule === 'max' && order > 0) return `${field} is ${describeValue(value)}, above the maximum of ${bound}`;
			return undefined;
		}
		case 'pattern': {
			if (typeof value !== 'string' && typeof value !== 'number') return `${field} is ${describeValue(value)}, not text that can match ${String(rule.value)}`;
			return new RegExp(String(rule.value)).test(String(value)) ? undefined : `${field} is ${show(value)}, which does not match ${String(rule.value)}`;
		}
		case 'oneOf': {
			const allowed = (Array.isArray(rule.value) ? rule.value : String(rule.value).split(',')).map((entry) => String(entry).trim());
			return allowed.includes(String(value)) ? undefined : `${field} is ${show(value)}; allowed are ${allowed.join(', ')}`;
		}
		case 'currency': {
			const wanted = String(rule.value).trim().toUpperCase();
			const currency = isMoney(value) ? value.currency : typeof value === 'string' ? value : undefined;
			if (currency === undefined) return `${field} is ${describeValue(value)}, not an amount with a currency`;
			return currency === wanted ? undefined : `${field} is in ${currency}; it must be in ${wanted}`;
		}
		case 'dateOrder':
			return undefined;
	}
}

/** Checks a record against business rules; a rule other than `required` skips a field that is empty. */
export function checkBusinessRules(record: unknown, rules: BusinessRule[]): FieldIssue[] {
	const issues: FieldIssue[] = [];
	for (const rule of rules) {
		const value = readPath(record, rule.field);
		const ruleName = rule.name ?? rule.rule;
		if (rule.rule === 'dateOrder') {
			const end = readPath(record, rule.otherField!);
			if (isBlank(value) || isBlank(end)) continue;
			const startTime = Date.parse(String(value));
			const endTime = Date.parse(String(end));
			let message: string | undefined;
			if (Number.isNaN(startTime) || Number.isNaN(endTime)) message = `${rule.field} (${show(value)}) and ${rule.otherField} (${show(end)}) must both be dates`;
			else if (startTime > endTime) message = `${rule.field} (${String(value)}) is after ${rule.otherField} (${String(end)}); it must be on or before it`;
			if (message) issues.push({ path: rule.field, rule: ruleName, message: rule.message ?? message });
			continue;
		}
		if (rule.rule !== 'required' && isBlank(value)) continue;
		const message = failure(rule, value);
		if (message) issues.push({ path: rule.field, rule: ruleName, message: rule.message ?? message });
	}
	return issues;
}

export type ParsedRules = { ok: true; rules: BusinessRule[] } | { ok: false; issues: FieldIssue[] };

/** Reads a list of rules (JSON text or an array); problems name the rule by its position. */
export function parseBusinessRules(input: unknown): ParsedRules {
	let data = input;
	if (typeof input === 'string') {
		if (input.trim() === '') return { ok: true, rules: [] };
		try {
			data = JSON.parse(input);
		} catch (error) {
			return { ok: false, issues: [{ path: '(rules)', rule: 'json', message: `the business rules are not valid JSON: ${(error as Error).message}` }] };
		}
	}
	const outcome = z.array(BusinessRule).safeParse(data ?? []);
	if (outcome.success) return { ok: true, rules: outcome.data };
	return {
		ok: false,
		issues: outcome.error.issues.map((issue) => {
			const path = issue.path.length === 0 ? '(rules)' : issue.path.join('.');
			return { path, rule: issue.code, message: `rule ${path} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}` };
		}),
	};
}
