import type { Sandbox } from '../server';
import type { XeroFake } from '../vendors/xero';
import type { StoredInvoice, XeroStore } from '../vendors/xero/store';
import { DAY_MS, isoDay } from './vendorCalls';

/**
 * Overdue invoices in Xero for the collections template, one per dunning situation, with due
 * dates relative to today so the stages do not drift with the calendar. Every other overdue
 * invoice of the seed is settled first (compact: a handful of invoices to work). What a credit
 * controller does in Xero's UI (a payment, a note on the invoice) is written into the fake.
 */

export type DunningCase = 'stage1' | 'stage15' | 'stage45' | 'disputed' | 'promised' | 'alreadyReminded' | 'paidRecently';

export interface StagedInvoice {
	case: DunningCase;
	invoiceId: string;
	invoiceNumber: string;
	contactName: string;
	daysOverdue: number;
	/** What the template should do: the stage it takes, or nothing. */
	expected: { stage: number; action: 'reminder' | 'escalation' } | null;
}

const CASES: Array<{ case: DunningCase; daysOverdue: number; expected: StagedInvoice['expected'] }> = [
	{ case: 'stage1', daysOverdue: 3, expected: { stage: 1, action: 'reminder' } },
	{ case: 'stage15', daysOverdue: 20, expected: { stage: 15, action: 'reminder' } },
	{ case: 'stage45', daysOverdue: 50, expected: { stage: 45, action: 'escalation' } },
	{ case: 'disputed', daysOverdue: 70, expected: null },
	{ case: 'promised', daysOverdue: 35, expected: null },
	{ case: 'alreadyReminded', daysOverdue: 16, expected: null },
	{ case: 'paidRecently', daysOverdue: 32, expected: null },
];

const midnightToday = (): number => Date.parse(`${isoDay(0)}T00:00:00Z`);

function pay(store: XeroStore, invoice: StoredInvoice, cents: number, at: number, reference: string): void {
	const account = store.accounts.find((candidate) => candidate.EnablePaymentsToAccount) ?? store.accounts[0];
	const id = store.newId('payment');
	store.payments.set(id, { PaymentID: id, InvoiceID: invoice.InvoiceID, AccountID: account.AccountID, date: at, cents, Reference: reference, Status: 'AUTHORISED', updatedAt: at });
	store.history.get(invoice.InvoiceID)?.push({ DateUTC: at, User: 'Credit Control', Changes: 'Payment Received', Details: `Payment received for ${(cents / 100).toFixed(2)}` });
	store.settle(invoice, at);
}

function note(store: XeroStore, invoice: StoredInvoice, text: string, at: number): void {
	const history = store.history.get(invoice.InvoiceID) ?? [];
	history.push({ DateUTC: at, User: 'Credit Control', Changes: 'Note', Details: text });
	store.history.set(invoice.InvoiceID, history);
}

/** Leaves exactly the seven staged invoices overdue in Xero. */
export function stageOverdueInvoices(sandbox: Sandbox): StagedInvoice[] {
	const store = (sandbox.vendors.get('xero') as XeroFake).store;
	const today = midnightToday();
	const open = [...store.invoices.values()].filter((invoice) => invoice.Status === 'AUTHORISED' && store.totals(invoice).due > 0);
	const chosen: StoredInvoice[] = [];
	for (const invoice of open) {
		if (chosen.length < CASES.length && !chosen.some((other) => other.ContactID === invoice.ContactID)) chosen.push(invoice);
	}
	if (chosen.length < CASES.length) throw new Error('the sandbox has too few open invoices of distinct customers');
	for (const invoice of open.filter((candidate) => !chosen.includes(candidate))) {
		pay(store, invoice, store.totals(invoice).due, Math.min(invoice.dueDate ?? today, today - DAY_MS), `Remittance ${invoice.InvoiceNumber}`);
	}
	return CASES.map((spec, index) => {
		const invoice = chosen[index];
		invoice.dueDate = today - spec.daysOverdue * DAY_MS;
		invoice.date = invoice.dueDate - 30 * DAY_MS;
		const contact = store.contacts.get(invoice.ContactID.toLowerCase());
		if (spec.case === 'disputed') note(store, invoice, 'Customer disputes the hours billed in week 3; on hold until resolved.', today - 5 * DAY_MS);
		if (spec.case === 'promised') note(store, invoice, `Spoke to their AP team: promise to pay by ${isoDay(10)}.`, today - 2 * DAY_MS);
		if (spec.case === 'alreadyReminded') note(store, invoice, `[p2c dunning] stage 15: reminder sent to accounts payable on ${isoDay(-1)}`, today - DAY_MS);
		if (spec.case === 'paidRecently') pay(store, invoice, Math.floor(store.totals(invoice).due / 2), today - 2 * DAY_MS, 'Part payment');
		return { case: spec.case, invoiceId: invoice.InvoiceID, invoiceNumber: invoice.InvoiceNumber, contactName: contact?.Name ?? '', daysOverdue: spec.daysOverdue, expected: spec.expected };
	});
}
