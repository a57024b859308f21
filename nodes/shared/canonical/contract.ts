import { z } from 'zod';
import { baseRecordShape, CurrencyCode, IsoDate, Money } from './common';

export const BillingModel = z.enum(['fixed_fee', 'time_and_materials', 'milestone', 'retainer']);
export type BillingModel = z.infer<typeof BillingModel>;

/** One rate: a role (or person) billed at an hourly rate. */
export const RateCardEntry = z.object({
	role: z.string().min(1),
	hourlyRate: Money,
});

export const PaymentTerms = z.object({
	/** Net days after the invoice date. */
	netDays: z.number().int().min(0),
	description: z.string().optional(),
});

/** The commercial terms a project is delivered and billed under. */
export const Contract = z.object({
	...baseRecordShape,
	clientId: z.string().optional(),
	opportunityId: z.string().optional(),
	billingModel: BillingModel,
	currency: CurrencyCode,
	value: Money.optional(),
	rateCard: z.array(RateCardEntry).default([]),
	paymentTerms: PaymentTerms.optional(),
	poNumber: z.string().optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
});
export type Contract = z.infer<typeof Contract>;
