import type { IDataObject } from 'n8n-workflow';
import { Invoice, InvoiceStatus } from '../../../shared/canonical';
import { getOperation, listOperation, toOutcomes, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { RecordApi } from '../../../shared/operations/recordApi';
import type { BatchOperation, ResourceDefinition } from '../../../shared/node/types';
import type { ErpConnector, InvoiceFilters } from '../../connector';
import { invoiceInputProperties, readInvoice } from './input';
import { addNoteOperation, approveOperation, getNotesOperation, voidOperation } from './status.operations';

const STATUS_NAMES: Record<InvoiceStatus, string> = {
	authorised: 'Approved',
	draft: 'Draft',
	overdue: 'Overdue',
	paid: 'Paid',
	partially_paid: 'Partially Paid',
	submitted: 'Submitted',
	void: 'Void',
};

const spec: EntityOperationsSpec<ErpConnector, Invoice> = {
	entity: 'Invoice',
	idParameter: 'invoiceId',
	fields: [],
	requiredFields: [],
	schema: Invoice,
	api: (connector) => connector.invoices as unknown as RecordApi<Invoice>,
	listFilters: {
		properties: [
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: InvoiceStatus.options.map((status) => ({ name: STATUS_NAMES[status], value: status })).sort((a, b) => a.name.localeCompare(b.name)),
				default: [],
				description: 'Only invoices in one of these canonical statuses',
			},
			{ displayName: 'Overdue Only', name: 'overdueOnly', type: 'boolean', default: false, description: 'Whether to return only approved invoices past their due date with a balance' },
			{ displayName: 'Customer ID', name: 'clientId', type: 'string', default: '', description: 'Only invoices of this customer' },
			{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: 'Only the invoice with this reference' },
			{ displayName: 'Due On or Before', name: 'dueBefore', type: 'string', default: '', placeholder: '2026-01-31', description: 'Only invoices due on or before this date' },
		],
		read(ctx, itemIndex) {
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const read: InvoiceFilters = {
				statuses: Array.isArray(filters.statuses) && filters.statuses.length > 0 ? (filters.statuses as InvoiceStatus[]) : undefined,
				overdueOnly: filters.overdueOnly === true ? true : undefined,
				clientId: filters.clientId ? String(filters.clientId) : undefined,
				reference: filters.reference ? String(filters.reference) : undefined,
				dueBefore: filters.dueBefore ? String(filters.dueBefore).slice(0, 10) : undefined,
			};
			return { ...read };
		},
	},
};

/** Creates draft invoices in batches; one reference makes one invoice, however often it is sent. */
const createDraftOperation: BatchOperation<ErpConnector, Invoice> = {
	kind: 'batch',
	description: invoiceInputProperties,
	async prepare(run, itemIndex) {
		return readInvoice(run.ctx, itemIndex);
	},
	async executeBatch(run, inputs) {
		return toOutcomes(await run.connector.invoices.createDrafts(inputs.map((prepared) => prepared.input)));
	},
};

export const invoiceResource: ResourceDefinition<ErpConnector> = {
	value: 'invoice',
	name: 'Invoice',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get an invoice', description: 'Get an invoice with its lines and balance', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many invoices', description: 'List invoices by status, overdue, customer, reference or change date', operation: listOperation(spec) },
		{
			value: 'createDraft',
			name: 'Create Draft',
			action: 'Create a draft invoice',
			description: 'Create draft invoices with lines (in batches); a reference already invoiced returns that invoice',
			operation: createDraftOperation,
		},
		{ value: 'approve', name: 'Approve', action: 'Approve an invoice', description: 'Make a draft final: authorise or post it, as the ERP calls it', requires: 'invoiceApproval', operation: approveOperation },
		{ value: 'void', name: 'Void', action: 'Void an invoice', description: 'Cancel an invoice (a draft is deleted, an approved invoice voided)', operation: voidOperation },
		{ value: 'addNote', name: 'Add Note', action: 'Add a note to an invoice', description: 'Write a note into the invoice\'s history (e.g. a dunning step)', requires: 'invoiceNotes', operation: addNoteOperation },
		{ value: 'getNotes', name: 'Get Notes', action: 'Get the notes of an invoice', description: 'Read the invoice\'s history and notes', requires: 'invoiceNotes', operation: getNotesOperation },
	],
};
