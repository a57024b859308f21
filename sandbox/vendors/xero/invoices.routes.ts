import type { SandboxRequest, SandboxResponse } from '../../core/http';
import type { XeroFake } from './index';
import { listAnswer } from './listing';
import { midnight, toCents, type InvoiceStatus, type StoredInvoice, type StoredLine } from './store';

const API = '/api.xro/2.0';
const INVOICE_FIELDS = ['Type', 'InvoiceID', 'InvoiceNumber', 'Reference', 'Status', 'Date', 'DueDate', 'AmountDue', 'AmountPaid', 'Total', 'SubTotal', 'CurrencyCode', 'Contact', 'UpdatedDateUTC'];
const CURRENCIES = new Set(['GBP', 'EUR', 'USD']);
// Xero's own wording for these refusals (Accounting API invoices, validation errors and examples).
const NOT_MODIFIABLE = 'Invoice not of valid status for modification';
const NO_CONTACT = 'The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber';

type Body = Record<string, unknown>;

/** Elements of a write body: `{ "Invoices": [...] }` or one bare record. */
export function elementsOf(body: unknown, key: string): Body[] {
	if (!body || typeof body !== 'object') return [];
	const list = (body as Body)[key];
	return Array.isArray(list) ? (list as Body[]) : [body as Body];
}

export function parseDate(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const time = midnight(value);
	return Number.isNaN(time) ? undefined : time;
}

/** Writes answered per element when summarizeErrors=false; otherwise one error refuses the request. */
export function writeAnswer(fake: XeroFake, request: SandboxRequest, key: string, results: Array<{ ok: boolean; element: Body; raw: Body }>, commit: () => void): SandboxResponse {
	const summarize = request.query.get('summarizeErrors') !== 'false';
	// Summarised: one bad element refuses the whole request, and nothing is written.
	if (summarize && results.some((result) => !result.ok)) return fake.validation(results.map((result) => (result.ok ? { ...result.raw, ValidationErrors: [] } : result.element)));
	commit();
	return fake.envelope({ [key]: results.map((result) => ({ ...result.element, StatusAttributeString: result.ok ? 'OK' : 'ERROR' })) });
}

function readLines(fake: XeroFake, input: unknown, errors: string[]): StoredLine[] {
	const store = fake.store;
	const lines: StoredLine[] = [];
	for (const raw of Array.isArray(input) ? (input as Body[]) : []) {
		const accountCode = typeof raw.AccountCode === 'string' && raw.AccountCode !== '' ? raw.AccountCode : undefined;
		if (accountCode && !store.accounts.some((account) => account.Code === accountCode && account.Status === 'ACTIVE')) errors.push(`Account code '${accountCode}' is not a valid code for this document.`);
		const itemCode = typeof raw.ItemCode === 'string' && raw.ItemCode !== '' ? raw.ItemCode : undefined;
		if (itemCode && !store.items.some((item) => item.Code === itemCode)) errors.push(`Item code '${itemCode}' is not valid`);
		const taxType = typeof raw.TaxType === 'string' && raw.TaxType !== '' ? raw.TaxType : 'NONE';
		const rate = store.taxRates.find((candidate) => candidate.TaxType === taxType);
		if (!rate || !rate.CanApplyToRevenue) errors.push(`The TaxType code '${taxType}' does not exist or cannot be used with account code '${accountCode ?? ''}'.`);
		const description = typeof raw.Description === 'string' ? raw.Description : '';
		if (description.trim() === '' && !itemCode) errors.push('Description must be specified.');
		const quantity = raw.Quantity === undefined ? 1 : Number(raw.Quantity);
		const unit = Number(raw.UnitAmount ?? 0);
		if (!Number.isFinite(quantity) || !Number.isFinite(unit)) {
			errors.push('Quantity and UnitAmount must be numbers.');
			continue;
		}
		lines.push({ LineItemID: store.newId('line'), Description: description, quantity4: Math.round(quantity * 10_000), unitCents: toCents(unit), AccountCode: accountCode, ItemCode: itemCode, TaxType: taxType });
	}
	return lines;
}

/** Validates one invoice element of a create; returns the invoice to store, or Xero's messages. */
function readNewInvoice(fake: XeroFake, raw: Body, numbersTaken: Set<string>): { invoice?: StoredInvoice; errors: string[] } {
	const store = fake.store;
	const errors: string[] = [];
	const contactInput = (raw.Contact ?? {}) as Body;
	let contactId: string | undefined;
	if (typeof contactInput.ContactID === 'string' && contactInput.ContactID !== '') {
		contactId = store.contacts.get(contactInput.ContactID.toLowerCase())?.ContactID;
		if (!contactId) errors.push(`The contact with the supplied ContactID '${contactInput.ContactID}' was not found.`);
	} else if (typeof contactInput.ContactNumber === 'string' && contactInput.ContactNumber !== '') {
		contactId = store.findContact(contactInput.ContactNumber)?.ContactID;
		if (!contactId) errors.push(`The contact with the supplied ContactNumber '${contactInput.ContactNumber}' was not found.`);
	} else errors.push(NO_CONTACT);
	if (raw.Type !== 'ACCREC') errors.push('Invoice Type must be specified as ACCREC for a sales invoice.');
	const currency = typeof raw.CurrencyCode === 'string' && raw.CurrencyCode !== '' ? raw.CurrencyCode : 'GBP';
	if (!CURRENCIES.has(currency)) errors.push(`The currency code '${currency}' is not enabled for this organisation.`);
	const date = raw.Date === undefined ? midnight(new Date().toISOString()) : parseDate(raw.Date);
	if (date === undefined) errors.push('Date is not a valid date.');
	const dueDate = raw.DueDate === undefined ? undefined : parseDate(raw.DueDate);
	if (raw.DueDate !== undefined && dueDate === undefined) errors.push('Due Date is not a valid date.');
	const lines = readLines(fake, raw.LineItems, errors);
	if (lines.length === 0) errors.push('Invoices must have at least one line item.');
	const status = (raw.Status ?? 'DRAFT') as InvoiceStatus;
	if (!['DRAFT', 'SUBMITTED', 'AUTHORISED'].includes(status)) errors.push(`Status '${String(raw.Status)}' is not valid for a new invoice.`);
	let number = typeof raw.InvoiceNumber === 'string' && raw.InvoiceNumber !== '' ? raw.InvoiceNumber : undefined;
	if (number && numbersTaken.has(number)) errors.push('Invoice # must be unique.');
	if (errors.length > 0) return { errors };
	number = number ?? store.nextInvoiceNumber();
	numbersTaken.add(number);
	return {
		errors,
		invoice: {
			InvoiceID: store.newId('invoice'),
			InvoiceNumber: number,
			Type: 'ACCREC',
			Reference: typeof raw.Reference === 'string' && raw.Reference !== '' ? raw.Reference : undefined,
			ContactID: contactId!,
			date: date!,
			dueDate: dueDate ?? (status === 'AUTHORISED' ? store.defaultDueDate(date!) : undefined),
			Status: status,
			CurrencyCode: currency,
			LineItems: lines,
			updatedAt: Date.now(),
		},
	};
}

/** Applies one element of POST /Invoices/{id} (status changes, due date, reference); returns Xero's messages. */
function updateInvoice(fake: XeroFake, invoice: StoredInvoice, raw: Body): string[] {
	const store = fake.store;
	const next = (raw.Status ?? invoice.Status) as InvoiceStatus;
	const editable = invoice.Status === 'DRAFT' || invoice.Status === 'SUBMITTED';
	if (next !== invoice.Status) {
		const allowed: Record<InvoiceStatus, InvoiceStatus[]> = {
			DRAFT: ['SUBMITTED', 'AUTHORISED', 'DELETED'],
			SUBMITTED: ['DRAFT', 'AUTHORISED', 'DELETED'],
			AUTHORISED: ['VOIDED'],
			PAID: [],
			VOIDED: [],
			DELETED: [],
		};
		if (!allowed[invoice.Status].includes(next)) return [NOT_MODIFIABLE];
		if (next === 'VOIDED' && store.totals(invoice).paid > 0) return ['This document cannot be voided as it has payments applied. Remove the payments and try again.'];
	} else if (!editable && (raw.LineItems !== undefined || raw.Contact !== undefined)) return [NOT_MODIFIABLE];
	const errors: string[] = [];
	const lines = raw.LineItems !== undefined ? readLines(fake, raw.LineItems, errors) : undefined;
	const dueDate = raw.DueDate !== undefined ? parseDate(raw.DueDate) : invoice.dueDate;
	if (raw.DueDate !== undefined && dueDate === undefined) errors.push('Due Date is not a valid date.');
	if (errors.length > 0) return errors;
	if (lines) invoice.LineItems = lines;
	if (typeof raw.Reference === 'string') invoice.Reference = raw.Reference || undefined;
	invoice.dueDate = dueDate ?? (next === 'AUTHORISED' ? store.defaultDueDate(invoice.date) : undefined);
	if (next !== invoice.Status) {
		store.history.get(invoice.InvoiceID)?.push({ DateUTC: Date.now(), User: 'Project-to-Cash Sandbox', Changes: next === 'AUTHORISED' ? 'Approved' : next === 'VOIDED' ? 'Voided' : next === 'DELETED' ? 'Deleted' : 'Edited', Details: `INV ${invoice.InvoiceNumber} ${next.toLowerCase()}` });
	}
	invoice.Status = next;
	invoice.updatedAt = Date.now();
	return [];
}

export function registerInvoiceRoutes(fake: XeroFake): void {
	const { router, store } = fake;

	router.on('GET', `${API}/Invoices`, (request) => {
		const statuses = (request.query.get('Statuses') ?? '').split(',').map((value) => value.trim()).filter(Boolean);
		const contactIds = (request.query.get('ContactIDs') ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
		const ids = (request.query.get('IDs') ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
		const numbers = (request.query.get('InvoiceNumbers') ?? '').split(',').map((value) => value.trim()).filter(Boolean);
		const records = [...store.invoices.values()].filter(
			(invoice) =>
				(statuses.length === 0 || statuses.includes(invoice.Status)) &&
				(contactIds.length === 0 || contactIds.includes(invoice.ContactID)) &&
				(ids.length === 0 || ids.includes(invoice.InvoiceID)) &&
				(numbers.length === 0 || numbers.includes(invoice.InvoiceNumber)),
		);
		return listAnswer(request, { key: 'Invoices', typeName: 'Invoice', fields: INVOICE_FIELDS, records, render: (invoice) => store.renderInvoice(invoice), updatedAt: (invoice) => invoice.updatedAt }, (body) => fake.envelope(body));
	});

	router.on('GET', `${API}/Invoices/:id`, (request, params) => {
		const invoice = store.findInvoice(params.id);
		return invoice ? fake.envelope({ Invoices: [store.renderInvoice(invoice)] }) : fake.missing();
	});

	router.on('PUT', `${API}/Invoices`, fake.idempotent((request) => {
		const taken = new Set([...store.invoices.values()].map((invoice) => invoice.InvoiceNumber));
		const created: StoredInvoice[] = [];
		const results = elementsOf(request.body, 'Invoices').map((raw) => {
			const { invoice, errors } = readNewInvoice(fake, raw, taken);
			if (!invoice) return { ok: false, raw, element: { ...raw, HasErrors: true, ValidationErrors: errors.map((Message) => ({ Message })) } };
			created.push(invoice);
			return { ok: true, raw, element: invoice as unknown as Body };
		});
		return writeAnswer(fake, request, 'Invoices', results, () => {
			for (const invoice of created) {
				store.invoices.set(invoice.InvoiceID, invoice);
				store.history.set(invoice.InvoiceID, [{ DateUTC: invoice.updatedAt, User: 'Project-to-Cash Sandbox', Changes: 'Created', Details: `INV ${invoice.InvoiceNumber} created through the API` }]);
			}
			results.forEach((result) => {
				if (result.ok) result.element = store.renderInvoice(result.element as unknown as StoredInvoice);
			});
		});
	}));

	// POST /Invoices creates or updates: an element naming an existing InvoiceID or InvoiceNumber
	// updates it, any other element is a new invoice (developer.xero.com/documentation/api/accounting/invoices, "POST Invoices").
	router.on('POST', `${API}/Invoices`, fake.idempotent((request) => {
		const taken = new Set([...store.invoices.values()].map((invoice) => invoice.InvoiceNumber));
		const created: StoredInvoice[] = [];
		const results = elementsOf(request.body, 'Invoices').map((raw) => {
			const key = [raw.InvoiceID, raw.InvoiceNumber].find((value): value is string => typeof value === 'string' && value !== '');
			const existing = key ? store.findInvoice(key) : undefined;
			if (existing) {
				const errors = updateInvoice(fake, existing, raw);
				return errors.length > 0
					? { ok: false, raw, element: { ...store.renderInvoice(existing), HasErrors: true, ValidationErrors: errors.map((Message) => ({ Message })) } }
					: { ok: true, raw, element: store.renderInvoice(existing) as Body };
			}
			if (typeof raw.InvoiceID === 'string' && raw.InvoiceID !== '') return { ok: false, raw, element: { ...raw, HasErrors: true, ValidationErrors: [{ Message: `Invoice with ID ${raw.InvoiceID} could not be found` }] } };
			const { invoice, errors } = readNewInvoice(fake, raw, taken);
			if (!invoice) return { ok: false, raw, element: { ...raw, HasErrors: true, ValidationErrors: errors.map((Message) => ({ Message })) } };
			created.push(invoice);
			return { ok: true, raw, element: invoice as unknown as Body, created: true };
		});
		return writeAnswer(fake, request, 'Invoices', results, () => {
			for (const invoice of created) {
				store.invoices.set(invoice.InvoiceID, invoice);
				store.history.set(invoice.InvoiceID, [{ DateUTC: invoice.updatedAt, User: 'Project-to-Cash Sandbox', Changes: 'Created', Details: `INV ${invoice.InvoiceNumber} created through the API` }]);
			}
			results.forEach((result) => {
				if (result.ok && 'created' in result) result.element = store.renderInvoice(result.element as unknown as StoredInvoice);
			});
		});
	}));

	router.on('POST', `${API}/Invoices/:id`, fake.idempotent((request, params) => {
		const invoice = store.findInvoice(params.id);
		if (!invoice) return fake.missing();
		const [raw = {}] = elementsOf(request.body, 'Invoices');
		const errors = updateInvoice(fake, invoice, raw);
		if (errors.length > 0) return fake.validation([{ ...store.renderInvoice(invoice), ValidationErrors: errors.map((Message) => ({ Message })) }]);
		return fake.envelope({ Invoices: [store.renderInvoice(invoice)] });
	}));

	router.on('GET', `${API}/Invoices/:id/History`, (request, params) => {
		const invoice = store.findInvoice(params.id);
		if (!invoice) return fake.missing();
		const records = [...(store.history.get(invoice.InvoiceID) ?? [])].sort((a, b) => b.DateUTC - a.DateUTC);
		return fake.envelope({ HistoryRecords: records.map((record) => ({ ...record, DateUTCString: new Date(record.DateUTC).toISOString().slice(0, 19), DateUTC: `/Date(${record.DateUTC}+0000)/` })) });
	});

	router.on('PUT', `${API}/Invoices/:id/History`, fake.idempotent((request, params) => {
		const invoice = store.findInvoice(params.id);
		if (!invoice) return fake.missing();
		const elements = elementsOf(request.body, 'HistoryRecords');
		const bad = elements.filter((element) => typeof element.Details !== 'string' || element.Details.trim() === '');
		if (elements.length === 0 || bad.length > 0) return fake.validation((bad.length > 0 ? bad : [{}]).map((element) => ({ ...element, ValidationErrors: [{ Message: 'Details cannot be empty' }] })));
		const now = Date.now();
		const records = elements.map((element) => ({ DateUTC: now, User: 'Project-to-Cash Sandbox', Changes: 'Note', Details: String(element.Details) }));
		store.history.get(invoice.InvoiceID)?.push(...records);
		return fake.envelope({ HistoryRecords: records.map((record) => ({ DateUTCString: new Date(now).toISOString().slice(0, 19), DateUTC: `/Date(${now})/`, Details: record.Details, ValidationErrors: [] })) });
	}));
}
