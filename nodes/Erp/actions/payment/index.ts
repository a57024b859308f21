import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { describeIssues, Payment, validateInput } from '../../../shared/canonical';
import { pickedValue, pickerProperty, recordFromFields } from '../../../shared/operations/fields';
import { getOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { RecordApi } from '../../../shared/operations/recordApi';
import type { ItemOperation, ResourceDefinition } from '../../../shared/node/types';
import type { ErpConnector, PaymentFilters } from '../../connector';

const spec: EntityOperationsSpec<ErpConnector, Payment> = {
	entity: 'Payment',
	idParameter: 'paymentId',
	fields: [],
	requiredFields: [],
	schema: Payment,
	api: (connector) => connector.payments as unknown as RecordApi<Payment>,
	listFilters: {
		properties: [
			{ displayName: 'Invoice ID', name: 'invoiceId', type: 'string', default: '', description: 'Only payments on this invoice' },
			{ displayName: 'Paid On or After', name: 'fromDate', type: 'string', default: '', placeholder: '2026-01-01', description: 'Only payments dated on or after this date' },
			{ displayName: 'Paid On or Before', name: 'toDate', type: 'string', default: '', placeholder: '2026-01-31', description: 'Only payments dated on or before this date' },
		],
		read(ctx, itemIndex) {
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const read: PaymentFilters = {
				invoiceId: filters.invoiceId ? String(filters.invoiceId) : undefined,
				fromDate: filters.fromDate ? String(filters.fromDate).slice(0, 10) : undefined,
				toDate: filters.toDate ? String(filters.toDate).slice(0, 10) : undefined,
			};
			return { ...read };
		},
	},
};

const PAYMENT_FIELDS = [
	{ path: 'invoiceId', label: 'Invoice ID', kind: 'string' as const },
	{ path: 'amount', label: 'Amount', kind: 'money' as const },
	{ path: 'date', label: 'Date', kind: 'date' as const },
	{ path: 'reference', label: 'Reference', kind: 'string' as const },
];

/** Records money received against an invoice, into a bank account. */
const recordOperation: ItemOperation<ErpConnector> = {
	kind: 'item',
	description: [
		{ displayName: 'Invoice ID', name: 'invoiceId', type: 'string', required: true, default: '', description: 'The invoice the payment settles (in part or in full)' },
		{ displayName: 'Amount', name: 'amount', type: 'string', required: true, default: '', placeholder: '1250.00 GBP', description: 'Decimal amount and ISO 4217 currency of the invoice' },
		{ displayName: 'Date', name: 'date', type: 'string', required: true, default: '', placeholder: '2026-01-31', description: 'Date the money was received' },
		{ ...pickerProperty({ displayName: 'Bank Account', name: 'account', description: 'Bank or cash account the money was received into (its code or ID in the ERP)' }, 'searchBankAccounts'), required: true },
		{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: 'The remittance or bank transaction reference' },
	],
	async execute(run, itemIndex) {
		const { ctx } = run;
		const values: IDataObject = {};
		for (const field of PAYMENT_FIELDS) values[field.path] = ctx.getNodeParameter(field.path, itemIndex, '');
		const outcome = validateInput(Payment as unknown as z.ZodType<Payment>, recordFromFields(PAYMENT_FIELDS, values));
		if (!outcome.ok) {
			throw new NodeOperationError(ctx.getNode(), describeIssues(`Payment in item ${itemIndex}`, outcome.issues), { itemIndex });
		}
		const account = String(pickedValue(ctx.getNodeParameter('account', itemIndex, '')) ?? '').trim();
		return (await run.connector.payments.record({ payment: outcome.value, account: account || undefined })) as unknown as IDataObject;
	},
};

export const paymentResource: ResourceDefinition<ErpConnector> = {
	value: 'payment',
	name: 'Payment',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a payment', description: 'Get a payment by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many payments', description: 'List payments received, by invoice or date', operation: listOperation(spec) },
		{ value: 'record', name: 'Record', action: 'Record a payment', description: 'Record money received against an invoice', operation: recordOperation },
	],
};
