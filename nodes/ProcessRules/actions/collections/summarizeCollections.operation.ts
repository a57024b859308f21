import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Invoice } from '../../../shared/canonical';
import { asOfParameter, asOfProperty, listProperty, numberParameter, recordList, rowList, ruleParameter, textParameter } from '../../parameters';
import { agingBuckets, parseAgingBounds } from '../../rules/collections/aging';
import { collectionsSummary, type DunningOutcome, type PrioritizedInvoice } from '../../rules/collections/summary';
import { batchOperation } from '../../types';

const description: INodeProperties[] = [
	{ ...listProperty('Overdue Invoices', 'overdue', 'The overdue invoices as Prioritize Overdue Invoices gave them (balance, days overdue, priority)'), placeholder: "e.g. {{ $('Plan Dunning').all() }}" },
	{ ...listProperty('Open and Recent Invoices', 'invoices', 'Canonical ERP invoices, paid ones included, for days sales outstanding'), placeholder: "e.g. {{ $('Open and Recent Invoices').all() }}" },
	{ ...listProperty('Dunning Decisions', 'decisions', 'What Decide Dunning Step gave: the steps taken (due) and what stopped the others; for a step that may not run: {{ $(\'X\').isExecuted ? $(\'X\').all() : [] }}'), placeholder: "e.g. {{ $('Decide Dunning Step').isExecuted ? $('Decide Dunning Step').all() : [] }}" },
	{ ...listProperty('Steps Recorded', 'recorded', 'The notes written on invoices, or the dunning ledger rows, for the steps taken: counted'), placeholder: "e.g. {{ $('Note Dunning Step on Invoice').isExecuted ? $('Note Dunning Step on Invoice').all() : [] }}" },
	{ displayName: 'Aging Buckets', name: 'agingBuckets', type: 'string', default: '30, 60, 90', description: 'The last day overdue of each bucket: "30, 60, 90" gives 1-30, 31-60, 61-90 and 91+' },
	{ displayName: 'DSO Window (Days)', name: 'dsoDays', type: 'number', typeOptions: { minValue: 1 }, default: 90, description: 'DSO = receivables / credit sales of the last N days x N' },
	asOfProperty,
];

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** One item for the collections run (paired with every input item): overdue by age and DSO per currency, the steps taken, what stopped the others, the top priorities. */
export const summarizeCollectionsOperation = batchOperation(description, (run) => {
	const asOf = asOfParameter(run, 0);
	const buckets = agingBuckets(ruleParameter(run, 0, 'Aging Buckets', () => parseAgingBounds(textParameter(run, 'agingBuckets', 0, '30, 60, 90'))), false);
	const dsoDays = numberParameter(run, 'dsoDays', 'DSO Window (Days)', 0, 90, { min: 1, integer: true });
	const overdue: PrioritizedInvoice[] = rowList(run, 'overdue', 'Overdue Invoices', 0)
		.filter((row) => row.invoiceId !== undefined && typeof row.currency === 'string')
		.map((row) => ({ invoiceId: text(row.invoiceId), invoiceNumber: text(row.invoiceNumber), customer: text(row.name), currency: row.currency as string, balanceMinor: count(row.balanceMinor), daysOverdue: count(row.daysOverdue), priority: count(row.priority) }));
	const decisions: DunningOutcome[] = rowList(run, 'decisions', 'Dunning Decisions', 0)
		.filter((row) => row.invoiceId !== undefined)
		.map((row) => ({
			invoiceNumber: text(row.invoiceNumber),
			customer: text(row.name),
			due: row.due === true,
			stage: typeof row.stage === 'number' ? row.stage : null,
			action: typeof row.action === 'string' ? row.action : null,
			stop: typeof row.stop === 'string' ? row.stop : null,
			stopReason: text(row.stopReason),
			priority: count(row.priority),
		}));
	const recorded = rowList(run, 'recorded', 'Steps Recorded', 0).filter((row) => Object.keys(row).length > 0).length;
	const invoices = recordList(run, 'invoices', 'Open and Recent Invoices', 0, Invoice, 'invoice');
	const summary = collectionsSummary({ asOf, overdue, invoices, decisions, notesWritten: recorded, buckets, dsoDays });
	return { outputs: [{ json: { run: String(run.ctx.getExecutionId()), ...summary } as unknown as IDataObject, items: run.items.map((_item, index) => index) }], failures: [] };
});
