import { bearerToken, json, Router, type Handler, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { quickBooksOnlineCredentialRecords } from './credentials';
import { registerAccountingRoutes } from './routes';
import { QBO_REALM_ID, QboStore, type Json } from './store';

export { QBO_REALM_ID } from './store';

/** The sandbox's Intuit app (development keys) and the refresh token of its connected company. */
export const QBO_APP = { clientId: 'QBOSANDBOXAPPCLIENT00000000001', clientSecret: 'qbo-sandbox-app-secret' };
export const QBO_REFRESH_TOKEN = 'qbo-sandbox-refresh-token';
export const QBO_SCOPE = 'com.intuit.quickbooks.accounting';

// Per realm and app: 500 requests a minute, 10 a second; the batch endpoint 40 a minute (learn/limits-and-throttles).
const LIMITS = { minute: { limit: 500, intervalMs: 60_000 }, second: { limit: 10, intervalMs: 1000 }, batch: { limit: 40, intervalMs: 60_000 } };
// Access tokens last an hour (expires_in 3600); refresh tokens 100 days (x_refresh_token_expires_in 8726400).
const ACCESS_TOKEN_LIFETIME_S = 3600;
const REFRESH_TOKEN_LIFETIME_S = 8_726_400;
// "Your previous refresh tokens expire 24 hours after you receive a new one" (OAuth 2.0 FAQ).
const ROTATED_REFRESH_GRACE_MS = 24 * 3_600_000;
// Intuit's token endpoint, below the fake's prefix (https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer).
const BEARER_ENDPOINT = '/oauth2/v1/tokens/bearer';

type Limiter = keyof typeof LIMITS;

/**
 * QuickBooks Online fake under `/quickbooks`: Intuit's token endpoint (`/oauth2/v1/tokens/bearer`)
 * and the Accounting API v3 of one company (`/v3/company/<realmId>/...`).
 */
export class QuickBooksOnlineFake implements VendorFake {
	readonly name = 'quickbooks';
	readonly system = 'quickBooksOnline';
	readonly hosts = [
		'quickbooks.api.intuit.com',
		'sandbox-quickbooks.api.intuit.com',
		// Intuit's token endpoint: n8n refreshes OAuth2 tokens there.
		'oauth.platform.intuit.com',
	];
	readonly credentialRecords = quickBooksOnlineCredentialRecords;
	readonly router = new Router();
	readonly store = new QboStore();
	limiters: Record<Limiter, SlidingWindowLimiter> = this.freshLimiters();
	private accessTokens = new Map<string, number>();
	private refreshTokens = new Map<string, number>();
	private replies = new Map<string, SandboxResponse>();
	private counter = 0;

	constructor() {
		this.router.on('POST', BEARER_ENDPOINT, (request) => this.issueToken(request));
		registerAccountingRoutes(this);
	}

	private freshLimiters(): Record<Limiter, SlidingWindowLimiter> {
		return { minute: new SlidingWindowLimiter(LIMITS.minute.limit, LIMITS.minute.intervalMs), second: new SlidingWindowLimiter(LIMITS.second.limit, LIMITS.second.intervalMs), batch: new SlidingWindowLimiter(LIMITS.batch.limit, LIMITS.batch.intervalMs) };
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.limiters = this.freshLimiters();
		this.accessTokens.clear();
		// A data reset is not a revocation: refresh tokens already rotated to a client (n8n stores the latest) stay valid.
		this.refreshTokens.set(QBO_REFRESH_TOKEN, Date.now() + REFRESH_TOKEN_LIFETIME_S * 1000);
		this.replies.clear();
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		const store = this.store;
		return {
			realmId: QBO_REALM_ID,
			customers: [...store.customers.values()],
			invoices: [...store.invoices.values()],
			payments: [...store.payments.values()],
			items: [...store.items.values()],
			accounts: [...store.accounts.values()],
			tokens: this.accessTokens.size,
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const tables: Partial<Record<StoredEntity, Map<string, Json>>> = {
			client: this.store.customers as unknown as Map<string, Json>,
			invoice: this.store.invoices as unknown as Map<string, Json>,
			payment: this.store.payments as unknown as Map<string, Json>,
		};
		return [...(tables[entity]?.values() ?? [])];
	}

	/**
	 * `limits`: shrink the rate limits for a test ({ minute, second, batch, intervalMs });
	 * `expireTokens`: every access token expires; `touch`: someone else changes a record ({ entity, id }), so its SyncToken moves on.
	 */
	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'limits') {
			for (const name of Object.keys(LIMITS) as Limiter[]) {
				if (body[name] !== undefined) this.limiters[name] = new SlidingWindowLimiter(Number(body[name]), Number(body.intervalMs ?? LIMITS[name].intervalMs));
			}
			return json(200, Object.fromEntries(Object.entries(this.limiters).map(([name, limiter]) => [name, { limit: limiter.limit, intervalMs: limiter.intervalMs }])));
		}
		if (action === 'expireTokens') {
			for (const token of this.accessTokens.keys()) this.accessTokens.set(token, Date.now() - 1000);
			return json(200, { expired: this.accessTokens.size });
		}
		if (action === 'touch') {
			const tables: Record<string, Map<string, { SyncToken: string; MetaData: { LastUpdatedTime: string } }>> = { Customer: this.store.customers, Invoice: this.store.invoices, Payment: this.store.payments };
			const record = tables[String(body.entity)]?.get(String(body.id));
			if (!record) return json(404, { error: `no ${String(body.entity)} ${String(body.id)}` });
			this.store.touch(record);
			return json(200, { SyncToken: record.SyncToken });
		}
		return json(404, { error: `unknown quickbooks admin action ${action}` });
	}

	private nextId(): string {
		this.counter += 1;
		return requestId(this.counter, 'quickbooks');
	}

	/** Intuit's fault body: `{"Fault": {"Error": [{Message, Detail, code, element}], "type"}, "time"}`. */
	fault(type: string, code: string, message: string, detail: string, element = ''): Json {
		return { Fault: { Error: [{ Message: message, Detail: detail, code, element }], type }, time: new Date().toISOString() };
	}

	/** The 401 body of the Accounting API: lower-case `fault.error[]` in the JSON envelope Intuit answers with. */
	private unauthorized(detail: string): SandboxResponse {
		return json(401, {
			warnings: null,
			intuitObject: null,
			fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200', element: null }], type: 'AUTHENTICATION' },
			report: null,
			queryResponse: null,
			batchItemResponse: [],
			attachableResponse: [],
			syncErrorResponse: null,
			requestId: null,
			time: Date.now(),
			status: null,
			cdcresponse: [],
		}, { intuit_tid: this.nextId() });
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === BEARER_ENDPOINT) return undefined;
		const realm = /^\/v3\/company\/([^/]+)\//.exec(request.path)?.[1];
		if (!realm) return undefined;
		const token = bearerToken(request);
		const expiresAt = token ? this.accessTokens.get(token) : undefined;
		if (!token || expiresAt === undefined) return this.unauthorized('Authentication failed');
		if (expiresAt < Date.now()) return this.unauthorized(`Token expired: ${token.slice(0, 6)}...`);
		// A token belongs to the company that connected the app.
		if (realm !== QBO_REALM_ID) return json(403, this.fault('AUTHORIZATION', '3100', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', 'The application is not authorized to access this company (realmId)'), { intuit_tid: this.nextId() });
		const checks: Limiter[] = request.path.endsWith('/batch') ? ['minute', 'second', 'batch'] : ['minute', 'second'];
		for (const name of checks) {
			if (this.limiters[name].hit(`${realm}:${name}`) !== undefined) return this.throttled();
		}
		return undefined;
	}

	/** 429 ThrottleExceeded. Intuit sends no Retry-After: the limits page says to wait 60 seconds. */
	private throttled(): SandboxResponse {
		return json(429, this.fault('SERVICE', '3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.'), { intuit_tid: this.nextId() });
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return json(405, this.fault('SystemFault', '10000', 'An application error has occurred while processing your request', `Method ${request.method} is not supported on ${request.path}`));
		return this.unknownPath();
	}

	unknownPath(): SandboxResponse {
		return json(400, this.fault('SystemFault', '10000', 'An application error has occurred while processing your request', 'System Failure Error: Could not find resource for relative path'));
	}

	/**
	 * Writes with a `requestid` query parameter are answered once: the same requestid again gets the
	 * first answer, not a second write ("requestid" idempotency, Accounting API).
	 */
	replayable(handler: Handler): Handler {
		return async (request, params) => {
			const id = request.query.get('requestid');
			const key = id ? `${params.realm}:${id}` : undefined;
			const replay = key ? this.replies.get(key) : undefined;
			if (replay) return replay;
			const answer = await handler(request, params);
			if (key && answer.status < 500) this.replies.set(key, answer);
			return answer;
		};
	}

	/** oauth.platform.intuit.com/oauth2/v1/tokens/bearer: client id and secret by HTTP Basic, the grant by form. */
	private issueToken(request: SandboxRequest): SandboxResponse {
		const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''));
		const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
		const form = (request.body ?? {}) as Record<string, string>;
		const id = clientId ?? form.client_id;
		const secret = clientSecret ?? form.client_secret;
		if (id !== QBO_APP.clientId || secret !== QBO_APP.clientSecret) return json(401, { error: 'invalid_client' });
		if (form.grant_type === 'refresh_token') {
			const expiresAt = this.refreshTokens.get(form.refresh_token);
			if (expiresAt === undefined || expiresAt < Date.now()) return json(400, { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token' });
			// Refresh tokens rotate: a new one is returned, and the one used stays good for 24 hours more.
			this.refreshTokens.set(form.refresh_token, Math.min(expiresAt, Date.now() + ROTATED_REFRESH_GRACE_MS));
			return this.grant();
		}
		if (form.grant_type === 'authorization_code') return this.grant();
		return json(400, { error: 'unsupported_grant_type' });
	}

	private grant(): SandboxResponse {
		const accessToken = `eyJqbwt-sandbox-qbo-${this.nextId()}`;
		const refreshToken = `AB11-sandbox-qbo-refresh-${this.nextId()}`;
		this.accessTokens.set(accessToken, Date.now() + ACCESS_TOKEN_LIFETIME_S * 1000);
		this.refreshTokens.set(refreshToken, Date.now() + REFRESH_TOKEN_LIFETIME_S * 1000);
		return json(200, { token_type: 'bearer', access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S, refresh_token: refreshToken, x_refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S }, { intuit_tid: this.nextId() });
	}
}
