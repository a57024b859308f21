import type { CanonicalEntity } from '../canonical';
import { canonicalSchemas } from '../canonical';
import type { MapContext } from '../canonical/provenance';
import { provenance } from '../canonical/provenance';
import { coerceMoneyInput } from '../canonical/input';
import { validateRecord, type FieldIssue } from '../canonical/validate';
import { checkBusinessRules, type BusinessRule } from './businessRules';
import type { FieldMapping, MappingDocument } from './mappingDocument';
import { isBlank, readPath, writePath } from './paths';
import { applyTransform } from './transforms';

export interface ApplyMappingOptions {
	/** Evaluates an n8n expression against the input item; absent outside n8n. */
	evaluate?: (expression: string) => unknown;
	defaultCurrency: string;
}

export interface MappingResult {
	value: Record<string, unknown>;
	/** One issue per field that could not be mapped, at the field's target path. */
	issues: FieldIssue[];
}

const origin = (field: FieldMapping): string =>
	field.source !== undefined ? `source ${field.source}` : field.expression !== undefined ? 'its expression' : 'its constant';

function sourceValue(field: FieldMapping, record: unknown, options: ApplyMappingOptions): { value: unknown } | { issue: FieldIssue } {
	if (field.source !== undefined) return { value: readPath(record, field.source) };
	if (field.expression !== undefined) {
		if (!options.evaluate) return { issue: { path: field.target, rule: 'expression', message: `${field.target}: expressions can only be evaluated inside n8n` } };
		try {
			return { value: options.evaluate(field.expression.replace(/^=/, '')) };
		} catch (error) {
			return { issue: { path: field.target, rule: 'expression', message: `${field.target}: the expression ${field.expression} failed: ${(error as Error).message}` } };
		}
	}
	return { value: field.constant };
}

/**
 * Applies a mapping document to one record: each field reads its source (path, expression or
 * constant), falls back to its default when that is empty, transforms, and is written at its
 * target. A field that cannot be converted is left out and reported at its target path.
 */
export function applyMapping(document: MappingDocument, record: unknown, options: ApplyMappingOptions): MappingResult {
	const value: Record<string, unknown> = {};
	const issues: FieldIssue[] = [];
	for (const field of document.fields) {
		const read = sourceValue(field, record, options);
		if ('issue' in read) {
			issues.push(read.issue);
			continue;
		}
		let current = read.value;
		if (isBlank(current)) {
			if (field.default === undefined) continue;
			current = field.default;
		}
		if (field.transform) {
			const outcome = applyTransform(field.transform, current, { record, defaultCurrency: options.defaultCurrency });
			if (!outcome.ok) {
				issues.push({ path: field.target, rule: `transform.${field.transform.kind}`, message: `${field.target}: ${outcome.message} (from ${origin(field)})` });
				continue;
			}
			current = outcome.value;
		}
		if (current === undefined) continue;
		writePath(value, field.target, current);
	}
	return { value, issues };
}

export type CanonicalCheck = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };

/**
 * A record against the canonical schema of its entity, then the business rules. Money given as
 * `{ amount, currency }` is turned into minor units first, as the category nodes accept it.
 * `alreadyReported` holds issues found while mapping: schema complaints about the same fields are
 * their consequences and are not repeated.
 */
export function checkCanonical(
	entity: CanonicalEntity,
	data: unknown,
	options: { rules?: BusinessRule[]; partial?: boolean; alreadyReported?: FieldIssue[] } = {},
): CanonicalCheck {
	const objectSchema = canonicalSchemas[entity];
	const schema = options.partial ? objectSchema.partial() : objectSchema;
	const coerced = coerceMoneyInput(data);
	const reported = options.alreadyReported ?? [];
	const covered = (path: string): boolean => reported.some((issue) => path === issue.path || path.startsWith(`${issue.path}.`));
	// validateRecord leaves out schema complaints under fields already reported (mapping, money).
	const outcome = validateRecord(schema, coerced.value, [...reported, ...coerced.issues]);
	const issues = outcome.ok ? [] : outcome.issues;
	// Rules read the parsed record when there is one (defaults applied, money in minor units).
	const checked = outcome.ok ? outcome.value : coerced.value;
	issues.push(...checkBusinessRules(checked, options.rules ?? []).filter((issue) => !covered(issue.path)));
	if (issues.length > 0) return { ok: false, issues };
	return { ok: true, value: (outcome as { value: Record<string, unknown> }).value };
}

/** A custom toCanonical mapping: the mapped fields, provenance, and the canonical checks. */
export function mapToCanonical(
	document: MappingDocument,
	record: unknown,
	options: ApplyMappingOptions & { context: MapContext; rules?: BusinessRule[] },
): CanonicalCheck {
	const mapped = applyMapping(document, record, options);
	const remoteId = typeof mapped.value.id === 'string' || typeof mapped.value.id === 'number' ? String(mapped.value.id) : undefined;
	if (remoteId !== undefined) mapped.value.id = remoteId;
	const data = {
		...mapped.value,
		...provenance(options.context, { system: document.system ?? 'custom', entity: document.entity, remoteId }, record),
	};
	return checkCanonical(document.entity, data, { rules: [...document.rules, ...(options.rules ?? [])], alreadyReported: mapped.issues });
}
