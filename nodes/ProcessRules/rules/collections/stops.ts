import { addDays } from '../dates';
import type { DunningStage, DunningStep } from './dunning';

/** What stops the next dunning step, in the order it is looked for. */
export const STOP_RULES = ['nothingOwed', 'doNotChase', 'disputed', 'promiseToPay', 'recentPayment', 'noStageReached', 'stageAlreadySent'] as const;
export type StopRule = (typeof STOP_RULES)[number];

export interface StopPolicy {
	/** Words in an invoice note that mean the customer disputes it. */
	disputeWords: string[];
	/** Words in a note that, with a date (YYYY-MM-DD) still ahead, mean a promise to pay. */
	promiseWords: string[];
	/** A payment in the last N days pauses dunning. */
	paymentPauseDays: number;
	/** Customers (id, name or e-mail) and invoices (id or number) never chased. */
	doNotChase: string[];
}

export const DEFAULT_STOP_POLICY: StopPolicy = {
	disputeWords: ['dispute', 'disputed', 'query on invoice'],
	promiseWords: ['promise to pay', 'promised'],
	paymentPauseDays: 7,
	doNotChase: [],
};

/** "a, b , c" -> ["a", "b", "c"], lower case. */
export function wordList(text: string): string[] {
	return text.split(',').map((word) => word.trim().toLowerCase()).filter(Boolean);
}

export interface InvoiceToChase {
	invoiceId: string;
	invoiceNumber?: string;
	clientId?: string;
	customerName?: string;
	customerEmail?: string;
	balanceMinor: number;
	lastPaymentDate?: string | null;
}

export interface StopDecision {
	rule: StopRule;
	reason: string;
	/** The promised pay date, for `promiseToPay`. */
	promisedBy?: string;
}

/** Why no step is taken on this invoice today, or undefined when the stage is due. */
export function stopReason(invoice: InvoiceToChase, stage: DunningStage | undefined, sent: DunningStep[], notes: string[], asOf: string, policy: StopPolicy): StopDecision | undefined {
	if (invoice.balanceMinor <= 0) return { rule: 'nothingOwed', reason: 'nothing is owed on the invoice' };
	const keys = [invoice.invoiceId, invoice.invoiceNumber, invoice.clientId, invoice.customerName, invoice.customerEmail].filter((key): key is string => !!key).map((key) => key.toLowerCase());
	const listed = policy.doNotChase.find((entry) => keys.includes(entry.toLowerCase()));
	if (listed) return { rule: 'doNotChase', reason: `"${listed}" is on the do-not-chase list` };
	const lower = notes.map((note) => note.toLowerCase());
	const dispute = policy.disputeWords.find((word) => lower.some((note) => note.includes(word)));
	if (dispute) return { rule: 'disputed', reason: `a note on the invoice says "${dispute}"` };
	const promised = lower
		.filter((note) => policy.promiseWords.some((word) => note.includes(word)))
		.map((note) => /(\d{4}-\d{2}-\d{2})/.exec(note)?.[1])
		.filter((date): date is string => !!date)
		.sort()
		.pop();
	if (promised && promised >= asOf) return { rule: 'promiseToPay', reason: `promised to pay by ${promised}`, promisedBy: promised };
	const pauseFrom = addDays(asOf, -policy.paymentPauseDays);
	if (invoice.lastPaymentDate && invoice.lastPaymentDate >= pauseFrom) return { rule: 'recentPayment', reason: `payment received on ${invoice.lastPaymentDate} (dunning pauses ${policy.paymentPauseDays} days)` };
	if (!stage) return { rule: 'noStageReached', reason: 'no stage of the ladder is reached yet' };
	if (sent.some((step) => step.stage >= stage.days)) return { rule: 'stageAlreadySent', reason: `stage ${stage.days} (or a later one) was already taken` };
	return undefined;
}
