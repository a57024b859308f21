import { z } from 'zod';
import { baseRecordShape, Address, CurrencyCode, Email, IsoDateTime, Line, RemoteId, RequiredLine } from './common';

/** An organisation the firm sells to or bills (CRM company/account, ERP customer, PSA client). */
export const Client = z.object({
	...baseRecordShape,
	name: RequiredLine,
	domain: Line.optional(),
	email: Email.optional(),
	phone: Line.optional(),
	industry: Line.optional(),
	taxNumber: Line.optional(),
	currency: CurrencyCode.optional(),
	billingAddress: Address.optional(),
	ownerId: RemoteId.optional(),
	isActive: z.boolean().default(true),
	createdAt: IsoDateTime.optional(),
	updatedAt: IsoDateTime.optional(),
});
export type Client = z.infer<typeof Client>;
