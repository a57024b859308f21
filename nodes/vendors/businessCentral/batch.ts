import type { IDataObject } from 'n8n-workflow';
import { vendorApiError } from '../../shared/transport/errors';
import type { VendorClient } from '../../shared/transport/client';
import type { VendorRequest } from '../../shared/transport/types';
import { chunk } from '../../shared/transport/batches';

/**
 * OData JSON `$batch` (webservices/use-odata-batch): `POST {api root}/$batch` with
 * `{"requests": [{id, method, url, headers, body}]}`, answered by `{"responses": [{id, status,
 * headers, body}]}`, one per request, each with its own status. URLs are relative to the API root.
 */
export interface BatchRequest {
	id: string;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	body?: IDataObject;
}

export interface BatchResponse {
	id: string;
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

// A $batch request holds at most 100 operations (learn.microsoft.com/training/modules/work-with-api/4-limits).
export const MAX_BATCH_OPERATIONS = 100;

/**
 * Sends requests in `$batch` calls of at most 100 and returns each one's answer by id. The batch is
 * never re-sent blindly (it may hold creates): callers re-read and decide what is still missing.
 */
export async function sendBatch(client: VendorClient, requests: BatchRequest[]): Promise<Map<string, BatchResponse>> {
	const answers = new Map<string, BatchResponse>();
	for (const group of chunk(requests, MAX_BATCH_OPERATIONS)) {
		const body = await client.send<{ responses?: BatchResponse[] }>({
			method: 'POST',
			url: '/$batch',
			headers: { 'Content-Type': 'application/json' },
			body: {
				requests: group.map((request) => ({
					id: request.id,
					method: request.method,
					url: request.url,
					headers: { 'Content-Type': 'application/json', ...request.headers },
					...(request.body ? { body: request.body } : {}),
				})),
			} as unknown as IDataObject,
			retrySafety: 'never',
		});
		for (const response of body.responses ?? []) answers.set(String(response.id), response);
	}
	return answers;
}

/** One inner answer as the error the pack's normaliser would have made of it as a plain request. */
export function batchItemError(client: VendorClient, request: BatchRequest, response: BatchResponse | undefined): Error {
	if (!response) return new Error(`${client.profile.displayName} returned no answer for ${request.method} ${request.url} in the batch`);
	const vendorRequest: VendorRequest = { method: request.method, url: request.url };
	return vendorApiError(client.node, client.profile, vendorRequest, {
		statusCode: response.status,
		headers: response.headers ?? {},
		body: response.body ?? '',
	}, undefined, client.secrets);
}

export const isSuccess = (response: BatchResponse | undefined): response is BatchResponse =>
	response !== undefined && response.status >= 200 && response.status < 300;

/** True when the write may or may not have happened: no HTTP answer (reset, time-out) or a 5xx. */
export function isLostAnswer(error: unknown): boolean {
	const httpCode = (error as { httpCode?: string | null }).httpCode;
	if (httpCode === undefined || httpCode === null || httpCode === '') return true;
	return Number(httpCode) >= 500;
}
