import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';
import type { BusinessCentralFake } from './index';
import { registerDocumentRoutes } from './documentRoutes';
import { evaluate, filterFields, page, parseFilter } from './odataQuery';
import { BC_COMPANY_ID, BC_CURRENCIES, BC_LOCAL_CURRENCY, type Row } from './store';

export const ROOT = '/v2.0/:tenant/:environment/api/v2.0';
export const COMPANY = `${ROOT}/companies(:companyId)`;

/** Route templates carry OData keys in parentheses: escape them for the sandbox router's regex. */
export const odataRoute = (template: string): string => template.replace(/\(/g, '\\(').replace(/\)/g, '\\)');

/** Shared helpers of the entity routes. */
export class Replies {
	constructor(readonly fake: BusinessCentralFake) {}

	badRequest(message: string, code = 'BadRequest'): SandboxResponse {
		return this.fake.error(400, code, message);
	}

	notFound(entity: string): SandboxResponse {
		return this.fake.error(404, 'BadRequest_NotFound', `The ${entity} does not exist. Identification fields and values: the requested resource`);
	}

	companyMissing(params: Record<string, string>): SandboxResponse | undefined {
		if (params.companyId?.toLowerCase() === BC_COMPANY_ID) return undefined;
		return this.fake.error(404, 'Internal_CompanyNotFound', `Cannot process the request because the company '${params.companyId}' cannot be found.`);
	}

	entity(request: SandboxRequest, row: Row, status = 200): SandboxResponse {
		return json(status, { '@odata.context': `${request.vendorBaseUrl}${request.path.split('/api/v2.0/')[0]}/api/v2.0/$metadata#entity`, ...row });
	}

	/** A filtered, ordered, paged collection, answered as BC does (value + @odata.nextLink). */
	collection(request: SandboxRequest, rows: Row[], known: string[], extraFilter?: (row: Row) => boolean): SandboxResponse {
		let list = extraFilter ? rows.filter(extraFilter) : rows;
		const filter = request.query.get('$filter');
		if (filter) {
			let expression;
			try {
				expression = parseFilter(filter);
			} catch (error) {
				return this.badRequest(`Bad Request - Error in query syntax. ${(error as Error).message}`, 'BadRequest_NotFound');
			}
			const unknown = filterFields(expression).find((field) => !known.includes(field));
			if (unknown) return this.badRequest(`Could not find a property named '${unknown}' on type 'Microsoft.NAV.entity'.`, 'BadRequest_NotFound');
			const parsed = expression;
			list = list.filter((row) => evaluate(parsed, row));
		}
		const prefer = request.headers.prefer;
		const result = page(list, {
			query: request.query,
			prefer: Array.isArray(prefer) ? prefer.join(',') : prefer,
			serverPageSize: this.fake.serverPageSize,
			selfUrl: `${request.vendorBaseUrl}${request.path}`,
		});
		return json(
			200,
			{ '@odata.context': `${request.vendorBaseUrl}/$metadata#collection`, value: result.value, ...(result.nextLink ? { '@odata.nextLink': result.nextLink } : {}) },
			result.applied ? { 'preference-applied': result.applied } : {},
		);
	}

	/** If-Match on PATCH and DELETE: required, and refused with 412 when the record changed since it was read. */
	concurrency(request: SandboxRequest, row: Row): SandboxResponse | undefined {
		const header = request.headers['if-match'];
		const tag = Array.isArray(header) ? header[0] : header;
		if (!tag) return this.badRequest('Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.', 'BadRequest_InvalidToken');
		if (tag !== '*' && tag !== row['@odata.etag']) return this.fake.error(412, 'Request_EntityChanged', 'Another user has already changed the record.');
		return undefined;
	}

	/** Writable properties only; BC refuses a property its entity type does not have. */
	writable(body: unknown, allowed: string[], readOnly: string[] = []): { values: Record<string, unknown> } | { error: SandboxResponse } {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return { error: this.badRequest('Invalid Request Body') };
		const values: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
			if (key.startsWith('@odata') || readOnly.includes(key)) continue;
			if (!allowed.includes(key)) return { error: this.badRequest(`The property '${key}' does not exist on type 'Microsoft.NAV.entity'. Make sure to only use property names that are defined by the type.`) };
			values[key] = value;
		}
		return { values };
	}

	/** Currency codes: blank for the local currency, else one of the company's currencies. */
	currency(code: unknown, table: string): SandboxResponse | undefined {
		const value = String(code ?? '');
		if (value === '' || BC_CURRENCIES.includes(value)) return undefined;
		return this.badRequest(`The field Currency Code of table ${table} contains a value (${value}) that cannot be found in the related table (Currency).${value === BC_LOCAL_CURRENCY ? ' Leave it blank for the local currency.' : ''}`, 'Internal_InvalidTableRelation');
	}
}

const CUSTOMER_FIELDS = ['number', 'displayName', 'type', 'addressLine1', 'addressLine2', 'city', 'state', 'country', 'postalCode', 'phoneNumber', 'email', 'website', 'salespersonCode', 'creditLimit', 'taxLiable', 'taxAreaId', 'taxRegistrationNumber', 'currencyId', 'currencyCode', 'paymentTermsId', 'shipmentMethodId', 'paymentMethodId', 'blocked'];
const CUSTOMER_READ_ONLY = ['id', 'balanceDue', 'lastModifiedDateTime', 'taxAreaDisplayName'];

export function registerEntityRoutes(fake: BusinessCentralFake): void {
	const { router, store } = fake;
	const replies = new Replies(fake);
	const on = (method: string, template: string, handler: (request: SandboxRequest, params: Record<string, string>) => SandboxResponse | Promise<SandboxResponse>) =>
		router.on(method, odataRoute(template), (request, params) => replies.companyMissing(params) ?? handler(request, params));

	router.on('GET', `${ROOT}/companies`, (request) => replies.collection(request, [store.company], ['id', 'name', 'displayName']));
	on('GET', COMPANY, (request) => replies.entity(request, store.company));
	on('GET', `${COMPANY}/generalLedgerSetup`, (request) =>
		replies.collection(request, [{ id: '00000000-0000-0000-0000-000000000001', localCurrencyCode: BC_LOCAL_CURRENCY, localCurrencySymbol: '£', additionalReportingCurrency: '' }], ['id', 'localCurrencyCode']),
	);
	on('GET', `${COMPANY}/accounts`, (request) => replies.collection(request, store.accounts, ['id', 'number', 'displayName', 'category', 'subCategory', 'blocked', 'accountType', 'directPosting']));
	on('GET', `${COMPANY}/taxGroups`, (request) => replies.collection(request, store.taxGroups, ['id', 'code', 'displayName', 'taxType']));
	on('GET', `${COMPANY}/items`, (request) => replies.collection(request, store.items, ['id', 'number', 'displayName', 'type']));
	on('GET', `${COMPANY}/projects`, (request) => replies.collection(request, [...store.projects.values()], ['id', 'number', 'displayName']));
	on('GET', `${COMPANY}/projects(:id)`, (request, params) => {
		const project = store.projects.get(params.id.toLowerCase());
		return project ? replies.entity(request, project) : replies.notFound('Project');
	});

	on('GET', `${COMPANY}/customers`, (request) => replies.collection(request, [...store.customers.values()], [...CUSTOMER_FIELDS, ...CUSTOMER_READ_ONLY]));
	on('GET', `${COMPANY}/customers(:id)`, (request, params) => {
		const customer = store.customers.get(params.id.toLowerCase());
		return customer ? replies.entity(request, customer) : replies.notFound('Customer');
	});
	on('POST', `${COMPANY}/customers`, (request) => {
		const input = replies.writable(request.body, CUSTOMER_FIELDS, CUSTOMER_READ_ONLY);
		if ('error' in input) return input.error;
		const values = input.values;
		const number = values.number !== undefined && values.number !== '' ? String(values.number).toUpperCase() : store.nextCustomerNumber();
		if (number.length > 20) return replies.badRequest(`The length of the string is ${number.length}, but it must be less than or equal to 20 characters. Value: ${number}`, 'Application_StringExceededLength');
		if ([...store.customers.values()].some((customer) => customer.number === number)) {
			return replies.badRequest(`The record in table Customer already exists. Identification fields and values: No.='${number}'`, 'Internal_EntityWithSameKeyExists');
		}
		const invalidCurrency = replies.currency(values.currencyCode, 'Customer');
		if (invalidCurrency) return invalidCurrency;
		const customer: Row = {
			id: store.newId('customer'),
			number,
			displayName: '', type: 'Company', addressLine1: '', addressLine2: '', city: '', state: '', country: '', postalCode: '',
			phoneNumber: '', email: '', website: '', salespersonCode: '', balanceDue: 0, creditLimit: 0, taxLiable: false,
			taxRegistrationNumber: '', currencyCode: '', blocked: ' ',
			...values,
		};
		customer.number = number;
		store.customers.set(customer.id, store.touch(customer));
		return replies.entity(request, customer, 201);
	});
	on('PATCH', `${COMPANY}/customers(:id)`, (request, params) => {
		const customer = store.customers.get(params.id.toLowerCase());
		if (!customer) return replies.notFound('Customer');
		const refused = replies.concurrency(request, customer);
		if (refused) return refused;
		const input = replies.writable(request.body, CUSTOMER_FIELDS, CUSTOMER_READ_ONLY);
		if ('error' in input) return input.error;
		const invalidCurrency = replies.currency(input.values.currencyCode, 'Customer');
		if (invalidCurrency) return invalidCurrency;
		if (input.values.number !== undefined && String(input.values.number).toUpperCase() !== customer.number) {
			return replies.badRequest('You cannot rename a Customer through the API: No. is the key.', 'Application_DialogException');
		}
		Object.assign(customer, input.values, { number: customer.number });
		return replies.entity(request, store.touch(customer));
	});

	registerDocumentRoutes(fake, replies, on);

	router.on('POST', `${ROOT}/` + '$batch', async (request) => await runBatch(fake, request));
}

/** JSON `$batch` (webservices/use-odata-batch): each inner request runs through the same routes, answered in `responses`. */
async function runBatch(fake: BusinessCentralFake, request: SandboxRequest): Promise<SandboxResponse> {
	const body = (request.body ?? {}) as { requests?: Array<{ id?: string; method?: string; url?: string; headers?: Record<string, string>; body?: unknown }> };
	if (!Array.isArray(body.requests)) return fake.error(400, 'BadRequest', 'Invalid Request Body: a JSON batch needs "requests".');
	// A $batch request holds at most 100 operations (BC API limits).
	if (body.requests.length > 100) return fake.error(400, 'BadRequest', `The batch holds ${body.requests.length} operations; the maximum is 100.`);
	const root = request.path.replace(/\/\$batch$/, '');
	const responses = [];
	for (const inner of body.requests) {
		const [path, query = ''] = String(inner.url ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/^\//, '').split('?');
		const innerPath = path.startsWith('v2.0/') ? `/${path}` : `${root}/${path}`;
		const method = String(inner.method ?? 'GET').toUpperCase();
		const headers = { ...request.headers, ...Object.fromEntries(Object.entries(inner.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value])) };
		const matched = fake.router.match(method, innerPath);
		let answer: SandboxResponse;
		if (!matched || innerPath.endsWith('/$batch')) {
			answer = fake.notFound({ ...request, method, path: innerPath });
		} else {
			answer = await matched.route.handler(
				{ ...request, method, path: innerPath, query: new URLSearchParams(query), headers, body: inner.body, rawBody: inner.body === undefined ? '' : JSON.stringify(inner.body) },
				matched.params,
			);
		}
		responses.push({ id: inner.id ?? null, status: answer.status, headers: { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0', ...answer.headers }, ...(answer.body !== undefined ? { body: answer.body } : {}) });
	}
	return json(200, { responses });
}
