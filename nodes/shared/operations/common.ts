import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { BusinessKey, RemoteId } from '../canonical/common';
import { quoteValue } from '../canonical/input';
import { collect } from '../transport/pagination';

/** A canonical record (or any plain object) as n8n's item JSON. */
export const asJson = (record: unknown): IDataObject => record as IDataObject;

export const returnAllProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const modifiedSinceProperty: INodeProperties = {
	displayName: 'Modified Since',
	name: 'modifiedSince',
	type: 'dateTime',
	default: '',
	description: 'Only records changed at or after this time',
};

/** Reads Return All / Limit and collects that many records from a page stream. */
export async function collectWithLimit<T>(ctx: IExecuteFunctions, itemIndex: number, pages: (limit?: number) => AsyncIterable<T[]>): Promise<T[]> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
	return await collect(pages(limit), limit);
}

export function readIsoInstant(ctx: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as string | IDataObject;
	if (value === '' || value === undefined || value === null) return undefined;
	const time = Date.parse(String(value));
	if (Number.isNaN(time)) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "${String(value)}" in ${name} is not a date`, { itemIndex });
	}
	return new Date(time).toISOString();
}

/**
 * A record id (or, for `key`, the firm's own external key) from a parameter. Ids go into URL paths
 * and vendor queries, so one that is not shaped as an id is refused before any request.
 */
export function requiredId(ctx: IExecuteFunctions, name: string, itemIndex: number, entity: string, kind: 'id' | 'key' = 'id'): string {
	const value = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') throw new NodeOperationError(ctx.getNode(), `${entity} in item ${itemIndex}: ${name} is empty`, { itemIndex });
	const checked = (kind === 'id' ? RemoteId : BusinessKey).safeParse(value);
	if (!checked.success) {
		throw new NodeOperationError(ctx.getNode(), `${entity} in item ${itemIndex}: ${name} ${quoteValue(value)} ${checked.error.issues[0].message}`, { itemIndex });
	}
	return value;
}
