import type { Client, Invoice, InvoiceStatus, Payment, Project } from '../shared/canonical';
import type { PickerOption } from '../shared/node/types';
import type { ListQuery, RecordApi, WriteResult } from '../shared/operations/recordApi';

/**
 * The canonical ERP operations, as each ERP vendor's connector implements them. Everything here
 * speaks canonical records, so a workflow built on one ERP runs on another by switching the system
 * and the credential only; optional features are capabilities (nodes/Erp/systems.ts).
 */

export type { PickerOption } from '../shared/node/types';

/** Invoice list filters; every field optional, all given ones must match. */
export type InvoiceFilters = {
	/** Canonical statuses; `overdue` and `partially_paid` are derived states the connector resolves. */
	statuses?: InvoiceStatus[];
	/** Only invoices that are overdue today (approved, due date before today, balance above zero). */
	overdueOnly?: boolean;
	/** Customer id in the ERP. */
	clientId?: string;
	/** Exact invoice reference (the idempotency key the pack writes on create). */
	reference?: string;
	/** ISO date: due on or before. */
	dueBefore?: string;
};

export interface InvoiceQuery extends ListQuery {
	filters?: InvoiceFilters;
}

/** Payment list filters: by invoice, or by payment date range (ISO dates, inclusive). */
export type PaymentFilters = {
	invoiceId?: string;
	fromDate?: string;
	toDate?: string;
};

export interface PaymentQuery extends ListQuery {
	filters?: PaymentFilters;
}

/** A payment to record against an invoice: the canonical payment plus where the money landed. */
export interface PaymentToRecord {
	/** `invoiceId`, `date`, `amount` (currency of the invoice), optional `reference`. */
	payment: Payment;
	/**
	 * Bank or cash account the payment is received into, as the ERP names it (an account code or id,
	 * a journal's balancing account). Empty uses the connector's default when it has one.
	 */
	account?: string;
}

/** A note on an invoice's history (capability `invoiceNotes`). */
export interface InvoiceNote {
	invoiceId: string;
	note: string;
	/** ISO 8601 instant the ERP stamped on the note. */
	createdAt?: string;
	user?: string;
}

export interface ErpInvoiceApi {
	get(id: string): Promise<Invoice>;
	/** Invoices page by page; `modifiedSince` maps to the ERP's modified-since read. */
	list(query: InvoiceQuery): AsyncIterable<Invoice[]>;
	/**
	 * Creates draft invoices with their lines, one result per input in input order. Idempotent by
	 * `reference`: when an invoice with the same reference exists (also after a lost response), that
	 * invoice is returned instead of a second one being created. Invoices without a reference are
	 * refused (an Error result naming the field).
	 */
	createDrafts(invoices: Invoice[]): Promise<Array<WriteResult<Invoice>>>;
	/** Finds the invoice that carries this reference, if any. */
	findByReference(reference: string): Promise<Invoice | undefined>;
	/** Makes a draft final (authorise or post); with the `invoiceApproval` capability. */
	approve(id: string): Promise<Invoice>;
	/** Voids (cancels) an approved or posted invoice. */
	void(id: string): Promise<Invoice>;
	/** Adds a note to the invoice's history; absent where the ERP has no such thing. */
	addNote?(id: string, note: string): Promise<InvoiceNote>;
	/** The invoice's notes and history, oldest first; absent where the ERP has no such thing. */
	listNotes?(id: string): Promise<InvoiceNote[]>;
}

export interface ErpPaymentApi {
	get(id: string): Promise<Payment>;
	/** Payments page by page, filtered by invoice or date; `modifiedSince` where the ERP supports it. */
	list(query: PaymentQuery): AsyncIterable<Payment[]>;
	/**
	 * Records a payment against an invoice. Not blindly retried: a connector re-reads the invoice's
	 * payments before a retry and returns the one it finds (same invoice, date, amount, reference).
	 */
	record(payment: PaymentToRecord): Promise<Payment>;
}

export interface ErpConnector {
	/** Canonical Client as the ERP customer: get, list, and upsert by the firm's external reference. */
	customers: RecordApi<Client> & Required<Pick<RecordApi<Client>, 'upsert'>>;
	/** Projects, where the ERP has them (read only). */
	projects?: Pick<RecordApi<Project>, 'get' | 'list'>;
	invoices: ErpInvoiceApi;
	payments: ErpPaymentApi;
	/**
	 * Polling: invoices overdue now whose due date is on or after the day before `since` (they
	 * became overdue at or after `since`), oldest due date first. The trigger dedupes by id + due date.
	 */
	invoicesBecameOverdueSince(since: string): AsyncIterable<Invoice[]>;
	/** Polling: payments received (created in the ERP) at or after `since`, oldest first. */
	paymentsReceivedSince(since: string): AsyncIterable<Payment[]>;
	/** Pickers. `kind` narrows accounts to revenue accounts (invoice lines) or bank accounts (payments). */
	listAccounts(kind: 'revenue' | 'bank', filter?: string): Promise<PickerOption[]>;
	listTaxRates(filter?: string): Promise<PickerOption[]>;
	listItems?(filter?: string): Promise<PickerOption[]>;
}
