import { sumMoney, toDecimalString } from '../../../shared/canonical';
import { agingBucketOf, type AgingBucket } from './aging';
import { daysSalesOutstanding } from './dso';
import type { Receivable } from './receivables';

/** An overdue invoice as Prioritize Overdue Invoices gives it. */
export interface PrioritizedInvoice {
	invoiceId: string;
	invoiceNumber: string;
	customer: string;
	currency: string;
	balanceMinor: number;
	daysOverdue: number;
	priority: number;
}

/** A dunning decision as Decide Dunning Step gives it. */
export interface DunningOutcome {
	invoiceNumber: string;
	customer: string;
	due: boolean;
	stage: number | null;
	action: string | null;
	/** The stop rule (disputed, promiseToPay, ...), null when the step is due. */
	stop: string | null;
	stopReason: string;
	priority: number;
}

export interface CollectionsInput {
	asOf: string;
	overdue: PrioritizedInvoice[];
	/** Open and recent invoices (canonical), for days sales outstanding. */
	invoices: Receivable[];
	decisions: DunningOutcome[];
	/** Notes (or ledger rows) written for the steps taken. */
	notesWritten: number;
	/** The overdue buckets, without "current". */
	buckets: AgingBucket[];
	dsoDays: number;
	/** How many of the highest priorities to list. */
	topCount?: number;
}

export interface CollectionsSummary {
	asOf: string;
	overdueInvoices: number;
	/** Per currency: the overdue total and every bucket (empty ones too), as decimals. */
	overdue: Record<string, { total: string; byAge: Record<string, string> }>;
	daysSalesOutstanding: Record<string, { receivable: string; salesLastDays: string; days: number | null }>;
	remindersSent: number;
	escalations: number;
	notesWritten: number;
	steps: Array<{ invoice: string; customer: string; stage: number | null; action: string | null; priority: number }>;
	/** Invoices not chased today for a reason a person may act on (dispute, promise, payment, do-not-chase); a stage already taken or not reached is not listed. */
	stopped: Array<{ invoice: string; customer: string; rule: string; reason: string }>;
	topPriorities: Array<{ invoice: string; customer: string; daysOverdue: number; balance: string; priority: number }>;
}

// Stops that are the ladder working as meant, not something to look at.
const QUIET_STOPS = new Set(['noStageReached', 'stageAlreadySent', 'nothingOwed']);

/** Receivables today and what the dunning run did: overdue by age and DSO per currency (never summed across currencies), steps, stops, priorities. */
export function collectionsSummary(input: CollectionsInput): CollectionsSummary {
	const byCurrency = new Map<string, PrioritizedInvoice[]>();
	for (const invoice of input.overdue) {
		const list = byCurrency.get(invoice.currency);
		if (list) list.push(invoice);
		else byCurrency.set(invoice.currency, [invoice]);
	}
	const overdue: CollectionsSummary['overdue'] = {};
	for (const [currency, invoices] of [...byCurrency].sort(([a], [b]) => a.localeCompare(b))) {
		const amount = (list: PrioritizedInvoice[]) => toDecimalString(sumMoney(list.map((invoice) => ({ amountMinor: invoice.balanceMinor, currency })), currency).amountMinor, currency);
		overdue[currency] = {
			total: amount(invoices),
			byAge: Object.fromEntries(input.buckets.map((bucket) => [bucket.label, amount(invoices.filter((invoice) => agingBucketOf(invoice.daysOverdue, input.buckets) === bucket.label))])),
		};
	}
	const dso = Object.fromEntries(
		daysSalesOutstanding(input.invoices, input.asOf, input.dsoDays).map((figure) => [figure.currency, { receivable: figure.receivableDecimal, salesLastDays: figure.salesDecimal, days: figure.days }]),
	);
	const taken = input.decisions.filter((decision) => decision.due);
	const top = [...input.overdue].sort((a, b) => b.priority - a.priority).slice(0, input.topCount ?? 10);
	return {
		asOf: input.asOf,
		overdueInvoices: input.overdue.length,
		overdue,
		daysSalesOutstanding: dso,
		remindersSent: taken.filter((decision) => decision.action === 'reminder').length,
		escalations: taken.filter((decision) => decision.action === 'escalation').length,
		notesWritten: input.notesWritten,
		steps: taken.map((decision) => ({ invoice: decision.invoiceNumber, customer: decision.customer, stage: decision.stage, action: decision.action, priority: decision.priority })),
		stopped: input.decisions
			.filter((decision) => decision.stop !== null && !QUIET_STOPS.has(decision.stop))
			.map((decision) => ({ invoice: decision.invoiceNumber, customer: decision.customer, rule: decision.stop as string, reason: decision.stopReason })),
		topPriorities: top.map((invoice) => ({ invoice: invoice.invoiceNumber, customer: invoice.customer, daysOverdue: invoice.daysOverdue, balance: `${toDecimalString(invoice.balanceMinor, invoice.currency)} ${invoice.currency}`, priority: invoice.priority })),
	};
}
