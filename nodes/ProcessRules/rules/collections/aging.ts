import type { Money } from '../../../shared/canonical';
import { sumMoney, toDecimalString } from '../../../shared/canonical';
import { daysOverdue, openBalance, type Receivable } from './receivables';

export interface AgingBucket {
	/** "1-30", "91+", or "current" for invoices not yet due. */
	label: string;
	/** Days overdue, inclusive; absent at the open ends. */
	from?: number;
	to?: number;
}

/** "30, 60, 90" -> [30, 60, 90]: the last day of each bucket, increasing. */
export function parseAgingBounds(text: string): number[] {
	const parts = text.split(',').map((part) => part.trim()).filter(Boolean);
	const bounds = parts.map(Number);
	const bad = parts.find((part, index) => !Number.isInteger(bounds[index]) || bounds[index] <= 0);
	if (bad !== undefined) throw new Error(`aging bucket "${bad}" is not a whole number of days above 0`);
	return [...new Set(bounds)].sort((a, b) => a - b);
}

export function agingBuckets(bounds: number[], includeCurrent = true): AgingBucket[] {
	const buckets: AgingBucket[] = includeCurrent ? [{ label: 'current', to: 0 }] : [];
	let low = 1;
	for (const high of bounds) {
		buckets.push({ label: `${low}-${high}`, from: low, to: high });
		low = high + 1;
	}
	buckets.push({ label: `${low}+`, from: low });
	return buckets;
}

/** The bucket of an invoice so many days overdue; not yet due is "current" (or, without it, the first bucket). */
export function agingBucketOf(days: number, buckets: AgingBucket[]): string {
	for (const bucket of buckets) {
		if ((bucket.from === undefined || days >= bucket.from) && (bucket.to === undefined || days <= bucket.to)) return bucket.label;
	}
	return buckets[0].label;
}

export interface AgingOfCurrency {
	currency: string;
	total: Money;
	totalDecimal: string;
	invoices: number;
	/** Every bucket, in order, empty ones included, so a summary has the same keys every day. */
	buckets: Array<{ bucket: string; amount: Money; amountDecimal: string; invoices: number }>;
	invoiceIds: string[];
}

export interface AgedInvoice {
	invoiceId: string;
	currency: string;
	balance: Money;
	daysOverdue: number;
	bucket: string;
}

/** Each open invoice with its balance, days overdue and bucket; paid, void and zero-balance invoices are skipped. */
export function ageInvoices(invoices: Receivable[], asOf: string, buckets: AgingBucket[]): Array<AgedInvoice | undefined> {
	return invoices.map((invoice) => {
		const balance = openBalance(invoice);
		if (balance.amountMinor <= 0 || invoice.issueDate > asOf) return undefined;
		const days = daysOverdue(invoice, asOf);
		if (days <= 0 && buckets[0]?.label !== 'current') return undefined;
		return { invoiceId: invoice.id ?? '', currency: balance.currency, balance, daysOverdue: days, bucket: agingBucketOf(days, buckets) };
	});
}

/** Receivables by age, per currency (never summed across currencies); every currency of the input has its line, owed or not. */
export function ageReceivables(invoices: Receivable[], asOf: string, buckets: AgingBucket[]): AgingOfCurrency[] {
	const byCurrency = new Map<string, AgedInvoice[]>(invoices.map((invoice) => [invoice.currency, []]));
	for (const aged of ageInvoices(invoices, asOf, buckets)) {
		if (!aged) continue;
		const list = byCurrency.get(aged.currency);
		if (list) list.push(aged);
		else byCurrency.set(aged.currency, [aged]);
	}
	return [...byCurrency.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([currency, aged]) => {
			const total = sumMoney(aged.map((entry) => entry.balance), currency);
			return {
				currency,
				total,
				totalDecimal: toDecimalString(total.amountMinor, currency),
				invoices: aged.length,
				buckets: buckets.map((bucket) => {
					const inBucket = aged.filter((entry) => entry.bucket === bucket.label);
					const amount = sumMoney(inBucket.map((entry) => entry.balance), currency);
					return { bucket: bucket.label, amount, amountDecimal: toDecimalString(amount.amountMinor, currency), invoices: inBucket.length };
				}),
				invoiceIds: aged.map((entry) => entry.invoiceId),
			};
		});
}
