import { addDays, isIsoDate, lastDayOfMonth, monthLabel, previousMonth } from '../dates';

/** The month an invoice run bills, and the run's issue and due dates. */
export interface BillingPeriod {
	/** `YYYY-MM`: the second half of every invoice reference. */
	periodKey: string;
	/** "March 2026", for line descriptions. */
	periodLabel: string;
	periodStart: string;
	periodEnd: string;
	issueDate: string;
	dueDate: string;
}

export interface BillingPeriodInput {
	/** `YYYY-MM`; empty bills the month before `today`. */
	billingMonth?: string;
	/** `YYYY-MM-DD` (UTC). */
	today: string;
	paymentTermsDays: number;
	/** Defaults to `today`. */
	issueDate?: string;
}

/** The billing period: the month named, or else last month; due date = issue date + payment terms. */
export function billingPeriod(input: BillingPeriodInput): BillingPeriod {
	const month = input.billingMonth?.trim() ? input.billingMonth.trim() : previousMonth(input.today);
	if (!/^\d{4}-\d{2}$/.test(month) || !isIsoDate(`${month}-01`)) throw new Error(`billing month "${month}" is not a month (YYYY-MM)`);
	const issueDate = input.issueDate?.trim() ? input.issueDate.trim() : input.today;
	if (!isIsoDate(issueDate)) throw new Error(`issue date "${issueDate}" is not a date (YYYY-MM-DD)`);
	if (!Number.isInteger(input.paymentTermsDays) || input.paymentTermsDays < 0) {
		throw new Error(`payment terms must be a whole number of days, 0 or more (got ${input.paymentTermsDays})`);
	}
	return {
		periodKey: month,
		periodLabel: monthLabel(month),
		periodStart: `${month}-01`,
		periodEnd: lastDayOfMonth(month),
		issueDate,
		dueDate: addDays(issueDate, input.paymentTermsDays),
	};
}
