import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { CanonicalEntity } from '../shared/canonical';
import type { FieldIssue } from '../shared/canonical/validate';
import type { BusinessRule } from '../shared/mapping/businessRules';
import { parseMappingDocument, type MappingDocument, type MappingDocumentInput } from '../shared/mapping/mappingDocument';
import { configError, readJsonParameter } from './properties';
import { keyOf, oncePerRun } from './runParameters';

export type MappingDirection = 'toCanonical' | 'fromCanonical';

const show = (values: Record<string, string[]>) => ({ show: values });

/** The field editor: one row per target field, turned into a mapping document before it is applied. */
export const mappingFieldsProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'mappingFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Field Mapping',
	default: {},
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{ displayName: 'Field to Write', name: 'target', type: 'string', default: '', placeholder: 'e.g. budgetAmount', description: 'Dotted path of the field written, e.g. name or billingAddress.city' },
				{
					displayName: 'From',
					name: 'valueFrom',
					type: 'options',
					options: [
						{ name: 'Constant', value: 'constant', description: 'A fixed value' },
						{ name: 'Expression', value: 'expression', description: 'An n8n expression evaluated for each item, e.g. {{ $JSON.first }} {{ $JSON.last }}' },
						{ name: 'Source Path', value: 'source', description: 'A dotted path in the input record' },
					],
					default: 'source',
				},
				{ displayName: 'From: Constant', name: 'constant', type: 'string', default: '', displayOptions: show({ valueFrom: ['constant'] }) },
				{ displayName: 'From: Expression', name: 'expression', type: 'string', default: '', placeholder: 'e.g. {{ $json.first }} {{ $json.last }}', displayOptions: show({ valueFrom: ['expression'] }) },
				{ displayName: 'From: Source Path', name: 'source', type: 'string', default: '', placeholder: 'e.g. properties.dealname', displayOptions: show({ valueFrom: ['source'] }) },
				{ displayName: 'If Empty, Use', name: 'defaultValue', type: 'string', default: '', description: 'Value used when the source gives nothing; leave empty to leave the field out' },
				{
					displayName: 'Transform',
					name: 'transform',
					type: 'options',
					options: [
						{ name: 'Date', value: 'date', description: 'To an ISO 8601 date or date-time' },
						{ name: 'Lowercase', value: 'lowercase' },
						{ name: 'Money', value: 'money', description: 'An amount with its ISO 4217 currency, in minor units' },
						{ name: 'None', value: 'none' },
						{ name: 'Number', value: 'number' },
						{ name: 'Text', value: 'text', description: 'A number or yes/no value as text, e.g. a numeric vendor ID' },
						{ name: 'Trim', value: 'trim' },
						{ name: 'Value Map', value: 'valueMap', description: 'Replace values, e.g. a CRM stage by a project status' },
						{ name: 'Yes/No', value: 'boolean' },
					],
					default: 'none',
				},
				{
					displayName: 'Transform: Amount Given In',
					name: 'amountInput',
					type: 'options',
					options: [
						{ name: 'Decimal Amount (1250.50)', value: 'decimal' },
						{ name: 'Minor Units (125050)', value: 'minorUnits' },
					],
					default: 'decimal',
					displayOptions: show({ transform: ['money'] }),
				},
				{ displayName: 'Transform: Currency', name: 'currency', type: 'string', default: '', placeholder: 'e.g. EUR', description: 'ISO 4217 code of the amount when the record does not give one', displayOptions: show({ transform: ['money'] }) },
				{ displayName: 'Transform: Currency Path', name: 'currencyPath', type: 'string', default: '', placeholder: 'e.g. properties.deal_currency_code', description: 'Path in the input record that holds the currency code', displayOptions: show({ transform: ['money'] }) },
				{ displayName: 'Transform: Date Format', name: 'dateFormat', type: 'string', default: '', placeholder: 'e.g. dd/MM/yyyy', description: 'Luxon format tokens, epochMillis or epochSeconds; empty reads ISO 8601 and epoch milliseconds', displayOptions: show({ transform: ['date'] }) },
				{
					displayName: 'Transform: Date Output',
					name: 'dateOutput',
					type: 'options',
					options: [
						{ name: 'Date (YYYY-MM-DD)', value: 'date' },
						{ name: 'Date-Time (ISO 8601, UTC)', value: 'dateTime' },
					],
					default: 'date',
					displayOptions: show({ transform: ['date'] }),
				},
				{ displayName: 'Transform: Map', name: 'valueMap', type: 'json', default: '{}', description: 'Source value to target value as JSON, like {"closedwon": "active", "contractsent": "planned"}', displayOptions: show({ transform: ['valueMap'] }) },
				{ displayName: 'Transform: Map Ignores Case', name: 'caseInsensitive', type: 'boolean', default: false, description: 'Whether to match source values regardless of case', displayOptions: show({ transform: ['valueMap'] }) },
				{
					displayName: 'Transform: Map When Not Found',
					name: 'unmapped',
					type: 'options',
					options: [
						{ name: 'Keep the Value', value: 'keep' },
						{ name: 'Report an Exception', value: 'error' },
						{ name: 'Use the Default', value: 'default' },
					],
					default: 'error',
					displayOptions: show({ transform: ['valueMap'] }),
				},
				{ displayName: 'Transform: Map When Not Found, Use', name: 'unmappedDefault', type: 'string', default: '', displayOptions: show({ transform: ['valueMap'], unmapped: ['default'] }) },
				{
					displayName: 'Transform: Money Output',
					name: 'moneyOutput',
					type: 'options',
					options: [
						{ name: 'Canonical Money', value: 'money', description: '{ amountMinor, currency }' },
						{ name: 'Decimal String', value: 'decimalString', description: 'Like "1250.50", for a vendor payload' },
						{ name: 'Minor Units', value: 'minorUnits' },
					],
					default: 'money',
					displayOptions: show({ transform: ['money'] }),
				},
				{ displayName: 'Transform: Time Zone', name: 'dateZone', type: 'string', default: 'UTC', description: 'IANA zone of dates that carry none, e.g. Europe/Berlin', displayOptions: show({ transform: ['date'] }) },
			],
		},
	],
};

type EditorRow = Record<string, unknown>;
const textOf = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

function valueMapOf(row: EditorRow, position: number, problems: FieldIssue[]): Record<string, unknown> {
	const raw = row.valueMap;
	if (raw && typeof raw === 'object') return raw as Record<string, unknown>;
	const textValue = textOf(raw).trim();
	if (textValue === '') return {};
	try {
		return JSON.parse(textValue) as Record<string, unknown>;
	} catch (error) {
		problems.push({ path: `fields.${position}.transform.map`, rule: 'json', message: `the value map of "${textOf(row.target)}" is not valid JSON: ${(error as Error).message}` });
		return {};
	}
}

function transformOf(row: EditorRow, position: number, problems: FieldIssue[]): IDataObject | undefined {
	switch (row.transform) {
		case undefined:
		case 'none':
			return undefined;
		case 'date':
			return { kind: 'date', ...(textOf(row.dateFormat).trim() ? { format: textOf(row.dateFormat).trim() } : {}), zone: textOf(row.dateZone).trim() || 'UTC', output: row.dateOutput ?? 'date' };
		case 'money':
			return {
				kind: 'money',
				...(textOf(row.currency).trim() ? { currency: textOf(row.currency).trim().toUpperCase() } : {}),
				...(textOf(row.currencyPath).trim() ? { currencyPath: textOf(row.currencyPath).trim() } : {}),
				input: row.amountInput ?? 'decimal',
				output: row.moneyOutput ?? 'money',
			};
		case 'valueMap':
			return {
				kind: 'valueMap',
				map: valueMapOf(row, position, problems) as IDataObject,
				caseInsensitive: row.caseInsensitive === true,
				otherwise: row.unmapped ?? 'error',
				...(row.unmapped === 'default' ? { default: textOf(row.unmappedDefault) } : {}),
			};
		default:
			return { kind: String(row.transform) };
	}
}

/** One editor row as a document field: exactly what a hand-written document would say. */
export function fieldFromEditorRow(row: EditorRow, position: number, problems: FieldIssue[] = []): IDataObject {
	const valueFrom = (row.valueFrom as string | undefined) ?? 'source';
	const field: IDataObject = { target: textOf(row.target).trim() };
	if (valueFrom === 'expression') field.expression = textOf(row.expression).replace(/^=/, '').trim();
	else if (valueFrom === 'constant') field.constant = textOf(row.constant);
	else field.source = textOf(row.source).trim();
	if (textOf(row.defaultValue) !== '') field.default = textOf(row.defaultValue);
	const transform = transformOf(row, position, problems);
	if (transform) field.transform = transform;
	return field;
}

/** The editor's rows (and rules, entity, system) as a mapping document, before it is checked; `problems` gets rows that cannot be read. */
export function documentFromEditor(
	rows: EditorRow[],
	meta: { entity: CanonicalEntity; direction: MappingDirection; system?: string; rules?: BusinessRule[] },
	problems: FieldIssue[] = [],
): MappingDocumentInput {
	return {
		format: 'p2c-mapping',
		version: 1,
		entity: meta.entity,
		direction: meta.direction,
		...(meta.system ? { system: meta.system } : {}),
		fields: rows.map((row, position) => fieldFromEditorRow(row, position, problems)) as MappingDocumentInput['fields'],
		...(meta.rules && meta.rules.length > 0 ? { rules: meta.rules } : {}),
	};
}

/**
 * Reads the editor's rows with expressions kept as written (so an Expression row stays an
 * expression in the document, to be evaluated per item), and every other value resolved.
 */
function readEditorRows(ctx: IExecuteFunctions, itemIndex: number): EditorRow[] {
	const raw = ((ctx.getNodeParameter('mappingFields', itemIndex, {}, { rawExpressions: true }) as IDataObject).field ?? []) as EditorRow[];
	return raw.map((row, position) => {
		const resolved: EditorRow = {};
		for (const [key, value] of Object.entries(row)) {
			const isExpression = typeof value === 'string' && value.startsWith('=');
			resolved[key] = key !== 'expression' && isExpression ? ctx.getNodeParameter(`mappingFields.field[${position}].${key}`, itemIndex) : value;
		}
		return resolved;
	});
}

/**
 * The mapping document an item uses: from the field editor or from the JSON parameter. With
 * `reuse`, items of one run whose document reads the same share one parsed (read-only) document.
 */
export function readMappingDocument(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: 'editor' | 'document',
	meta: { entity: CanonicalEntity; direction: MappingDirection; system?: string; rules?: BusinessRule[] },
	reuse = false,
): MappingDocument {
	const problems: FieldIssue[] = [];
	const input = source === 'editor' ? documentFromEditor(readEditorRows(ctx, itemIndex), meta, problems) : readJsonParameter(ctx, 'mappingDocument', itemIndex, 'the mapping document');
	const parsed = reuse ? oncePerRun(ctx, `mappingDocument:${keyOf(input)}`, () => parseMappingDocument(input)) : parseMappingDocument(input);
	const what = source === 'editor' ? 'field mapping' : 'mapping document';
	if (problems.length > 0 || !parsed.ok) throw configError(ctx, itemIndex, what, [...problems, ...(parsed.ok ? [] : parsed.issues)]);
	if (parsed.document.direction !== meta.direction) {
		throw configError(ctx, itemIndex, 'mapping document', [
			{ path: 'direction', rule: 'direction', message: `is ${parsed.document.direction}, but this operation needs a ${meta.direction} document` },
		]);
	}
	return parsed.document;
}
