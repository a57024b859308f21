/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import { bearerToken, json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { accountRoutes } from './accountRoutes';
import { HarvestInvoices, invoiceRoutes } from './invoiceRoutes';
import { timesheetRoutes } from './timesheetRoutes';
import { HarvestStore, lockState } from './store';
import { harvestCredentialRecords } from './credentials';

/** The seeded Harvest account and its personal access token. */
export const HARVEST_ACCOUNT_ID = '1234567';
export const HARVEST_PERSONAL_ACCESS_TOKEN = '1234567.pt.sandbox-harvest-token';
export const HARVEST_OAUTH_CLIENT = { clientId: 'harvest-sandbox-client', clientSecret: 'harvest-sandbox-secret' };
export const HARVEST_REFRESH_TOKEN = 'harvest-sandbox-refresh-token';
/** Where the fake answers OAuth token requests (Harvest: https://id.getharvest.com/api/v2/oauth2/token). */
export const HARVEST_TOKEN_PATH = '/api/v2/oauth2/token';

// help.getharvest.com/api-v2/introduction/overview/general, "Rate limiting": 100 requests per 15 seconds.
const GENERAL_LIMIT = { limit: 100, intervalMs: 15_000 };

// A 401 from Harvest for a missing, wrong or expired token, or a missing Harvest-Account-Id.
const INVALID_TOKEN = { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' };

export class HarvestFake implements VendorFake {
	readonly name = 'harvest';
	readonly system = 'harvest';
	readonly hosts = [
		'api.harvestapp.com',
		// Harvest's OAuth2 token endpoint (/api/v2/oauth2/token) lives on its identity host.
		'id.getharvest.com',
	];
	readonly credentialRecords = harvestCredentialRecords;
	readonly router = new Router();
	readonly store = new HarvestStore();
	readonly invoices = new HarvestInvoices();
	readonly limiter = new SlidingWindowLimiter(GENERAL_LIMIT.limit, GENERAL_LIMIT.intervalMs);
	private tokens = new Map<string, { accounts: string[]; expiresAt: number }>();
	private refreshTokens = new Set<string>();
	private counter = 0;
	/**
	 * `contact` (default): the User-Agent must name the app and a contact, stricter than Harvest so
	 * that the pack's own header is checked; `present`: only a missing one is refused, as Harvest does
	 * (software whose User-Agent lacks a contact, such as n8n's built-in Harvest node, gets through).
	 */
	private userAgentRule: 'contact' | 'present' = 'contact';

	constructor() {
		this.router.on('POST', HARVEST_TOKEN_PATH, (request) => this.issueToken(request));
		accountRoutes(this.router, this.store);
		timesheetRoutes(this.router, this.store, () => [...this.store.tables.users.keys()][0]);
		invoiceRoutes(this.router, this.store, this.invoices);
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.invoices.reset();
		this.limiter.reset();
		this.userAgentRule = 'contact';
		this.tokens = new Map([[HARVEST_PERSONAL_ACCESS_TOKEN, { accounts: [HARVEST_ACCOUNT_ID], expiresAt: Number.POSITIVE_INFINITY }]]);
		this.refreshTokens = new Set([HARVEST_REFRESH_TOKEN]);
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		const t = this.store.tables;
		return {
			clients: [...t.clients.values()],
			users: [...t.users.values()],
			tasks: [...t.tasks.values()],
			projects: [...t.projects.values()],
			userAssignments: [...t.userAssignments.values()],
			taskAssignments: [...t.taskAssignments.values()],
			timeEntries: [...t.timeEntries.values()],
			expenseCategories: [...t.expenseCategories.values()],
			expenses: [...t.expenses.values()],
			invoices: [...this.invoices.invoices.values()],
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const t = this.store.tables;
		const tables: Partial<Record<StoredEntity, Array<Map<number, object>>>> = {
			client: [t.clients],
			resource: [t.users],
			task: [t.tasks],
			project: [t.projects],
			// People on projects and tasks on projects: both are canonical assignments.
			assignment: [t.userAssignments, t.taskAssignments],
			timeEntry: [t.timeEntries],
			expense: [t.expenses],
			invoice: [this.invoices.invoices],
		};
		return (tables[entity] ?? []).flatMap((table) => [...table.values()] as Array<Record<string, unknown>>);
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === HARVEST_TOKEN_PATH) return undefined;
		// help.getharvest.com/api-v2/introduction/overview/general: a request without a User-Agent gets 400 Bad Request.
		// The fake also wants the documented "App (contact)" form, so a pack request without its own header shows up in tests.
		const userAgent = String(request.headers['user-agent'] ?? '');
		if (this.userAgentRule === 'contact' ? !/\S.*\(.+\)/.test(userAgent) : userAgent.trim() === '') {
			return json(400, { error: 'bad_request', error_description: 'A User-Agent header naming your application and a contact, e.g. "MyApp (you@example.com)", is required.' });
		}
		const token = bearerToken(request) ?? request.query.get('access_token') ?? undefined;
		const account = String(request.headers['harvest-account-id'] ?? request.query.get('account_id') ?? '');
		const grant = token ? this.tokens.get(token) : undefined;
		if (!token || !grant || grant.expiresAt < Date.now() || !grant.accounts.includes(account)) return json(401, INVALID_TOKEN);
		const wait = this.limiter.hit(`${token}:${account}`);
		if (wait !== undefined) {
			return json(429, { status: 429, error: 'Too Many Requests' }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
		}
		return undefined;
	}

	/**
	 * `userAgent` { require: 'contact' | 'present' }: how strictly the User-Agent is checked (reset: contact).
	 * `approve` { timeEntryIds?, expenseIds? }: what a manager's Timesheet Approval does in Harvest's
	 * UI (the API has no approval endpoint): the entries become closed and locked.
	 */
	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'userAgent') {
			if (body.require !== 'contact' && body.require !== 'present') return json(400, { error: 'require must be "contact" or "present"' });
			this.userAgentRule = body.require;
			return json(200, { require: this.userAgentRule });
		}
		if (action !== 'approve') return json(404, { error: `unknown harvest admin action ${action}` });
		const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);
		const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		const approved: number[] = [];
		for (const [table, key] of [[this.store.tables.timeEntries, 'timeEntryIds'], [this.store.tables.expenses, 'expenseIds']] as const) {
			for (const id of ids(body[key])) {
				const record = table.get(id);
				if (!record) return json(404, { error: `no ${key === 'timeEntryIds' ? 'time entry' : 'expense'} ${id}` });
				Object.assign(record, { is_closed: true, ...lockState(true, record.is_billed), updated_at: now });
				approved.push(id);
			}
		}
		return json(200, { approved });
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return json(405, { status: 405, error: 'Method Not Allowed' });
		return json(404, { status: 404, error: 'Not Found' });
	}

	/** OAuth2 authorization-code and refresh grants, form-encoded or JSON, as id.getharvest.com takes them. */
	private issueToken(request: SandboxRequest): SandboxResponse {
		const form = (request.body ?? {}) as Record<string, string>;
		if (form.client_id !== HARVEST_OAUTH_CLIENT.clientId || form.client_secret !== HARVEST_OAUTH_CLIENT.clientSecret) {
			return json(401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client.' });
		}
		if (form.grant_type === 'refresh_token' && !this.refreshTokens.has(form.refresh_token)) {
			return json(400, { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired or revoked.' });
		}
		if (form.grant_type !== 'refresh_token' && form.grant_type !== 'authorization_code') {
			return json(400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported.' });
		}
		this.counter += 1;
		const accessToken = `${HARVEST_ACCOUNT_ID}.at.${requestId(this.counter, 'harvest')}`;
		const refreshToken = form.refresh_token ?? `${HARVEST_ACCOUNT_ID}.rt.${requestId(this.counter, 'harvest-refresh')}`;
		this.refreshTokens.add(refreshToken);
		// Harvest access tokens last 14 days.
		this.tokens.set(accessToken, { accounts: [HARVEST_ACCOUNT_ID], expiresAt: Date.now() + 1_209_600_000 });
		return json(200, { access_token: accessToken, refresh_token: refreshToken, token_type: 'bearer', expires_in: 1_209_599 });
	}
}
