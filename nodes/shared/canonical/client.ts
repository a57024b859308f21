import { z } from 'zod';
import { Address, baseRecordShape, CurrencyCode } from './common';

/** An organisation the firm sells to or bills (CRM company/account, ERP customer, PSA client). */
export const Client = z.object({
	...baseRecordShape,
	name: z.string().trim().min(1, 'is required'),
	domain: z.string().optional(),
	email: z.string().email().optional(),
	phone: z.string().optional(),
	industry: z.string().optional(),
	taxNumber: z.string().optional(),
	currency: CurrencyCode.optional(),
	billingAddress: Address.optional(),
	ownerId: z.string().optional(),
	isActive: z.boolean().default(true),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional(),
});
export type Client = z.infer<typeof Client>;
