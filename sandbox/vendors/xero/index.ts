import { createHash } from 'node:crypto';
import { bearerToken, json, Router, type Handler, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { registerAccountingRoutes } from './routes';
import { XeroStore, XERO_TENANT_ID } from './store';
import { xeroCredentialRecords } from './credentials';

export { XERO_TENANT_ID } from './store';

/** The sandbox's Xero app (authorization code) and custom connection (client credentials). */
export const XERO_APP = { clientId: 'XEROSANDBOXAPPCLIENT00000000001', clientSecret: 'xero-sandbox-app-secret' };
export const XERO_CUSTOM_CONNECTION = { clientId: 'XEROSANDBOXCUSTOMCONN0000000001', clientSecret: 'xero-sandbox-custom-secret' };
export const XERO_REFRESH_TOKEN = 'xero-sandbox-refresh-token';

// Per tenant: 60 calls in a rolling minute, 5,000 in a day (developer.xero.com/documentation/guides/oauth2/limits).
const MINUTE_LIMIT = { limit: 60, intervalMs: 60_000 };
const DAY_LIMIT = { limit: 5000, intervalMs: 86_400_000 };
// Access tokens last 30 minutes (expires_in 1800).
const TOKEN_LIFETIME_S = 1800;
// Idempotency-Key answers are replayed for 6 minutes (developer.xero.com/documentation/guides/idempotent-requests).
const IDEMPOTENCY_WINDOW_MS = 6 * 60_000;

type Grant = { kind: 'app' | 'custom'; expiresAt: number };

/**
 * Xero fake under `/xero`: the identity server's token endpoint (`/connect/token`), the Accounting
 * API (`/api.xro/2.0/...`) and the Projects API (`/projects.xro/2.0/...`) of one organisation.
 */
export class XeroFake implements VendorFake {
	readonly name = 'xero';
	readonly system = 'xero';
	readonly hosts = [
		'api.xero.com',
		// Xero's token endpoint (/connect/token): n8n refreshes OAuth2 tokens there.
		'identity.xero.com',
	];
	readonly credentialRecords = xeroCredentialRecords;
	readonly router = new Router();
	readonly store = new XeroStore();
	minute = new SlidingWindowLimiter(MINUTE_LIMIT.limit, MINUTE_LIMIT.intervalMs);
	day = new SlidingWindowLimiter(DAY_LIMIT.limit, DAY_LIMIT.intervalMs);
	private tokens = new Map<string, Grant>();
	private refreshTokens = new Set<string>();
	private idempotency = new Map<string, { fingerprint: string; answer: SandboxResponse; expiresAt: number }>();
	private counter = 0;

	constructor() {
		this.router.on('POST', '/connect/token', (request) => this.issueToken(request));
		registerAccountingRoutes(this);
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.minute = new SlidingWindowLimiter(MINUTE_LIMIT.limit, MINUTE_LIMIT.intervalMs);
		this.day = new SlidingWindowLimiter(DAY_LIMIT.limit, DAY_LIMIT.intervalMs);
		this.tokens.clear();
		this.refreshTokens = new Set([XERO_REFRESH_TOKEN]);
		this.idempotency.clear();
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		const store = this.store;
		return {
			tenantId: XERO_TENANT_ID,
			contacts: [...store.contacts.values()].map((contact) => store.renderContact(contact)),
			invoices: [...store.invoices.values()].map((invoice) => store.renderInvoice(invoice)),
			payments: [...store.payments.values()].map((payment) => store.renderPayment(payment)),
			history: Object.fromEntries([...store.history.entries()].map(([id, records]) => [id, records])),
			projects: [...store.projects.values()].map((project) => store.renderProject(project)),
			tokens: this.tokens.size,
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const store = this.store;
		const tables: Partial<Record<StoredEntity, Map<string, object>>> = { client: store.contacts, invoice: store.invoices, payment: store.payments, project: store.projects };
		return [...(tables[entity]?.values() ?? [])] as Array<Record<string, unknown>>;
	}

	/** `limits`: shrink the rate limits for a test ({ minute, day, minuteWindowMs }); `expireTokens`: every token expires. */
	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'limits') {
			if (body.minute !== undefined) this.minute = new SlidingWindowLimiter(Number(body.minute), Number(body.minuteWindowMs ?? MINUTE_LIMIT.intervalMs));
			if (body.day !== undefined) this.day = new SlidingWindowLimiter(Number(body.day), DAY_LIMIT.intervalMs);
			return json(200, { minute: { limit: this.minute.limit, intervalMs: this.minute.intervalMs }, day: { limit: this.day.limit } });
		}
		if (action === 'expireTokens') {
			for (const grant of this.tokens.values()) grant.expiresAt = Date.now() - 1000;
			return json(200, { expired: this.tokens.size });
		}
		return json(404, { error: `unknown xero admin action ${action}` });
	}

	private nextId(): string {
		this.counter += 1;
		return requestId(this.counter, 'xero-request');
	}

	/** Xero's OAuth 2.0 problem body for 401 and 403 answers. */
	problem(status: 401 | 403, detail: string): SandboxResponse {
		return json(status, { Type: null, Title: status === 401 ? 'Unauthorized' : 'Forbidden', Status: status, Detail: detail, Instance: this.nextId(), Extensions: {} });
	}

	/** A ValidationException: `elements` carry their own ValidationErrors. */
	validation(elements: Array<Record<string, unknown>>): SandboxResponse {
		return json(400, { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: elements });
	}

	/** The envelope of every Accounting API answer. */
	envelope(body: Record<string, unknown>): SandboxResponse {
		return json(200, { Id: this.nextId(), Status: 'OK', ProviderName: 'Project-to-Cash Sandbox', DateTimeUTC: `/Date(${Date.now()})/`, ...body });
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === '/connect/token') return undefined;
		const token = bearerToken(request);
		const grant = token ? this.tokens.get(token) : undefined;
		if (!token || !grant) return this.problem(401, 'AuthenticationUnsuccessful');
		if (grant.expiresAt < Date.now()) return this.problem(401, `TokenExpired: token expired at ${new Date(grant.expiresAt).toUTCString()}`);
		const tenant = request.headers['xero-tenant-id'];
		// Apps must name the organisation; a custom connection is bound to its one organisation.
		if (grant.kind === 'app' ? tenant !== XERO_TENANT_ID : tenant !== undefined && tenant !== XERO_TENANT_ID) return this.problem(403, 'AuthenticationUnsuccessful');
		const dayWait = this.day.hit(XERO_TENANT_ID);
		if (dayWait !== undefined) return this.rateLimited('day', dayWait);
		const minuteWait = this.minute.hit(XERO_TENANT_ID);
		if (minuteWait !== undefined) return this.rateLimited('minute', minuteWait);
		return undefined;
	}

	/** 429 with Retry-After (seconds) and X-Rate-Limit-Problem naming the limit hit. */
	private rateLimited(problem: 'minute' | 'day', waitMs: number): SandboxResponse {
		return {
			status: 429,
			headers: {
				'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
				'x-rate-limit-problem': problem,
				'x-minlimit-remaining': problem === 'minute' ? '0' : String(this.minute.limit),
				'x-daylimit-remaining': problem === 'day' ? '0' : String(this.day.limit),
			},
		};
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return json(405, { Message: `The requested resource does not support http method '${request.method}'.` });
		return this.missing();
	}

	/** Xero answers an unknown record id with plain text, not JSON. */
	missing(): SandboxResponse {
		return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: "The resource you're looking for cannot be found" };
	}

	/**
	 * Wraps a write: a repeated Idempotency-Key within 6 minutes gets the first answer again; the
	 * same key with another body is refused.
	 */
	idempotent(handler: Handler): Handler {
		return async (request, params) => {
			const key = request.headers['idempotency-key'];
			if (typeof key !== 'string' || key === '') return await handler(request, params);
			if (key.length > 128) return json(400, { Title: 'Bad Request', Status: 400, Detail: 'The Idempotency-Key header must be at most 128 characters' });
			const fingerprint = createHash('sha256').update(`${request.method} ${request.path} ${request.rawBody}`).digest('hex');
			const cached = this.idempotency.get(key);
			if (cached && cached.expiresAt > Date.now()) {
				if (cached.fingerprint !== fingerprint) return json(400, { Title: 'Bad Request', Status: 400, Detail: `Idempotency-Key ${key} is used with a different request` });
				return cached.answer;
			}
			const answer = await handler(request, params);
			this.idempotency.set(key, { fingerprint, answer, expiresAt: Date.now() + IDEMPOTENCY_WINDOW_MS });
			return answer;
		};
	}

	/** identity.xero.com/connect/token: client id and secret by HTTP Basic, grant by form (OAuth 2.0 auth flow, custom connections). */
	private issueToken(request: SandboxRequest): SandboxResponse {
		const basic = /^Basic\s+(.+)$/i.exec(String(request.headers.authorization ?? ''));
		const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
		const form = (request.body ?? {}) as Record<string, string>;
		const id = clientId ?? form.client_id;
		const secret = clientSecret ?? form.client_secret;
		const app = id === XERO_APP.clientId && secret === XERO_APP.clientSecret;
		const custom = id === XERO_CUSTOM_CONNECTION.clientId && secret === XERO_CUSTOM_CONNECTION.clientSecret;
		if (!app && !custom) return json(400, { error: 'invalid_client' });
		if (form.grant_type === 'client_credentials') {
			if (!custom) return json(400, { error: 'unauthorized_client' });
			return this.grant('custom', form.scope ?? 'accounting.transactions accounting.contacts accounting.settings.read projects.read');
		}
		if (!app) return json(400, { error: 'unauthorized_client' });
		if (form.grant_type === 'refresh_token') {
			if (!this.refreshTokens.has(form.refresh_token)) return json(400, { error: 'invalid_grant' });
			return this.grant('app', 'offline_access accounting.transactions accounting.contacts accounting.settings.read projects.read', form.refresh_token);
		}
		if (form.grant_type === 'authorization_code') return this.grant('app', 'offline_access accounting.transactions accounting.contacts accounting.settings.read projects.read');
		return json(400, { error: 'unsupported_grant_type' });
	}

	private grant(kind: Grant['kind'], scope: string, refreshToken?: string): SandboxResponse {
		const accessToken = `xero-${kind}-${this.nextId()}`;
		this.tokens.set(accessToken, { kind, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
		const body: Record<string, unknown> = { access_token: accessToken, expires_in: TOKEN_LIFETIME_S, token_type: 'Bearer', scope };
		if (kind === 'app') {
			const refresh = refreshToken ?? `xero-refresh-${this.nextId()}`;
			this.refreshTokens.add(refresh);
			body.refresh_token = refresh;
		}
		return json(200, body);
	}
}
