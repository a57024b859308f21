import type { Invoice, Money, Payment } from '../../../shared/canonical';
import { toMinorUnits } from '../../../shared/canonical';

/** How an overdue invoice is scored (0-100): weights of its amount, its days overdue and the customer's paying late before. */
export interface PriorityPolicy {
	/** The balance, in the invoice currency's major units, that scores full marks for amount. */
	largeBalance: number | string;
	amountWeight: number;
	daysWeight: number;
	historyWeight: number;
	/** Days overdue that score full marks for days. */
	fullScoreDays: number;
	/** Share of late payments assumed for a customer with no paid invoice yet. */
	unknownHistoryLateShare: number;
}

/** Today's Dunning Policy: 40 for the amount, 40 for the days, 20 for paying late before. */
export const DEFAULT_PRIORITY_POLICY: PriorityPolicy = { largeBalance: 50000, amountWeight: 40, daysWeight: 40, historyWeight: 20, fullScoreDays: 90, unknownHistoryLateShare: 0.5 };

export interface PaymentHistory {
	paidInvoices: number;
	paidLate: number;
}

/** Per customer: paid invoices, and those whose last payment came after the due date. */
export function paymentHistoryByClient(invoices: Array<Pick<Invoice, 'id' | 'clientId' | 'status' | 'dueDate'>>, payments: Array<Pick<Payment, 'invoiceId' | 'date'>>): Map<string, PaymentHistory> {
	const lastPayment = new Map<string, string>();
	for (const payment of payments) {
		const previous = lastPayment.get(payment.invoiceId);
		if (!previous || payment.date > previous) lastPayment.set(payment.invoiceId, payment.date);
	}
	const history = new Map<string, PaymentHistory>();
	for (const invoice of invoices) {
		if (invoice.status !== 'paid' || !invoice.dueDate) continue;
		const stats = history.get(invoice.clientId) ?? { paidInvoices: 0, paidLate: 0 };
		stats.paidInvoices += 1;
		const paidOn = lastPayment.get(invoice.id ?? '');
		if (paidOn && paidOn > invoice.dueDate) stats.paidLate += 1;
		history.set(invoice.clientId, stats);
	}
	return history;
}

/** The last payment date per invoice. */
export function lastPaymentByInvoice(payments: Array<Pick<Payment, 'invoiceId' | 'date'>>): Map<string, string> {
	const last = new Map<string, string>();
	for (const payment of payments) if ((last.get(payment.invoiceId) ?? '') < payment.date) last.set(payment.invoiceId, payment.date);
	return last;
}

export interface PriorityScore {
	score: number;
	/** Each part's points, to one decimal: they add up to the score before it is rounded. */
	parts: { amount: number; daysOverdue: number; paymentHistory: number };
	lateShare: number;
	explanation: string;
}

const clamp = (value: number): number => Math.min(1, Math.max(0, value));
const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** The priority of chasing an invoice, with its parts shown. */
export function priorityScore(balance: Money, days: number, history: PaymentHistory | undefined, policy: PriorityPolicy = DEFAULT_PRIORITY_POLICY): PriorityScore {
	const large = toMinorUnits(policy.largeBalance, balance.currency);
	const lateShare = !history || history.paidInvoices === 0 ? policy.unknownHistoryLateShare : history.paidLate / history.paidInvoices;
	const amount = policy.amountWeight * (large > 0 ? clamp(balance.amountMinor / large) : 1);
	const daysPart = policy.daysWeight * (policy.fullScoreDays > 0 ? clamp(days / policy.fullScoreDays) : days > 0 ? 1 : 0);
	const historyPart = policy.historyWeight * clamp(lateShare);
	const score = Math.round(amount + daysPart + historyPart);
	const paid = history && history.paidInvoices > 0 ? `${history.paidLate} of ${history.paidInvoices} paid invoices paid late` : 'no paid invoice yet';
	return {
		score,
		parts: { amount: oneDecimal(amount), daysOverdue: oneDecimal(daysPart), paymentHistory: oneDecimal(historyPart) },
		lateShare,
		explanation: `${oneDecimal(amount)} for the balance (full marks at ${policy.largeBalance} ${balance.currency}), ${oneDecimal(daysPart)} for ${days} days overdue (full marks at ${policy.fullScoreDays}), ${oneDecimal(historyPart)} for payment history (${paid})`,
	};
}
