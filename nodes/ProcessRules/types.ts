import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One run of the node: its context, its input items, today's date, and values read once for all items. */
export interface RulesRun {
	ctx: IExecuteFunctions;
	items: INodeExecutionData[];
	/** `YYYY-MM-DD` in UTC, the same for every item of the run. */
	today: string;
	/** Parameters and lists read once per run (keyed by name), so 10,000 items do not parse one list 10,000 times. */
	cache: Map<string, unknown>;
}

/** An output item and the input items it comes from (its pairedItem). */
export interface RuleOutput {
	json: IDataObject;
	items: number[];
}

/** An input item that could not be read (a record with a bad field): an error item under continue-on-fail. */
export interface ItemFailure {
	itemIndex: number;
	error: Error;
}

export interface BatchResult {
	outputs: RuleOutput[];
	failures: ItemFailure[];
}

/**
 * An operation of the node. `item`: each input item is one computation, its outputs paired to it.
 * `batch`: the input items are the records of one computation (time entries, invoices), and each
 * output names the items it comes from. Some operations choose by a parameter.
 */
export interface RulesOperation {
	description: INodeProperties[];
	mode(run: RulesRun): 'item' | 'batch';
	executeItem?(run: RulesRun, itemIndex: number): IDataObject | IDataObject[];
	executeBatch?(run: RulesRun): BatchResult;
}

export interface OperationEntry {
	value: string;
	name: string;
	action: string;
	/** What it computes, for the node panel and for an agent using the node as a tool. */
	description: string;
	operation: RulesOperation;
}

export interface ResourceEntry {
	value: 'billing' | 'collections' | 'planning';
	name: string;
	description: string;
	operations: OperationEntry[];
}

export const itemOperation = (description: INodeProperties[], executeItem: NonNullable<RulesOperation['executeItem']>): RulesOperation => ({ description, mode: () => 'item', executeItem });
export const batchOperation = (description: INodeProperties[], executeBatch: NonNullable<RulesOperation['executeBatch']>): RulesOperation => ({ description, mode: () => 'batch', executeBatch });
