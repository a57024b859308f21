import { bearerToken, json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { accountRoutes } from './accountRoutes';
import { kantataCredentialRecords } from './credentials';
import { errors } from './present';
import { KantataStore } from './store';
import { approveTime, timeRoutes } from './timeRoutes';

/** The seeded account's tokens: a registered application's own OAuth token, and one an OAuth2 grant issued. */
export const KANTATA_ACCESS_TOKEN = 'kantata-sandbox-application-token';
export const KANTATA_OAUTH_TOKEN = 'kantata-sandbox-oauth-token';
export const KANTATA_OAUTH_CLIENT = { clientId: 'kantata-sandbox-client', clientSecret: 'kantata-sandbox-secret' };
/** Where the fake answers OAuth token requests (Kantata: https://app.mavenlink.com/oauth/token). */
export const KANTATA_TOKEN_PATH = '/oauth/token';

// The pack's pacing of Kantata (nodes/vendors/kantata/transport.ts): 100 requests per 10 seconds per token.
const GENERAL_LIMIT = { limit: 100, intervalMs: 10_000 };

/** A missing, wrong or revoked token: 401 with Kantata's error list (wording the fake's). */
const UNAUTHORIZED = { errors: [{ type: 'authentication', message: 'The access token is invalid, or its application was revoked.' }] };

export class KantataFake implements VendorFake {
	readonly name = 'kantata';
	readonly system = 'kantata';
	// The API host, and the application host of the OAuth2 endpoints.
	readonly hosts = ['api.mavenlink.com', 'app.mavenlink.com'];
	readonly credentialRecords = kantataCredentialRecords;
	readonly router = new Router();
	readonly store = new KantataStore();
	readonly limiter = new SlidingWindowLimiter(GENERAL_LIMIT.limit, GENERAL_LIMIT.intervalMs);
	private tokens = new Set<string>();
	private counter = 0;

	constructor() {
		this.router.on('POST', KANTATA_TOKEN_PATH, (request) => this.issueToken(request));
		accountRoutes(this.router, this.store);
		timeRoutes(this.router, this.store);
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.limiter.reset();
		this.limiter.limit = GENERAL_LIMIT.limit;
		this.tokens = new Set([KANTATA_ACCESS_TOKEN, KANTATA_OAUTH_TOKEN]);
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		const t = this.store.tables;
		return Object.fromEntries(Object.entries(t).map(([table, rows]) => [table, [...(rows as Map<string, unknown>).values()]]));
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const t = this.store.tables;
		const rows: Partial<Record<StoredEntity, () => object[]>> = {
			// A client is a workspace group that represents a company.
			client: () => [...t.workspaceGroups.values()].filter((group) => group.company),
			project: () => [...t.workspaces.values()],
			task: () => [...t.stories.values()],
			assignment: () => [...t.participations.values()],
			timeEntry: () => [...t.timeEntries.values()],
			expense: () => [...t.expenses.values()],
			resource: () => [...t.users.values()],
			invoice: () => [...t.invoices.values()],
		};
		return (rows[entity]?.() ?? []) as Array<Record<string, unknown>>;
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === KANTATA_TOKEN_PATH) return undefined;
		const token = bearerToken(request);
		if (!token || !this.tokens.has(token)) return json(401, UNAUTHORIZED, { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' });
		const wait = this.limiter.hit(token);
		if (wait !== undefined) return errors(429, 'system', 'Rate limit exceeded; retry later', undefined, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
		return undefined;
	}

	/**
	 * `approve` { timeEntryIds }: what a manager's timesheet approval does in Kantata's UI (an approved
	 * submission of the entries). `revoke` {}: the user revokes the application (its tokens answer 401).
	 * `rateLimit` { limit }: lowers the limit, to provoke 429s.
	 */
	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'approve') {
			const ids = Array.isArray(body.timeEntryIds) ? body.timeEntryIds.map(String) : [];
			if (ids.length === 0) return json(400, { error: 'timeEntryIds is required' });
			const sheet = approveTime(this.store, ids);
			return 'status' in sheet && typeof sheet.status === 'number' ? sheet : json(200, { approved: ids, submission: sheet });
		}
		if (action === 'revoke') {
			this.tokens.clear();
			return json(200, { revoked: true });
		}
		if (action === 'rateLimit') {
			this.limiter.limit = Math.max(1, Number(body.limit ?? GENERAL_LIMIT.limit));
			return json(200, { limit: this.limiter.limit });
		}
		return json(404, { error: `unknown kantata admin action ${action}` });
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return errors(405, 'system', 'Method not allowed');
		return errors(404, 'system', 'Not found');
	}

	/** OAuth2 authorization-code grant, form-encoded or JSON, as app.mavenlink.com/oauth/token takes it: a token that does not expire, no refresh token. */
	private issueToken(request: SandboxRequest): SandboxResponse {
		const form = (request.body ?? {}) as Record<string, string>;
		if (form.client_id !== KANTATA_OAUTH_CLIENT.clientId || form.client_secret !== KANTATA_OAUTH_CLIENT.clientSecret) {
			return json(401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' });
		}
		if (form.grant_type !== 'authorization_code' || !form.code) return json(400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' });
		this.counter += 1;
		const accessToken = `kantata-${requestId(this.counter, 'kantata')}`;
		this.tokens.add(accessToken);
		return json(200, { access_token: accessToken, token_type: 'bearer' });
	}
}
