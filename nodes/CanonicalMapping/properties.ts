import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { CanonicalEntity } from '../shared/canonical';
import { mapContext, type MapContext } from '../shared/canonical/provenance';
import type { FieldIssue } from '../shared/canonical/validate';
import type { MappingRun } from './types';
import { systemKeys } from '../vendors';

export const ENTITY_NAMES: Record<CanonicalEntity, string> = {
	assignment: 'Assignment',
	client: 'Client',
	contact: 'Contact',
	contract: 'Contract',
	expense: 'Expense',
	invoice: 'Invoice',
	milestone: 'Milestone',
	opportunity: 'Opportunity',
	payment: 'Payment',
	project: 'Project',
	resource: 'Resource',
	task: 'Task',
	timeEntry: 'Time Entry',
	timeOff: 'Time Off',
};

const entityOptions = (Object.keys(ENTITY_NAMES) as CanonicalEntity[])
	.map((value) => ({ name: ENTITY_NAMES[value], value }))
	.sort((a, b) => a.name.localeCompare(b.name));

export function entityProperty(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Entity',
		name: 'entity',
		type: 'options',
		noDataExpression: true,
		options: entityOptions,
		default: 'client',
		description,
		...(displayOptions ? { displayOptions } : {}),
	};
}

export function recordProperty(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'record', type: 'json', default: '={{ $json }}', description };
}

/** Options every operation reads; some only show for the operations they concern. */
export const mappingOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Correlation ID',
			name: 'correlationId',
			type: 'string',
			default: '',
			description: 'Ties the records of one business transaction together: written to _meta.correlationId and to every exception. Without it, the record\'s own _meta.correlationId or the execution ID is used.',
		},
		{
			displayName: 'Default Currency',
			name: 'defaultCurrency',
			type: 'string',
			default: 'USD',
			description: 'ISO 4217 code for amounts that come without a currency',
		},
		{
			displayName: 'Include Raw Data',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to keep the input record in remoteData of the canonical record',
			displayOptions: { show: { '/operation': ['toCanonical'] } },
		},
		{
			displayName: 'Partial Records',
			name: 'partial',
			type: 'boolean',
			default: false,
			description: 'Whether records may leave out required fields, as an update does: only the fields present are checked',
			displayOptions: { show: { '/operation': ['fromCanonical', 'validate'] } },
		},
	],
};

export interface MappingOptions {
	correlationId?: string;
	defaultCurrency: string;
	includeRaw: boolean;
	partial: boolean;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): MappingOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const currency = typeof options.defaultCurrency === 'string' ? options.defaultCurrency.trim().toUpperCase() : '';
	return {
		correlationId: typeof options.correlationId === 'string' && options.correlationId.trim() !== '' ? options.correlationId.trim() : undefined,
		defaultCurrency: currency !== '' ? currency : 'USD',
		includeRaw: options.includeRaw === true,
		partial: options.partial === true,
	};
}

/** The map context for records mapped to canonical in this item. */
export function contextFor(run: MappingRun, options: MappingOptions, record: unknown): MapContext {
	const meta = record && typeof record === 'object' ? (record as IDataObject)._meta : undefined;
	const recordCorrelation = meta && typeof meta === 'object' ? (meta as IDataObject).correlationId : undefined;
	return mapContext({
		fetchedAt: run.fetchedAt,
		correlationId: options.correlationId ?? (typeof recordCorrelation === 'string' ? recordCorrelation : undefined),
		includeRaw: options.includeRaw,
		defaultCurrency: options.defaultCurrency,
		referenceSystems: systemKeys,
	});
}

/** A JSON parameter's value: parsed when it is text, as n8n gives it in fixed mode. */
export function readJsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, what: string): unknown {
	const raw = ctx.getNodeParameter(name, itemIndex, undefined) as unknown;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${what} is not valid JSON: ${(error as Error).message}`, { itemIndex });
	}
}

/**
 * The record an item asks to check or map. Text that is no JSON is that record's problem, not the
 * node's: it comes back as an issue at `(record)`, so the item goes to Exceptions.
 */
export function readRecordParameter(ctx: IExecuteFunctions, itemIndex: number, what: string): { record: unknown } | { input: unknown; issues: FieldIssue[] } {
	const raw = ctx.getNodeParameter('record', itemIndex, undefined) as unknown;
	if (typeof raw !== 'string') return { record: raw };
	if (raw.trim() === '') return { record: undefined };
	try {
		return { record: JSON.parse(raw) };
	} catch (error) {
		return { input: raw, issues: [{ path: '(record)', rule: 'json', message: `(record) ${what} is not valid JSON: ${(error as Error).message}` }] };
	}
}

/** A configuration problem (mapping document, rules): stops the node with every issue listed. */
export function configError(ctx: IExecuteFunctions, itemIndex: number, what: string, issues: FieldIssue[]): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: the ${what} is not valid: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, {
		itemIndex,
		description: issues.map((issue) => `${issue.path}: ${issue.message} (${issue.rule})`).join('\n'),
	});
}
