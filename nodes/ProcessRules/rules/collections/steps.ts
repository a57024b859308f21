import type { Contact } from '../../../shared/canonical';
import { dunningNote, stageDue, type DunningStage, type DunningStep } from './dunning';
import { renderMessage } from './message';
import { stopReason, type InvoiceToChase, type StopDecision, type StopPolicy } from './stops';

export interface DunningDecision {
	/** The stage reached (its days), or null before the first. */
	stage: number | null;
	action: DunningStage['action'] | null;
	/** Whether a step is to be taken today. */
	due: boolean;
	stop: StopDecision | null;
	stepsAlreadySent: number[];
	subject: string;
	body: string;
	/** The note for the invoice or the ledger, with the marker a later run reads. */
	note: string;
	unknownPlaceholders: string[];
}

export interface DunningInputs {
	ladder: DunningStage[];
	stops: StopPolicy;
	asOf: string;
	sent: DunningStep[];
	notes: string[];
	/** The values the message templates may use ({{invoiceNumber}}, {{amount}}, ...). */
	values: Record<string, unknown>;
}

/** The dunning step due on one invoice: the latest stage reached that was not taken yet, unless something stops it. */
export function decideDunningStep(invoice: InvoiceToChase & { daysOverdue: number }, inputs: DunningInputs): DunningDecision {
	const stage = stageDue(invoice.daysOverdue, inputs.ladder);
	const stop = stopReason(invoice, stage, inputs.sent, inputs.notes, inputs.asOf, inputs.stops) ?? null;
	const base = { stage: stage?.days ?? null, action: stage?.action ?? null, stop, stepsAlreadySent: inputs.sent.map((step) => step.stage) };
	if (stop || !stage) return { ...base, due: false, subject: '', body: '', note: '', unknownPlaceholders: [] };
	const values: Record<string, unknown> = { ...inputs.values, stage: stage.days, action: stage.action };
	const subject = renderMessage(stage.subject, values);
	const body = renderMessage(stage.body, values);
	const text = (key: string): string => {
		const value = values[key];
		return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
	};
	const what = stage.action === 'escalation' ? `escalated to account owner ${text('accountOwnerId') || '(no CRM account)'}` : `reminder sent to ${text('contactEmail') || 'billing contact'}`;
	return {
		...base,
		due: true,
		subject: subject.text,
		body: body.text,
		note: dunningNote(stage.days, `${what} on ${inputs.asOf} (${invoice.daysOverdue} days overdue, ${text('amount')}, priority ${text('priority')})`),
		unknownPlaceholders: [...new Set([...subject.unknownPlaceholders, ...body.unknownPlaceholders])],
	};
}

/** Job titles that mark the person who pays invoices. */
export const BILLING_TITLE_WORDS = ['financ', 'account', 'billing', 'cfo', 'payable'];

/** The account's billing contact: someone with an e-mail whose title says finance, else its first contact with an e-mail. */
export function billingContact(contacts: Contact[], accountId: string | undefined, titleWords: string[] = BILLING_TITLE_WORDS): Contact | undefined {
	if (!accountId) return undefined;
	const ofAccount = contacts.filter((contact) => contact.clientId === accountId && contact.email);
	return ofAccount.find((contact) => titleWords.some((word) => (contact.jobTitle ?? '').toLowerCase().includes(word))) ?? ofAccount[0];
}
