import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { withItemIndex } from '../shared/node/router';
import { todayUtc } from './rules/dates';
import type { ItemFailure, ResourceEntry, RulesRun } from './types';

/** The item a failed input becomes under "continue on fail": the error, its details, the input kept. */
function errorItem(error: Error, itemIndex: number, input: IDataObject): INodeExecutionData {
	const description = (error as NodeOperationError).description;
	return {
		json: { error: error.message, errorDetails: { message: error.message, ...(description ? { description } : {}) }, input },
		pairedItem: { item: itemIndex },
	};
}

/**
 * The one loop of the Process Rules node: finds the operation, runs it per item or over all items,
 * and owns try/catch, continue-on-fail, pairedItem and the itemIndex of every error. Every input
 * item leaves in an output (a result it is paired to, or its error item), unless the node fails.
 */
export async function routeProcessRules(ctx: IExecuteFunctions, resources: ResourceEntry[]): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resourceKey = ctx.getNodeParameter('resource', 0) as string;
	const operationKey = ctx.getNodeParameter('operation', 0) as string;
	const entry = resources.find((resource) => resource.value === resourceKey)?.operations.find((candidate) => candidate.value === operationKey);
	if (!entry) throw new NodeOperationError(ctx.getNode(), `The operation "${operationKey}" of "${resourceKey}" is not known`);
	const run: RulesRun = { ctx, items, today: todayUtc(), cache: new Map() };
	const { operation } = entry;
	const output: INodeExecutionData[] = [];
	const fail = (failure: ItemFailure): void => {
		if (!ctx.continueOnFail()) throw withItemIndex(ctx, failure.error, failure.itemIndex);
		output.push(errorItem(failure.error, failure.itemIndex, items[failure.itemIndex]?.json ?? {}));
	};

	if (operation.mode(run) === 'item') {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = operation.executeItem!(run, itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				fail({ itemIndex, error: error as Error });
			}
		}
		return [output];
	}

	let result;
	try {
		result = operation.executeBatch!(run);
	} catch (error) {
		// A parameter that cannot be read fails the computation as a whole: every item gets the error.
		if (!ctx.continueOnFail()) throw withItemIndex(ctx, error as Error, (error as NodeOperationError).context?.itemIndex as number ?? 0);
		return [items.map((item, itemIndex) => errorItem(error as Error, itemIndex, item.json))];
	}
	const failed = [...result.failures].sort((a, b) => a.itemIndex - b.itemIndex);
	for (const failure of failed) fail(failure);
	for (const { json, items: from } of result.outputs) {
		// An output made from parameters alone (a fee with no time) belongs to the run's first item.
		output.push({ json, pairedItem: from.length > 0 ? from.map((item) => ({ item })) : { item: 0 } });
	}
	return [output];
}
