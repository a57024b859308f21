import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { coerceMoneyInput } from '../canonical/input';
import { describeIssues, recordName, validateInput } from '../canonical/validate';
import { fieldCollection, recordFromFields, type FieldSpec } from './fields';

export const inputModeProperty: INodeProperties = {
	displayName: 'Input',
	name: 'inputMode',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Fields Below', value: 'fields', description: 'Fill in canonical fields in the node' },
		{ name: 'Canonical Record (JSON)', value: 'json', description: 'Take a whole canonical record, e.g. from the Canonical Mapping node' },
	],
	default: 'fields',
};

export const recordJsonProperty: INodeProperties = {
	displayName: 'Record',
	name: 'record',
	type: 'json',
	default: '={{ $json }}',
	displayOptions: { show: { inputMode: ['json'] } },
	description: 'A canonical record; money as {"amountMinor": 125000, "currency": "USD"} or {"amount": "1250.00", "currency": "USD"}',
};

export function recordInputProperties(fields: FieldSpec[], required: string[] = []): INodeProperties[] {
	return [inputModeProperty, ...fieldCollection(fields, required), recordJsonProperty];
}

/** Accepts money as {amount: "1250.00", currency} and turns it into exact minor units. */
export function coerceMoney(value: unknown): unknown {
	return coerceMoneyInput(value).value;
}

/** "Client in item 3 ("Acme Ltd")": the item and, when it has one, the record's name. */
export function recordLabel(entity: string, itemIndex: number, data: unknown): string {
	const name = recordName(data);
	return `${entity} in item ${itemIndex}${name ? ` ("${name}")` : ''}`;
}

/** The keys of `externalRefs` that are neither `key` (the business key) nor a registered system. */
export function unknownReferenceKeys(refs: Record<string, unknown> | undefined, referenceSystems: readonly string[]): string[] {
	return Object.keys(refs ?? {}).filter((key) => key !== 'key' && !referenceSystems.includes(key));
}

/** Reads the record an item asks to write, from the field editor or JSON, and validates it. */
export function readRecord<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { entity: string; fields: FieldSpec[]; schema: z.ZodType<T>; required?: string[]; referenceSystems?: readonly string[] },
): T {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	let data: IDataObject;
	if (mode === 'json') {
		const raw = ctx.getNodeParameter('record', itemIndex) as unknown;
		try {
			data = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
		} catch {
			throw new NodeOperationError(ctx.getNode(), `${options.entity} in item ${itemIndex}: (record) the Record parameter is not valid JSON`, { itemIndex });
		}
		if (!data || typeof data !== 'object' || Array.isArray(data)) {
			const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data;
			throw new NodeOperationError(ctx.getNode(), `${options.entity} in item ${itemIndex}: (record) the Record parameter must be a JSON object, not ${got}`, { itemIndex });
		}
	} else {
		const values = { ...(ctx.getNodeParameter('fields', itemIndex, {}) as IDataObject) };
		for (const name of options.required ?? []) values[name] = ctx.getNodeParameter(name, itemIndex);
		data = recordFromFields(options.fields, values);
	}
	const outcome = validateInput(options.schema, data);
	if (outcome.ok && options.referenceSystems) {
		const unknown = unknownReferenceKeys((outcome.value as { externalRefs?: Record<string, unknown> }).externalRefs, options.referenceSystems);
		if (unknown.length > 0) {
			const issues = unknown.map((key) => ({ path: `externalRefs.${key}`, rule: 'referenceSystem', message: `externalRefs.${key}: "${key}" is not a registered system key (use "key" or one of: ${options.referenceSystems!.join(', ')})` }));
			throw new NodeOperationError(ctx.getNode(), describeIssues(recordLabel(options.entity, itemIndex, data), issues), { itemIndex, description: issues.map((issue) => issue.message).join('\n') });
		}
	}
	if (!outcome.ok) {
		throw new NodeOperationError(ctx.getNode(), describeIssues(recordLabel(options.entity, itemIndex, data), outcome.issues), {
			itemIndex,
			description: outcome.issues.map((issue) => `${issue.path}: ${issue.message} (${issue.rule})`).join('\n'),
		});
	}
	return outcome.value;
}
