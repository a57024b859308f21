import type { IDataObject } from 'n8n-workflow';
import type { InvoiceFilters, InvoiceQuery } from '../../Erp/connector';
import type { Invoice, InvoiceStatus } from '../../shared/canonical';
import type { WriteResult } from '../../shared/operations/recordApi';
import { batchItemError, isLostAnswer, isSuccess, sendBatch, type BatchRequest } from './batch';
import { fromCanonicalInvoice, toCanonicalInvoice, type BcMapContext, type BcSalesInvoice } from './records';
import { allOf, compare, date, dateTime, guid, isGuid, number, oneOf, text } from './odata';
import type { BcSession } from './session';

const LINES = 'salesInvoiceLines';
const LOOKUP_CHUNK = 20;

/** BC statuses a canonical status can come from; the exact canonical status is then checked per record. */
const BC_STATUSES: Record<InvoiceStatus, string[]> = {
	draft: ['Draft', ' '],
	submitted: ['In Review'],
	authorised: ['Open'],
	partially_paid: ['Open'],
	overdue: ['Open'],
	paid: ['Open', 'Paid'],
	void: ['Canceled', 'Corrective'],
};

const POSTED = new Set(['Open', 'Paid', 'Canceled', 'Corrective']);

/** `status eq 'Open' and dueDate lt <today> and remainingAmount gt 0`: BC's own reading of "overdue". */
export function overdueFilter(today: string, dueOnOrAfter?: string): string {
	return allOf(
		compare('status', 'eq', text('Open')),
		compare('dueDate', 'lt', date(today)),
		dueOnOrAfter ? compare('dueDate', 'ge', date(dueOnOrAfter)) : undefined,
		compare('remainingAmount', 'gt', number(0)),
	)!;
}

export function invoiceFilter(filters: InvoiceFilters, modifiedSince: string | undefined, today: string): string | undefined {
	const statuses = [...new Set((filters.statuses ?? []).flatMap((status) => BC_STATUSES[status]))];
	return allOf(
		statuses.length > 0 ? oneOf('status', statuses.map((status) => text(status))) : undefined,
		filters.overdueOnly ? overdueFilter(today) : undefined,
		filters.clientId ? (isGuid(filters.clientId) ? compare('customerId', 'eq', guid(filters.clientId)) : compare('customerNumber', 'eq', text(filters.clientId))) : undefined,
		filters.reference ? compare('externalDocumentNumber', 'eq', text(filters.reference)) : undefined,
		filters.dueBefore ? compare('dueDate', 'le', date(filters.dueBefore.slice(0, 10))) : undefined,
		modifiedSince ? compare('lastModifiedDateTime', 'ge', dateTime(modifiedSince)) : undefined,
	);
}

function describe(invoice: Invoice, index: number): string {
	return `Invoice ${invoice.reference ? `"${invoice.reference}"` : `at position ${index}`}`;
}

/** Business Central sales invoices as canonical invoices. */
export class BcInvoices {
	constructor(private readonly session: BcSession) {}

	async raw(id: string): Promise<BcSalesInvoice> {
		return await this.session.getOne<BcSalesInvoice>(`/salesInvoices(${guid(id).value})`, { $expand: LINES });
	}

	async get(id: string): Promise<Invoice> {
		return toCanonicalInvoice(await this.raw(id), await this.session.mapContext());
	}

	async *list(query: InvoiceQuery): AsyncIterable<Invoice[]> {
		const context = await this.session.mapContext();
		const filters = query.filters ?? {};
		const wanted = new Set(filters.statuses ?? []);
		const filter = invoiceFilter(filters, query.modifiedSince, context.today);
		for await (const page of this.session.list<BcSalesInvoice>('/salesInvoices', { filter, expand: LINES, limit: query.limit })) {
			const invoices = page.map((invoice) => toCanonicalInvoice(invoice, context));
			// "Open" holds authorised, overdue, partially paid and fully paid invoices: keep the ones asked for.
			yield wanted.size === 0 ? invoices : invoices.filter((invoice) => wanted.has(invoice.status));
		}
	}

	/** Invoices overdue today whose due date is on or after `dueOnOrAfter`, oldest due date first. */
	async *overdue(dueOnOrAfter: string): AsyncIterable<Invoice[]> {
		const context = await this.session.mapContext();
		const filter = overdueFilter(context.today, dueOnOrAfter);
		for await (const page of this.session.list<BcSalesInvoice>('/salesInvoices', { filter, expand: LINES, orderby: 'dueDate' })) {
			yield page.map((invoice) => toCanonicalInvoice(invoice, context));
		}
	}

	/** Posted invoices changed at or after `since` (money received shows as their remaining amount going down). */
	async *postedChangedSince(since: string): AsyncIterable<Invoice[]> {
		const context = await this.session.mapContext();
		const filter = allOf(oneOf('status', [text('Open'), text('Paid')]), compare('lastModifiedDateTime', 'ge', dateTime(since)));
		for await (const page of this.session.list<BcSalesInvoice>('/salesInvoices', { filter, expand: LINES, orderby: 'lastModifiedDateTime' })) {
			yield page.map((invoice) => toCanonicalInvoice(invoice, context));
		}
	}

	private async findRawByReferences(references: string[]): Promise<Map<string, BcSalesInvoice>> {
		const found = new Map<string, BcSalesInvoice>();
		for (let start = 0; start < references.length; start += LOOKUP_CHUNK) {
			const filter = oneOf('externalDocumentNumber', references.slice(start, start + LOOKUP_CHUNK).map((reference) => text(reference)));
			for await (const page of this.session.list<BcSalesInvoice>('/salesInvoices', { filter, expand: LINES })) {
				for (const invoice of page) if (invoice.externalDocumentNumber && !found.has(invoice.externalDocumentNumber)) found.set(invoice.externalDocumentNumber, invoice);
			}
		}
		return found;
	}

	async findByReference(reference: string): Promise<Invoice | undefined> {
		const found = (await this.findRawByReferences([reference])).get(reference);
		return found ? toCanonicalInvoice(found, await this.session.mapContext()) : undefined;
	}

	/** One draft by deep insert (header and lines in one POST, so all or nothing), looked up again before any retry. */
	private async createOne(reference: string, body: IDataObject): Promise<BcSalesInvoice> {
		return await this.session.client.send<BcSalesInvoice>({
			method: 'POST',
			url: `${this.session.company}/salesInvoices`,
			qs: { $expand: LINES },
			body,
			retrySafety: { lookup: async () => (await this.findRawByReferences([reference])).get(reference) },
		});
	}

	/**
	 * Drafts with their lines, idempotent by `reference` (salesInvoice.externalDocumentNumber): the
	 * references are looked up first and an invoice that exists is returned, not made again. Several
	 * new drafts go out as one `$batch` of deep inserts; if its answer is lost, the references are read
	 * again and only the missing drafts are created, one by one with a lookup before each retry.
	 */
	async createDrafts(invoices: Invoice[]): Promise<Array<WriteResult<Invoice>>> {
		const context = await this.session.mapContext();
		const results: Array<WriteResult<Invoice>> = new Array(invoices.length);
		const bodies = new Map<string, IDataObject>();
		const owners = new Map<string, number[]>();
		invoices.forEach((invoice, index) => {
			const reference = invoice.reference?.trim();
			if (!reference) {
				results[index] = new Error(`${describe(invoice, index)}: reference is required (it is the idempotency key, stored as the invoice's External Document No.)`);
				return;
			}
			// externalDocumentNumber is a Code[35] in Business Central.
			if (reference.length > 35) {
				results[index] = new Error(`${describe(invoice, index)}: reference is ${reference.length} characters; Business Central's External Document No. takes at most 35`);
				return;
			}
			try {
				if (!bodies.has(reference)) bodies.set(reference, fromCanonicalInvoice({ ...invoice, reference }, this.writeDefaults(context)) as IDataObject);
				owners.set(reference, [...(owners.get(reference) ?? []), index]);
			} catch (error) {
				results[index] = new Error(`${describe(invoice, index)}: ${(error as Error).message}`);
			}
		});
		const settle = (reference: string, outcome: WriteResult<BcSalesInvoice>) => {
			for (const index of owners.get(reference) ?? []) results[index] = outcome instanceof Error ? outcome : toCanonicalInvoice(outcome, context);
		};

		const existing = await this.findRawByReferences([...bodies.keys()]);
		const missing = [...bodies.keys()].filter((reference) => {
			const found = existing.get(reference);
			if (found) settle(reference, found);
			return !found;
		});
		if (missing.length === 1) {
			await this.createSequentially(missing, bodies, settle);
		} else if (missing.length > 1) {
			const requests: BatchRequest[] = missing.map((reference) => ({
				id: reference,
				method: 'POST',
				url: `${this.session.batchCompany}/salesInvoices?$expand=${LINES}`,
				body: bodies.get(reference)!,
			}));
			try {
				const answers = await sendBatch(this.session.client, requests);
				for (const request of requests) {
					const answer = answers.get(request.id);
					settle(request.id, isSuccess(answer) ? (answer.body as BcSalesInvoice) : batchItemError(this.session.client, request, answer));
				}
			} catch (error) {
				if (!isLostAnswer(error)) {
					for (const reference of missing) settle(reference, error as Error);
				} else {
					const made = await this.findRawByReferences(missing);
					const stillMissing = missing.filter((reference) => (made.has(reference) ? (settle(reference, made.get(reference)!), false) : true));
					await this.createSequentially(stillMissing, bodies, settle);
				}
			}
		}
		return results;
	}

	private async createSequentially(references: string[], bodies: Map<string, IDataObject>, settle: (reference: string, outcome: WriteResult<BcSalesInvoice>) => void): Promise<void> {
		for (const reference of references) {
			try {
				settle(reference, await this.createOne(reference, bodies.get(reference)!));
			} catch (error) {
				settle(reference, error as Error);
			}
		}
	}

	private writeDefaults(context: BcMapContext) {
		return { localCurrency: context.localCurrency, revenueAccount: this.session.settings.revenueAccount };
	}

	/**
	 * Runs a bound action (`Microsoft.NAV.post`, `Microsoft.NAV.cancel`; 204 No Content) unless the
	 * invoice is already where the action leads; before a retry the invoice is read again.
	 */
	private async runAction(id: string, action: 'post' | 'cancel', done: (invoice: BcSalesInvoice) => boolean): Promise<Invoice> {
		const current = await this.raw(id);
		if (!done(current)) {
			await this.session.client.request({
				method: 'POST',
				url: `${this.session.company}/salesInvoices(${current.id})/Microsoft.NAV.${action}`,
				retrySafety: {
					lookup: async () => {
						const after = await this.raw(id);
						return done(after) ? after : undefined;
					},
				},
			});
		}
		return await this.get(id);
	}

	/** Posts a draft: BC's "approve". A posted invoice keeps its id in the API (resources/dynamics_salesinvoice). */
	async approve(id: string): Promise<Invoice> {
		return await this.runAction(id, 'post', (invoice) => POSTED.has(String(invoice.status)));
	}

	/**
	 * Voids an invoice as the other ERPs do: a posted invoice is cancelled (`Microsoft.NAV.cancel`, BC
	 * makes a corrective credit memo); a draft, which BC cannot cancel, is deleted (with its ETag) and
	 * returned as it was, status void.
	 */
	async void(id: string): Promise<Invoice> {
		const current = await this.raw(id);
		if (POSTED.has(String(current.status))) {
			return await this.runAction(id, 'cancel', (invoice) => invoice.status === 'Canceled' || invoice.status === 'Corrective');
		}
		const context = await this.session.mapContext();
		await this.session.client.request({
			method: 'DELETE',
			url: `${this.session.company}/salesInvoices(${current.id})`,
			headers: { 'If-Match': current['@odata.etag'] ?? '*' },
			retrySafety: { lookup: async () => ((await this.exists(current.id)) ? undefined : { deleted: true }) },
		});
		const deleted = toCanonicalInvoice(current, context);
		return { ...deleted, status: 'void', balance: { amountMinor: 0, currency: deleted.currency } };
	}

	private async exists(id: string): Promise<boolean> {
		const found = await this.session.findOne<BcSalesInvoice>('/salesInvoices', compare('id', 'eq', guid(id)));
		return found !== undefined;
	}
}

