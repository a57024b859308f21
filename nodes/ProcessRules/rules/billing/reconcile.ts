import type { Invoice, InvoiceLine, Money } from '../../../shared/canonical';
import { sumMoney, toDecimalString } from '../../../shared/canonical';

/** A draft as the reconciliation reads it: the invoice the run meant to create. */
export interface DraftToCompare {
	reference: string;
	currency: string;
	subtotalMinor: number;
	lines?: InvoiceLine[];
}

export interface InvoiceDifference {
	field: string;
	draft: string;
	invoice: string;
}

export interface Reconciliation {
	matchesDraft: boolean;
	differences: InvoiceDifference[];
	/** What the draft bills beyond the invoice (late time for a month already invoiced), in the draft's currency. */
	notOnInvoice?: Money;
	/** Draft lines the invoice does not hold (compared by amount, quantity and unit price). */
	linesNotOnInvoice: InvoiceLine[];
	linesOnlyOnInvoice: InvoiceLine[];
	/**
	 * Every line of the draft is on the invoice (the ERP gave lines to compare): nothing the draft
	 * bills is missing, even when the invoice holds more (a fee re-drafted after its time was marked
	 * invoiced). Not a conflict: the period was invoiced before.
	 */
	coveredByInvoice: boolean;
}

const lineKey = (line: InvoiceLine): string => `${line.lineAmount.amountMinor}|${line.lineAmount.currency}|${line.quantity}|${line.unitPrice.amountMinor}`;

/** The invoice's subtotal: as the ERP says, else the sum of its lines. */
export function invoiceSubtotal(invoice: Pick<Invoice, 'subtotal' | 'lines' | 'currency' | 'total'>): Money | undefined {
	if (invoice.subtotal) return invoice.subtotal;
	if (invoice.lines?.length) return sumMoney(invoice.lines.map((line) => line.lineAmount), invoice.currency);
	return invoice.total;
}

/**
 * The ERP answers a reference it already holds with the invoice it made before, not a new one. If
 * that invoice is not exactly this draft (late time for a month already invoiced), the time must not
 * be marked invoiced: a person adds it to the invoice or bills it later. The subtotal and currency
 * decide, as before; when the ERP gives lines, the lines that differ are listed too.
 */
export function compareInvoiceWithDraft(draft: DraftToCompare, invoice: Pick<Invoice, 'subtotal' | 'lines' | 'currency' | 'total' | 'reference'>): Reconciliation {
	const differences: InvoiceDifference[] = [];
	const subtotal = invoiceSubtotal(invoice);
	if (invoice.currency !== draft.currency) differences.push({ field: 'currency', draft: draft.currency, invoice: invoice.currency });
	if (subtotal?.amountMinor !== draft.subtotalMinor) {
		differences.push({
			field: 'subtotal',
			draft: toDecimalString(draft.subtotalMinor, draft.currency),
			invoice: subtotal ? toDecimalString(subtotal.amountMinor, subtotal.currency) : '(none)',
		});
	}
	if (invoice.reference !== undefined && invoice.reference !== draft.reference) differences.push({ field: 'reference', draft: draft.reference, invoice: invoice.reference });
	const linesNotOnInvoice: InvoiceLine[] = [];
	const linesOnlyOnInvoice: InvoiceLine[] = [];
	const linesCompared = !!draft.lines && !!invoice.lines && invoice.lines.length > 0;
	if (draft.lines && invoice.lines && invoice.lines.length > 0) {
		const onInvoice = new Map<string, InvoiceLine[]>();
		for (const line of invoice.lines) onInvoice.set(lineKey(line), [...(onInvoice.get(lineKey(line)) ?? []), line]);
		for (const line of draft.lines) {
			const same = onInvoice.get(lineKey(line));
			if (same?.length) same.shift();
			else linesNotOnInvoice.push(line);
		}
		for (const rest of onInvoice.values()) linesOnlyOnInvoice.push(...rest);
	}
	const sameCurrency = invoice.currency === draft.currency && subtotal?.currency !== undefined && subtotal.currency === draft.currency;
	const gap = sameCurrency && subtotal ? draft.subtotalMinor - subtotal.amountMinor : undefined;
	return {
		matchesDraft: differences.filter((difference) => difference.field !== 'reference').length === 0,
		differences,
		...(gap !== undefined && gap !== 0 ? { notOnInvoice: { amountMinor: gap, currency: draft.currency } } : {}),
		linesNotOnInvoice,
		linesOnlyOnInvoice,
		coveredByInvoice: linesCompared && invoice.currency === draft.currency && linesNotOnInvoice.length === 0,
	};
}
