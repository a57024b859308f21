import { z } from 'zod';
import { canonicalSchemas, CurrencyCode, type CanonicalEntity } from '../canonical';
import { validateRecord, type FieldIssue } from '../canonical/validate';
import { BusinessRule } from './businessRules';
import { pathSegments } from './paths';

/**
 * The mapping document, v1: a custom mapping as JSON that can be exported from the node's field
 * editor, kept under version control and imported again. The editor is converted into this very
 * document before it is applied, so the two give the same result by construction.
 *
 * {
 *   "format": "p2c-mapping", "version": 1, "entity": "project", "direction": "toCanonical",
 *   "system": "legacyPsa",
 *   "fields": [
 *     { "target": "name", "source": "properties.dealname", "transform": { "kind": "trim" } },
 *     { "target": "status", "source": "stage", "transform": { "kind": "valueMap", "map": { "closedwon": "active" } } },
 *     { "target": "budgetAmount", "source": "amount", "transform": { "kind": "money", "currencyPath": "currency" } },
 *     { "target": "notes", "expression": "{{ $json.first }} / {{ $json.second }}" },
 *     { "target": "isActive", "constant": true }
 *   ],
 *   "rules": [{ "rule": "dateOrder", "field": "startDate", "otherField": "endDate" }]
 * }
 */
export const MAPPING_DOCUMENT_FORMAT = 'p2c-mapping' as const;
export const MAPPING_DOCUMENT_VERSION = 1 as const;

export const CANONICAL_ENTITIES = Object.keys(canonicalSchemas) as CanonicalEntity[];
const EntityName = z.enum(CANONICAL_ENTITIES as [CanonicalEntity, ...CanonicalEntity[]]);

export const DateTransform = z.object({
	kind: z.literal('date'),
	/** Luxon format tokens (`dd/MM/yyyy`), `epochMillis` or `epochSeconds`; absent: ISO 8601 or epoch milliseconds. */
	format: z.string().min(1).optional(),
	/** IANA zone the input is read in when it carries none; the output is in this zone too. */
	zone: z.string().min(1).default('UTC'),
	output: z.enum(['date', 'dateTime']).default('date'),
});

export const MoneyTransform = z.object({
	kind: z.literal('money'),
	/** The currency of the amount, when the record does not say. */
	currency: CurrencyCode.optional(),
	/** Path in the source record that holds the ISO 4217 code; wins over `currency`. */
	currencyPath: z.string().min(1).optional(),
	/** How the source gives the amount. */
	input: z.enum(['decimal', 'minorUnits']).default('decimal'),
	/** What the target receives: canonical `{ amountMinor, currency }`, a decimal string or minor units. */
	output: z.enum(['money', 'decimalString', 'minorUnits']).default('money'),
});

export const ValueMapTransform = z.object({
	kind: z.literal('valueMap'),
	/** Source value (as text) to target value, e.g. CRM stage to project status. */
	map: z.record(z.string(), z.unknown()),
	caseInsensitive: z.boolean().default(false),
	/** A value the map lacks: an exception (default), kept as it is, or replaced by `default`. */
	otherwise: z.enum(['error', 'keep', 'default']).default('error'),
	default: z.unknown().optional(),
});

export const Transform = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('trim') }),
	z.object({ kind: z.literal('lowercase') }),
	z.object({ kind: z.literal('number') }),
	z.object({ kind: z.literal('boolean') }),
	// Vendor ids are often numbers while canonical ids are text.
	z.object({ kind: z.literal('text') }),
	DateTransform,
	MoneyTransform,
	ValueMapTransform,
]);
export type Transform = z.infer<typeof Transform>;
export type TransformKind = Transform['kind'];

export const FieldMapping = z
	.object({
		/** Dotted path of the field written. */
		target: z.string().trim().min(1, 'is required'),
		/** Dotted path read from the source record. */
		source: z.string().trim().min(1).optional(),
		/** An n8n expression, evaluated against the input item like any node parameter. */
		expression: z.string().trim().min(1).optional(),
		/** A fixed value. */
		constant: z.unknown().optional(),
		/** Used when the source, expression or constant gives nothing. */
		default: z.unknown().optional(),
		transform: Transform.optional(),
	})
	.strict()
	.superRefine((field, ctx) => {
		const given = [field.source !== undefined, field.expression !== undefined, 'constant' in field && field.constant !== undefined].filter(Boolean).length;
		if (given !== 1) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['source'], message: 'needs exactly one of source, expression or constant' });
		}
	});
export type FieldMapping = z.infer<typeof FieldMapping>;

export const MappingDocument = z
	.object({
		format: z.literal(MAPPING_DOCUMENT_FORMAT).default(MAPPING_DOCUMENT_FORMAT),
		version: z.literal(MAPPING_DOCUMENT_VERSION, { errorMap: () => ({ message: `must be ${MAPPING_DOCUMENT_VERSION}: this node reads mapping documents of version ${MAPPING_DOCUMENT_VERSION}` }) }),
		/** The canonical entity on one side of the mapping. */
		entity: EntityName,
		/** toCanonical: any record to a canonical one; fromCanonical: a canonical record to a vendor payload. */
		direction: z.enum(['toCanonical', 'fromCanonical']).default('toCanonical'),
		/** Key of the other system; becomes `_meta.system` of records mapped to canonical. */
		system: z.string().trim().min(1).optional(),
		name: z.string().optional(),
		description: z.string().optional(),
		fields: z.array(FieldMapping).min(1, 'must hold at least one field mapping'),
		/** Business rules the canonical record must also pass. */
		rules: z.array(BusinessRule).default([]),
	})
	.strict()
	.superRefine((document, ctx) => {
		const seen = new Map<string, number>();
		document.fields.forEach((field, index) => {
			const previous = seen.get(field.target);
			if (previous !== undefined) {
				ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fields', index, 'target'], message: `writes "${field.target}" again (already written by fields.${previous})` });
			}
			seen.set(field.target, index);
			// A canonical target must be a field of the entity, so a typo is caught before any record is mapped.
			if (document.direction === 'toCanonical') {
				const top = pathSegments(field.target)[0];
				const shape = canonicalSchemas[document.entity].shape as Record<string, unknown>;
				if (!(top in shape)) {
					ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fields', index, 'target'], message: `"${top}" is not a field of the canonical ${document.entity}` });
				}
			}
		});
	});
export type MappingDocument = z.infer<typeof MappingDocument>;
/** A document as written by hand or by the editor, before defaults are applied. */
export type MappingDocumentInput = z.input<typeof MappingDocument>;

export type ParsedDocument = { ok: true; document: MappingDocument } | { ok: false; issues: FieldIssue[] };

/** Reads a mapping document from JSON text or an object; every problem names its path in the document. */
export function parseMappingDocument(input: unknown): ParsedDocument {
	let data = input;
	if (typeof input === 'string') {
		try {
			data = JSON.parse(input);
		} catch (error) {
			return { ok: false, issues: [{ path: '(document)', rule: 'json', message: `the mapping document is not valid JSON: ${(error as Error).message}` }] };
		}
	}
	const outcome = validateRecord<MappingDocument>(MappingDocument as unknown as z.ZodType<MappingDocument>, data);
	return outcome.ok ? { ok: true, document: outcome.value } : { ok: false, issues: outcome.issues };
}

/** The document as it is exported: defaults written out, keys in a stable order for diffs. */
export function exportMappingDocument(document: MappingDocument): Record<string, unknown> {
	return {
		format: document.format,
		version: document.version,
		entity: document.entity,
		direction: document.direction,
		...(document.system ? { system: document.system } : {}),
		...(document.name ? { name: document.name } : {}),
		...(document.description ? { description: document.description } : {}),
		fields: document.fields,
		...(document.rules.length > 0 ? { rules: document.rules } : {}),
	};
}
