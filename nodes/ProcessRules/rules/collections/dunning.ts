/** The dunning ladder and the memory of steps already taken. */

export interface DunningStage {
	/** Days past the due date at which the step is taken; negative for a reminder before the due date. */
	days: number;
	action: 'reminder' | 'escalation';
	subject: string;
	body: string;
}

/** Today's Dunning Policy: steps at 1, 15 and 30 days remind the customer; 45 and 60 escalate to the account owner. */
export const DEFAULT_DUNNING_LADDER: DunningStage[] = [
	...[1, 15, 30].map((days) => ({
		days,
		action: 'reminder' as const,
		subject: 'Reminder: invoice {{invoiceNumber}} ({{amount}}) was due on {{dueDate}}',
		body: 'Our records show invoice {{invoiceNumber}} is {{daysOverdue}} days past its due date of {{dueDate}}. Please arrange payment or tell us if anything is unclear.',
	})),
	...[45, 60].map((days) => ({
		days,
		action: 'escalation' as const,
		subject: 'Escalation: {{customer}} owes {{amount}} on {{invoiceNumber}}, {{daysOverdue}} days overdue',
		body: '{{customer}} owes {{amount}} on invoice {{invoiceNumber}}, due on {{dueDate}} and now {{daysOverdue}} days overdue. Billing contact: {{contactName}} {{contactEmail}}.',
	})),
];

/** The texts of a ladder written as a list of days: one subject and message for reminders, one for escalations. */
export interface LadderTexts {
	reminderSubject: string;
	reminderBody: string;
	escalationSubject: string;
	escalationBody: string;
}

export const DEFAULT_LADDER_TEXTS: LadderTexts = {
	reminderSubject: DEFAULT_DUNNING_LADDER[0].subject,
	reminderBody: DEFAULT_DUNNING_LADDER[0].body,
	escalationSubject: DEFAULT_DUNNING_LADDER[DEFAULT_DUNNING_LADDER.length - 1].subject,
	escalationBody: DEFAULT_DUNNING_LADDER[DEFAULT_DUNNING_LADDER.length - 1].body,
};

/**
 * A ladder as an analyst writes it in a policy: "1, 15, 30, 45, 60" (negative days remind before
 * the due date), stages from `escalateFromDays` on escalate to the account owner, the others
 * remind the customer.
 */
export function ladderFromDays(daysText: string, escalateFromDays: number, texts: LadderTexts = DEFAULT_LADDER_TEXTS): DunningStage[] {
	const parts = daysText.split(',').map((part) => part.trim()).filter(Boolean);
	if (parts.length === 0) throw new Error('the ladder names no stage');
	const bad = parts.find((part) => !/^[-+]?\d+$/.test(part));
	if (bad !== undefined) throw new Error(`stage "${bad}" is not a whole number of days`);
	return dunningLadder(
		parts.map(Number).map((days) =>
			days >= escalateFromDays ? { days, action: 'escalation', subject: texts.escalationSubject, body: texts.escalationBody } : { days, action: 'reminder', subject: texts.reminderSubject, body: texts.reminderBody },
		),
	);
}

/** The ladder in order of days; two stages on the same day are refused. */
export function dunningLadder(stages: DunningStage[]): DunningStage[] {
	const sorted = [...stages].sort((a, b) => a.days - b.days);
	for (const stage of sorted) if (!Number.isInteger(stage.days)) throw new Error(`stage days ${stage.days} is not a whole number`);
	const twice = sorted.find((stage, index) => index > 0 && sorted[index - 1].days === stage.days);
	if (twice) throw new Error(`two stages of the ladder are at ${twice.days} days`);
	return sorted;
}

/** The stage due for an invoice so many days overdue: the latest stage reached. */
export function stageDue(daysOverdue: number, ladder: DunningStage[]): DunningStage | undefined {
	let due: DunningStage | undefined;
	for (const stage of ladder) if (daysOverdue >= stage.days) due = stage;
	return due;
}

/** A step already taken on an invoice, from the ERP's invoice notes or from a dunning ledger. */
export interface DunningStep {
	invoiceId: string;
	stage: number;
	sentAt?: string;
}

export const DUNNING_NOTE_MARKER = /\[p2c dunning\] stage (-?\d+)/i;

/** The note written on the invoice for a step: its marker is how a later run knows the step was taken. */
export function dunningNote(stage: number, text: string): string {
	return `[p2c dunning] stage ${stage}: ${text}`;
}

/** A note or ledger row as given: `{ invoiceId, note }` from the ERP, or `{ invoiceId, stage, sentAt }` from a ledger. */
export interface DunningRecord {
	invoiceId: string;
	note?: string;
	stage?: number;
	sentAt?: string;
	date?: string;
}

/** The steps already taken, per invoice (stages in order), from notes or ledger rows alike. */
export function stepsAlreadySent(records: DunningRecord[]): Map<string, DunningStep[]> {
	const steps = new Map<string, DunningStep[]>();
	for (const record of records) {
		const marker = typeof record.note === 'string' ? DUNNING_NOTE_MARKER.exec(record.note) : null;
		const stage = marker ? Number(marker[1]) : record.stage;
		if (stage === undefined || !Number.isFinite(stage)) continue;
		const list = steps.get(record.invoiceId) ?? [];
		list.push({ invoiceId: record.invoiceId, stage, ...(record.sentAt ?? record.date ? { sentAt: record.sentAt ?? record.date } : {}) });
		steps.set(record.invoiceId, list);
	}
	for (const list of steps.values()) list.sort((a, b) => a.stage - b.stage);
	return steps;
}

/** The free-text notes per invoice (not step markers): where disputes and promises to pay are written. */
export function freeTextNotes(records: DunningRecord[]): Map<string, string[]> {
	const notes = new Map<string, string[]>();
	for (const record of records) {
		if (typeof record.note !== 'string' || DUNNING_NOTE_MARKER.test(record.note)) continue;
		notes.set(record.invoiceId, [...(notes.get(record.invoiceId) ?? []), record.note]);
	}
	return notes;
}
