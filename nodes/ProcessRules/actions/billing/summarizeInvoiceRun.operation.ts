import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { listProperty, objectParameter, rowList } from '../../parameters';
import { isIsoDate } from '../../rules/dates';
import { invoiceRunSummary, keptOffOf, type ComparedInvoice } from '../../rules/billing/runSummary';
import { batchOperation } from '../../types';

const UNEXECUTED = 'a step that may not run in every execution: {{ $(\'X\').isExecuted ? $(\'X\').all() : [] }}';

const description: INodeProperties[] = [
	{ displayName: 'Billing Period', name: 'billingPeriod', type: 'json', default: '{}', required: true, placeholder: "e.g. {{ $('Billing Period').first().json }}", description: 'What Get Billing Period gives: periodKey, periodEnd and issueDate' },
	{ ...listProperty('Drafts and Holds', 'drafts', 'What Build Invoice Drafts gave: its holds are listed with their rule and reason'), placeholder: "e.g. {{ $('Build Invoice Drafts').all() }}" },
	{ ...listProperty('Invoices', 'invoices', `The ERP's invoices as Compare Invoice With Draft gave them; for ${UNEXECUTED}`), placeholder: "e.g. {{ $('Compare Invoice with Draft').isExecuted ? $('Compare Invoice with Draft').all() : [] }}" },
	{ ...listProperty('Marked Invoiced in PSA', 'psaMarks', 'The PSA\'s answers to Mark Invoiced ({ reference, marked }): marked false means the period was marked before'), placeholder: "e.g. {{ $('Mark Time Invoiced in PSA').isExecuted ? $('Mark Time Invoiced in PSA').all() : [] }}" },
	{ ...listProperty('Kept Off Elsewhere', 'keptOff', 'Drafts that went no further: not approved at the Approval Gate (they carry `approval`), or exceptions of a step such as the customer match (`input` and `message`)'), placeholder: "e.g. {{ [...$('Find Customer in ERP').all(1), ...$('Approve Invoice Exceptions').all(1)] }}" },
];

const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function comparedInvoice(row: IDataObject): ComparedInvoice {
	return {
		reference: text(row.reference) ?? '',
		invoiceNumber: text(row.invoiceNumber),
		projectName: text(row.projectName),
		clientName: text(row.clientName),
		currency: text(row.currency) ?? '',
		subtotalMinor: number(row.subtotalMinor) ?? number((row.subtotal as IDataObject | undefined)?.amountMinor) ?? 0,
		hoursHundredths: number(row.hoursHundredths),
		lineCount: Array.isArray(row.lines) ? row.lines.length : undefined,
		exceptions: Array.isArray(row.exceptions) ? row.exceptions.map(String) : [],
		matchesDraft: row.matchesDraft === true,
		coveredByInvoice: row.coveredByInvoice === true,
		lastWorkDate: text(row.lastWorkDate),
	};
}

/**
 * One item for the whole invoice run (paired with every input item): the invoices made, those a
 * re-run found invoiced before, totals per currency, what was kept off and why, and the
 * invoice-readiness lag.
 */
export const summarizeInvoiceRunOperation = batchOperation(description, (run) => {
	const period = objectParameter(run, 'billingPeriod', 'Billing Period', 0);
	for (const field of ['periodEnd', 'issueDate'] as const) {
		if (!isIsoDate(period[field])) throw new NodeOperationError(run.ctx.getNode(), `Billing Period: ${field} must be a date (YYYY-MM-DD), not ${JSON.stringify(period[field])}`, { itemIndex: 0 });
	}
	const invoices = rowList(run, 'invoices', 'Invoices', 0).map(comparedInvoice);
	const marks = rowList(run, 'psaMarks', 'Marked Invoiced in PSA', 0)
		.filter((row) => typeof row.reference === 'string' && typeof row.marked === 'boolean')
		.map((row) => ({ reference: row.reference as string, marked: row.marked as boolean }));
	const keptOff = [...rowList(run, 'drafts', 'Drafts and Holds', 0), ...rowList(run, 'keptOff', 'Kept Off Elsewhere', 0)].flatMap((row) => keptOffOf(row) ?? []);
	const summary = invoiceRunSummary({ period: { periodKey: String(period.periodKey ?? ''), periodEnd: period.periodEnd as string, issueDate: period.issueDate as string }, invoices, marks, keptOff });
	return { outputs: [{ json: { run: String(run.ctx.getExecutionId()), ...summary } as unknown as IDataObject, items: run.items.map((_item, index) => index) }], failures: [] };
});
