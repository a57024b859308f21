import { z } from 'zod';
import { baseRecordShape, CurrencyCode, IsoDate, Money } from './common';

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
	description: z.string().min(1, 'is required'),
	/** Hours or units; decimal string-free number, at most 4 decimals. */
	quantity: z.number(),
	unitPrice: Money,
	/** quantity x unitPrice, rounded half away from zero to the minor unit. */
	lineAmount: Money,
	itemCode: z.string().optional(),
	accountCode: z.string().optional(),
	taxCode: z.string().optional(),
	projectId: z.string().optional(),
	taskId: z.string().optional(),
	/** Source records billed on this line (time entry or expense ids), for the audit trail. */
	sourceIds: z.array(z.string()).default([]),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

/** A customer invoice (ERP sales invoice). */
export const Invoice = z.object({
	...baseRecordShape,
	number: z.string().optional(),
	/** Deterministic business reference: the idempotency key when the invoice is created. */
	reference: z.string().optional(),
	clientId: z.string().min(1, 'is required'),
	projectId: z.string().optional(),
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
	updatedAt: z.string().optional(),
});
export type Invoice = z.infer<typeof Invoice>;
