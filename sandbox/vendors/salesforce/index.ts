/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev tooling: runs in plain Node.js, never inside n8n */
import { bearerToken, json, Router, type Handler, type SandboxRequest, type SandboxResponse } from '../../core/http';
import type { StoredEntity, VendorFake } from '../../core/vendor';
import type { FirmData } from '../../seed/firm';
import { SalesforceAuth } from './auth';
import { requestErrorAnswer, restError, retrieveCollection, toErrors, writeCollection } from './collections';
import { findField, findObject, type ObjectDef } from './schema';
import { runQuery } from './soqlEngine';
import { parseSoql, SoqlError } from './soqlParser';
import { RequestError, SalesforceStore } from './store';
import { salesforceCredentialRecords } from './credentials';

export { SALESFORCE_AUTHORIZATION_CODE, SALESFORCE_CONNECTED_APP } from './auth';

// Versions the fake serves: Summer '14 (31.0) to Spring '26 (66.0).
const MIN_VERSION = 31;
const MAX_VERSION = 66;
// "Query Options Header": batchSize default 2,000, minimum 200, maximum 2,000.
const BATCH_DEFAULT = 2_000;
const BATCH_MIN = 200;
const DATA = '/services/data/:version';

const NOT_FOUND = () => restError(404, 'NOT_FOUND', 'The requested resource does not exist');

interface Cursor {
	records: Array<Record<string, unknown>>;
	batchSize: number;
	version: string;
}

export class SalesforceFake implements VendorFake {
	readonly name = 'salesforce';
	readonly system = 'salesforce';
	readonly credentialRecords = salesforceCredentialRecords;
	readonly router = new Router();
	readonly store = new SalesforceStore();
	readonly auth = new SalesforceAuth();
	private cursors = new Map<string, Cursor>();
	private users = new WeakMap<SandboxRequest, string>();
	private cursorCounter = 0;
	/** Admin cap on query batches: Salesforce may answer with fewer records than the batch size asked for. */
	private serverBatchLimit: number | undefined;

	constructor() {
		this.routes();
	}

	reset(firm: FirmData): void {
		this.store.seed(firm);
		this.auth.reset();
		this.cursors.clear();
		this.cursorCounter = 0;
		this.serverBatchLimit = undefined;
	}

	state(): Record<string, unknown> {
		return {
			...Object.fromEntries([...this.store.tables].map(([name, table]) => [name, [...table.values()]])),
			apiUsage: { used: this.auth.used, allocation: this.auth.allocation },
		};
	}

	records(entity: StoredEntity): Array<Record<string, unknown>> {
		const object = ({ client: 'Account', contact: 'Contact', opportunity: 'Opportunity', resource: 'User' } as Partial<Record<StoredEntity, string>>)[entity];
		return object ? [...(this.store.tables.get(object)?.values() ?? [])].filter((row) => row.IsDeleted !== true) : [];
	}

	/** Test hooks: `expireTokens`, `apiAllocation` {allocation?, used?}, `queryBatchLimit` {size}. */
	admin(action: string, input: Record<string, unknown>): SandboxResponse {
		if (action === 'expireTokens') return json(200, { expired: this.auth.expireTokens() });
		if (action === 'apiAllocation') {
			if (input.allocation !== undefined) this.auth.allocation = Number(input.allocation);
			if (input.used !== undefined) this.auth.used = Number(input.used);
			return json(200, { used: this.auth.used, allocation: this.auth.allocation });
		}
		if (action === 'queryBatchLimit') {
			this.serverBatchLimit = input.size === null || input.size === undefined ? undefined : Number(input.size);
			return json(200, { queryBatchLimit: this.serverBatchLimit ?? null });
		}
		return json(404, { error: `unknown salesforce admin action ${action}` });
	}

	guard(request: SandboxRequest, route: string | undefined): SandboxResponse | undefined {
		if (route === '/services/oauth2/token' || (request.method === 'GET' && route === '/services/data')) return undefined;
		const versioned = /^\/services\/data\/v(\d+)\.0(\/|$)/.exec(request.path);
		if (!versioned) return undefined;
		const version = Number(versioned[1]);
		if (version < MIN_VERSION || version > MAX_VERSION) return NOT_FOUND();
		const grant = this.auth.authorize(bearerToken(request));
		if ('status' in grant) return grant;
		this.users.set(request, grant.userId);
		return this.auth.spend();
	}

	notFound(request: SandboxRequest): SandboxResponse {
		if (this.router.hasPath(request.path)) return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed.`);
		return NOT_FOUND();
	}

	private userOf(request: SandboxRequest): string {
		return this.users.get(request) ?? this.store.integrationUserId;
	}

	/** Registers a REST resource: every answer carries Sforce-Limit-Info; RequestError becomes its 400. */
	private rest(method: string, template: string, handler: Handler): void {
		this.router.on(method, `${DATA}${template}`, async (request, params) => {
			let answer: SandboxResponse;
			try {
				answer = await handler(request, params);
			} catch (error) {
				if (!(error instanceof RequestError)) throw error;
				answer = requestErrorAnswer(error);
			}
			return { ...answer, headers: { ...answer.headers, ...this.auth.limitInfo() } };
		});
	}

	private object(name: string, writable = false): ObjectDef | undefined {
		const object = findObject(name);
		return object && (!writable || object.writable) ? object : undefined;
	}

	private queryPage(cursorId: string, cursor: Cursor, offset: number): SandboxResponse {
		const page = cursor.records.slice(offset, offset + cursor.batchSize);
		const next = offset + page.length;
		const done = next >= cursor.records.length;
		if (done) this.cursors.delete(cursorId);
		return json(200, {
			totalSize: cursor.records.length,
			done,
			...(done ? {} : { nextRecordsUrl: `/services/data/${cursor.version}/query/${cursorId}-${next}` }),
			records: page,
		});
	}

	private routes(): void {
		const router = this.router;
		router.on('POST', '/services/oauth2/token', (request) => this.auth.token(request, this.store.integrationUserId));
		router.on('GET', '/services/data', () =>
			json(200, [60, 61, 62, 63, 64, 65, 66].map((version) => ({ label: `API ${version}.0`, url: `/services/data/v${version}.0`, version: `${version}.0` }))),
		);

		this.rest('GET', '/limits', () =>
			json(200, { DailyApiRequests: { Max: this.auth.allocation, Remaining: Math.max(0, this.auth.allocation - this.auth.used) } }),
		);

		this.rest('GET', '/query', (request, params) => {
			const soql = request.query.get('q');
			if (!soql) return restError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
			let records: Array<Record<string, unknown>>;
			try {
				records = runQuery(this.store, parseSoql(soql), params.version);
			} catch (error) {
				if (error instanceof SoqlError) return restError(400, error.errorCode, error.message);
				throw error;
			}
			const asked = /batchSize=(\d+)/i.exec(String(request.headers['sforce-query-options'] ?? ''));
			const batchSize = Math.min(Math.max(asked ? Number(asked[1]) : BATCH_DEFAULT, BATCH_MIN), BATCH_DEFAULT, this.serverBatchLimit ?? BATCH_DEFAULT);
			this.cursorCounter += 1;
			const cursorId = `01gSb${String(this.cursorCounter).padStart(10, '0')}`;
			const cursor: Cursor = { records, batchSize, version: params.version };
			this.cursors.set(cursorId, cursor);
			return this.queryPage(cursorId, cursor, 0);
		});

		this.rest('GET', '/query/:locator', (_request, params) => {
			const [cursorId, offset] = params.locator.split('-');
			const cursor = this.cursors.get(cursorId);
			if (!cursor || !/^\d+$/.test(offset ?? '')) return restError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
			return this.queryPage(cursorId, cursor, Number(offset));
		});

		this.rest('GET', '/sobjects/:sobject/:id', (request, params) => {
			const object = this.object(params.sobject);
			const row = object && this.store.find(object.name, params.id);
			if (!object || !row || row.IsDeleted === true) return NOT_FOUND();
			const asked = (request.query.get('fields') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
			const names = asked.length > 0 ? asked : Object.keys(object.fields);
			const record: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/${params.version}/sobjects/${object.name}/${row.Id}` } };
			for (const name of names) {
				const field = findField(object, name);
				if (!field) return restError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
				record[field.name] = row[field.name] ?? null;
			}
			return json(200, record);
		});

		this.rest('PATCH', '/sobjects/:sobject/:id', (request, params) => {
			const object = this.object(params.sobject, true);
			if (!object || !this.store.find(object.name, params.id)) return NOT_FOUND();
			const outcome = this.store.save(object, this.store.checkBody(object, (request.body ?? {}) as Record<string, unknown>), this.userOf(request), params.id);
			// "Update a Record": a successful PATCH answers 204 with no body.
			return outcome.ok ? { status: 204 } : json(400, toErrors(outcome.errors).map(({ statusCode, ...rest }) => ({ ...rest, errorCode: statusCode })));
		});

		this.rest('POST', '/sobjects/:sobject', (request, params) => {
			const object = this.object(params.sobject, true);
			if (!object) return NOT_FOUND();
			const outcome = this.store.save(object, this.store.checkBody(object, (request.body ?? {}) as Record<string, unknown>), this.userOf(request));
			if (!outcome.ok) return json(400, toErrors(outcome.errors).map(({ statusCode, ...rest }) => ({ ...rest, errorCode: statusCode })));
			return json(201, { id: outcome.id, success: true, errors: [] });
		});

		// "Insert or Update (Upsert) a Record Using an External ID": 201 when created, 200 when updated.
		this.rest('PATCH', '/sobjects/:sobject/:field/:value', (request, params) => {
			const object = this.object(params.sobject, true);
			const field = object && findField(object, params.field);
			if (!object || !field?.def.externalId) return restError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${params.field}`);
			const values = { ...this.store.checkBody(object, (request.body ?? {}) as Record<string, unknown>), [field.name]: params.value };
			const outcome = this.store.upsert(object, field.name, values, this.userOf(request));
			if (!outcome.ok) return json(400, toErrors(outcome.errors).map(({ statusCode, ...rest }) => ({ ...rest, errorCode: statusCode })));
			return json(outcome.created ? 201 : 200, { id: outcome.id, success: true, errors: [], created: outcome.created });
		});

		this.rest('GET', '/composite/sobjects/:sobject', (request, params) => {
			const object = this.object(params.sobject);
			if (!object) return NOT_FOUND();
			return retrieveCollection(this.store, object, request.query.get('ids') ?? '', request.query.get('fields') ?? '', params.version);
		});
		this.rest('POST', '/composite/sobjects', (request) => writeCollection(this.store, 'create', request.body, this.userOf(request)));
		this.rest('PATCH', '/composite/sobjects', (request) => writeCollection(this.store, 'update', request.body, this.userOf(request)));
		// "Upsert Records Using sObject Collections": PATCH .../composite/sobjects/{SObject}/{ExternalIdField}.
		this.rest('PATCH', '/composite/sobjects/:sobject/:field', (request, params) => {
			const object = this.object(params.sobject, true);
			if (!object) return NOT_FOUND();
			const field = findField(object, params.field);
			if (!field?.def.externalId) {
				return restError(400, 'INVALID_FIELD', `Field name provided, ${params.field} is not an External ID or indexed field for ${object.name}`);
			}
			return writeCollection(this.store, 'upsert', request.body, this.userOf(request), { object, field: field.name });
		});
	}
}
