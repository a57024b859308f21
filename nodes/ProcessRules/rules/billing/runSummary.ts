import { toDecimalString } from '../../../shared/canonical';
import { daysBetween } from '../dates';

/** An ERP invoice compared with the draft it was made from (what Compare Invoice With Draft gives). */
export interface ComparedInvoice {
	reference: string;
	invoiceNumber?: string;
	projectName?: string;
	clientName?: string;
	currency: string;
	subtotalMinor: number;
	hoursHundredths?: number;
	lineCount?: number;
	exceptions?: string[];
	matchesDraft: boolean;
	/** Every line of the draft is on the invoice (it may hold more). */
	coveredByInvoice?: boolean;
	lastWorkDate?: string;
}

/** The PSA's answer to marking a period invoiced: `marked` false when it was marked before under the reference. */
export interface PsaMark {
	reference: string;
	marked: boolean;
}

/** Something kept off every invoice of the run, with why. */
export interface KeptOff {
	project: string;
	rule: string;
	reason: string;
}

export interface InvoiceRunInput {
	period: { periodKey: string; periodEnd: string; issueDate: string };
	invoices: ComparedInvoice[];
	marks: PsaMark[];
	keptOff: KeptOff[];
}

export interface InvoiceRunLine {
	reference: string;
	number: string;
	project: string;
	client: string;
	/** "1234.50 USD". */
	subtotal: string;
	hours: number;
	lines: number;
	/** The exceptions a person approved before the invoice went out. */
	exceptionsApproved: string[];
	timeMarkedInvoiced: boolean;
	/** The ERP already held an invoice under the reference that lacks some of the draft (late time): the time is not marked. */
	lateTimeConflict: boolean;
}

export interface InvoiceRunSummary {
	period: string;
	invoices: InvoiceRunLine[];
	/** Invoices the ERP already held for the period with all the draft on them: nothing new was billed. */
	alreadyInvoiced: Array<{ reference: string; number: string; project: string }>;
	/** New invoices per currency (never summed across currencies). */
	totals: Record<string, { invoices: number; amountMinor: number; amount: string; hours: number }>;
	held: KeptOff[];
	readinessLagDays: { afterPeriodEnd: number; afterLastWorkAverage: number | null; afterLastWorkMax: number | null };
}

/**
 * An invoice run in one record: the invoices it made (and any conflict with an invoice the ERP
 * already had), what a re-run found invoiced before, totals per currency, what was kept off and
 * why, and the invoice-readiness lag (days from the period's end, and from the last work, to the
 * issue date).
 */
export function invoiceRunSummary(input: InvoiceRunInput): InvoiceRunSummary {
	const marked = new Map(input.marks.map((mark) => [mark.reference, mark.marked]));
	const invoices: InvoiceRunLine[] = [];
	const alreadyInvoiced: InvoiceRunSummary['alreadyInvoiced'] = [];
	// Per currency: invoices, amount in minor units, hours in hundredths (summed as integers, given as hours).
	const totals = new Map<string, { invoices: number; amountMinor: number; hundredths: number }>();
	const lags: number[] = [];
	for (const invoice of input.invoices) {
		const number = invoice.invoiceNumber ?? '';
		const project = invoice.projectName ?? '';
		const before = invoice.matchesDraft ? marked.get(invoice.reference) === false : invoice.coveredByInvoice === true;
		if (before) {
			alreadyInvoiced.push({ reference: invoice.reference, number, project });
			continue;
		}
		const hundredths = invoice.hoursHundredths ?? 0;
		invoices.push({
			reference: invoice.reference,
			number,
			project,
			client: invoice.clientName ?? '',
			subtotal: `${toDecimalString(invoice.subtotalMinor, invoice.currency)} ${invoice.currency}`,
			hours: hundredths / 100,
			lines: invoice.lineCount ?? 0,
			exceptionsApproved: invoice.exceptions ?? [],
			timeMarkedInvoiced: marked.get(invoice.reference) === true,
			lateTimeConflict: !invoice.matchesDraft,
		});
		if (!invoice.matchesDraft) continue;
		const total = totals.get(invoice.currency) ?? { invoices: 0, amountMinor: 0, hundredths: 0 };
		total.invoices += 1;
		total.amountMinor += invoice.subtotalMinor;
		total.hundredths += hundredths;
		totals.set(invoice.currency, total);
		if (invoice.lastWorkDate) lags.push(daysBetween(invoice.lastWorkDate, input.period.issueDate));
	}
	return {
		period: input.period.periodKey,
		invoices,
		alreadyInvoiced,
		totals: Object.fromEntries(
			[...totals].map(([currency, total]) => [currency, { invoices: total.invoices, amountMinor: total.amountMinor, amount: toDecimalString(total.amountMinor, currency), hours: total.hundredths / 100 }]),
		),
		held: input.keptOff,
		readinessLagDays: {
			afterPeriodEnd: daysBetween(input.period.periodEnd, input.period.issueDate),
			afterLastWorkAverage: lags.length ? Math.round((lags.reduce((sum, lag) => sum + lag, 0) / lags.length) * 10) / 10 : null,
			afterLastWorkMax: lags.length ? Math.max(...lags) : null,
		},
	};
}

type Row = Record<string, unknown>;
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/**
 * What kept one item of the run off the invoices, whichever step it comes from: a hold of Build
 * Invoice Drafts (rule and reason), a draft whose exceptions were not approved (it carries the
 * gate's `approval`), or an exception of a step that matched it (the draft under `input`, and the
 * `message`). Undefined for a row that says none of these.
 */
export function keptOffOf(row: Row): KeptOff | undefined {
	if (row.held === true) return { project: text(row.projectName), rule: text(row.rule) || 'held', reason: text(row.reason) };
	const approval = row.approval as Row | undefined;
	if (approval && typeof approval === 'object') {
		const exceptions = Array.isArray(row.exceptions) ? row.exceptions.map(text) : [];
		return { project: text(row.projectName), rule: 'exceptionsNotApproved', reason: `exceptions ${text(approval.status)}: ${exceptions.join('; ')}` };
	}
	const input = row.input as Row | undefined;
	if (input && typeof input === 'object' && row.message !== undefined) return { project: text(input.projectName), rule: row.operation === 'match' ? 'notMatched' : text(row.operation) || 'exception', reason: text(row.message) };
	return undefined;
}
