import type { TimeInvoicedRequest, TimeInvoicedResult } from '../../Psa/connector';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { harvestId } from './records';
import type { HarvestReader } from './reader';

/** Each run's invoices per client: every item's client of a run shares the run's decrypted credential object. */
const invoicesOfRun = new WeakMap<object, Map<number, Promise<HarvestInvoice[]>>>();

/** The fields of a Harvest invoice the pack reads back. */
interface HarvestInvoice {
	id: number;
	purchase_order?: string | null;
	client?: { id: number };
	line_items?: Array<{ project?: { id: number } | null }>;
}

/**
 * Marks a period of a project as invoiced the way Harvest does it: an invoice that imports the
 * project's uninvoiced billable time and expenses of the period (`line_items_import`), which
 * Harvest then counts as billed and locks (help.getharvest.com/api-v2/invoices-api/invoices/invoices,
 * "Create an invoice based on tracked time and expenses"). The ERP's reference goes in
 * `purchase_order`, so a second run finds the invoice and changes nothing.
 */
export function harvestMarkTimeInvoiced(client: VendorClient, reader: HarvestReader) {
	return async (request: TimeInvoicedRequest): Promise<TimeInvoicedResult> => {
		const projectId = harvestId(request.projectId, 'projectId');
		const clientId = request.clientId ? harvestId(request.clientId, 'clientId') : (await reader.project(String(projectId))).client.id;
		const readInvoices = async (): Promise<HarvestInvoice[]> => await collect(reader.pages<HarvestInvoice>('/invoices', 'invoices', { client_id: String(clientId) }));
		// Before a retry the invoices are read again: the lost answer's invoice may be there now.
		const existing = async (): Promise<HarvestInvoice | undefined> => (await readInvoices()).find((invoice) => invoice.purchase_order === request.reference);
		// The client's invoices are read once per run: the items of a run share its client's list.
		const ofRun = invoicesOfRun.get(client.credentials) ?? new Map<number, Promise<HarvestInvoice[]>>();
		invoicesOfRun.set(client.credentials, ofRun);
		if (!ofRun.has(clientId)) {
			const reading = readInvoices();
			ofRun.set(clientId, reading);
			reading.catch(() => ofRun.delete(clientId));
		}
		const known = await ofRun.get(clientId)!;
		const result = (invoice: HarvestInvoice, marked: boolean): TimeInvoicedResult => ({
			projectId: request.projectId,
			reference: request.reference,
			from: request.from,
			to: request.to,
			marked,
			psaRecordId: String(invoice.id),
			// Harvest's invoice answer lists lines, not the entries it locked.
			timeEntryIds: [],
			expenseIds: [],
		});
		const before = known.find((invoice) => invoice.purchase_order === request.reference);
		if (before) return result(before, false);
		const created = await client.send<HarvestInvoice>({
			method: 'POST',
			url: '/invoices',
			body: {
				client_id: clientId,
				number: request.invoiceNumber || undefined,
				purchase_order: request.reference,
				subject: request.subject ?? `Invoice ${request.reference}`,
				currency: request.currency,
				issue_date: request.issueDate,
				due_date: request.dueDate,
				line_items_import: {
					project_ids: [projectId],
					time: { summary_type: 'task', from: request.from, to: request.to },
					expenses: { summary_type: 'category', from: request.from, to: request.to },
				},
			},
			// No idempotency key in Harvest: a lost answer is found by its purchase order before any retry.
			retrySafety: { lookup: existing },
		});
		known.push({ ...created, purchase_order: created.purchase_order ?? request.reference });
		return result(created, true);
	};
}
