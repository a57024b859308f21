import { createHash } from 'crypto';
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { VendorClient } from '../../shared/transport/client';
import { pageNumberPagination, paginate } from '../../shared/transport/pagination';
import type { QueryValue } from '../../shared/transport/types';
import type { XeroEntity, XeroValidationError } from './records';
import { canonicalFieldForXeroMessage } from './records';
import { chunk } from '../../shared/transport/batches';

export { chunk };

// Accounting API lists page with `page`, 100 records by default and `pageSize` up to 1,000
// (developer.xero.com/documentation/api/accounting/requests-and-responses, paging).
export const XERO_MAX_PAGE_SIZE = 1000;
// Xero recommends about 50 elements per write request (API limits page, "Size and batching").
export const XERO_WRITE_BATCH = 50;
// Longest `where` a lookup sends: Xero documents no URL limit, but users report one query parameter
// failing past about 1,900 characters (XeroAPI/Xero-OpenAPI#534: 52 invoice IDs fit, more do not).
export const XERO_WHERE_MAX_LENGTH = 1800;

/**
 * Look-up filters for many keys: each is the keys' clauses OR-ed, as many as fit in
 * XERO_WHERE_MAX_LENGTH characters and at most one write batch (so one read serves one write).
 */
export function orWhereGroups(keys: string[], clause: (key: string) => string): string[] {
	const groups: string[] = [];
	let current: string[] = [];
	let length = 0;
	for (const key of new Set(keys)) {
		const text = clause(key);
		if (current.length > 0 && (current.length >= XERO_WRITE_BATCH || length + ' OR '.length + text.length > XERO_WHERE_MAX_LENGTH)) {
			groups.push(current.join(' OR '));
			current = [];
			length = 0;
		}
		length += (current.length > 0 ? ' OR '.length : 0) + text.length;
		current.push(text);
	}
	if (current.length > 0) groups.push(current.join(' OR '));
	return groups;
}

/** `If-Modified-Since` in the form Xero documents: UTC, to the second. */
export function ifModifiedSince(since: string | undefined): Record<string, string> {
	if (!since) return {};
	return { 'If-Modified-Since': new Date(since).toISOString().slice(0, 19) };
}

export interface XeroListRequest {
	url: string;
	/** Key of the records array in the answer: `Invoices`, `Contacts`, `Payments`, `items`. */
	itemsKey: string;
	where?: string[];
	qs?: Record<string, QueryValue>;
	modifiedSince?: string;
	limit?: number;
	maxPageSize?: number;
}

/** A paged Xero list, page by page, with `where`, `If-Modified-Since` and the page count Xero reports. */
export function xeroPages<T>(client: VendorClient, request: XeroListRequest): AsyncIterable<T[]> {
	const pageSize = Math.min(request.maxPageSize ?? XERO_MAX_PAGE_SIZE, request.limit ?? request.maxPageSize ?? XERO_MAX_PAGE_SIZE);
	const where = (request.where ?? []).filter(Boolean);
	return paginate<T>(
		client,
		{
			method: 'GET',
			url: request.url,
			qs: { ...request.qs, ...(where.length > 0 ? { where: where.join(' AND ') } : {}), page: 1, pageSize },
			headers: ifModifiedSince(request.modifiedSince),
		},
		pageNumberPagination<T>({ itemsPath: request.itemsKey, pageParam: 'page', pageSize, pageSizeParam: 'pageSize', totalPagesPath: 'pagination.pageCount' }),
	);
}

/**
 * Idempotency-Key for a write: Xero replays the first answer to a repeated key for 6 minutes and
 * refuses the key with another body (developer.xero.com/documentation/guides/idempotent-requests).
 * Derived from the body, so a retry of the same request carries the same key. At most 128 characters.
 */
export function idempotencyKey(purpose: string, body: unknown): string {
	return `p2c-${purpose}-${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 48)}`;
}

/** The error one record of a batch gets: names the record, the canonical field and Xero's own message. */
export function recordError(client: VendorClient, options: { record: string; field?: string; message: string; body?: unknown; httpCode?: string }): NodeApiError {
	const field = options.field;
	const message = `${options.record}: ${field ? `${field}: ` : ''}${options.message}`;
	return new NodeApiError(
		client.node,
		{ system: 'xero', message: options.message, ...(field ? { field } : {}), ...(options.body !== undefined ? { body: options.body as JsonObject } : {}) } as JsonObject,
		{ message: `Xero: ${message}`, description: field ? `field ${field}` : undefined, httpCode: options.httpCode },
	);
}

/** The per-element errors of a `summarizeErrors=false` answer, or undefined when the element was written. */
export function elementError(
	client: VendorClient,
	record: string,
	element: { StatusAttributeString?: string; HasErrors?: boolean; HasValidationErrors?: boolean; ValidationErrors?: XeroValidationError[] } | undefined,
	entity: XeroEntity,
): NodeApiError | undefined {
	if (!element) return recordError(client, { record, message: 'Xero returned no result for this record' });
	const messages = (element.ValidationErrors ?? []).map((error) => error.Message ?? '').filter(Boolean);
	const failed = element.StatusAttributeString === 'ERROR' || element.HasErrors === true || element.HasValidationErrors === true || messages.length > 0;
	if (!failed) return undefined;
	const field = messages.length > 0 ? canonicalFieldForXeroMessage(messages[0], entity) : undefined;
	return recordError(client, { record, field, message: messages.join('; ') || 'Xero refused the record', body: element, httpCode: '400' });
}
