import type { IDataObject } from 'n8n-workflow';
import type { ErpInvoiceApi, InvoiceFilters, InvoiceQuery } from '../../Erp/connector';
import type { Invoice, InvoiceLine, InvoiceStatus } from '../../shared/canonical';
import { DAY_MS } from '../../shared/canonical';
import type { WriteResult } from '../../shared/operations/recordApi';
import { sendBatch, type BatchItem } from './batch';
import { clause, dateTimeValue, dateValue, type QboClause } from './query';
import { fromCanonicalInvoice, isVoided, referenceInMemo, toCanonicalInvoice, type QboInvoice, type QboItem, type QboRef } from './records';
import type { QboSession } from './session';

// PrivateNote holds at most 4000 characters; a reference is one line of it.
const REFERENCE_MAX = 255;
const OPEN: InvoiceStatus[] = ['authorised', 'partially_paid', 'overdue'];

function describe(invoice: Invoice, index: number): string {
	return `Invoice ${invoice.reference ? `"${invoice.reference}"` : `at position ${index}`}`;
}

/** Server-side clauses for the filters the query language can express (no OR, so statuses are narrowed by balance only). */
export function invoiceWhere(filters: InvoiceFilters, modifiedSince: string | undefined, today: string): QboClause[] {
	const statuses = filters.statuses ?? [];
	const onlyOpen = filters.overdueOnly || (statuses.length > 0 && statuses.every((status) => OPEN.includes(status)));
	return [
		onlyOpen ? clause('Balance', '>', 0) : undefined,
		filters.overdueOnly ? clause('DueDate', '<', dateValue(today)) : undefined,
		filters.clientId ? clause('CustomerRef', '=', filters.clientId) : undefined,
		filters.dueBefore ? clause('DueDate', '<=', dateValue(filters.dueBefore.slice(0, 10))) : undefined,
		modifiedSince ? clause('MetaData.LastUpdatedTime', '>=', dateTimeValue(modifiedSince)) : undefined,
	].filter((entry): entry is QboClause => entry !== undefined);
}

/** QuickBooks Online invoices as canonical invoices. An invoice is final once created: there are no drafts. */
export class QboInvoices implements ErpInvoiceApi {
	private items?: Promise<QboItem[]>;

	constructor(private readonly session: QboSession) {}

	async raw(id: string): Promise<QboInvoice> {
		return await this.session.read<QboInvoice>('Invoice', id);
	}

	async get(id: string): Promise<Invoice> {
		return toCanonicalInvoice(await this.raw(id), await this.session.mapContext());
	}

	async *list(query: InvoiceQuery): AsyncIterable<Invoice[]> {
		const context = await this.session.mapContext();
		const filters = query.filters ?? {};
		const wanted = new Set(filters.statuses ?? []);
		// The reference lives in the memo, which the query language cannot filter on: matched here.
		const reference = filters.reference?.trim();
		const where = invoiceWhere(filters, query.modifiedSince, context.today);
		for await (const page of this.session.pages<QboInvoice>('Invoice', where, { orderBy: 'Id', limit: reference ? undefined : query.limit })) {
			const invoices = page
				.filter((invoice) => !reference || referenceInMemo(invoice.PrivateNote) === reference)
				.map((invoice) => toCanonicalInvoice(invoice, context))
				.filter((invoice) => (wanted.size === 0 || wanted.has(invoice.status)) && (!filters.overdueOnly || invoice.status === 'overdue'));
			yield invoices;
		}
	}

	/** Invoices overdue today whose due date is on or after the day before `since`, oldest due date first. */
	async *becameOverdueSince(since: string): AsyncIterable<Invoice[]> {
		const context = await this.session.mapContext();
		const dueOnOrAfter = new Date(Date.parse(since) - DAY_MS).toISOString().slice(0, 10);
		const where = [clause('Balance', '>', 0), clause('DueDate', '<', dateValue(context.today)), clause('DueDate', '>=', dateValue(dueOnOrAfter))];
		for await (const page of this.session.pages<QboInvoice>('Invoice', where, { orderBy: 'DueDate' })) {
			yield page.map((invoice) => toCanonicalInvoice(invoice, context)).filter((invoice) => invoice.status === 'overdue');
		}
	}

	/** Every invoice by the reference on its memo's first line: one read of all invoices, 1,000 a page. */
	private async byReference(): Promise<Map<string, QboInvoice>> {
		const found = new Map<string, QboInvoice>();
		for (const invoice of await this.session.all<QboInvoice>('Invoice', [], 'Id')) {
			const reference = referenceInMemo(invoice.PrivateNote);
			if (reference && !found.has(reference)) found.set(reference, invoice);
		}
		return found;
	}

	async findByReference(reference: string): Promise<Invoice | undefined> {
		const found = (await this.byReference()).get(reference.trim());
		return found ? toCanonicalInvoice(found, await this.session.mapContext()) : undefined;
	}

	private async catalogue(): Promise<QboItem[]> {
		this.items ??= this.session.all<QboItem>('Item', [], 'Id');
		return await this.items;
	}

	/**
	 * The item of a line: its itemCode (an item id or name), else a service item that posts to its
	 * accountCode (QuickBooks takes the income account from the item, not the line), else the
	 * credential's default item, else the company's "Services" item.
	 */
	private async itemResolver(): Promise<(line: InvoiceLine, index: number) => QboRef> {
		const items = (await this.catalogue()).filter((item) => item.Active !== false);
		const byCode = (code: string) => items.find((item) => item.Id === code) ?? items.find((item) => item.Name?.toLowerCase() === code.toLowerCase() || item.Sku === code);
		const fallback = this.session.settings.defaultItem ? byCode(this.session.settings.defaultItem) : items.find((item) => item.Type === 'Service' && item.Name?.toLowerCase() === 'services');
		return (line, index) => {
			const item = line.itemCode
				? byCode(line.itemCode)
				: line.accountCode
					? items.find((candidate) => candidate.Type === 'Service' && candidate.IncomeAccountRef?.value === line.accountCode)
					: fallback;
			if (!item) {
				const why = line.itemCode
					? `itemCode "${line.itemCode}" names no active QuickBooks Online item`
					: line.accountCode
						? `no active service item posts to income account ${line.accountCode} (QuickBooks takes a line's account from its item): give the line an itemCode`
						: 'is required: QuickBooks Online needs an item on every line (or set the credential\'s Default Service Item ID)';
				throw new Error(`lines.${index}.itemCode ${line.itemCode || line.accountCode ? `is invalid: ${why}` : why}`);
			}
			return { value: item.Id, name: item.Name };
		};
	}

	/**
	 * Invoices with their lines, idempotent by `reference` (the memo's first line): references already
	 * invoiced are returned, not made again. QuickBooks has no drafts, so what this makes is final.
	 * One new invoice is a POST, several go in batches of 30; every write carries a requestid, and a
	 * lost answer is looked up by reference before anything is sent again.
	 */
	async createDrafts(invoices: Invoice[]): Promise<Array<WriteResult<Invoice>>> {
		const context = await this.session.mapContext();
		const results: Array<WriteResult<Invoice>> = new Array(invoices.length);
		const bodies = new Map<string, IDataObject>();
		const owners = new Map<string, number[]>();
		let itemOf: ((line: InvoiceLine, index: number) => QboRef) | undefined;
		for (const [index, invoice] of invoices.entries()) {
			const reference = invoice.reference?.trim();
			if (!reference) {
				results[index] = new Error(`${describe(invoice, index)}: reference is required (it is the idempotency key, kept as the first line of the invoice's private memo)`);
				continue;
			}
			if (reference.length > REFERENCE_MAX) {
				results[index] = new Error(`${describe(invoice, index)}: reference is ${reference.length} characters; at most ${REFERENCE_MAX}`);
				continue;
			}
			try {
				itemOf ??= await this.itemResolver();
				if (!bodies.has(reference)) bodies.set(reference, fromCanonicalInvoice({ ...invoice, reference }, itemOf) as unknown as IDataObject);
				owners.set(reference, [...(owners.get(reference) ?? []), index]);
			} catch (error) {
				results[index] = new Error(`${describe(invoice, index)}: ${(error as Error).message}`);
			}
		}
		const settle = (reference: string, outcome: WriteResult<QboInvoice>) => {
			for (const index of owners.get(reference) ?? []) results[index] = outcome instanceof Error ? outcome : toCanonicalInvoice(outcome, context);
		};
		if (bodies.size === 0) return results;

		const existing = await this.byReference();
		const missing = [...bodies.keys()].filter((reference) => {
			const found = existing.get(reference);
			if (found) settle(reference, found);
			return !found;
		});
		if (missing.length === 1) {
			const [reference] = missing;
			try {
				settle(reference, await this.session.write<QboInvoice>('Invoice', bodies.get(reference)!, { requestId: this.session.requestId('invoice', bodies.get(reference)), lookup: async () => (await this.byReference()).get(reference) }));
			} catch (error) {
				settle(reference, error as Error);
			}
		} else if (missing.length > 1) {
			const items: BatchItem[] = missing.map((reference) => ({ bId: reference, operation: 'create', entity: 'Invoice', body: bodies.get(reference)! }));
			try {
				const answers = await sendBatch(this.session, items);
				for (const reference of missing) {
					const answer = answers.get(reference)!;
					settle(reference, answer.record ? (answer.record as unknown as QboInvoice) : answer.error!);
				}
			} catch (error) {
				// The batch may have been applied in part: what exists now is the answer, the rest failed.
				const made = await this.byReference().catch(() => new Map<string, QboInvoice>());
				for (const reference of missing) settle(reference, made.get(reference) ?? (error as Error));
			}
		}
		return results;
	}

	/** QuickBooks Online has no approval cycle; the router never calls this without "invoiceApproval". */
	async approve(id: string): Promise<Invoice> {
		throw new Error(`QuickBooks Online has no draft-then-approve cycle: invoice ${id} was final when it was created (the system lacks the "invoiceApproval" capability)`);
	}

	/**
	 * Voids an invoice (`POST /invoice?operation=void` with its Id and SyncToken): QuickBooks keeps it,
	 * zeroes its amounts and prepends "Voided" to its memo. An invoice already voided is returned.
	 */
	async void(id: string): Promise<Invoice> {
		const current = await this.raw(id);
		if (isVoided(current)) return toCanonicalInvoice(current, await this.session.mapContext());
		const voided = await this.session.write<QboInvoice>('Invoice', { Id: current.Id, SyncToken: current.SyncToken ?? '0', sparse: true } as IDataObject, {
			requestId: this.session.requestId('void', current.Id, current.SyncToken),
			operation: 'void',
			lookup: async () => {
				const after = await this.raw(id);
				return isVoided(after) ? after : undefined;
			},
		});
		return toCanonicalInvoice(voided, await this.session.mapContext());
	}
}
