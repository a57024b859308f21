import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { buildInvoiceDrafts } from '../../rules/billing/drafts';
import { batchOperation } from '../../types';
import { billingInputProperties, billingOptionsProperty, checkProperties, periodProperties, readBillingInput, readPolicy } from './billingInputs';

const description: INodeProperties[] = [...billingInputProperties, ...periodProperties, ...checkProperties, billingOptionsProperty];

interface RecordOutcome {
	outcome: 'invoice' | 'held';
	invoiceReference?: string;
	rule?: string;
	reason?: string;
	flags: Array<{ rule: string; reason: string }>;
}

/**
 * The checks before invoicing for each time entry (and expense) of the input: one output item per
 * input item, the record with a `billingCheck`: held (rule, reason) or on which invoice, and the
 * flags a reviewer sees. The same rules as Build Invoice Drafts, record by record.
 */
export const checkTimeEntriesOperation = batchOperation(description, (run) => {
	const { input, timeItems, expenseItems, failures } = readBillingInput(run, 0, true);
	const { drafts, holds } = buildInvoiceDrafts(input, readPolicy(run, 0));
	const time = new Map<number, RecordOutcome>();
	const costs = new Map<number, RecordOutcome>();
	for (const draft of drafts) {
		// Each record's flags, by its id: a flag names the records it is about in sourceIds.
		const flagsById = new Map<string, Array<{ rule: string; reason: string }>>();
		for (const flag of draft.flags) {
			for (const id of flag.sourceIds) flagsById.set(id, [...(flagsById.get(id) ?? []), { rule: flag.rule, reason: flag.reason }]);
		}
		const flagsOf = (id: string) => flagsById.get(id) ?? [];
		draft.timeEntryPositions.forEach((position) => time.set(position, { outcome: 'invoice', invoiceReference: draft.reference, flags: flagsOf(input.timeEntries[position].id ?? '') }));
		draft.expensePositions.forEach((position) => costs.set(position, { outcome: 'invoice', invoiceReference: draft.reference, flags: flagsOf(input.expenses[position].id ?? '') }));
	}
	for (const hold of holds) {
		const reasons = new Map(hold.records.map((record) => [`${record.recordType}|${record.id}`, record.reason]));
		const reasonOf = (id: string, type: string) => reasons.get(`${type}|${id}`) ?? hold.reason;
		hold.timeEntryPositions.forEach((position) => time.set(position, { outcome: 'held', rule: hold.rule, reason: reasonOf(input.timeEntries[position].id ?? '', 'timeEntry'), flags: [] }));
		hold.expensePositions.forEach((position) => costs.set(position, { outcome: 'held', rule: hold.rule, reason: reasonOf(input.expenses[position].id ?? '', 'expense'), flags: [] }));
	}
	const outputs = [
		...timeItems.map((itemIndex, position) => ({ itemIndex, outcome: time.get(position) })),
		...expenseItems.map((itemIndex, position) => ({ itemIndex, outcome: costs.get(position) })),
	]
		.sort((a, b) => a.itemIndex - b.itemIndex)
		.map(({ itemIndex, outcome }) => ({ json: { ...run.items[itemIndex].json, billingCheck: outcome as unknown as IDataObject }, items: [itemIndex] }));
	return { outputs, failures };
});
