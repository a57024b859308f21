/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import { json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';
import { SlidingWindowLimiter } from '../../core/rateLimiter';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { BambooHrStore, FIELD_DEFINITIONS } from './store';
import { changedSince, customReport, directory, employeeRow, isIsoDate, listFields, resolveFields, timeOffRequests, whosOut, type CustomReportRequest } from './views';
import { datasetData, datasetFieldsPage, DATASETS, type DatasetAnswer, type DatasetDataRequest } from './datasets';
import { bamboohrCredentialRecords } from './credentials';

/** The seeded account: company domain (the part before .bamboohr.com) and one user's API key. */
export const BAMBOOHR_COMPANY_DOMAIN = 'meridian';
export const BAMBOOHR_API_KEY = 'bamboohr-sandbox-0000-api-key';
/** Employee the API key belongs to: what GET /employees/0 reads. */
export const BAMBOOHR_API_KEY_OWNER = '101';

/** The company's gateway; each API version has its root below it (v1, and the Datasets API's v1_2 and v2). */
const GATEWAY = '/api/gateway.php/:company';
const PREFIX = `${GATEWAY}/v1`;
// BambooHR publishes no numeric limit ("API requests can be throttled if BambooHR deems them to be too
// frequent", documentation.bamboohr.com/docs/api-details); this default is the fake's own, lowered by tests.
const DEFAULT_THROTTLE = { limit: 600, intervalMs: 60_000 };
// Custom reports take at most 400 fields (reports/custom, bhr-api spec).
const MAX_REPORT_FIELDS = 400;
const REPORT_FORMATS = new Set(['json', 'xml', 'csv', 'xls', 'pdf']);

const today = (): string => new Date().toISOString().slice(0, 10);

export class BambooHrFake implements VendorFake {
	readonly name = 'bamboohr';
	readonly system = 'bamboohr';
	readonly credentialRecords = bamboohrCredentialRecords;
	readonly router = new Router();
	readonly store = new BambooHrStore();
	private limiter = new SlidingWindowLimiter(DEFAULT_THROTTLE.limit, DEFAULT_THROTTLE.intervalMs);
	/** 429 since 2026-09-16; 503 before ("Planned Changes to the API": rate limiting moves from 503 to 429). */
	private throttleStatus = 429;
	private counter = 0;

	constructor() {
		this.routes();
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.limiter = new SlidingWindowLimiter(DEFAULT_THROTTLE.limit, DEFAULT_THROTTLE.intervalMs);
		this.throttleStatus = 429;
		this.counter = 0;
	}

	state(): Record<string, unknown> {
		return {
			companyDomain: BAMBOOHR_COMPANY_DOMAIN,
			employees: [...this.store.employees.values()],
			changes: [...this.store.changes.values()],
			timeOffRequests: this.store.timeOff,
			holidays: this.store.holidays,
			throttle: { limit: this.limiter.limit, intervalMs: this.limiter.intervalMs, status: this.throttleStatus },
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		if (entity === 'resource') return [...this.store.employees.values()] as unknown as Array<Record<string, unknown>>;
		if (entity === 'timeOff') return this.store.timeOff as unknown as Array<Record<string, unknown>>;
		return [];
	}

	private nextRequestId(): string {
		this.counter += 1;
		return requestId(this.counter, 'bamboohr');
	}

	/** BambooHR error answers carry no body: the reason is in the X-BambooHR-Error-Message header. */
	error(status: number, message: string, headers: Record<string, string> = {}): SandboxResponse {
		return { status, headers: { 'x-bamboohr-error-message': message, 'x-request-id': this.nextRequestId(), ...headers } };
	}

	private ok(body: unknown): SandboxResponse {
		return json(200, body, { 'x-request-id': this.nextRequestId() });
	}

	/** The Datasets API (v1.2, v2) answers RFC 7807 problem details (ProblemDetailsResponse, bhr-api spec). */
	private problem(answer: Extract<DatasetAnswer, { ok: false }>): SandboxResponse {
		const { status, title, detail, code, fields } = answer;
		return json(status, { type: 'about:blank', title, status, detail, ...(code ? { code } : {}), ...(fields ? { fields } : {}) }, { 'content-type': 'application/problem+json', 'x-request-id': this.nextRequestId() });
	}

	private answer(answer: DatasetAnswer): SandboxResponse {
		return answer.ok ? this.ok(answer.body) : this.problem(answer);
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		const company = /^\/api\/gateway\.php\/([^/]+)\/v\d+(_\d+)?(\/|$)/.exec(request.path)?.[1];
		if (!company) return undefined;
		// An unknown company domain has no API behind it: 404 before any credential check.
		if (decodeURIComponent(company).toLowerCase() !== BAMBOOHR_COMPANY_DOMAIN) return this.error(404, `Company "${company}" not found`);
		// Failed (unauthenticated) requests count toward the rate limit too (Planned Changes to the API, 2026-02-17).
		const wait = this.limiter.hit(company);
		if (wait !== undefined) {
			return this.error(this.throttleStatus, 'Too many requests: you have exceeded the rate limit.', { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
		}
		const apiKey = this.basicUser(request);
		if (apiKey !== BAMBOOHR_API_KEY) {
			// Non-browser clients still get the Basic challenge on 401 (Planned Changes to the API, 2026-02-17).
			return this.error(401, apiKey ? 'Invalid API key' : 'Missing API key', { 'www-authenticate': 'Basic realm="BambooHR API"' });
		}
		// The v1 API answers XML unless the caller asks for JSON; the fake renders JSON only. The Datasets API answers JSON.
		const accept = String(request.headers.accept ?? '');
		if (route?.startsWith(`${PREFIX}/`) && route !== `${PREFIX}/reports/custom` && !/application\/json/i.test(accept)) {
			return this.error(406, 'The sandbox renders JSON only: send Accept: application/json (BambooHR would answer XML)');
		}
		return undefined;
	}

	private basicUser(request: SandboxRequest): string | undefined {
		const header = request.headers.authorization;
		const match = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
		if (!match) return undefined;
		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const separator = decoded.indexOf(':');
		// API key as the user name, any string as the password (Getting Started, Authentication).
		return separator > 0 ? decoded.slice(0, separator) : undefined;
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return this.error(405, `Method ${request.method} not allowed`);
		return this.error(404, `No route for ${request.method} ${request.path}`);
	}

	admin(action: string, body: Record<string, unknown>): SandboxResponse {
		if (action === 'throttle') {
			this.limiter = new SlidingWindowLimiter(Number(body.limit ?? DEFAULT_THROTTLE.limit), Number(body.intervalMs ?? DEFAULT_THROTTLE.intervalMs));
			this.throttleStatus = Number(body.status ?? 429);
			return json(200, { limit: this.limiter.limit, intervalMs: this.limiter.intervalMs, status: this.throttleStatus });
		}
		if (action === 'hire') return json(200, this.store.hire(body));
		// HR imports a batch of employees at once (BambooHR's employee import): more than one page of a dataset read.
		if (action === 'import') {
			const count = Math.max(0, Math.min(5000, Number(body.count ?? 0)));
			const hired = Array.from({ length: count }, (_unused, index) => this.store.hire({ firstName: 'Imported', lastName: `Employee ${index + 1}`, department: body.department ?? 'Engineering', hireDate: body.hireDate }));
			return json(200, { imported: hired.length, ids: hired.map((employee) => employee.id) });
		}
		if (action === 'terminate') {
			const employee = this.store.terminate(String(body.id), String(body.terminationDate ?? today()));
			return employee ? json(200, employee) : json(404, { error: `no employee ${String(body.id)}` });
		}
		if (action === 'update') {
			const employee = this.store.update(String(body.id), (body.fields ?? {}) as Record<string, unknown>);
			return employee ? json(200, employee) : json(404, { error: `no employee ${String(body.id)}` });
		}
		return json(404, { error: `unknown bamboohr admin action ${action}` });
	}

	private routes(): void {
		const router = this.router;

		router.on('GET', `${PREFIX}/employees/directory`, (request) => {
			const body = directory(this.store, request.query.get('onlyCurrent') !== 'false');
			// 404 when the directory is empty (list-employees-directory, bhr-api spec).
			if ((body.employees as unknown[]).length === 0) return this.error(404, 'No employees found');
			return this.ok(body);
		});

		router.on('GET', `${PREFIX}/employees/changed`, (request) => {
			const since = request.query.get('since');
			const type = request.query.get('type');
			if (!since || Number.isNaN(Date.parse(since)) || !/^\d{4}-\d{2}-\d{2}T/.test(since)) return this.error(400, 'The "since" parameter must be an ISO 8601 date-time');
			if (type && !['inserted', 'updated', 'deleted', 'all'].includes(type)) return this.error(400, `Invalid type "${type}"`);
			return this.ok(changedSince(this.store, Date.parse(since), type));
		});

		router.on('GET', `${PREFIX}/employees/:id`, (request, params) => {
			const id = params.id === '0' ? BAMBOOHR_API_KEY_OWNER : params.id;
			const employee = this.store.employees.get(id);
			if (!employee) return this.error(404, 'Employee not found');
			const requested = (request.query.get('fields') ?? 'firstName,lastName').split(',').filter((name) => name.trim() !== '');
			if (requested.length > MAX_REPORT_FIELDS) return this.error(400, `At most ${MAX_REPORT_FIELDS} fields may be requested`);
			return this.ok(employeeRow(this.store, employee, resolveFields(requested)));
		});

		router.on('POST', `${PREFIX}/reports/custom`, (request) => {
			// JSON bodies need exactly "application/json"; anything else is parsed as XML (request-custom-report, bhr-api spec).
			const contentType = String(request.headers['content-type'] ?? '');
			if (contentType.trim().toLowerCase() !== 'application/json') return this.error(400, 'Malformed XML');
			const format = request.query.get('format')?.toLowerCase();
			if (format !== undefined && !REPORT_FORMATS.has(format)) return this.error(404, `Report format "${format}" not found`);
			if (format === undefined && !/^application\/json$/i.test(String(request.headers.accept ?? ''))) return this.error(404, 'Report format not found');
			if (format !== undefined && format !== 'json') return this.error(406, 'The sandbox renders JSON reports only');
			const body = request.body as CustomReportRequest | undefined;
			if (!body || typeof body !== 'object' || !Array.isArray(body.fields)) return this.error(400, 'Malformed JSON: "fields" must be a list of field names');
			if (body.fields.length > MAX_REPORT_FIELDS) return this.error(400, `At most ${MAX_REPORT_FIELDS} fields may be requested`);
			return this.ok(customReport(this.store, body));
		});

		router.on('GET', `${PREFIX}/time_off/requests`, (request) => {
			const start = request.query.get('start');
			const end = request.query.get('end');
			if (!isIsoDate(start) || !isIsoDate(end)) return this.error(400, 'Both start and end are required, as YYYY-MM-DD');
			const list = (name: string) => request.query.get(name)?.split(',').map((value) => value.trim()).filter(Boolean);
			return this.ok(
				timeOffRequests(this.store, {
					start,
					end,
					statuses: list('status'),
					employeeId: request.query.get('employeeId') ?? undefined,
					typeIds: list('type'),
					id: request.query.get('id') ?? undefined,
					excludeNote: Boolean(request.query.get('excludeNote')),
				}),
			);
		});

		router.on('GET', `${PREFIX}/time_off/whos_out`, (request) => {
			const start = request.query.get('start') ?? today();
			// Defaults to 14 days after the start (list-whos-out, bhr-api spec).
			const end = request.query.get('end') ?? new Date(Date.parse(`${start}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
			if (!isIsoDate(start) || !isIsoDate(end)) return this.error(400, 'start and end must be YYYY-MM-DD');
			return this.ok(whosOut(this.store, start, end));
		});

		// Datasets API: List Datasets (v1.2), Get Fields from Dataset (v1.2), Get Data from Dataset (v2) (bhr-api spec).
		router.on('GET', `${GATEWAY}/v1_2/datasets`, () => this.ok({ datasets: DATASETS }));

		router.on('GET', `${GATEWAY}/v1_2/datasets/:dataset/fields`, (request, params) => this.answer(datasetFieldsPage(params.dataset, request.query, `${request.vendorBaseUrl}${request.path}`)));

		router.on('POST', `${GATEWAY}/v2/datasets/:dataset/data`, (request, params) => {
			if (!/application\/json/i.test(String(request.headers['content-type'] ?? '')) || !request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
				return this.problem({ ok: false, status: 400, title: 'Bad Request', detail: 'The request body must be a JSON object with fields' });
			}
			return this.answer(datasetData(this.store, params.dataset, request.body as DatasetDataRequest, `${request.vendorBaseUrl}${request.path}`));
		});

		router.on('GET', `${PREFIX}/meta/fields`, () => this.ok(FIELD_DEFINITIONS.map(({ id, name, type, alias }) => ({ id: Number(id), name, type, alias }))));

		router.on('GET', `${PREFIX}/meta/lists`, () => this.ok(listFields(this.store)));
	}
}
