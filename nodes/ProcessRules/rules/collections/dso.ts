import type { Money } from '../../../shared/canonical';
import { toDecimalString } from '../../../shared/canonical';
import { addDays } from '../dates';
import { openBalance, type Receivable } from './receivables';

export interface DaysSalesOutstanding {
	currency: string;
	receivable: Money;
	receivableDecimal: string;
	salesInWindow: Money;
	salesDecimal: string;
	windowDays: number;
	/** receivable / sales of the window x window days, to one decimal; null without sales in the window. */
	days: number | null;
	invoiceIds: string[];
}

/**
 * Days sales outstanding per currency: what is owed now over what was invoiced in the last N days,
 * times N. Drafts and void invoices are neither sales nor receivables.
 */
export function daysSalesOutstanding(invoices: Receivable[], asOf: string, windowDays: number): DaysSalesOutstanding[] {
	if (!Number.isInteger(windowDays) || windowDays <= 0) throw new Error(`the DSO window must be a whole number of days above 0 (got ${windowDays})`);
	const windowStart = addDays(asOf, -windowDays);
	const byCurrency = new Map<string, { receivable: number; sales: number; ids: string[] }>();
	for (const invoice of invoices) {
		// Every currency of the input has its line, even if none of its invoices counts.
		const entry = byCurrency.get(invoice.currency) ?? { receivable: 0, sales: 0, ids: [] };
		byCurrency.set(invoice.currency, entry);
		if (invoice.status === 'draft' || invoice.status === 'void' || invoice.issueDate > asOf) continue;
		const balance = openBalance(invoice);
		if (balance.currency === invoice.currency) entry.receivable += balance.amountMinor;
		const total = invoice.total ?? invoice.subtotal;
		if (total && total.currency === invoice.currency && invoice.issueDate >= windowStart) entry.sales += total.amountMinor;
		entry.ids.push(invoice.id ?? '');
	}
	return [...byCurrency.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, entry]) => ({
			currency,
			receivable: { amountMinor: entry.receivable, currency },
			receivableDecimal: toDecimalString(entry.receivable, currency),
			salesInWindow: { amountMinor: entry.sales, currency },
			salesDecimal: toDecimalString(entry.sales, currency),
			windowDays,
			days: entry.sales > 0 ? Math.round((entry.receivable * windowDays * 10) / entry.sales) / 10 : null,
			invoiceIds: entry.ids,
		}));
}
