import { z } from 'zod';
import { baseRecordShape, CurrencyCode, IsoDate, IsoDateTime, Line, Money, RemoteId, Text } from './common';

export const InvoiceStatus = z.enum([
	'draft',
	'submitted',
	'authorised',
	'partially_paid',
	'paid',
	'overdue',
	'void',
]);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const InvoiceLine = z.object({
	description: Text.min(1, 'is required'),
	/** Hours or units; decimal string-free number, at most 4 decimals. */
	quantity: z.number(),
	unitPrice: Money,
	/** quantity x unitPrice, rounded half away from zero to the minor unit. */
	lineAmount: Money,
	itemCode: Line.optional(),
	accountCode: Line.optional(),
	taxCode: Line.optional(),
	projectId: RemoteId.optional(),
	taskId: RemoteId.optional(),
	/** Source records billed on this line (time entry or expense ids), for the audit trail. */
	sourceIds: z.array(RemoteId).default([]),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** A customer invoice (ERP sales invoice). */
export const Invoice = z.object({
	...baseRecordShape,
	number: Line.optional(),
	/** Deterministic business reference: the idempotency key when the invoice is created. */
	reference: Line.optional(),
	clientId: RemoteId,
	projectId: RemoteId.optional(),
	status: InvoiceStatus,
	currency: CurrencyCode,
	issueDate: IsoDate,
	dueDate: IsoDate.optional(),
	lines: z.array(InvoiceLine).default([]),
	subtotal: Money.optional(),
	tax: Money.optional(),
	total: Money.optional(),
	amountPaid: Money.optional(),
	balance: Money.optional(),
	updatedAt: IsoDateTime.optional(),
});
export type Invoice = z.infer<typeof Invoice>;
