import { z } from 'zod';
import { baseRecordShape, IsoDate, Line, Money, RemoteId } from './common';

/** Money received against an invoice. */
export const Payment = z.object({
	...baseRecordShape,
	invoiceId: RemoteId,
	clientId: RemoteId.optional(),
	date: IsoDate,
	amount: Money,
	reference: Line.optional(),
	method: Line.optional(),
});
export type Payment = z.infer<typeof Payment>;
