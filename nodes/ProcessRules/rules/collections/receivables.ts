import type { Invoice, Money } from '../../../shared/canonical';
import { daysBetween } from '../dates';

/** An invoice as collections reads it: the canonical ERP invoice. */
export type Receivable = Pick<Invoice, 'id' | 'number' | 'reference' | 'clientId' | 'status' | 'currency' | 'issueDate' | 'dueDate' | 'total' | 'subtotal' | 'amountPaid' | 'balance'>;

const CLOSED = new Set(['draft', 'void', 'paid']);

/** What is still owed on an invoice: its balance, else total less paid, else total; nothing once paid, void or a draft. */
export function openBalance(invoice: Receivable): Money {
	if (CLOSED.has(invoice.status)) return { amountMinor: 0, currency: invoice.currency };
	if (invoice.balance) return invoice.balance;
	const total = invoice.total ?? invoice.subtotal;
	if (!total) return { amountMinor: 0, currency: invoice.currency };
	const paid = invoice.amountPaid?.currency === total.currency ? invoice.amountPaid.amountMinor : 0;
	return { amountMinor: total.amountMinor - paid, currency: total.currency };
}

/** Days past the due date (negative before it); an invoice without a due date is due on issue. */
export function daysOverdue(invoice: Pick<Invoice, 'dueDate' | 'issueDate'>, asOf: string): number {
	return daysBetween(invoice.dueDate ?? invoice.issueDate, asOf);
}
