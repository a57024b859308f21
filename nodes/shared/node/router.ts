import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { mapContext } from '../canonical/provenance';
import { VendorClient } from '../transport/client';
import { authenticationParameter } from './describe';
import type { BatchOutcome, CategoryDefinition, OperationEntry, OperationRun, Prepared, RunOptions, SystemDefinition } from './types';

/** Marks an error with the item it concerns, so n8n shows it against that item. */
export function withItemIndex(ctx: IExecuteFunctions, error: Error, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...error.context, itemIndex };
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

/** The item a failed input becomes under "continue on fail": the error, its details, and the input kept. */
function errorItem(error: Error, itemIndex: number, input: IDataObject): INodeExecutionData {
	const details: IDataObject = { message: error.message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) details.description = error.description;
		if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
		const cause = (error as { errorResponse?: IDataObject }).errorResponse;
		if (cause?.requestId) details.requestId = cause.requestId;
		if (cause?.field) details.field = cause.field;
	}
	return { json: { error: error.message, errorDetails: details, input }, pairedItem: { item: itemIndex } };
}

/** The error of an operation whose system lacks the capability it needs: names the system and the feature. */
export function missingCapability<C>(
	ctx: IExecuteFunctions,
	category: CategoryDefinition<C>,
	system: SystemDefinition<C>,
	entry: OperationEntry<C>,
	itemIndex: number,
): NodeOperationError {
	const capability = entry.requires ?? '';
	const feature = category.capabilities.find((candidate) => candidate.value === capability)?.feature ?? capability;
	return new NodeOperationError(ctx.getNode(), `${system.displayName} has no ${feature}: "${entry.name}" cannot run on it (capability "${capability}")`, {
		itemIndex,
		description: `Check the ${category.category} node's System > Get Capabilities operation before this step, or choose a ${category.category} system that has ${feature}.`,
	});
}

function readOptions(ctx: IExecuteFunctions, itemIndex: number): RunOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		includeRaw: options.includeRaw === true,
		correlationId: typeof options.correlationId === 'string' && options.correlationId !== '' ? options.correlationId : undefined,
		defaultCurrency: typeof options.defaultCurrency === 'string' && options.defaultCurrency !== '' ? options.defaultCurrency : 'USD',
	};
}

/**
 * The one per-item loop of every category node: picks the system and its credential, builds the
 * connector, then runs the operation item by item (or as batches), owning try/catch,
 * continue-on-fail, pairedItem and the itemIndex of every error. Every input item leaves as
 * exactly one output item (or several, for lists), never none, unless the node fails.
 */
export async function routeCategoryNode<C>(
	ctx: IExecuteFunctions,
	category: CategoryDefinition<C>,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const systemKey = ctx.getNodeParameter('system', 0) as string;
	const system = category.systems.find((candidate) => candidate.key === systemKey);
	if (!system) throw new NodeOperationError(ctx.getNode(), `Unknown ${category.category} system "${systemKey}"`);
	const authentication = ctx.getNodeParameter(authenticationParameter(system.key), 0) as string;
	const credential = system.credentials.find((candidate) => candidate.authentication === authentication) ?? system.credentials[0];
	const resourceKey = ctx.getNodeParameter('resource', 0) as string;
	const operationKey = ctx.getNodeParameter('operation', 0) as string;
	const entry = category.resources
		.find((resource) => resource.value === resourceKey)
		?.operations.find((candidate) => candidate.value === operationKey);
	if (!entry) throw new NodeOperationError(ctx.getNode(), `The operation "${operationKey}" of "${resourceKey}" is not known`);
	if (entry.requires && !system.capabilities.includes(entry.requires)) {
		// Refused before any request: the system lacks the feature, so no item can succeed.
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const error = missingCapability(ctx, category, system, entry, itemIndex);
			if (!ctx.continueOnFail()) throw error;
			output.push(errorItem(error, itemIndex, items[itemIndex].json));
		}
		return [output];
	}

	const client = await VendorClient.create(ctx, system.transport, credential.credentialType);
	const fetchedAt = new Date().toISOString();
	const runFor = (itemIndex: number): OperationRun<C> => {
		const itemClient = client.forItem(itemIndex);
		const options = readOptions(ctx, itemIndex);
		const context = mapContext({ fetchedAt, correlationId: options.correlationId, includeRaw: options.includeRaw, defaultCurrency: options.defaultCurrency, referenceSystems: category.referenceSystems });
		return { ctx, client: itemClient, connector: system.connect(itemClient, context), system, options, referenceSystems: category.referenceSystems };
	};
	const output: INodeExecutionData[] = [];
	const operation = entry.operation;

	if (operation.kind === 'item') {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = await operation.execute(runFor(itemIndex), itemIndex);
				for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!ctx.continueOnFail()) throw withItemIndex(ctx, error as Error, itemIndex);
				output.push(errorItem(error as Error, itemIndex, items[itemIndex].json));
			}
		}
		return [output];
	}

	const byItem = new Map<number, INodeExecutionData>();
	const prepared: Array<Prepared<unknown>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ itemIndex, input: await operation.prepare(runFor(itemIndex), itemIndex) });
		} catch (error) {
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error as Error, itemIndex);
			byItem.set(itemIndex, errorItem(error as Error, itemIndex, items[itemIndex].json));
		}
	}
	let outcomes: BatchOutcome[] = [];
	if (prepared.length > 0) {
		try {
			outcomes = await operation.executeBatch(runFor(prepared[0].itemIndex), prepared);
		} catch (error) {
			// A failure of the batch as a whole is every prepared item's failure: none is dropped.
			if (!ctx.continueOnFail()) throw withItemIndex(ctx, error as Error, prepared[0].itemIndex);
			outcomes = prepared.map(() => ({ ok: false, error: error as Error }));
		}
	}
	prepared.forEach(({ itemIndex }, position) => {
		const outcome = outcomes[position];
		if (outcome?.ok) {
			byItem.set(itemIndex, { json: outcome.json, pairedItem: { item: itemIndex } });
			return;
		}
		const error = outcome?.error ?? new Error('the batch returned no result for this record');
		if (!ctx.continueOnFail()) throw withItemIndex(ctx, error, itemIndex);
		byItem.set(itemIndex, errorItem(error, itemIndex, items[itemIndex].json));
	});
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = byItem.get(itemIndex);
		if (item) output.push(item);
	}
	return [output];
}
