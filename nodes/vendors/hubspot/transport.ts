import type { IDataObject } from 'n8n-workflow';
import type { TransportProfile } from '../../shared/transport/types';

/** HubSpot CRM API as the shared transport sees it. */
export const hubspotTransport: TransportProfile = {
	system: 'hubspot',
	displayName: 'HubSpot',
	baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.hubapi.com'),
	rateLimits: [
		// Private apps on Free/Starter: 100 requests per 10 s; higher tiers allow 190 (developers.hubspot.com/docs/guides/apps/api-usage/usage-details).
		{ name: 'burst', limit: 100, intervalMs: 10_000, source: 'HubSpot API usage guidelines, burst limit' },
		// CRM search: 4 requests per second per token (HubSpot developer changelog, CRM Search API rate limit increase).
		{ name: 'search', limit: 4, intervalMs: 1_000, source: 'HubSpot CRM search API limits' },
	],
	requestIdHeaders: ['x-hubspot-correlation-id'],
	parseError(response) {
		// Error body: {status: "error", message, correlationId, category, errors?: [{message, context}]}
		const body = response.body as IDataObject;
		let message = String(body.message ?? `HTTP ${response.statusCode}`);
		let field: string | undefined;
		// Validation messages embed a JSON list of failed properties: name the first one.
		const embedded = /\[(\{.*\})\]/.exec(message);
		if (embedded) {
			try {
				const failures = JSON.parse(`[${embedded[1]}]`) as Array<{ name?: string; message?: string }>;
				field = failures[0]?.name;
				message = failures.map((failure) => `${failure.name}: ${failure.message}`).join('; ');
			} catch {
				// keep HubSpot's message as it is
			}
		}
		return {
			message,
			code: String(body.category ?? body.errorType ?? '') || undefined,
			field,
			requestId: body.correlationId ? String(body.correlationId) : undefined,
		};
	},
};
