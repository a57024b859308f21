import type { Expense, InvoiceLine, Money, TimeEntry } from '../../../shared/canonical';
import { multiplyMoney, sumMoney, toDecimalString } from '../../../shared/canonical';
import type { RecordCheck, TimeEntryCheck } from './checks';
import { hundredthsText, priceHours } from './price';
import type { BillingPolicy } from './types';

/** An invoice line with the input records it bills (positions in the time-entry and expense lists). */
export interface PricedLine {
	line: InvoiceLine;
	timePositions: number[];
	expensePositions: number[];
}

export interface BillableTime {
	entry: TimeEntry;
	check: TimeEntryCheck;
	position: number;
	/** Hours of this entry billed on the line (all of them, unless a retainer balance splits it). */
	hundredths: number;
}

export interface BillableExpense {
	expense: Expense;
	check: RecordCheck;
	position: number;
}

export interface LineNames {
	periodLabel: string;
	taskName(taskId: string | undefined): string | undefined;
	personName(resourceId: string | undefined): string | undefined;
}

/** The time of one project in billing order: by date, then id, so every cut (a cap, a balance) is deterministic. */
export function inBillingOrder<T extends { entry: TimeEntry; position: number }>(time: T[]): T[] {
	return [...time].sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : (a.entry.id ?? '') < (b.entry.id ?? '') ? -1 : (a.entry.id ?? '') > (b.entry.id ?? '') ? 1 : a.position - b.position));
}

/**
 * Time lines: one per task (or person, or both) and rate, so two rates never average; hours x rate
 * is rounded once per line. `rateOf` overrides the entry's rate (an overage rate).
 */
export function timeLines(time: BillableTime[], policy: BillingPolicy, names: LineNames, projectId: string, options: { label?: string; rateOf?: (item: BillableTime) => Money } = {}): PricedLine[] {
	const groups = new Map<string, { taskId?: string; resourceId?: string; rate: Money; hundredths: number; ids: string[]; positions: number[] }>();
	for (const item of time) {
		const rate = options.rateOf?.(item) ?? item.check.rate ?? { amountMinor: 0, currency: item.check.currency ?? '' };
		const taskId = policy.linesPer === 'person' ? undefined : item.entry.taskId;
		const resourceId = policy.linesPer === 'task' ? undefined : item.entry.resourceId;
		const key = `${taskId ?? ''}|${resourceId ?? ''}|${rate.amountMinor}|${rate.currency}`;
		const group = groups.get(key) ?? { taskId, resourceId, rate, hundredths: 0, ids: [], positions: [] };
		group.hundredths += item.hundredths;
		group.ids.push(item.entry.id ?? '');
		group.positions.push(item.position);
		groups.set(key, group);
	}
	return [...groups.values()].map((group) => {
		const task = names.taskName(group.taskId);
		const person = group.resourceId ? (names.personName(group.resourceId) ?? `Person ${group.resourceId}`) : undefined;
		const what = options.label ?? (task && person ? `${task} by ${person}` : (person ?? task ?? 'Time'));
		return {
			line: {
				description: `${what}, ${names.periodLabel} (${hundredthsText(group.hundredths)} h)`,
				quantity: group.hundredths / 100,
				unitPrice: group.rate,
				lineAmount: priceHours(group.hundredths, group.rate),
				projectId,
				...(group.taskId ? { taskId: group.taskId } : {}),
				sourceIds: group.ids,
			},
			timePositions: group.positions,
			expensePositions: [],
		};
	});
}

/** Expense lines: per category (or per expense) and currency, at cost or with the markup, rounded once. */
export function expenseLines(expenses: BillableExpense[], policy: BillingPolicy, markupPercent: number, names: LineNames, projectId: string): PricedLine[] {
	const groups = new Map<string, { label: string; currency: string; amounts: Money[]; ids: string[]; positions: number[] }>();
	for (const { expense, position } of expenses) {
		const category = expense.category?.trim() || 'Expenses';
		const label = policy.expenseLinesPer === 'expense' ? `${category} ${expense.date}${expense.notes ? `: ${expense.notes.split('\n')[0]}` : ''}` : `${category} expenses`;
		const key = policy.expenseLinesPer === 'expense' ? `#${position}` : `${category}|${expense.amount.currency}`;
		const group = groups.get(key) ?? { label, currency: expense.amount.currency, amounts: [], ids: [], positions: [] };
		group.amounts.push(expense.amount);
		group.ids.push(expense.id ?? '');
		group.positions.push(position);
		groups.set(key, group);
	}
	return [...groups.values()].map((group) => {
		const cost = sumMoney(group.amounts, group.currency);
		const amount = markupPercent === 0 ? cost : multiplyMoney(cost, (100 + markupPercent) / 100);
		const markup = markupPercent === 0 ? '' : ` (cost ${toDecimalString(cost.amountMinor, cost.currency)} ${markupPercent > 0 ? 'plus' : 'less'} ${Math.abs(markupPercent)}%)`;
		return {
			line: { description: `${group.label}, ${names.periodLabel}${markup}`, quantity: 1, unitPrice: amount, lineAmount: amount, projectId, sourceIds: group.ids },
			timePositions: [],
			expensePositions: group.positions,
		};
	});
}

/** A line for a fee (fixed fee, milestone, retainer): quantity 1 at the amount. */
export function feeLine(description: string, amount: Money, projectId: string, sourceIds: string[] = []): PricedLine {
	return { line: { description, quantity: 1, unitPrice: amount, lineAmount: amount, projectId, sourceIds }, timePositions: [], expensePositions: [] };
}
