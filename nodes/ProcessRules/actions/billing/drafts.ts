import type { IDataObject } from 'n8n-workflow';
import type { HoldGroup, InvoiceDraft } from '../../rules/billing/types';

/** A draft or hold as an output item: what the rules keep for pairing (positions) stays out. */
export function withoutPositions(record: InvoiceDraft | HoldGroup): IDataObject {
	const json: { timeEntryPositions?: number[]; expensePositions?: number[] } = { ...record };
	delete json.timeEntryPositions;
	delete json.expensePositions;
	return json as unknown as IDataObject;
}

/** The input items a draft or hold comes from: its time entries' and expenses' items. */
export function itemsOf(record: InvoiceDraft | HoldGroup, timeItems: number[], expenseItems: number[]): number[] {
	const items = new Set<number>();
	for (const position of record.timeEntryPositions) if (timeItems[position] !== undefined) items.add(timeItems[position]);
	for (const position of record.expensePositions) if (expenseItems[position] !== undefined) items.add(expenseItems[position]);
	return [...items].sort((a, b) => a - b);
}
