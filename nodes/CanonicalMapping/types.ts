import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { FieldIssue } from '../shared/canonical/validate';

export interface MappingRun {
	ctx: IExecuteFunctions;
	/** One timestamp for every record mapped in this run (`_meta.fetchedAt`). */
	fetchedAt: string;
}

/** An item's result: a record for the Valid output, or the issues that send it to Exceptions. */
export type MappingOutcome =
	| { valid: Record<string, unknown> }
	| {
			exception: {
				/** The record the item asked to map, validate or match. */
				input: unknown;
				issues: FieldIssue[];
				/** Canonical entity concerned, for the message. */
				entity?: string;
				/** Extra facts for the person who fixes it (e.g. the ambiguous candidates). */
				details?: IDataObject;
			};
	  };

export interface MappingOperation {
	description: INodeProperties[];
	execute(run: MappingRun, itemIndex: number): Promise<MappingOutcome> | MappingOutcome;
}

export interface MappingOperationEntry {
	value: string;
	name: string;
	action: string;
	description: string;
	operation: MappingOperation;
}
