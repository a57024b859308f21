import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemOperation } from '../node/types';
import type { VendorRequest } from '../transport/types';

const valueAt = (record: unknown, path: string): unknown =>
	path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as IDataObject)[key] : undefined), record);

/** The first record in a list answer (the array itself, or the first array among its fields) with every field of `match`. */
export function findMatching(answer: unknown, match: IDataObject): IDataObject | undefined {
	const list = Array.isArray(answer)
		? answer
		: Object.values((answer ?? {}) as IDataObject).find((value): value is IDataObject[] => Array.isArray(value));
	return (list ?? []).find((record) => Object.entries(match).every(([path, wanted]) => String(valueAt(record, path)) === String(wanted))) as IDataObject | undefined;
}

/**
 * Any endpoint of the chosen system, sent with its credential through the shared transport
 * (pacing, retries, error normalising). Paths only: the credential never goes to another host.
 */
export function rawRequestOperation<C>(): ItemOperation<C> {
	return {
		kind: 'item',
		description: [
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => ({ name: method, value: method })),
				default: 'GET',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: '/path/below/the/base/url',
				description: 'Path below the credential\'s base URL',
			},
			{ displayName: 'Query Parameters', name: 'query', type: 'json', default: '{}' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}', displayOptions: { show: { method: ['POST', 'PUT', 'PATCH'] } } },
			{
				displayName: 'Retry Writes',
				name: 'retryWrites',
				type: 'boolean',
				default: false,
				displayOptions: { show: { method: ['POST', 'PATCH'] } },
				description: 'Whether this write may be re-sent after a time-out or 5xx. Turn on only for idempotent endpoints (upserts, requests with an idempotency key).',
			},
			{
				displayName: 'Look Up Before Retry',
				name: 'lookupBeforeRetry',
				type: 'boolean',
				default: false,
				displayOptions: { show: { method: ['POST', 'PATCH'], retryWrites: [false] } },
				description: 'Whether a write that got no answer (reset, time-out, 5xx) is first looked for with a GET: if a record matching the fields below is found, that record is the answer and the write is not sent again; otherwise it is retried',
			},
			{
				displayName: 'Look-Up Path',
				name: 'lookupPath',
				type: 'string',
				default: '',
				placeholder: '/invoices',
				displayOptions: { show: { method: ['POST', 'PATCH'], retryWrites: [false], lookupBeforeRetry: [true] } },
				description: 'A list endpoint (GET, below the credential\'s base URL) where the record the write makes shows up',
			},
			{ displayName: 'Look-Up Query Parameters', name: 'lookupQuery', type: 'json', default: '{}', displayOptions: { show: { method: ['POST', 'PATCH'], retryWrites: [false], lookupBeforeRetry: [true] } } },
			{
				displayName: 'Look-Up Match',
				name: 'lookupMatch',
				type: 'json',
				default: '{}',
				displayOptions: { show: { method: ['POST', 'PATCH'], retryWrites: [false], lookupBeforeRetry: [true] } },
				description: 'Fields (dotted paths allowed) the record must have, e.g. {"purchase_order": "P-1-2026-10"}: a value only the write being retried could have set',
			},
		],
		async execute(run, itemIndex) {
			const { ctx } = run;
			const method = ctx.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
			const path = (ctx.getNodeParameter('path', itemIndex) as string).trim();
			if (!path.startsWith('/')) {
				throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: the path must start with "/" (it is appended to the credential's base URL)`, { itemIndex });
			}
			const parse = (name: string): IDataObject | undefined => {
				const raw = ctx.getNodeParameter(name, itemIndex, '{}') as unknown;
				if (raw === '' || raw === undefined) return undefined;
				try {
					return (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject;
				} catch {
					throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${name} is not valid JSON`, { itemIndex });
				}
			};
			const body = ['POST', 'PUT', 'PATCH'].includes(method) ? parse('body') : undefined;
			const isWrite = ['POST', 'PATCH'].includes(method);
			const retryWrites = isWrite && (ctx.getNodeParameter('retryWrites', itemIndex, false) as boolean);
			const lookup = isWrite && !retryWrites && (ctx.getNodeParameter('lookupBeforeRetry', itemIndex, false) as boolean);
			let retrySafety: VendorRequest['retrySafety'];
			if (retryWrites) retrySafety = 'idempotent';
			if (lookup) {
				const lookupPath = (ctx.getNodeParameter('lookupPath', itemIndex, '') as string).trim();
				const match = parse('lookupMatch') ?? {};
				if (!lookupPath.startsWith('/') || Object.keys(match).length === 0) {
					throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: Look Up Before Retry needs a look-up path starting with "/" and at least one field to match`, { itemIndex });
				}
				const lookupQuery = parse('lookupQuery') as Record<string, string> | undefined;
				retrySafety = { lookup: async () => findMatching(await run.client.send<unknown>({ method: 'GET', url: lookupPath, qs: lookupQuery }), match) };
			}
			const response = await run.client.request<unknown>({
				method,
				url: path,
				qs: parse('query') as Record<string, string> | undefined,
				body,
				...(retrySafety ? { retrySafety } : {}),
			});
			return { statusCode: response.statusCode, body: response.body as IDataObject };
		},
	};
}
