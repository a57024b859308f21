import { bearerToken, json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { registerEntityRoutes } from './routes';
import { BC_ENVIRONMENTS, BC_TENANT_ID, BusinessCentralStore, toCents } from './store';
import { businessCentralCredentialRecords } from './credentials';

export { BC_COMPANY_ID, BC_LOCAL_CURRENCY, BC_PAYMENT_JOURNAL, BC_REVENUE_ACCOUNT, BC_TENANT_ID } from './store';

/** The app registration the sandbox knows (Microsoft Entra client credentials). */
export const BC_CLIENT = { clientId: '3f0e6d8a-bc00-4c5e-9a1b-5a9d2c7e1f00', clientSecret: 'bc-sandbox-secret' };
export const BC_SCOPE = 'https://api.businesscentral.dynamics.com/.default';
/** The API root below the vendor prefix: `/v2.0/{tenant}/{environment}/api/v2.0`. */
export const API_ROOT = '/v2.0/:tenant/:environment/api/v2.0';

// 6,000 requests per user or service principal in a 5-minute sliding window (operational limits for BC online).
const DEFAULT_LIMIT = { limit: 6000, intervalMs: 5 * 60_000 };
// At most 20,000 entities a page on BC online (webservices/server-driven-paging-in-odata-web-services).
const SERVER_PAGE_SIZE = 20_000;
// Entra access tokens for client credentials last about an hour (expires_in 3599).
const TOKEN_LIFETIME_S = 3599;

/**
 * Microsoft Dynamics 365 Business Central API v2.0 fake under `/businesscentral`, with the Microsoft
 * Entra token endpoint of its tenant under the same prefix (`/login/{tenant}/oauth2/v2.0/token`):
 * one fake owns the tokens it issues and checks, as Entra and BC share the tenant's app registration.
 */
export class BusinessCentralFake implements VendorFake {
	readonly name = 'businesscentral';
	readonly system = 'businessCentral';
	readonly credentialRecords = businessCentralCredentialRecords;
	readonly router = new Router();
	readonly store = new BusinessCentralStore();
	limiter = new SlidingWindowLimiter(DEFAULT_LIMIT.limit, DEFAULT_LIMIT.intervalMs);
	serverPageSize = SERVER_PAGE_SIZE;
	private tokens = new Map<string, { clientId: string; expiresAt: number }>();
	private counter = 0;

	constructor() {
		this.router.on('POST', '/login/:tenant/oauth2/v2.0/token', (request, params) => this.issueToken(request, params.tenant));
		registerEntityRoutes(this);
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.limiter = new SlidingWindowLimiter(DEFAULT_LIMIT.limit, DEFAULT_LIMIT.intervalMs);
		this.serverPageSize = SERVER_PAGE_SIZE;
		this.tokens.clear();
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		const store = this.store;
		return {
			company: store.company,
			customers: [...store.customers.values()],
			projects: [...store.projects.values()],
			salesInvoices: [...store.invoices.values()].map((invoice) => store.invoiceWithLines(invoice)),
			customerPaymentJournals: [...store.paymentJournals.values()],
			customerPayments: [...store.payments.values()],
			postedPayments: store.ledger,
			tokens: this.tokens.size,
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const store = this.store;
		if (entity === 'client') return [...store.customers.values()];
		if (entity === 'project') return [...store.projects.values()];
		if (entity === 'invoice') return [...store.invoices.values()].map((invoice) => store.invoiceWithLines(invoice));
		// Payment journal lines not yet posted, and the posted payments (customer ledger entries) they became.
		if (entity === 'payment') return [...store.payments.values(), ...store.ledger];
		return [];
	}

	/** Admin actions: what a BC user or the platform would do while a workflow runs. */
	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'expireTokens') {
			for (const grant of this.tokens.values()) grant.expiresAt = Date.now() - 1000;
			return json(200, { expired: this.tokens.size });
		}
		if (action === 'setLimits') {
			if (body.requestsPer5Minutes !== undefined) this.limiter = new SlidingWindowLimiter(Number(body.requestsPer5Minutes), Number(body.intervalMs ?? DEFAULT_LIMIT.intervalMs));
			if (body.serverPageSize !== undefined) this.serverPageSize = Number(body.serverPageSize);
			return json(200, { serverPageSize: this.serverPageSize, limit: this.limiter.limit, intervalMs: this.limiter.intervalMs });
		}
		if (action === 'editCustomer') {
			// A user changes the customer in the BC client: new ETag, new lastModifiedDateTime.
			const customer = this.store.customers.get(String(body.id));
			if (!customer) return json(404, { error: 'no such customer' });
			Object.assign(customer, (body.changes as Record<string, unknown> | undefined) ?? {});
			return json(200, this.store.touch(customer));
		}
		if (action === 'receivePayment') {
			// An accountant posts a cash receipt applied to the invoice (bank reconciliation).
			const invoice = this.store.invoices.get(String(body.invoiceId));
			if (!invoice || invoice.status !== 'Open') return json(400, { error: 'invoice is not open' });
			this.store.applyPayment(invoice, toCents(body.amount), String(body.date ?? new Date().toISOString().slice(0, 10)), body.reference ? String(body.reference) : undefined);
			return json(200, this.store.invoiceWithLines(invoice));
		}
		return json(404, { error: `unknown admin action ${action}` });
	}

	correlationId(): string {
		this.counter += 1;
		return requestId(this.counter, 'businesscentral');
	}

	/** BC's error body: {"error": {"code", "message"}}, the message ending in its correlation id. */
	error(status: number, code: string, message: string, headers: Record<string, string> = {}): SandboxResponse {
		const correlation = this.correlationId();
		return json(status, { error: { code, message: `${message}  CorrelationId:  ${correlation}.` } }, { 'request-id': correlation, ...headers });
	}

	/** Microsoft identity platform v2.0 token endpoint, client credentials grant only. */
	private issueToken(request: SandboxRequest, tenant: string): SandboxResponse {
		const form = (request.body ?? {}) as Record<string, string>;
		const entraError = (status: number, error: string, description: string, code: number) =>
			json(status, { error, error_description: `${description}\r\nTrace ID: ${this.correlationId()}\r\nTimestamp: ${new Date().toISOString()}`, error_codes: [code], timestamp: new Date().toISOString(), trace_id: this.correlationId(), correlation_id: this.correlationId() });
		if (tenant !== BC_TENANT_ID) return entraError(400, 'invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`, 90002);
		if (form.grant_type !== 'client_credentials') return entraError(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.', 70003);
		if (form.client_id !== BC_CLIENT.clientId) return entraError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory.`, 700016);
		if (form.client_secret !== BC_CLIENT.clientSecret) return entraError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.', 7000215);
		if (form.scope !== BC_SCOPE) return entraError(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${form.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`, 1002012);
		const accessToken = `bc-sandbox-token-${this.correlationId()}`;
		this.tokens.set(accessToken, { clientId: form.client_id, expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000 });
		return json(200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, ext_expires_in: TOKEN_LIFETIME_S, access_token: accessToken });
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route?.startsWith('/login/')) return undefined;
		const token = bearerToken(request);
		const grant = token ? this.tokens.get(token) : undefined;
		if (!grant || grant.expiresAt < Date.now()) {
			// BC answers an absent, unknown or expired token with 401 and Authentication_InvalidCredentials (webservices/dynamics-error-codes).
			return this.error(401, 'Authentication_InvalidCredentials', 'The server has rejected the client credentials.', {
				'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/${BC_TENANT_ID}/oauth2/authorize", error="invalid_token"`,
			});
		}
		const segments = request.path.split('/');
		if (segments[1] === 'v2.0' && (segments[2] !== BC_TENANT_ID || !BC_ENVIRONMENTS.includes(segments[3]))) {
			return this.error(404, 'BadRequest_ResourceNotFound', `The environment '${segments[3]}' of tenant '${segments[2]}' does not exist.`);
		}
		const wait = this.limiter.hit(grant.clientId);
		if (wait !== undefined) {
			return this.error(429, 'Application_TooManyRequests', `Too many requests reached. Maximum (${this.limiter.limit}) in ${this.limiter.intervalMs / 1000} seconds.`, {
				'retry-after': String(Math.max(1, Math.ceil(wait / 1000))),
			});
		}
		return undefined;
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return this.error(405, 'BadRequest_MethodNotAllowed', `'${request.method}' requests for this resource are not allowed.`);
		return this.error(404, 'BadRequest_NotFound', `Resource not found for the segment '${request.path.split('/').pop()}'.`);
	}
}
