/**
 * What the collections template must leave in the sandbox: for each staged overdue invoice, the
 * dunning step of its stage (reminder to the billing contact, or escalation to the account owner)
 * sent once and noted on the invoice in Xero; no step where a dispute, a promised date or a recent
 * payment stops dunning, or where the stage was already done.
 */
import type { Sandbox } from '../../sandbox/server';
import type { StagedInvoice } from '../../sandbox/scenarios';
import type { AnyObject } from './templateSupport';
import { inbox } from './templateSupport';

const DUNNING_NOTE = /^\[p2c dunning\] stage (\d+): (reminder sent|escalated)/;

export function dunningNotes(sandbox: Sandbox, invoiceId: string): string[] {
	const history = ((sandbox.vendors.get('xero')!.state() as AnyObject).history[invoiceId] ?? []) as AnyObject[];
	return history.map((record) => String(record.Details)).filter((details) => DUNNING_NOTE.test(details));
}

export function collectionsSnapshot(sandbox: Sandbox, staged: StagedInvoice[]): AnyObject {
	return {
		notes: Object.fromEntries(staged.map((invoice) => [invoice.case, dunningNotes(sandbox, invoice.invoiceId)])),
		reminders: inbox(sandbox, 'reminders').length,
		escalations: inbox(sandbox, 'escalations').length,
	};
}

export function expectCollectionsDone(sandbox: Sandbox, staged: StagedInvoice[]): void {
	const reminders = inbox(sandbox, 'reminders').map((message) => message.body as AnyObject);
	const escalations = inbox(sandbox, 'escalations').map((message) => message.body as AnyObject);
	for (const invoice of staged) {
		const notes = dunningNotes(sandbox, invoice.invoiceId);
		const sentReminders = reminders.filter((body) => body.invoice?.id === invoice.invoiceId);
		const sentEscalations = escalations.filter((body) => body.invoice?.id === invoice.invoiceId);
		if (invoice.case === 'alreadyReminded') {
			// Its stage-15 note was there before the run: nothing new.
			expect(notes).toHaveLength(1);
			expect([...sentReminders, ...sentEscalations]).toEqual([]);
			continue;
		}
		if (!invoice.expected) {
			expect({ invoice: invoice.case, notes, sent: sentReminders.length + sentEscalations.length }).toEqual({ invoice: invoice.case, notes: [], sent: 0 });
			continue;
		}
		const { stage, action } = invoice.expected;
		expect({ invoice: invoice.case, notes: notes.length }).toEqual({ invoice: invoice.case, notes: 1 });
		expect(notes[0]).toMatch(new RegExp(`^\\[p2c dunning\\] stage ${stage}: ${action === 'reminder' ? 'reminder sent' : 'escalated'}`));
		const sent = action === 'reminder' ? sentReminders : sentEscalations;
		expect({ invoice: invoice.case, reminders: sentReminders.length, escalations: sentEscalations.length }).toEqual({ invoice: invoice.case, reminders: action === 'reminder' ? 1 : 0, escalations: action === 'escalation' ? 1 : 0 });
		expect(sent[0]).toMatchObject({ event: `collections.${action}`, stage, invoice: { id: invoice.invoiceId, number: invoice.invoiceNumber, daysOverdue: invoice.daysOverdue } });
		if (action === 'reminder') expect(sent[0].to.email).toMatch(/@/);
		else expect(sent[0].accountOwnerId).toMatch(/\S/);
	}
}
