import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Invoice } from '../../../shared/canonical';
import { derived, listProperty, recordOfItem, rowList } from '../../parameters';
import { compareInvoiceWithDraft } from '../../rules/billing/reconcile';
import { itemOperation } from '../../types';

const description: INodeProperties[] = [
	{
		...listProperty('Drafts', 'drafts', 'The drafts the invoices were created from; each input invoice is compared with the draft of its reference (else the draft at its paired item)', "e.g. {{ $('Cleared for Invoicing').all() }}"),
		required: true,
	},
];

/**
 * Each invoice the ERP holds (the input items) against the draft it was created from: the ERP
 * answers a reference it already has with the earlier invoice, so late time for a month already
 * invoiced shows as a difference. Adds matchesDraft, the differences and what is not on the invoice.
 */
export const compareInvoiceWithDraftOperation = itemOperation(description, (run, itemIndex) => {
	const drafts = rowList(run, 'drafts', 'Drafts', itemIndex);
	const byReference = derived(run, 'draftsByReference', [drafts], () => new Map(drafts.filter((draft) => typeof draft.reference === 'string').map((draft) => [draft.reference as string, draft])));
	const invoice = recordOfItem(run, Invoice, 'Invoice', itemIndex);
	const paired = run.items[itemIndex].pairedItem;
	const pairedIndex = typeof paired === 'object' && paired !== null && !Array.isArray(paired) ? paired.item : itemIndex;
	const draft = (invoice.reference ? byReference.get(invoice.reference) : undefined) ?? drafts[pairedIndex];
	if (!draft) throw new NodeOperationError(run.ctx.getNode(), `Invoice in item ${itemIndex} (${invoice.number ?? invoice.id ?? 'no number'}): no draft has reference "${invoice.reference ?? ''}" and there is no draft at position ${pairedIndex}`, { itemIndex });
	const currency = typeof draft.currency === 'string' ? draft.currency : '';
	const subtotalMinor = typeof draft.subtotalMinor === 'number' ? draft.subtotalMinor : (draft.subtotal as IDataObject | undefined)?.amountMinor;
	if (!currency || typeof subtotalMinor !== 'number') throw new NodeOperationError(run.ctx.getNode(), `Draft "${String(draft.reference ?? pairedIndex)}": currency and subtotalMinor (or subtotal) are required to compare it`, { itemIndex });
	const result = compareInvoiceWithDraft({ reference: String(draft.reference ?? ''), currency, subtotalMinor, lines: Array.isArray(draft.lines) ? (draft.lines as unknown as Invoice['lines']) : undefined }, invoice);
	return {
		...draft,
		invoiceId: invoice.id ?? '',
		invoiceNumber: invoice.number ?? '',
		invoiceStatus: invoice.status,
		invoiceSubtotalMinor: (invoice.subtotal ?? invoice.total)?.amountMinor ?? null,
		...(result as unknown as IDataObject),
	};
});
