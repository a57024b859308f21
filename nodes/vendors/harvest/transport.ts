import type { IDataObject } from 'n8n-workflow';
import type { TransportProfile } from '../../shared/transport/types';

/** The app name in every User-Agent; Harvest wants the app and a contact (help.getharvest.com/api-v2/introduction/overview/general). */
export const USER_AGENT_APP = 'Project-to-Cash for n8n';

export function harvestUserAgent(contactEmail: unknown): string {
	const contact = typeof contactEmail === 'string' && contactEmail.trim() !== '' ? contactEmail.trim() : 'https://github.com/project-to-cash/n8n-nodes-project-to-cash';
	return `${USER_AGENT_APP} (${contact})`;
}

/** Rails-style messages start with the attribute: "Name has already been taken" -> `name`. */
function attributeOf(message: string): string | undefined {
	const match = /^([A-Z][a-z]*(?: [a-z]+)*?) (?:has|is|can't|must|should|does|was)\b/.exec(message);
	return match ? match[1].toLowerCase().replace(/ /g, '_') : undefined;
}

/** Harvest API v2 as the shared transport sees it. */
export const harvestTransport: TransportProfile = {
	system: 'harvest',
	displayName: 'Harvest',
	baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.harvestapp.com/v2'),
	// Both headers on every request: the OAuth2 credential cannot add them itself.
	defaultHeaders: (credentials) => ({
		'Harvest-Account-Id': String(credentials.accountId ?? ''),
		'User-Agent': harvestUserAgent(credentials.contactEmail),
	}),
	rateLimits: [
		// help.getharvest.com/api-v2/introduction/overview/general, "Rate limiting": 100 requests per 15 seconds
		// (the reports API allows 100 per 15 minutes; the pack does not call it). Excess gets 429 with Retry-After.
		{ name: 'general', limit: 100, intervalMs: 15_000, source: 'Harvest API v2 overview, rate limiting' },
	],
	requestIdHeaders: ['x-request-id'],
	parseError(response) {
		// Auth failures: {error, error_description} (OAuth style). Validation (422): {message}. 404: {status, error}.
		const body = response.body as IDataObject;
		const description = typeof body.error_description === 'string' ? body.error_description : undefined;
		const message = String(body.message ?? description ?? body.error ?? `HTTP ${response.statusCode}`);
		const code = typeof body.error === 'string' && description ? body.error : undefined;
		const field = response.statusCode === 422 ? attributeOf(message) : undefined;
		if (response.statusCode === 401) {
			return { message, code, description: 'Check the access token and the Harvest account ID of the credential: Harvest answers 401 to either being wrong.' };
		}
		return { message, code, field };
	},
};
