import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';

/** Money received against an invoice. */
export const Payment = z.object({
	...baseRecordShape,
	invoiceId: z.string().min(1, 'is required'),
	clientId: z.string().optional(),
	date: IsoDate,
	amount: Money,
	reference: z.string().optional(),
	method: z.string().optional(),
});
export type Payment = z.infer<typeof Payment>;
