import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Contact, toDecimalString } from '../../../shared/canonical';
import { coerceMoneyInput } from '../../../shared/canonical/input';
import { asOfParameter, asOfProperty, derived, listProperty, numberParameter, parameter, recordList, rowList, ruleParameter, textParameter } from '../../parameters';
import { isIsoDate } from '../../rules/dates';
import { DEFAULT_DUNNING_LADDER, DEFAULT_LADDER_TEXTS, dunningLadder, freeTextNotes, ladderFromDays, stepsAlreadySent, type DunningRecord, type DunningStage, type LadderTexts } from '../../rules/collections/dunning';
import { daysOverdue, openBalance, type Receivable } from '../../rules/collections/receivables';
import { BILLING_TITLE_WORDS, billingContact, decideDunningStep } from '../../rules/collections/steps';
import { DEFAULT_STOP_POLICY, wordList, type StopPolicy } from '../../rules/collections/stops';
import { itemOperation, type RulesRun } from '../../types';

const PLACEHOLDERS = '{{invoiceNumber}}, {{amount}}, {{balance}}, {{currency}}, {{dueDate}}, {{daysOverdue}}, {{daysUntilDue}}, {{customer}}, {{contactName}}, {{contactEmail}}, {{accountOwnerId}}, {{reference}}, {{priority}}, {{stage}}, {{today}}';

const { reminderSubject, reminderBody, escalationSubject, escalationBody } = DEFAULT_LADDER_TEXTS;

const description: INodeProperties[] = [
	{
		displayName: 'Ladder From',
		name: 'ladderSource',
		type: 'options',
		options: [
			{ name: 'Stages Below', value: 'stages', description: 'Each stage with its days, action, subject and message' },
			{ name: 'Days List', value: 'days', description: 'Days such as "1, 15, 30, 45, 60" (as a policy holds them): stages from a day on escalate, the others remind' },
		],
		default: 'stages',
	},
	{ displayName: 'Stage Days', name: 'ladderDays', type: 'string', default: '1, 15, 30, 45, 60', description: 'Days past the due date of each stage, comma-separated; negative for a reminder before it', displayOptions: { show: { ladderSource: ['days'] } } },
	{ displayName: 'Escalate From (Days)', name: 'escalateFromDays', type: 'number', default: 45, description: 'Stages from this day on escalate to the account owner; earlier ones remind the customer', displayOptions: { show: { ladderSource: ['days'] } } },
	{ displayName: 'Reminder Subject', name: 'reminderSubject', type: 'string', default: reminderSubject, description: `Takes ${PLACEHOLDERS}`, displayOptions: { show: { ladderSource: ['days'] } } },
	{ displayName: 'Reminder Message', name: 'reminderMessage', type: 'string', typeOptions: { rows: 4 }, default: reminderBody, displayOptions: { show: { ladderSource: ['days'] } } },
	{ displayName: 'Escalation Subject', name: 'escalationSubject', type: 'string', default: escalationSubject, displayOptions: { show: { ladderSource: ['days'] } } },
	{ displayName: 'Escalation Message', name: 'escalationMessage', type: 'string', typeOptions: { rows: 4 }, default: escalationBody, displayOptions: { show: { ladderSource: ['days'] } } },
	{
		displayName: 'Dunning Ladder',
		name: 'ladder',
		displayOptions: { show: { ladderSource: ['stages'] } },
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Stage',
		default: { stage: DEFAULT_DUNNING_LADDER.map((stage) => ({ ...stage })) },
		description: `The steps, by days past the due date (negative: before it). Texts take ${PLACEHOLDERS}, filled by the node (not n8n expressions).`,
		options: [
			{
				name: 'stage',
				displayName: 'Stage',
				values: [
					{ displayName: 'Days Past Due', name: 'days', type: 'number', default: 1, description: 'The step is taken from this many days past the due date; negative for a reminder before it' },
					{ displayName: 'Action', name: 'action', type: 'options', options: [{ name: 'Reminder to the Customer', value: 'reminder' }, { name: 'Escalation to the Account Owner', value: 'escalation' }], default: 'reminder' },
					{ displayName: 'Subject', name: 'subject', type: 'string', default: 'Reminder: invoice {{invoiceNumber}} ({{amount}}) was due on {{dueDate}}' },
					{ displayName: 'Message', name: 'body', type: 'string', typeOptions: { rows: 4 }, default: '' },
				],
			},
		],
	},
	{ ...listProperty('Dunning History', 'notes', 'Steps already taken: the ERP\'s invoice notes ({ invoiceId, note }, "[p2c dunning] stage N: ..." marks a step) or dunning ledger rows ({ invoiceId, stage, sentAt }); free-text notes are read for disputes and promises'), placeholder: "e.g. {{ $('Read Invoice Notes').all() }}" },
	{ displayName: 'History of System', name: 'notesSystem', type: 'string', default: '', description: 'When the history mixes systems, only rows whose "system" is this one (or have none) count; empty takes all' },
	{ displayName: 'Dispute Words', name: 'disputeWords', type: 'string', default: DEFAULT_STOP_POLICY.disputeWords.join(', '), description: 'Words in an invoice note that stop dunning' },
	{ displayName: 'Promise Words', name: 'promiseWords', type: 'string', default: DEFAULT_STOP_POLICY.promiseWords.join(', '), description: 'Words in a note that, with a date (YYYY-MM-DD) still ahead, stop dunning until then' },
	{ displayName: 'Payment Pause (Days)', name: 'paymentPauseDays', type: 'number', typeOptions: { minValue: 0 }, default: 7, description: 'A payment in the last N days pauses dunning' },
	{ displayName: 'Do Not Chase', name: 'doNotChase', type: 'string', default: '', placeholder: 'e.g. Acme Ltd, INV-0042, 1001', description: 'Customers (ID, name or e-mail) and invoices (ID or number) never chased, comma-separated' },
	{ ...listProperty('Contacts', 'contacts', 'Canonical CRM contacts: the billing contact of the invoice\'s matched account (its match.candidate)'), placeholder: "e.g. {{ $('Contacts in CRM').all() }}" },
	{ displayName: 'Billing Contact Titles', name: 'billingContactTitles', type: 'string', default: BILLING_TITLE_WORDS.join(', '), description: 'Parts of a job title that mark the person who pays invoices' },
	asOfProperty,
];

function readLadder(run: RulesRun, itemIndex: number, stored: IDataObject): DunningStage[] {
	const stages = (Array.isArray(stored.stage) ? stored.stage : []) as IDataObject[];
	return ruleParameter(run, itemIndex, 'Dunning Ladder', () =>
		dunningLadder(stages.map((stage) => ({ days: Number(stage.days), action: stage.action === 'escalation' ? 'escalation' : 'reminder', subject: String(stage.subject ?? ''), body: String(stage.body ?? '') }))),
	);
}

function readLadderParameters(run: RulesRun, itemIndex: number): DunningStage[] {
	if (parameter<string>(run, 'ladderSource', itemIndex, 'stages') !== 'days') {
		const stored = parameter<IDataObject>(run, 'ladder', itemIndex, { stage: DEFAULT_DUNNING_LADDER.map((stage) => ({ ...stage })) });
		return derived(run, 'ladder', [stored], () => readLadder(run, itemIndex, stored));
	}
	const days = textParameter(run, 'ladderDays', itemIndex, '1, 15, 30, 45, 60');
	const escalateFrom = numberParameter(run, 'escalateFromDays', 'Escalate From (Days)', itemIndex, 45);
	const texts: LadderTexts = {
		reminderSubject: textParameter(run, 'reminderSubject', itemIndex, DEFAULT_LADDER_TEXTS.reminderSubject),
		reminderBody: textParameter(run, 'reminderMessage', itemIndex, DEFAULT_LADDER_TEXTS.reminderBody),
		escalationSubject: textParameter(run, 'escalationSubject', itemIndex, DEFAULT_LADDER_TEXTS.escalationSubject),
		escalationBody: textParameter(run, 'escalationMessage', itemIndex, DEFAULT_LADDER_TEXTS.escalationBody),
	};
	return derived(run, 'ladderFromDays', [days, escalateFrom, ...Object.values(texts)], () => ruleParameter(run, itemIndex, 'Stage Days', () => ladderFromDays(days, escalateFrom, texts)));
}

function history(run: RulesRun, itemIndex: number): { steps: ReturnType<typeof stepsAlreadySent>; notes: Map<string, string[]> } {
	const rows = rowList(run, 'notes', 'Dunning History', itemIndex);
	const system = textParameter(run, 'notesSystem', itemIndex).trim();
	return derived(run, `dunningHistory:${system}`, [rows], () => readHistory(rows, system));
}

function readHistory(rows: IDataObject[], system: string): { steps: ReturnType<typeof stepsAlreadySent>; notes: Map<string, string[]> } {
	const records: DunningRecord[] = rows
		.filter((row) => row.invoiceId !== undefined && row.invoiceId !== null && (!system || !row.system || row.system === system))
		.map((row) => ({ invoiceId: String(row.invoiceId), note: typeof row.note === 'string' ? row.note : undefined, stage: row.stage === undefined || row.stage === null || row.stage === '' ? undefined : Number(row.stage), sentAt: typeof row.sentAt === 'string' ? row.sentAt : undefined, date: typeof row.date === 'string' ? row.date : undefined }));
	return { steps: stepsAlreadySent(records), notes: freeTextNotes(records) };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined);

/**
 * The dunning step due on each invoice (the input items, as Prioritize Overdue Invoices gives them,
 * or canonical invoices): the latest stage of the ladder reached that was not taken yet, unless a
 * stop condition holds (nothing owed, do-not-chase, dispute, promise to pay, recent payment). Each
 * item comes out with `due`, the stage and action, or the stop and its reason, and the message.
 */
export const decideDunningStepOperation = itemOperation(description, (run, itemIndex) => {
	const item = run.items[itemIndex].json;
	// An invoice whose customer matched several CRM accounts comes as an exception, under `input`.
	const given = (item.invoiceId === undefined && item.id === undefined && item.input && typeof item.input === 'object' ? item.input : item) as IDataObject;
	// Canonical invoices may carry money as decimals ({ amount: "1000.00", currency }).
	const invoice = coerceMoneyInput(given).value as IDataObject;
	const fail = (field: string, what: string) => new NodeOperationError(run.ctx.getNode(), `Invoice in item ${itemIndex}: ${field} ${what}`, { itemIndex });
	const asOf = asOfParameter(run, itemIndex);
	const invoiceId = text(invoice.invoiceId) ?? text(invoice.id);
	if (!invoiceId) throw fail('invoiceId', 'is required');
	const currency = text(invoice.currency);
	if (!currency) throw fail('currency', 'is required');
	const balanceMinor = typeof invoice.balanceMinor === 'number' ? invoice.balanceMinor : openBalance({ ...(invoice as unknown as Receivable), currency }).amountMinor;
	if (!Number.isSafeInteger(balanceMinor)) throw fail('balanceMinor', 'must be an integer number of minor units');
	const dueDate = text(invoice.dueDate) ?? text(invoice.issueDate);
	const days = typeof invoice.daysOverdue === 'number' ? invoice.daysOverdue : dueDate && isIsoDate(dueDate) ? daysOverdue({ dueDate, issueDate: dueDate }, asOf) : undefined;
	if (days === undefined) throw fail('dueDate', 'is required (a date, YYYY-MM-DD) when daysOverdue is not given');

	const match = item.match as IDataObject | undefined;
	const account = match?.status === 'matched' ? (match.candidate as IDataObject | undefined) : undefined;
	const contacts = recordList(run, 'contacts', 'Contacts', itemIndex, Contact, 'contact');
	const contact = billingContact(contacts, text(account?.id), wordList(textParameter(run, 'billingContactTitles', itemIndex, BILLING_TITLE_WORDS.join(', '))));
	const customerEmail = text(invoice.customerEmail) ?? text(invoice.email) ?? '';
	const customerName = text(invoice.name) ?? '';
	const amount = `${toDecimalString(balanceMinor, currency)} ${currency}`;
	const billingContactOut = contact ? { name: [contact.firstName, contact.lastName].filter(Boolean).join(' '), email: contact.email ?? '' } : { name: '', email: customerEmail };
	const stops: StopPolicy = {
		disputeWords: wordList(textParameter(run, 'disputeWords', itemIndex, DEFAULT_STOP_POLICY.disputeWords.join(', '))),
		promiseWords: wordList(textParameter(run, 'promiseWords', itemIndex, DEFAULT_STOP_POLICY.promiseWords.join(', '))),
		paymentPauseDays: numberParameter(run, 'paymentPauseDays', 'Payment Pause (Days)', itemIndex, 7, { min: 0, integer: true }),
		doNotChase: textParameter(run, 'doNotChase', itemIndex).split(',').map((entry) => entry.trim()).filter(Boolean),
	};
	const { steps, notes } = history(run, itemIndex);
	const ladder = readLadderParameters(run, itemIndex);
	const accountName = text(account?.name) ?? customerName;
	const decision = decideDunningStep(
		{ invoiceId, invoiceNumber: text(invoice.invoiceNumber) ?? text(invoice.number), clientId: text(invoice.customerId) ?? text(invoice.clientId), customerName, customerEmail, balanceMinor, lastPaymentDate: text(invoice.lastPaymentDate) ?? null, daysOverdue: days },
		{
			ladder,
			stops,
			asOf,
			sent: steps.get(invoiceId) ?? [],
			notes: notes.get(invoiceId) ?? [],
			values: {
				invoiceNumber: text(invoice.invoiceNumber) ?? text(invoice.number) ?? '',
				invoiceId,
				reference: text(invoice.reference) ?? '',
				customer: accountName,
				amount,
				balance: toDecimalString(balanceMinor, currency),
				currency,
				dueDate: dueDate ?? '',
				daysOverdue: days,
				daysUntilDue: -days,
				contactName: billingContactOut.name,
				contactEmail: billingContactOut.email,
				accountOwnerId: text(account?.ownerId) ?? '',
				accountName,
				priority: typeof invoice.priority === 'number' ? invoice.priority : '',
				today: asOf,
			},
		},
	);
	return {
		...invoice,
		invoiceId,
		daysOverdue: days,
		stage: decision.stage,
		action: decision.action,
		due: decision.due,
		stop: decision.stop?.rule ?? null,
		stopReason: decision.stop?.reason ?? '',
		...(decision.stop?.promisedBy ? { promisedBy: decision.stop.promisedBy } : {}),
		stepsAlreadySent: decision.stepsAlreadySent,
		accountId: text(account?.id) ?? '',
		accountName,
		accountOwnerId: text(account?.ownerId) ?? '',
		billingContact: billingContactOut,
		subject: decision.subject,
		body: decision.body,
		note: decision.note,
		unknownPlaceholders: decision.unknownPlaceholders,
	};
});
