import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { describeIssues, oneLine, type FieldIssue } from '../shared/canonical/validate';
import { withItemIndex } from '../shared/node/router';
import type { MappingOperationEntry, MappingOutcome } from './types';

const asObject = (value: unknown): IDataObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** "Client in item 3 ("Acme Ltd")": names the record in messages. */
export function recordLabel(entity: string | undefined, itemIndex: number, record: unknown): string {
	const fields = asObject(record);
	const properties = asObject(fields.properties);
	const name =
		text(fields.name) ?? text(fields.displayName) ?? text(fields.Name) ?? text(properties.name) ?? text(properties.dealname) ?? text(fields.email) ?? text(fields.id) ?? text(fields.Id);
	const what = entity ? `${entity.charAt(0).toUpperCase()}${entity.slice(1)}` : 'Record';
	return `${what} in item ${itemIndex}${name ? ` ("${oneLine(name)}")` : ''}`;
}

/**
 * The per-item loop of the Canonical Mapping node. Every input item leaves on exactly one of the
 * two outputs: Valid, or Exceptions with the input, each failed field (path, rule, message) and the
 * correlation id. An error (a mapping document that does not parse, say) stops the node, or, under
 * "continue on fail", becomes that item's exception.
 */
export async function routeMappingNode(ctx: IExecuteFunctions, entries: MappingOperationEntry[]): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const operationKey = ctx.getNodeParameter('operation', 0) as string;
	const entry = entries.find((candidate) => candidate.value === operationKey);
	if (!entry) throw new NodeOperationError(ctx.getNode(), `The operation "${operationKey}" is not known`);
	const run = { ctx, fetchedAt: new Date().toISOString() };
	let runCorrelationId: string | undefined;

	const correlationIdFor = (itemIndex: number, input: unknown): string => {
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const item = items[itemIndex].json;
		const found =
			text(options.correlationId) ??
			text(asObject(asObject(input)._meta).correlationId) ??
			text(asObject(item._meta).correlationId) ??
			text(item.correlationId);
		if (found) return found;
		runCorrelationId ??= text(ctx.getExecutionId?.()) ?? randomUUID();
		return runCorrelationId;
	};

	const exceptionItem = (itemIndex: number, exception: Extract<MappingOutcome, { exception: unknown }>['exception']): INodeExecutionData => {
		const issues: FieldIssue[] = exception.issues;
		return {
			json: {
				input: exception.input as IDataObject,
				issues: issues as unknown as IDataObject[],
				correlationId: correlationIdFor(itemIndex, exception.input),
				operation: operationKey,
				...(exception.entity ? { entity: exception.entity } : {}),
				message: describeIssues(recordLabel(exception.entity, itemIndex, exception.input), issues),
				...(exception.details ?? {}),
			},
			pairedItem: { item: itemIndex },
		};
	};

	const valid: INodeExecutionData[] = [];
	const exceptions: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const outcome = await entry.operation.execute(run, itemIndex);
			if ('valid' in outcome) valid.push({ json: outcome.valid as IDataObject, pairedItem: { item: itemIndex } });
			else exceptions.push(exceptionItem(itemIndex, outcome.exception));
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error as Error, itemIndex);
			const description = (error as NodeOperationError).description;
			exceptions.push(
				exceptionItem(itemIndex, {
					input: items[itemIndex].json,
					issues: [{ path: '(node)', rule: 'error', message: (error as Error).message }],
					details: { error: (error as Error).message, ...(description ? { errorDescription: description } : {}) },
				}),
			);
		}
	}
	return [valid, exceptions];
}
