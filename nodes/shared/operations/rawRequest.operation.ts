import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemOperation } from '../node/types';

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
				placeholder: '/crm/v3/objects/companies',
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
			const retryWrites = ['POST', 'PATCH'].includes(method) && (ctx.getNodeParameter('retryWrites', itemIndex, false) as boolean);
			const response = await run.client.request<unknown>({
				method,
				url: path,
				qs: parse('query') as Record<string, string> | undefined,
				body,
				...(retryWrites ? { retrySafety: 'idempotent' as const } : {}),
			});
			return { statusCode: response.statusCode, body: response.body as IDataObject };
		},
	};
}
