import type { IDataObject } from 'n8n-workflow';
import type { ErpInvoiceApi, InvoiceFilters, InvoiceNote, InvoiceQuery } from '../../Erp/connector';
import type { Invoice, InvoiceStatus, MapContext } from '../../shared/canonical';
import type { WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import {
	fromCanonicalInvoice,
	invoiceProblems,
	toCanonicalInvoice,
	toInvoiceNote,
	xeroDateOnly,
	xeroStatusesFor,
	xeroWhereDate,
	xeroWhereString,
	type XeroHistoryRecord,
	type XeroInvoice,
} from './records';
import { chunk, elementError, idempotencyKey, orWhereGroups, recordError, XERO_WRITE_BATCH, xeroPages } from './reads';
import { DAY_MS } from '../../shared/canonical';

// An invoice with one of these statuses holds its reference: a re-run finds it instead of creating another.
// Voided and deleted invoices do not, so a firm can re-issue under the same reference after voiding.
const LIVE_STATUSES = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID'];

const invoiceLabel = (invoice: Pick<Invoice, 'reference' | 'id'>): string => `Invoice ${invoice.reference ? `"${invoice.reference}"` : invoice.id ? invoice.id : '(no reference)'}`;

/** Xero sales invoices (ACCREC) as the canonical ERP invoice API. */
export class XeroInvoices implements ErpInvoiceApi {
	constructor(
		private readonly client: VendorClient,
		private readonly context: MapContext,
	) {}

	private get today(): string {
		return this.context.fetchedAt.slice(0, 10);
	}

	private canonical(invoice: XeroInvoice): Invoice {
		return toCanonicalInvoice(invoice, this.context);
	}

	private async read(id: string): Promise<XeroInvoice> {
		const body = await this.client.send<{ Invoices: XeroInvoice[] }>({ method: 'GET', url: `/Invoices/${encodeURIComponent(id)}` });
		return body.Invoices[0];
	}

	async get(id: string): Promise<Invoice> {
		return this.canonical(await this.read(id));
	}

	/** Where clauses and Statuses that a filter set becomes; derived states are checked again after mapping. */
	private query(filters: InvoiceFilters): { where: string[]; qs: IDataObject; keep(invoice: Invoice): boolean } {
		const where = ['Type=="ACCREC"'];
		const qs: IDataObject = {};
		const wanted: InvoiceStatus[] = [...(filters.statuses ?? []), ...(filters.overdueOnly ? (['overdue'] as InvoiceStatus[]) : [])];
		if (wanted.length > 0) qs.Statuses = xeroStatusesFor(wanted).join(',');
		if (wanted.includes('overdue') && wanted.every((status) => status === 'overdue')) where.push(`DueDate<${xeroWhereDate(this.today)}`);
		if (filters.dueBefore) where.push(`DueDate<=${xeroWhereDate(filters.dueBefore)}`);
		if (filters.reference) where.push(`Reference==${xeroWhereString(filters.reference)}`);
		if (filters.clientId) qs.ContactIDs = filters.clientId;
		const overdueOnly = filters.overdueOnly === true;
		const statuses = filters.statuses ?? [];
		return {
			where,
			qs,
			keep: (invoice) => (!overdueOnly || invoice.status === 'overdue') && (statuses.length === 0 || statuses.includes(invoice.status)),
		};
	}

	async *list(query: InvoiceQuery): AsyncIterable<Invoice[]> {
		const { where, qs, keep } = this.query(query.filters ?? {});
		const pages = xeroPages<XeroInvoice>(this.client, {
			url: '/Invoices',
			itemsKey: 'Invoices',
			where,
			qs: { ...(qs as Record<string, string>), order: 'UpdatedDateUTC ASC' },
			modifiedSince: query.modifiedSince,
			limit: query.limit,
		});
		for await (const page of pages) yield page.map((invoice) => this.canonical(invoice)).filter(keep);
	}

	/** Live invoices by reference: one request per write batch of references (or fewer, for long ones). */
	private async byReferences(references: string[]): Promise<Map<string, XeroInvoice>> {
		const found = new Map<string, XeroInvoice>();
		for (const anyReference of orWhereGroups(references, (reference) => `Reference==${xeroWhereString(reference)}`)) {
			const pages = xeroPages<XeroInvoice>(this.client, { url: '/Invoices', itemsKey: 'Invoices', where: ['Type=="ACCREC"', `(${anyReference})`], qs: { Statuses: LIVE_STATUSES.join(',') } });
			for await (const page of pages) {
				for (const invoice of page) if (invoice.Reference && !found.has(invoice.Reference)) found.set(invoice.Reference, invoice);
			}
		}
		return found;
	}

	async findByReference(reference: string): Promise<Invoice | undefined> {
		const invoice = (await this.byReferences([reference])).get(reference);
		return invoice ? this.canonical(invoice) : undefined;
	}

	async createDrafts(invoices: Invoice[]): Promise<Array<WriteResult<Invoice>>> {
		const results: Array<WriteResult<Invoice> | undefined> = new Array(invoices.length).fill(undefined);
		const firstByReference = new Map<string, number>();
		const pending: number[] = [];
		invoices.forEach((invoice, index) => {
			const problems = invoiceProblems(invoice);
			if (problems.length > 0) {
				results[index] = recordError(this.client, { record: invoiceLabel(invoice), field: problems[0].field, message: problems.map((problem) => `${problem.field} ${problem.message}`).join('; ') });
				return;
			}
			if (!firstByReference.has(invoice.reference!)) {
				firstByReference.set(invoice.reference!, index);
				pending.push(index);
			}
		});

		// Idempotency by reference: an invoice already made (by an earlier run, or by a request whose answer was lost) is returned, not made again.
		const existing = await this.byReferences(pending.map((index) => invoices[index].reference!));
		const toCreate = pending.filter((index) => {
			const found = existing.get(invoices[index].reference!);
			if (found) results[index] = this.canonical(found);
			return !found;
		});

		for (const group of chunk(toCreate, XERO_WRITE_BATCH)) {
			const references = group.map((index) => invoices[index].reference!);
			const body = { Invoices: group.map((index) => fromCanonicalInvoice(invoices[index])) as unknown as IDataObject[] };
			try {
				const answer = await this.client.send<{ Invoices: XeroInvoice[] }>({
					method: 'PUT',
					url: '/Invoices',
					qs: { summarizeErrors: false },
					body,
					headers: { 'Idempotency-Key': idempotencyKey('invoices', body) },
					// PUT creates here: before a retry, look for the invoices the lost attempt may have made.
					retrySafety: {
						lookup: async () => {
							const made = await this.byReferences(references);
							return references.every((reference) => made.has(reference)) ? { Invoices: references.map((reference) => made.get(reference)) } : undefined;
						},
					},
				});
				group.forEach((index, position) => {
					const element = answer.Invoices.find((candidate) => candidate.Reference === invoices[index].reference) ?? answer.Invoices[position];
					results[index] = elementError(this.client, invoiceLabel(invoices[index]), element, 'invoice') ?? this.canonical(element);
				});
			} catch (error) {
				for (const index of group) results[index] = error as Error;
			}
		}

		// A reference given twice in one run makes one invoice; both items get it.
		return invoices.map((invoice, index) => results[index] ?? results[firstByReference.get(invoice.reference ?? '') ?? index] ?? new Error(`${invoiceLabel(invoice)}: no result`));
	}

	private async setStatus(id: string, status: 'AUTHORISED' | 'VOIDED' | 'DELETED'): Promise<Invoice> {
		const answer = await this.client.send<{ Invoices: XeroInvoice[] }>({
			method: 'POST',
			url: `/Invoices/${encodeURIComponent(id)}`,
			body: { Invoices: [{ InvoiceID: id, Status: status }] },
			// Setting a status is idempotent: a repeat finds it set.
			retrySafety: 'idempotent',
		});
		const element = answer.Invoices[0];
		const error = elementError(this.client, `Invoice ${id}`, element, 'invoice');
		if (error) throw error;
		return this.canonical(element);
	}

	/** Xero approve: DRAFT or SUBMITTED -> AUTHORISED; an approved or paid invoice is returned as it is. */
	async approve(id: string): Promise<Invoice> {
		const current = await this.read(id);
		if (current.Status === 'AUTHORISED' || current.Status === 'PAID') return this.canonical(current);
		if (current.Status === 'VOIDED' || current.Status === 'DELETED') {
			throw recordError(this.client, { record: `Invoice ${current.InvoiceNumber ?? id}`, field: 'status', message: `is ${current.Status}; only a draft or submitted invoice can be approved` });
		}
		return await this.setStatus(id, 'AUTHORISED');
	}

	/** Xero voids approved invoices (VOIDED) and deletes drafts (DELETED); both are canonical `void`. */
	async void(id: string): Promise<Invoice> {
		const current = await this.read(id);
		if (current.Status === 'VOIDED' || current.Status === 'DELETED') return this.canonical(current);
		if (current.Status === 'PAID') {
			throw recordError(this.client, { record: `Invoice ${current.InvoiceNumber ?? id}`, field: 'status', message: 'is PAID; remove its payments in Xero before voiding it' });
		}
		return await this.setStatus(id, current.Status === 'AUTHORISED' ? 'VOIDED' : 'DELETED');
	}

	/** A note in the invoice's History and Notes (PUT /Invoices/{id}/History). */
	async addNote(id: string, note: string): Promise<InvoiceNote> {
		const body = { HistoryRecords: [{ Details: note }] };
		const answer = await this.client.send<{ HistoryRecords: XeroHistoryRecord[] }>({
			method: 'PUT',
			url: `/Invoices/${encodeURIComponent(id)}/History`,
			body,
			// The key makes a repeat of the same note within Xero's 6-minute window a replay, not a second note.
			headers: { 'Idempotency-Key': idempotencyKey(`note-${id}`, body) },
			retrySafety: 'idempotent',
		});
		return toInvoiceNote(id, answer.HistoryRecords[0] ?? { Details: note });
	}

	async listNotes(id: string): Promise<InvoiceNote[]> {
		const answer = await this.client.send<{ HistoryRecords: XeroHistoryRecord[] }>({ method: 'GET', url: `/Invoices/${encodeURIComponent(id)}/History` });
		return (answer.HistoryRecords ?? []).map((record) => toInvoiceNote(id, record)).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
	}

	/** Approved sales invoices due from the day before `since` up to yesterday, and overdue now. */
	async *becameOverdueSince(since: string): AsyncIterable<Invoice[]> {
		const dayBefore = new Date(Date.parse(since) - DAY_MS).toISOString().slice(0, 10);
		const pages = xeroPages<XeroInvoice>(this.client, {
			url: '/Invoices',
			itemsKey: 'Invoices',
			where: ['Type=="ACCREC"', `DueDate>=${xeroWhereDate(dayBefore)}`, `DueDate<${xeroWhereDate(this.today)}`],
			qs: { Statuses: 'AUTHORISED', order: 'DueDate ASC' },
		});
		for await (const page of pages) {
			yield page.filter((invoice) => (invoice.AmountDue ?? 0) > 0 && (xeroDateOnly(invoice.DueDate) ?? '') < this.today).map((invoice) => this.canonical(invoice));
		}
	}
}
