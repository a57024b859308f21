import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseBusinessRules, type BusinessRule } from '../shared/mapping/businessRules';
import { configError, readJsonParameter } from './properties';
import { keyOf, oncePerRun } from './runParameters';

/** Business rules: rows in the node, or the same rules as a JSON list kept under version control. */
export const rulesProperties: INodeProperties[] = [
	{
		displayName: 'Business Rules',
		name: 'rulesSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'None', value: 'none', description: 'Check the canonical schema only' },
			{ name: 'Rules Below', value: 'editor', description: 'Add rules one by one' },
			{ name: 'Rules as JSON', value: 'json', description: 'A list such as [{"rule": "dateOrder", "field": "startDate", "otherField": "endDate"}]' },
		],
		default: 'none',
	},
	{
		displayName: 'Rules',
		name: 'businessRules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show: { rulesSource: ['editor'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Check',
						name: 'kind',
						type: 'options',
						options: [
							{ name: 'Currency Is', value: 'currency', description: 'An amount must be in the given currency' },
							{ name: 'Is Required', value: 'required' },
							{ name: 'Matches Pattern', value: 'pattern', description: 'Text must match a regular expression' },
							{ name: 'Maximum', value: 'max', description: 'Number, amount (major units) or ISO date at most the value' },
							{ name: 'Minimum', value: 'min', description: 'Number, amount (major units) or ISO date at least the value' },
							{ name: 'Not After', value: 'dateOrder', description: 'A date must be on or before another field\'s date (start <= end)' },
							{ name: 'One Of', value: 'oneOf', description: 'The value must be one of a comma-separated list' },
						],
						default: 'required',
					},
					{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'e.g. budgetAmount', description: 'Dotted path of the field checked (the start date for Not After)' },
					{ displayName: 'Field Not Earlier', name: 'otherField', type: 'string', default: '', placeholder: 'e.g. endDate', description: 'The end date: Field must be on or before it', displayOptions: { show: { kind: ['dateOrder'] } } },
					{
						displayName: 'Limit or Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 1000',
						description: 'The minimum or maximum, the pattern, the comma-separated allowed values, or the currency code',
						displayOptions: { show: { kind: ['currency', 'max', 'min', 'oneOf', 'pattern'] } },
					},
					{ displayName: 'Message', name: 'message', type: 'string', default: '', description: 'What a person reads when the rule fails; empty for a generated message' },
					{ displayName: 'Rule Name', name: 'name', type: 'string', default: '', description: 'Name reported as the issue\'s rule, e.g. budget-in-eur' },
				],
			},
		],
	},
	{
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default: '[]',
		displayOptions: { show: { rulesSource: ['json'] } },
		description: 'A list of rules: {"rule": "required|min|max|pattern|oneOf|dateOrder|currency", "field": "...", "value": ..., "otherField": "...", "name": "...", "message": "..."}',
	},
];

const present = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** One editor row as a rule, exactly as the JSON form would say it. */
export function ruleFromEditorRow(row: IDataObject): IDataObject {
	const kind = String(row.kind ?? 'required');
	const value = present(row.value);
	return {
		rule: kind,
		field: String(row.field ?? '').trim(),
		...(value !== undefined ? { value: kind === 'oneOf' ? value.split(',').map((entry) => entry.trim()).filter(Boolean) : value } : {}),
		...(kind === 'dateOrder' && present(row.otherField) ? { otherField: present(row.otherField) } : {}),
		...(present(row.name) ? { name: present(row.name) } : {}),
		...(present(row.message) ? { message: present(row.message) } : {}),
	};
}

export function readBusinessRules(ctx: IExecuteFunctions, itemIndex: number): BusinessRule[] {
	const source = ctx.getNodeParameter('rulesSource', itemIndex, 'none') as string;
	if (source === 'none') return [];
	const input =
		source === 'editor'
			? (((ctx.getNodeParameter('businessRules', itemIndex, {}) as IDataObject).rule ?? []) as IDataObject[]).map(ruleFromEditorRow)
			: readJsonParameter(ctx, 'rulesJson', itemIndex, 'Rules (JSON)');
	// Rules are read-only once parsed: items with the same rules share them.
	const parsed = oncePerRun(ctx, `businessRules:${keyOf(input)}`, () => parseBusinessRules(input));
	if (!parsed.ok) throw configError(ctx, itemIndex, 'business rules', parsed.issues);
	return parsed.rules;
}
