import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';
import type { QuickBooksOnlineFake } from './index';
import { matches, parseQuery, QueryParseError, sortRecords } from './queryParser';
import { currencyRef, decimal, isoDay, QBO_COMPANY, QBO_REALM_ID, stamp, toCents, type Json, type StoredCustomer, type StoredInvoice, type StoredLine, type StoredPayment } from './store';
import { DAY_MS } from '../../core/time';

const COMPANY = '/v3/company/:realm';
// Query answers hold 100 entities unless MAXRESULTS asks for up to 1000 (data-queries).
const DEFAULT_MAX_RESULTS = 100;
const MAX_RESULTS = 1000;
// Recommended maximum of 30 payloads in one batch request (learn/limits-and-throttles).
const MAX_BATCH_ITEMS = 30;

/** Properties each entity's query may filter on (the "filterable" attributes of each entity reference). */
const FILTERABLE: Record<string, string[]> = {
	Customer: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'PrimaryEmailAddr', 'PrintOnCheckName', 'FullyQualifiedName', 'Active', 'Balance', 'Job', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
	Invoice: ['Id', 'DocNumber', 'TxnDate', 'DueDate', 'CustomerRef', 'Balance', 'TotalAmt', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
	Payment: ['Id', 'TxnDate', 'CustomerRef', 'TotalAmt', 'PaymentRefNum', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
	Item: ['Id', 'Name', 'Sku', 'Type', 'Active', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
	Account: ['Id', 'Name', 'AccountType', 'Classification', 'Active', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
	TaxCode: ['Id', 'Name', 'Active'],
};
/** Name lists that leave inactive entries out unless the query asks about Active. */
const HAS_ACTIVE = new Set(['Customer', 'Item', 'Account', 'TaxCode']);

type Outcome = { ok: true; entity: string; record: Json } | { ok: false; status: number; body: Json };

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const ref = (value: unknown): string | undefined => str((value as { value?: unknown } | undefined)?.value);
const outward = (record: Json): Json => Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'rate'));

export function registerAccountingRoutes(fake: QuickBooksOnlineFake): void {
	const { router, store } = fake;
	const tables: Record<string, Map<string, Json>> = {
		Customer: store.customers as unknown as Map<string, Json>,
		Invoice: store.invoices as unknown as Map<string, Json>,
		Payment: store.payments as unknown as Map<string, Json>,
		Item: store.items,
		Account: store.accounts,
		TaxCode: store.taxCodes as unknown as Map<string, Json>,
	};
	const entityOf = (name: string): string | undefined => Object.keys(tables).find((entity) => entity.toLowerCase() === name.toLowerCase());
	const answer = (entity: string, record: Json): SandboxResponse => json(200, { [entity]: outward(record), time: new Date().toISOString() });
	const fail = (outcome: Extract<Outcome, { ok: false }>): SandboxResponse => json(outcome.status, outcome.body);
	const invalid = (code: string, message: string, detail: string, element = '', status = 400): Extract<Outcome, { ok: false }> => ({ ok: false, status, body: fake.fault('ValidationFault', code, message, detail, element) });
	const business = (detail: string, element = ''): Extract<Outcome, { ok: false }> => ({ ok: false, status: 400, body: fake.fault('ValidationFault', '6000', 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`, element) });
	const missing = (entity: string, element: string) => invalid('2020', 'Required param missing, need to supply the required value for the API', `Required parameter ${element} is missing in the request`, element);
	const tooLong = (element: string, max: number) => invalid('2050', 'String length is either shorter or longer than supported by specification', `String length specified does not match the supported length. Min:0 Max:${max} supplied length for ${element}`, element);
	const invalidRef = (element: string) => invalid('2500', 'Invalid Reference Id', "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.", element);
	const notFound = (entity: string, id: string) => invalid('610', 'Object Not Found', `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (${entity} ${id})`);
	const stale = () => invalid('5010', 'Stale Object Error', 'Stale Object Error : You and Meridian Bookkeeper were working on this at the same time. Meridian Bookkeeper finished before you did, so your work was not saved.');

	/** An update names the entity by Id and the version it read by SyncToken (optimistic concurrency). */
	const current = (entity: string, body: Json): { record?: Json; failure?: Extract<Outcome, { ok: false }> } => {
		const id = str(body.Id);
		if (!id) return { failure: missing(entity, 'Id') };
		const record = tables[entity].get(id);
		if (!record) return { failure: notFound(entity, id) };
		if (str(body.SyncToken) === undefined) return { failure: missing(entity, 'SyncToken') };
		if (String(body.SyncToken) !== String(record.SyncToken)) return { failure: stale() };
		return { record };
	};

	// ---- queries -------------------------------------------------------------------------------
	const runQuery = (source: string): Outcome => {
		let parsed;
		try {
			parsed = parseQuery(source);
		} catch (error) {
			const reason = error instanceof QueryParseError ? error.message : `unreadable statement (${String(error)})`;
			return invalid('4000', 'Error parsing query', `QueryParserError: ${reason}`);
		}
		const entity = entityOf(parsed.entity);
		if (!entity) return invalid('4001', 'Invalid query', `QueryValidationError: Unsupported Entity ${parsed.entity}`);
		for (const condition of parsed.where) {
			if (!FILTERABLE[entity].some((property) => property.toLowerCase() === condition.property.toLowerCase())) {
				return invalid('4001', 'Invalid query', `QueryValidationError: property '${condition.property}' is not queryable`);
			}
		}
		const asksActive = parsed.where.some((condition) => condition.property.toLowerCase() === 'active');
		const found = [...tables[entity].values()].filter((record) => (asksActive || !HAS_ACTIVE.has(entity) || record.Active !== false) && parsed.where.every((condition) => matches(record, condition)));
		if (parsed.count) return { ok: true, entity: 'QueryResponse', record: { totalCount: found.length } };
		const start = Math.max(1, parsed.startPosition ?? 1);
		// MAXRESULTS above 1000 is cut to 1000.
		const max = Math.min(MAX_RESULTS, Math.max(1, parsed.maxResults ?? DEFAULT_MAX_RESULTS));
		const page = sortRecords(found, parsed.orderBy).slice(start - 1, start - 1 + max).map(outward);
		return { ok: true, entity: 'QueryResponse', record: page.length === 0 ? {} : { [entity]: page, startPosition: start, maxResults: page.length } };
	};
	const queryAnswer = (source: string): SandboxResponse => {
		const outcome = runQuery(source);
		return outcome.ok ? json(200, { QueryResponse: outcome.record, time: new Date().toISOString() }) : fail(outcome);
	};
	router.on('GET', `${COMPANY}/query`, (request) => queryAnswer(request.query.get('query') ?? ''));
	// A long statement may go as the body of a POST, Content-Type application/text.
	router.on('POST', `${COMPANY}/query`, (request) => queryAnswer(request.rawBody));

	// ---- customers -----------------------------------------------------------------------------
	const nameTaken = (name: string, selfId?: string): boolean => [...store.customers.values()].some((customer) => customer.Id !== selfId && customer.DisplayName.toLowerCase() === name.toLowerCase());
	const writeCustomer = (body: Json, update: boolean): Outcome => {
		let target: StoredCustomer | undefined;
		if (update) {
			const found = current('Customer', body);
			if (found.failure) return found.failure;
			target = found.record as StoredCustomer;
		}
		const name = str(body.DisplayName) ?? target?.DisplayName;
		if (!name) return missing('Customer', 'DisplayName');
		if (name.length > 500) return tooLong('DisplayName', 500);
		if (typeof body.Notes === 'string' && body.Notes.length > 2000) return tooLong('Notes', 2000);
		// DisplayName must be unique across all Customer, Vendor, and Employee objects.
		if (nameTaken(name, target?.Id)) return invalid('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.', 'DisplayName');
		const email = str((body.PrimaryEmailAddr as Json | undefined)?.Address);
		if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return invalid('2040', 'Invalid String', `Email Address does not conform to the syntax rules of RFC 822. Supplied value:${email}`, 'PrimaryEmailAddr');
		const currency = ref(body.CurrencyRef) ?? QBO_COMPANY.HomeCurrency;
		if (!update && !/^(GBP|EUR|USD)$/.test(currency)) return invalidRef('CurrencyRef');
		const now = Date.now();
		const fields = Object.fromEntries(Object.entries(body).filter(([key]) => !['Id', 'SyncToken', 'sparse', 'MetaData', 'Balance', 'BalanceWithJobs', 'CurrencyRef', 'FullyQualifiedName', 'domain'].includes(key)));
		if (target) {
			const sparse = body.sparse === true;
			const kept: Json = sparse ? { ...target } : { Id: target.Id, SyncToken: target.SyncToken, CurrencyRef: target.CurrencyRef, Balance: target.Balance, BalanceWithJobs: target.BalanceWithJobs, MetaData: target.MetaData, domain: 'QBO', sparse: false };
			const updated = Object.assign(kept, fields, { DisplayName: name, FullyQualifiedName: name, Active: body.Active ?? target.Active }) as unknown as StoredCustomer;
			store.touch(updated, now);
			store.customers.set(updated.Id, updated);
			return { ok: true, entity: 'Customer', record: updated };
		}
		const created: StoredCustomer = {
			Active: true,
			Job: false,
			BillWithParent: false,
			Taxable: false,
			PreferredDeliveryMethod: 'Print',
			...fields,
			Id: store.newId('Customer'),
			SyncToken: '0',
			DisplayName: name,
			FullyQualifiedName: name,
			PrintOnCheckName: str(body.PrintOnCheckName) ?? name,
			CurrencyRef: currencyRef(currency),
			Balance: 0,
			BalanceWithJobs: 0,
			MetaData: { CreateTime: stamp(now), LastUpdatedTime: stamp(now) },
			domain: 'QBO',
			sparse: false,
		};
		store.customers.set(created.Id, created);
		return { ok: true, entity: 'Customer', record: created };
	};

	// ---- invoices ------------------------------------------------------------------------------
	const invoiceLines = (body: Json): { lines?: StoredLine[]; failure?: Extract<Outcome, { ok: false }> } => {
		const raw = body.Line;
		if (!Array.isArray(raw) || raw.length === 0) return { failure: missing('Invoice', 'Line') };
		const lines: StoredLine[] = [];
		for (const [index, entry] of (raw as Json[]).entries()) {
			if (entry.DetailType === 'SubTotalLineDetail') continue;
			if (entry.DetailType !== 'SalesItemLineDetail') return { failure: invalid('2010', 'Request has invalid or unsupported property', `Property Name:Can not instantiate value of type DetailType from String value ('${String(entry.DetailType)}')`, 'Line.DetailType') };
			if (typeof entry.Amount !== 'number') return { failure: missing('Invoice', 'Line.Amount') };
			const detail = (entry.SalesItemLineDetail ?? {}) as Json;
			const itemId = ref(detail.ItemRef) ?? '1';
			const item = store.items.get(itemId);
			if (!item || item.Active === false) return { failure: invalidRef('Line.SalesItemLineDetail.ItemRef') };
			const taxCode = ref(detail.TaxCodeRef);
			if (taxCode && !store.taxCodes.has(taxCode)) return { failure: invalidRef('Line.SalesItemLineDetail.TaxCodeRef') };
			const qty = typeof detail.Qty === 'number' ? detail.Qty : undefined;
			const price = typeof detail.UnitPrice === 'number' ? detail.UnitPrice : undefined;
			if (qty !== undefined && price !== undefined && Math.round(Number((qty * price * 100).toPrecision(15))) !== toCents(entry.Amount)) {
				return { failure: business(`Amount is not equal to UnitPrice * Qty. Supplied value:${entry.Amount}`, 'Line.Amount') };
			}
			lines.push({
				Id: String(index + 1),
				LineNum: index + 1,
				...(str(entry.Description) ? { Description: String(entry.Description) } : { Description: String(item.Description ?? item.Name) }),
				Amount: decimal(toCents(entry.Amount)),
				DetailType: 'SalesItemLineDetail',
				SalesItemLineDetail: { ItemRef: { value: itemId, name: String(item.Name) }, ...(qty !== undefined ? { Qty: qty } : {}), ...(price !== undefined ? { UnitPrice: price } : {}), ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}) },
			});
		}
		return { lines };
	};

	const createInvoice = (body: Json): Outcome => {
		const customerId = ref(body.CustomerRef);
		if (!customerId) return missing('Invoice', 'CustomerRef');
		const customer = store.customers.get(customerId);
		if (!customer || !customer.Active) return invalidRef('CustomerRef');
		const currency = ref(body.CurrencyRef) ?? customer.CurrencyRef.value;
		if (currency !== customer.CurrencyRef.value) return business(`The currency of the transaction (${currency}) does not match the currency of customer ${customer.DisplayName} (${customer.CurrencyRef.value}).`, 'CurrencyRef');
		const docNumber = str(body.DocNumber);
		if (docNumber && docNumber.length > 21) return tooLong('DocNumber', 21);
		// The company warns on duplicate numbers (Preferences.SalesFormsPrefs: custom transaction numbers).
		if (docNumber && [...store.invoices.values()].some((invoice) => invoice.DocNumber === docNumber)) return invalid('6140', 'Duplicate Document Number Error', `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${docNumber} is assigned to TxnType=Invoice`, 'DocNumber');
		if (typeof body.PrivateNote === 'string' && body.PrivateNote.length > 4000) return tooLong('PrivateNote', 4000);
		const txnDate = str(body.TxnDate) ?? isoDay(Date.now());
		if (!/^\d{4}-\d{2}-\d{2}$/.test(txnDate)) return invalid('2070', 'Invalid Date', `Date is invalid. Supplied value:${txnDate}`, 'TxnDate');
		const dueDate = str(body.DueDate) ?? isoDay(Date.parse(`${txnDate}T00:00:00Z`) + 30 * DAY_MS);
		const parsed = invoiceLines(body);
		if (parsed.failure) return parsed.failure;
		const now = Date.now();
		const invoice: StoredInvoice = {
			Id: store.newId('Invoice'),
			SyncToken: '0',
			DocNumber: docNumber ?? store.nextDocNumber(),
			TxnDate: txnDate,
			DueDate: dueDate,
			CustomerRef: { value: customer.Id, name: customer.DisplayName },
			CurrencyRef: currencyRef(currency),
			ExchangeRate: 1,
			...(str(body.PrivateNote) ? { PrivateNote: String(body.PrivateNote) } : {}),
			...(str((body.CustomerMemo as Json | undefined)?.value) ? { CustomerMemo: body.CustomerMemo } : {}),
			...(ref(body.ProjectRef) ? { ProjectRef: { value: ref(body.ProjectRef)! } } : {}),
			Line: parsed.lines!,
			TxnTaxDetail: { TotalTax: 0 },
			TotalAmt: 0,
			Balance: 0,
			LinkedTxn: [],
			EmailStatus: 'NotSet',
			PrintStatus: 'NotSet',
			MetaData: { CreateTime: stamp(now), LastUpdatedTime: stamp(now) },
			domain: 'QBO',
			sparse: false,
		};
		store.computeTotals(invoice);
		store.invoices.set(invoice.Id, invoice);
		store.refreshCustomerBalances();
		return { ok: true, entity: 'Invoice', record: invoice };
	};

	const changeInvoice = (body: Json, operation: string | undefined): Outcome => {
		const found = current('Invoice', body);
		if (found.failure) return found.failure;
		const invoice = found.record as StoredInvoice;
		if (operation === 'void') {
			store.voidInvoice(invoice, Date.now());
			store.refreshCustomerBalances();
			return { ok: true, entity: 'Invoice', record: invoice };
		}
		if (operation === 'delete') {
			if (invoice.LinkedTxn.length > 0) return business('This transaction is linked to other transactions and cannot be deleted.');
			store.invoices.delete(invoice.Id);
			return { ok: true, entity: 'Invoice', record: { Id: invoice.Id, status: 'Deleted', domain: 'QBO' } };
		}
		if (operation !== undefined && operation !== 'update') return invalid('2010', 'Request has invalid or unsupported property', `Unsupported operation ${operation}`);
		for (const field of ['DueDate', 'TxnDate', 'DocNumber', 'PrivateNote'] as const) if (typeof body[field] === 'string') invoice[field] = body[field] as string;
		if (body.CustomerMemo) invoice.CustomerMemo = body.CustomerMemo;
		if (body.Line !== undefined) {
			const parsed = invoiceLines(body);
			if (parsed.failure) return parsed.failure;
			invoice.Line = parsed.lines!;
		}
		store.computeTotals(invoice);
		store.touch(invoice);
		store.refreshCustomerBalances();
		return { ok: true, entity: 'Invoice', record: invoice };
	};

	// ---- payments ------------------------------------------------------------------------------
	const createPayment = (body: Json): Outcome => {
		const customerId = ref(body.CustomerRef);
		if (!customerId) return missing('Payment', 'CustomerRef');
		const customer = store.customers.get(customerId);
		if (!customer) return invalidRef('CustomerRef');
		if (typeof body.TotalAmt !== 'number') return missing('Payment', 'TotalAmt');
		if (body.TotalAmt < 0) return business('Amount should be greater than or equal to zero.', 'TotalAmt');
		const refNum = str(body.PaymentRefNum);
		if (refNum && refNum.length > 21) return tooLong('PaymentRefNum', 21);
		const deposit = ref(body.DepositToAccountRef) ?? '3';
		const account = store.accounts.get(deposit);
		if (!account || !['Bank', 'Other Current Asset'].includes(String(account.AccountType))) return invalidRef('DepositToAccountRef');
		const lines: StoredPayment['Line'] = [];
		for (const entry of (Array.isArray(body.Line) ? body.Line : []) as Json[]) {
			const linked = (Array.isArray(entry.LinkedTxn) ? entry.LinkedTxn : []) as Json[];
			if (typeof entry.Amount !== 'number') return missing('Payment', 'Line.Amount');
			for (const link of linked) {
				const invoice = link.TxnType === 'Invoice' ? store.invoices.get(String(link.TxnId)) : undefined;
				if (!invoice || invoice.CustomerRef.value !== customer.Id) return invalidRef('Line.LinkedTxn');
				if (toCents(entry.Amount) > toCents(invoice.Balance)) return business(`The payment amount ${entry.Amount} is more than the open balance ${invoice.Balance} of invoice ${invoice.DocNumber ?? invoice.Id}.`, 'Line.Amount');
			}
			lines.push({ Amount: decimal(toCents(entry.Amount)), LinkedTxn: linked.map((link) => ({ TxnId: String(link.TxnId), TxnType: String(link.TxnType) })) });
		}
		const applied = lines.reduce((sum, line) => sum + toCents(line.Amount), 0);
		// Lines may apply no more than the payment's total; the rest stays unapplied credit.
		if (applied > toCents(body.TotalAmt)) return business('The amount applied to the linked transactions is more than the payment total.', 'TotalAmt');
		const now = Date.now();
		const payment: StoredPayment = {
			Id: store.newId('Payment'),
			SyncToken: '0',
			TxnDate: str(body.TxnDate) ?? isoDay(now),
			CustomerRef: { value: customer.Id, name: customer.DisplayName },
			CurrencyRef: currencyRef(ref(body.CurrencyRef) ?? customer.CurrencyRef.value),
			ExchangeRate: 1,
			TotalAmt: decimal(toCents(body.TotalAmt)),
			UnappliedAmt: decimal(toCents(body.TotalAmt) - applied),
			...(refNum ? { PaymentRefNum: refNum } : {}),
			...(str(body.PrivateNote) ? { PrivateNote: String(body.PrivateNote) } : {}),
			DepositToAccountRef: { value: deposit, name: String(account.Name) },
			ProcessPayment: false,
			Line: lines,
			MetaData: { CreateTime: stamp(now), LastUpdatedTime: stamp(now) },
			domain: 'QBO',
			sparse: false,
		};
		store.payments.set(payment.Id, payment);
		store.applyPayment(payment, now);
		store.refreshCustomerBalances();
		return { ok: true, entity: 'Payment', record: payment };
	};

	// ---- entity endpoints ----------------------------------------------------------------------
	const write = (entity: string, body: Json, operation: string | undefined): Outcome => {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return invalid('2010', 'Request has invalid or unsupported property', 'Request body is not a JSON object');
		if (entity === 'Customer') return writeCustomer(body, str(body.Id) !== undefined);
		if (entity === 'Invoice') return str(body.Id) !== undefined || operation ? changeInvoice(body, operation) : createInvoice(body);
		if (entity === 'Payment') {
			if (str(body.Id) === undefined) return createPayment(body);
			return invalid('2010', 'Request has invalid or unsupported property', 'The sandbox does not update payments');
		}
		return invalid('2010', 'Request has invalid or unsupported property', `The sandbox does not write ${entity}`);
	};

	for (const name of ['customer', 'invoice', 'payment']) {
		const entity = entityOf(name)!;
		router.on('POST', `${COMPANY}/${name}`, fake.replayable((request: SandboxRequest) => {
			const outcome = write(entity, request.body as Json, request.query.get('operation') ?? undefined);
			return outcome.ok ? answer(outcome.entity, outcome.record) : fail(outcome);
		}));
	}

	router.on('GET', `${COMPANY}/companyinfo/:id`, (_request, params) => {
		if (params.id !== QBO_REALM_ID) return fail(notFound('CompanyInfo', params.id));
		return answer('CompanyInfo', { Id: '1', SyncToken: '0', CompanyName: QBO_COMPANY.CompanyName, LegalName: QBO_COMPANY.LegalName, Country: QBO_COMPANY.Country, CompanyAddr: { City: 'London', Country: 'GB' }, FiscalYearStartMonth: 'April', SupportedLanguages: 'en', domain: 'QBO' });
	});
	router.on('GET', `${COMPANY}/preferences`, () =>
		answer('Preferences', { Id: '1', SyncToken: '0', CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: { value: QBO_COMPANY.HomeCurrency } }, SalesFormsPrefs: { CustomTxnNumbers: true, DefaultTerms: { value: '3' } }, domain: 'QBO' }),
	);
	router.on('GET', `${COMPANY}/:entity/:id`, (_request, params) => {
		const entity = entityOf(params.entity);
		if (!entity) return fake.unknownPath();
		const record = tables[entity].get(params.id);
		return record ? answer(entity, record) : fail(notFound(entity, params.id));
	});

	// ---- batch ---------------------------------------------------------------------------------
	router.on('POST', `${COMPANY}/batch`, fake.replayable((request) => {
		const items = ((request.body as Json | undefined)?.BatchItemRequest ?? []) as Json[];
		if (!Array.isArray(items) || items.length === 0) return fail(missing('Batch', 'BatchItemRequest'));
		if (items.length > MAX_BATCH_ITEMS) return fail(invalid('2010', 'Request has invalid or unsupported property', `The batch holds ${items.length} BatchItemRequest items; at most ${MAX_BATCH_ITEMS}`));
		const responses = items.map((item) => {
			const bId = String(item.bId ?? '');
			if (typeof item.Query === 'string') {
				const outcome = runQuery(item.Query);
				return outcome.ok ? { bId, QueryResponse: outcome.record } : { bId, Fault: (outcome.body as Json).Fault };
			}
			const entity = Object.keys(tables).find((name) => item[name] !== undefined);
			if (!entity) return { bId, Fault: fake.fault('ValidationFault', '2010', 'Request has invalid or unsupported property', 'A BatchItemRequest needs an entity or a Query').Fault };
			const operation = String(item.operation ?? 'create');
			const body = item[entity] as Json;
			const outcome =
				operation === 'create' ? write(entity, { ...body, Id: undefined }, undefined)
				: operation === 'update' ? write(entity, body, String(item.optionsData ?? '') === 'void' ? 'void' : undefined)
				: operation === 'delete' ? write(entity, body, 'delete')
				: invalid('2010', 'Request has invalid or unsupported property', `Unsupported batch operation ${operation}`);
			return outcome.ok ? { bId, [outcome.entity]: outward(outcome.record) } : { bId, Fault: (outcome.body as Json).Fault };
		});
		return json(200, { BatchItemResponse: responses, time: new Date().toISOString() });
	}));
}
