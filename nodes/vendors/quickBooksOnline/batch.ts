import type { IDataObject } from 'n8n-workflow';
import { chunk } from '../../shared/transport/batches';
import { vendorApiError } from '../../shared/transport/errors';
import type { VendorRequest } from '../../shared/transport/types';
import type { QboSession } from './session';

/**
 * The batch endpoint (learn/explore-the-quickbooks-online-api/batch): `POST /batch` with
 * `{"BatchItemRequest": [{bId, operation, <Entity>: {...}}]}`, answered by `{"BatchItemResponse":
 * [{bId, <Entity>: {...}} | {bId, Fault: {...}}]}`; items run in order, each alone.
 */
export interface BatchItem {
	bId: string;
	operation: 'create' | 'update' | 'delete';
	entity: string;
	body: IDataObject;
}

export interface BatchAnswer {
	bId: string;
	record?: IDataObject;
	error?: Error;
}

// Recommended maximum of 30 payloads per batch request (learn/limits-and-throttles, batch endpoint).
export const MAX_BATCH_ITEMS = 30;

/**
 * Sends items in batches of at most 30, each batch with a requestid derived from its items, so
 * that a batch whose answer was lost is answered again, not run twice. Returns the answers by bId.
 */
export async function sendBatch(session: QboSession, items: BatchItem[]): Promise<Map<string, BatchAnswer>> {
	const answers = new Map<string, BatchAnswer>();
	for (const group of chunk(items, MAX_BATCH_ITEMS)) {
		const body = { BatchItemRequest: group.map((item) => ({ bId: item.bId, operation: item.operation, [item.entity]: item.body })) };
		const request: VendorRequest = {
			method: 'POST',
			url: '/batch',
			qs: session.qs({ requestid: session.requestId('batch', body) }),
			body: body as unknown as IDataObject,
			rateLimitRule: 'batch',
			retrySafety: 'idempotent',
		};
		const answer = await session.client.send<{ BatchItemResponse?: IDataObject[] }>(request);
		for (const response of answer.BatchItemResponse ?? []) {
			const bId = String(response.bId);
			const item = group.find((candidate) => candidate.bId === bId);
			if (!item) continue;
			if (response.Fault) {
				answers.set(bId, { bId, error: vendorApiError(session.client.node, session.client.profile, { method: 'POST', url: `/batch (${item.operation} ${item.entity} ${bId})` }, { statusCode: 400, headers: {}, body: { Fault: response.Fault } }, undefined, session.client.secrets) });
			} else {
				answers.set(bId, { bId, record: response[item.entity] as IDataObject });
			}
		}
		for (const item of group) {
			if (!answers.has(item.bId)) answers.set(item.bId, { bId: item.bId, error: new Error(`QuickBooks Online returned no answer for ${item.operation} ${item.entity} ${item.bId} in the batch`) });
		}
	}
	return answers;
}
