/**
 * What the time-to-invoice template must leave in the sandbox: one draft invoice per invoiced
 * project in the ERP, referenced `<project code>-<YYYY-MM>`, whose lines are the PSA's hours x rate
 * to the cent (per task and rate) and its expenses; the same time and expenses marked invoiced in
 * Harvest; the project with unapproved time untouched.
 */
import type { Sandbox } from '../../sandbox/server';
import type { StagedProject, StagedTime } from '../../sandbox/scenarios';
import type { AnyObject } from './templateSupport';
import { cents, lineCents } from './templateSupport';

export type InvoicingErp = 'xero' | 'businessCentral';

const state = (sandbox: Sandbox, vendor: string): AnyObject => sandbox.vendors.get(vendor)!.state() as AnyObject;

export const referenceOf = (project: StagedProject, staged: StagedTime): string => `${project.projectCode || `P${project.projectId}`}-${staged.periodKey}`;

/** One ERP invoice in a vendor-neutral shape: reference, currency, lines in cents, subtotal in cents. */
export interface ErpInvoiceView {
	id: string;
	number: string;
	reference: string;
	status: string;
	currency: string;
	customer: string;
	lines: Array<{ quantity: number; unitCents: number; lineCents: number }>;
	subtotalCents: number;
}

export function erpInvoices(sandbox: Sandbox, erp: InvoicingErp): ErpInvoiceView[] {
	if (erp === 'xero') {
		return (state(sandbox, 'xero').invoices as AnyObject[]).map((invoice) => ({
			id: invoice.InvoiceID,
			number: invoice.InvoiceNumber,
			reference: invoice.Reference,
			status: invoice.Status,
			currency: invoice.CurrencyCode,
			customer: invoice.Contact?.Name ?? '',
			lines: (invoice.LineItems as AnyObject[]).map((line) => ({ quantity: line.Quantity, unitCents: cents(line.UnitAmount), lineCents: cents(line.LineAmount) })),
			subtotalCents: cents(invoice.SubTotal),
		}));
	}
	const bc = state(sandbox, 'businesscentral');
	return (bc.salesInvoices as AnyObject[]).map((invoice) => ({
		id: invoice.id,
		number: invoice.number,
		reference: invoice.externalDocumentNumber,
		status: invoice.status,
		currency: invoice.currencyCode || 'GBP',
		customer: (bc.customers as AnyObject[]).find((customer) => customer.id === invoice.customerId)?.displayName ?? '',
		lines: (invoice.salesInvoiceLines as AnyObject[]).map((line) => ({ quantity: line.quantity, unitCents: cents(line.unitPrice), lineCents: cents(line.amountExcludingTax) })),
		subtotalCents: cents(invoice.totalAmountExcludingTax),
	}));
}

/** The lines an invoice of this project must have, computed here from the PSA's records. */
export function expectedLines(sandbox: Sandbox, project: StagedProject): Array<{ quantity: number; unitCents: number; lineCents: number }> {
	const harvest = state(sandbox, 'harvest');
	const groups = new Map<string, { hundredths: number; rate: number }>();
	for (const entry of (harvest.timeEntries as AnyObject[]).filter((candidate) => project.timeEntryIds.includes(String(candidate.id)))) {
		const key = `${entry.task_id}|${entry.billable_rate}`;
		const group = groups.get(key) ?? { hundredths: 0, rate: entry.billable_rate };
		group.hundredths += Math.round(entry.hours * 100);
		groups.set(key, group);
	}
	const lines = [...groups.values()].map((group) => ({ quantity: group.hundredths / 100, unitCents: cents(group.rate), lineCents: lineCents(group.hundredths / 100, group.rate) }));
	const expenses = (harvest.expenses as AnyObject[]).filter((expense) => project.expenseIds.includes(String(expense.id)));
	if (expenses.length > 0) {
		const total = expenses.reduce((sum, expense) => sum + cents(expense.total_cost), 0);
		lines.push({ quantity: 1, unitCents: total, lineCents: total });
	}
	return lines.sort((a, b) => a.lineCents - b.lineCents);
}

export function invoicingSnapshot(sandbox: Sandbox, erp: InvoicingErp): AnyObject {
	const harvest = state(sandbox, 'harvest');
	return {
		erpInvoices: erpInvoices(sandbox, erp).map((invoice) => `${invoice.reference}:${invoice.subtotalCents}`).sort(),
		harvestInvoices: (harvest.invoices as AnyObject[]).length,
		billedEntries: (harvest.timeEntries as AnyObject[]).filter((entry) => entry.is_billed).length,
		billedExpenses: (harvest.expenses as AnyObject[]).filter((expense) => expense.is_billed).length,
	};
}

export function expectInvoicingDone(sandbox: Sandbox, erp: InvoicingErp, staged: StagedTime, erpInvoicesBefore: number): void {
	const harvest = state(sandbox, 'harvest');
	const invoices = erpInvoices(sandbox, erp);
	const invoiced = staged.projects.filter((project) => project.case !== 'unapproved');
	// One new draft per invoiced project, nothing else.
	expect(invoices).toHaveLength(erpInvoicesBefore + invoiced.length);

	for (const project of invoiced) {
		const reference = referenceOf(project, staged);
		const found = invoices.filter((invoice) => invoice.reference === reference);
		expect({ reference, invoices: found.length }).toEqual({ reference, invoices: 1 });
		const [invoice] = found;
		expect(invoice.status).toBe(erp === 'xero' ? 'DRAFT' : 'Draft');
		expect(invoice.customer).toBe(project.clientName);
		expect(invoice.currency).toBe(project.currency);
		// Lines == hours x rate to the cent, per task and rate, plus the expenses.
		const lines = [...invoice.lines].sort((a, b) => a.lineCents - b.lineCents);
		expect(lines).toEqual(expectedLines(sandbox, project));
		for (const line of lines) expect(line.lineCents).toBe(Math.round((Math.round(line.quantity * 100) * line.unitCents) / 100));
		expect(invoice.subtotalCents).toBe(lines.reduce((sum, line) => sum + line.lineCents, 0));

		// The same time and expenses marked invoiced in Harvest, by one Harvest invoice of the same amount.
		const entries = (harvest.timeEntries as AnyObject[]).filter((entry) => project.timeEntryIds.includes(String(entry.id)));
		const expenses = (harvest.expenses as AnyObject[]).filter((expense) => project.expenseIds.includes(String(expense.id)));
		for (const record of [...entries, ...expenses]) expect(record).toMatchObject({ is_billed: true, is_locked: true });
		const harvestInvoice = (harvest.invoices as AnyObject[]).filter((candidate) => candidate.purchase_order === reference);
		expect(harvestInvoice).toHaveLength(1);
		expect(cents(harvestInvoice[0].amount)).toBe(invoice.subtotalCents);
		expect(new Set(entries.map((entry) => entry.invoice?.id))).toEqual(new Set([harvestInvoice[0].id]));
		if (erp === 'xero') expect(harvestInvoice[0].number).toBe(invoice.number);
	}

	// The project with time still waiting for approval: no invoice, nothing marked.
	const held = staged.projects.find((project) => project.case === 'unapproved')!;
	expect(invoices.some((invoice) => invoice.reference === referenceOf(held, staged))).toBe(false);
	for (const entry of (harvest.timeEntries as AnyObject[]).filter((candidate) => held.timeEntryIds.includes(String(candidate.id)))) expect(entry.is_billed).toBe(false);
}
