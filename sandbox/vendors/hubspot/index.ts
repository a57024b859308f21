/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import { bearerToken, json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { registerAssociationRoutes } from './associationRoutes';
import { registerBatchRoutes } from './batchRoutes';
import { registerLegacyContactRoutes } from './legacyContactRoutes';
import { searchRecords } from './search';
import {
	DEAL_STAGES,
	DEFAULT_PROPERTIES,
	HubSpotStore,
	UNIQUE_PROPERTIES,
	type HubSpotObjectType,
	type HubSpotRecord,
} from './store';
import { hubspotCredentialRecords } from './credentials';

/** Token of the seeded private app; OAuth tokens are issued by /oauth/2026-03/token (and the legacy /oauth/v1/token). */
export const HUBSPOT_PRIVATE_APP_TOKEN = 'pat-na1-sandbox-0000-hubspot';
/** The refresh token of the seeded OAuth2 grant. */
export const HUBSPOT_REFRESH_TOKEN = 'hubspot-sandbox-refresh-token';
export const HUBSPOT_OAUTH_CLIENT = { clientId: 'hubspot-sandbox-client', clientSecret: 'hubspot-sandbox-secret' };

// Private apps, Free/Starter: 100 requests per 10 seconds (developers.hubspot.com/docs/guides/apps/api-usage/usage-details).
const BURST_LIMIT = { limit: 100, intervalMs: 10_000 };
// CRM search: 4 requests per second per token (HubSpot changelog "CRM Search API Rate Limit Increase").
const SEARCH_LIMIT = { limit: 4, intervalMs: 1_000 };
// Lists page at most 100 records; search limits live in search.ts, batch limits in batchRoutes.ts.
const LIST_MAX = 100;

const OBJECT_TYPES = new Set<HubSpotObjectType>(['companies', 'contacts', 'deals']);

export class HubSpotFake implements VendorFake {
	readonly name = 'hubspot';
	readonly system = 'hubspot';
	readonly hosts = ['api.hubapi.com'];
	readonly credentialRecords = hubspotCredentialRecords;
	readonly router = new Router();
	readonly store = new HubSpotStore();
	readonly burst = new SlidingWindowLimiter(BURST_LIMIT.limit, BURST_LIMIT.intervalMs);
	readonly search = new SlidingWindowLimiter(SEARCH_LIMIT.limit, SEARCH_LIMIT.intervalMs);
	private tokens = new Map<string, { expiresAt: number }>();
	private refreshTokens = new Set<string>();
	private counter = 0;

	constructor() {
		this.routes();
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.burst.reset();
		this.search.reset();
		this.tokens = new Map([[HUBSPOT_PRIVATE_APP_TOKEN, { expiresAt: Number.POSITIVE_INFINITY }]]);
		this.refreshTokens = new Set([HUBSPOT_REFRESH_TOKEN]);
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		return {
			companies: [...this.store.objects.companies.values()],
			contacts: [...this.store.objects.contacts.values()],
			deals: [...this.store.objects.deals.values()],
			associations: this.store.associations,
			owners: this.store.owners,
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const type = ({ client: 'companies', contact: 'contacts', opportunity: 'deals' } as Partial<Record<StoredEntity, HubSpotObjectType>>)[entity];
		// Archived records sit in HubSpot's recycle bin: deleted, as far as the API's reads go.
		return type ? ([...this.store.objects[type].values()].filter((record) => !record.archived) as unknown as Array<Record<string, unknown>>) : [];
	}

	correlationId(): string {
		this.counter += 1;
		return requestId(this.counter, 'hubspot');
	}

	/** HubSpot's error body: status, message, correlationId, category. */
	error(status: number, category: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): SandboxResponse {
		const correlationId = this.correlationId();
		return json(status, { status: 'error', message, correlationId, category, ...extra }, { 'x-hubspot-correlation-id': correlationId, ...headers });
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === '/oauth/v1/token' || route === '/oauth/2026-03/token') return undefined;
		const token = bearerToken(request);
		const grant = token ? this.tokens.get(token) : undefined;
		if (!token || !grant) {
			return this.error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
		}
		if (grant.expiresAt < Date.now()) {
			return this.error(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 0 second(s) ago.');
		}
		const burstWait = this.burst.hit(token);
		if (burstWait !== undefined) return this.rateLimited('TEN_SECONDLY_ROLLING', 'You have reached your ten_secondly_rolling limit.', burstWait, BURST_LIMIT);
		if (route?.endsWith('/search')) {
			const searchWait = this.search.hit(token);
			if (searchWait !== undefined) return this.rateLimited('SECONDLY', 'You have reached your secondly limit.', searchWait, SEARCH_LIMIT);
		}
		return undefined;
	}

	private rateLimited(policyName: string, message: string, waitMs: number, limit: { limit: number; intervalMs: number }): SandboxResponse {
		const correlationId = this.correlationId();
		return json(
			429,
			{ status: 'error', message, errorType: 'RATE_LIMIT', correlationId, policyName },
			{
				'x-hubspot-correlation-id': correlationId,
				'x-hubspot-ratelimit-max': String(limit.limit),
				'x-hubspot-ratelimit-remaining': '0',
				'x-hubspot-ratelimit-interval-milliseconds': String(limit.intervalMs),
				'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
			},
		);
	}

	/** An authorization-code or refresh-token grant; `rfc6749` errors carry error/error_description besides HubSpot's status/message. */
	private issueToken(request: SandboxRequest, errors: 'rfc6749' | 'legacy'): SandboxResponse {
		const form = (request.body ?? {}) as Record<string, string>;
		const refuse = (error: string, status: string, message: string) =>
			json(400, { ...(errors === 'rfc6749' ? { error, error_description: message } : {}), status, message, correlationId: this.correlationId() });
		if (form.client_id !== HUBSPOT_OAUTH_CLIENT.clientId || form.client_secret !== HUBSPOT_OAUTH_CLIENT.clientSecret) return refuse('invalid_client', 'BAD_CLIENT_ID', 'missing or unknown client id');
		if (form.grant_type === 'refresh_token' && !this.refreshTokens.has(form.refresh_token)) return refuse('invalid_grant', 'BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked');
		if (form.grant_type !== 'refresh_token' && form.grant_type !== 'authorization_code') return refuse('unsupported_grant_type', 'BAD_GRANT_TYPE', 'unsupported grant_type');
		const accessToken = `hs-oauth-${this.correlationId()}`;
		const refreshToken = form.refresh_token ?? `hs-refresh-${this.correlationId()}`;
		this.refreshTokens.add(refreshToken);
		this.tokens.set(accessToken, { expiresAt: Date.now() + 1800 * 1000 });
		return json(200, { token_type: 'bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: 1800 });
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return json(405, { status: 'error', message: `HTTP ${request.method} is not supported by this URL` });
		return this.error(404, 'OBJECT_NOT_FOUND', `No route for ${request.method} ${request.path}`);
	}

	objectType(value: string): HubSpotObjectType | undefined {
		return OBJECT_TYPES.has(value as HubSpotObjectType) ? (value as HubSpotObjectType) : undefined;
	}

	requestedProperties(type: HubSpotObjectType, values: string[] | undefined): string[] {
		const list = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
		return list.length > 0 ? list : DEFAULT_PROPERTIES[type];
	}

	/** A record as the API returns it: only the requested properties, with null for unset ones. */
	present(record: HubSpotRecord, properties: string[]): Record<string, unknown> {
		return {
			id: record.id,
			properties: Object.fromEntries(properties.map((name) => [name, record.properties[name] ?? null])),
			createdAt: record.createdAt,
			updatedAt: record.updatedAt,
			archived: record.archived,
		};
	}

	notFoundObject(id: string): SandboxResponse {
		return this.error(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
	}

	validateProperties(type: HubSpotObjectType, properties: unknown): SandboxResponse | undefined {
		if (!properties || typeof properties !== 'object' || Array.isArray(properties)) {
			return this.error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1, column 2: properties must be an object');
		}
		const values = properties as Record<string, unknown>;
		if (type === 'deals' && values.dealstage !== undefined && !DEAL_STAGES.some((stage) => stage.id === values.dealstage)) {
			return this.error(400, 'VALIDATION_ERROR', `Property values were not valid: [{"isValid":false,"message":"${String(values.dealstage)} was not one of the allowed options","error":"INVALID_OPTION","name":"dealstage"}]`);
		}
		if (values.amount !== undefined && values.amount !== null && values.amount !== '' && Number.isNaN(Number(values.amount))) {
			return this.error(400, 'VALIDATION_ERROR', `Property values were not valid: [{"isValid":false,"message":"${String(values.amount)} was not a valid number.","error":"INVALID_FLOAT","name":"amount"}]`);
		}
		if (type === 'contacts' && typeof values.email === 'string' && values.email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) {
			return this.error(400, 'VALIDATION_ERROR', `Property values were not valid: [{"isValid":false,"message":"Email address ${values.email} is invalid","error":"INVALID_EMAIL","name":"email"}]`);
		}
		return undefined;
	}

	conflictFor(type: HubSpotObjectType, properties: Record<string, unknown>, selfId?: string): SandboxResponse | undefined {
		for (const unique of UNIQUE_PROPERTIES[type]) {
			const value = properties[unique];
			if (unique === 'hs_object_id' || typeof value !== 'string' || value === '') continue;
			const existing = this.store.findByProperty(type, unique, value);
			if (existing && existing.id !== selfId) {
				return this.error(409, 'CONFLICT', `${type === 'contacts' && unique === 'email' ? 'Contact' : 'Object'} already exists. Existing ID: ${existing.id}`);
			}
		}
		return undefined;
	}

	listPage(request: SandboxRequest, records: HubSpotRecord[], properties: string[], limit: number): Record<string, unknown> {
		const after = Number(request.query.get('after') ?? 0) || 0;
		const page = records.slice(after, after + limit);
		const next = after + limit < records.length ? String(after + limit) : undefined;
		const base = `${request.vendorBaseUrl}${request.path}`;
		const query = new URLSearchParams(request.query);
		if (next) query.set('after', next);
		return {
			results: page.map((record) => this.present(record, properties)),
			...(next ? { paging: { next: { after: next, link: `${base}?${query.toString()}` } } } : {}),
		};
	}

	private routes(): void {
		const router = this.router;

		// OAuth 2.0 token endpoints, form-encoded. The date-versioned one (developers.hubspot.com/docs/api-reference/
		// latest/authentication/manage-oauth-tokens) answers errors the RFC 6749 way (error, error_description) and keeps
		// the legacy status/message; v1 (legacy, sunset 2027-02-16: developers.hubspot.com/changelog/v1-oauth-api-deprecation)
		// answers status/message only.
		router.on('POST', '/oauth/2026-03/token', (request) => this.issueToken(request, 'rfc6749'));
		router.on('POST', '/oauth/v1/token', (request) => this.issueToken(request, 'legacy'));

		router.on('GET', '/crm/v3/objects/:objectType', (request, params) => {
			const type = this.objectType(params.objectType);
			if (!type) return this.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
			const limit = Number(request.query.get('limit') ?? 10);
			if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) {
				return this.error(400, 'VALIDATION_ERROR', `limit must be between 1 and ${LIST_MAX}`);
			}
			const archived = request.query.get('archived') === 'true';
			const records = [...this.store.objects[type].values()].filter((record) => record.archived === archived);
			return json(200, this.listPage(request, records, this.requestedProperties(type, request.query.getAll('properties')), limit));
		});

		router.on('GET', '/crm/v3/objects/:objectType/:id', (request, params) => {
			const type = this.objectType(params.objectType);
			if (!type) return this.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
			const idProperty = request.query.get('idProperty') ?? 'hs_object_id';
			const record = this.store.findByProperty(type, idProperty, params.id);
			if (!record || record.archived) return this.notFoundObject(params.id);
			return json(200, this.present(record, this.requestedProperties(type, request.query.getAll('properties'))));
		});

		router.on('POST', '/crm/v3/objects/:objectType', (request, params) => {
			const type = this.objectType(params.objectType);
			if (!type) return this.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
			const body = (request.body ?? {}) as { properties?: Record<string, string>; associations?: Array<{ to: { id: string }; types: Array<{ associationTypeId: number }> }> };
			const invalid = this.validateProperties(type, body.properties);
			if (invalid) return invalid;
			const conflict = this.conflictFor(type, body.properties!);
			if (conflict) return conflict;
			const record = this.store.insert(type, body.properties!);
			for (const association of body.associations ?? []) {
				const target = this.findAnyType(association.to.id);
				if (target) this.store.associate(type, record.id, target, association.to.id);
			}
			return json(201, this.present(record, Object.keys(record.properties)));
		});

		router.on('PATCH', '/crm/v3/objects/:objectType/:id', (request, params) => {
			const type = this.objectType(params.objectType);
			if (!type) return this.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
			const idProperty = request.query.get('idProperty') ?? 'hs_object_id';
			const record = this.store.findByProperty(type, idProperty, params.id);
			if (!record || record.archived) return this.notFoundObject(params.id);
			const body = (request.body ?? {}) as { properties?: Record<string, string> };
			const invalid = this.validateProperties(type, body.properties);
			if (invalid) return invalid;
			const conflict = this.conflictFor(type, body.properties!, record.id);
			if (conflict) return conflict;
			this.store.update(type, record, body.properties!);
			return json(200, this.present(record, Object.keys(record.properties)));
		});

		router.on('POST', '/crm/v3/objects/:objectType/search', (request, params) => {
			const type = this.objectType(params.objectType);
			if (!type) return this.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
			const outcome = searchRecords([...this.store.objects[type].values()].filter((record) => !record.archived), request.body);
			if ('error' in outcome) return this.error(400, 'VALIDATION_ERROR', outcome.error);
			const properties = this.requestedProperties(type, (request.body as { properties?: string[] } | undefined)?.properties);
			return json(200, {
				total: outcome.total,
				results: outcome.page.map((record) => this.present(record, properties)),
				...(outcome.nextAfter ? { paging: { next: { after: outcome.nextAfter } } } : {}),
			});
		});


		registerBatchRoutes(this);
		registerAssociationRoutes(this);
		registerLegacyContactRoutes(this);
	}

	findAnyType(id: string): HubSpotObjectType | undefined {
		for (const type of OBJECT_TYPES) if (this.store.objects[type].has(id)) return type;
		return undefined;
	}

}
