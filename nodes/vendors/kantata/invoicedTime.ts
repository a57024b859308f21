import type { TimeInvoicedRequest, TimeInvoicedResult } from '../../Psa/connector';
import { DAY_MS } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { kantataId, type KantataExpense, type KantataTimeEntry } from './records';
import { referencedRecords, type KantataReader } from './reader';
import { between, TIME_ENTRIES } from './timeEntries';
import { envelope } from './writes';

/** The fields of a Kantata invoice the pack reads back. */
interface KantataInvoice {
	id: string;
	purchase_order?: string | null;
	workspace_ids?: string[];
	time_entry_ids?: string[];
	expense_ids?: string[];
}

const INVOICES = '/invoices.json';
const within = (date: string, request: TimeInvoicedRequest): boolean => date >= request.from && date <= request.to;

/**
 * Marks a period of a project as invoiced the way Kantata does it: an invoice made from the ids of
 * the project's uninvoiced billable time entries and expenses of the period
 * (developer.kantata.com/kantata/specification/invoices, "Create a new invoice": `time_entry_ids`,
 * `expense_ids`, `workspace_id`, `payment_schedule`), which Kantata then counts as invoiced. The ERP's
 * reference goes in `purchase_order`, so a second run finds the invoice and changes nothing; the
 * client is not e-mailed (`suppress_emails`), the ERP's invoice is the one that is sent.
 */
export function kantataMarkTimeInvoiced(client: VendorClient, reader: KantataReader) {
	return async (request: TimeInvoicedRequest): Promise<TimeInvoicedResult> => {
		const workspaceId = kantataId(request.projectId, 'projectId');
		const existing = async (): Promise<KantataInvoice | undefined> =>
			(await collect(reader.pages<KantataInvoice>(INVOICES, { workspace_id: workspaceId }))).find((invoice) => invoice.purchase_order === request.reference);
		const result = (invoice: KantataInvoice | undefined, marked: boolean): TimeInvoicedResult => ({
			projectId: request.projectId,
			reference: request.reference,
			from: request.from,
			to: request.to,
			marked,
			...(invoice ? { psaRecordId: String(invoice.id) } : {}),
			timeEntryIds: (invoice?.time_entry_ids ?? []).map(String),
			expenseIds: (invoice?.expense_ids ?? []).map(String),
		});
		const before = await existing();
		if (before) return result(before, false);

		const money = await reader.money(workspaceId);
		if (request.currency && request.currency !== money.currency) throw new Error(`currency is ${request.currency}, but Kantata invoices this project in ${money.currency}`);
		const time = await collect(reader.pages<KantataTimeEntry>(TIME_ENTRIES, { workspace_id: workspaceId, date_performed_between: between(request.from, request.to), billable: 'true' }));
		const timeEntryIds = time.filter((entry) => entry.billable && !entry.is_invoiced && within(entry.date_performed, request)).map((entry) => String(entry.id));
		const expenses = await collect(reader.pages<KantataExpense>('/expenses.json', { workspace_id: workspaceId }));
		const expenseIds = expenses.filter((expense) => expense.is_billable !== false && !expense.is_invoiced && within(expense.date, request)).map((expense) => String(expense.id));
		// Kantata makes no invoice without lines: a period with nothing to bill is marked with nothing made.
		if (timeEntryIds.length === 0 && expenseIds.length === 0) return result(undefined, true);

		const issue = request.issueDate ?? request.to;
		const paymentDays = request.dueDate ? Math.max(0, Math.round((Date.parse(request.dueDate) - Date.parse(issue)) / DAY_MS)) : 30;
		const answer = await client.send({
			method: 'POST',
			url: INVOICES,
			body: {
				invoices: [
					{
						workspace_id: workspaceId,
						time_entry_ids: timeEntryIds,
						expense_ids: expenseIds,
						payment_schedule: paymentDays,
						invoice_date: issue,
						purchase_order: request.reference,
						...(request.invoiceNumber ? { user_invoice_number: request.invoiceNumber } : {}),
						message: request.subject ?? `Invoice ${request.reference}`,
						draft: false,
						suppress_emails: true,
					},
				],
			},
			// No idempotency key in Kantata: a lost answer is found by its purchase order before any retry.
			retrySafety: { lookup: async () => { const found = await existing(); return found ? envelope('invoices', [found]) : undefined; } },
		});
		const [created] = referencedRecords<KantataInvoice>(answer ?? {});
		if (!created) throw new Error(`Kantata answered no invoice for ${request.reference}`);
		return result(created, true);
	};
}
