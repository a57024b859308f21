import type { IDataObject } from 'n8n-workflow';
import type { TransportProfile, VendorErrorDetails } from '../../shared/transport/types';

/** developer.kantata.com/kantata/specification, "Schema": every path is relative to https://api.mavenlink.com/api/v1/. */
export const KANTATA_API_BASE_URL = 'https://api.mavenlink.com/api/v1';

/** One entry of Kantata's error list (section "Errors"): `type` is validation, syntax, system, ... */
interface KantataError {
	type?: string;
	message?: string;
	field?: string;
}

/** Kantata OX API v1 as the shared transport sees it. */
export const kantataTransport: TransportProfile = {
	system: 'kantata',
	displayName: 'Kantata',
	baseUrl: (credentials) => String(credentials.baseUrl || KANTATA_API_BASE_URL),
	rateLimits: [
		// knowledge.kantata.com/hc/en-us/articles/9698066628123 ("API rate limits") answers an excess with 429 and
		// Retry-After, which the shared retry honours. Its numbers were not in the reference material read for this
		// profile: the pack paces to a conservative 100 requests per 10 seconds per credential.
		{ name: 'general', limit: 100, intervalMs: 10_000, source: 'Kantata API rate limits (knowledge.kantata.com article 9698066628123); numbers unverified, conservative pacing' },
	],
	requestIdHeaders: ['x-request-id'],
	parseError(response): VendorErrorDetails {
		// Errors come as {"errors": [{"type": "validation", "field": "title", "message": "Title can't be blank"}]}; some
		// answers carry {"error_message": "..."} instead (both read by Kantata's own client, mavenlink/mavenlink_gem).
		const body = (response.body ?? {}) as IDataObject;
		const errors = (Array.isArray(body.errors) ? body.errors : []) as KantataError[];
		const message = errors.map((error) => error.message).filter(Boolean).join('; ') || String(body.error_message ?? body.message ?? `HTTP ${response.statusCode}`);
		const first = errors[0];
		const field = first?.field && first.field !== 'base' ? String(first.field) : undefined;
		if (response.statusCode === 401) {
			return { message, code: first?.type, description: 'Check the access token of the credential: Kantata answers 401 to a token that is wrong or whose application was revoked (its tokens do not expire).' };
		}
		return { message, code: first?.type, field };
	},
};
