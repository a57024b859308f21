import { z } from 'zod';
import { baseRecordShape, CurrencyCode, IsoDate, Line, Money, RemoteId, RequiredLine, Text } from './common';

export const BillingModel = z.enum(['fixed_fee', 'time_and_materials', 'milestone', 'retainer']);
export type BillingModel = z.infer<typeof BillingModel>;

/** One rate: a role (or person) billed at an hourly rate. */
export const RateCardEntry = z.object({
	role: RequiredLine,
	hourlyRate: Money,
});

export const PaymentTerms = z.object({
	/** Net days after the invoice date. */
	netDays: z.number().int().min(0),
	description: Text.optional(),
});

/** The commercial terms a project is delivered and billed under. */
export const Contract = z.object({
	...baseRecordShape,
	clientId: RemoteId.optional(),
	opportunityId: RemoteId.optional(),
	billingModel: BillingModel,
	currency: CurrencyCode,
	value: Money.optional(),
	rateCard: z.array(RateCardEntry).default([]),
	paymentTerms: PaymentTerms.optional(),
	poNumber: Line.optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
});
export type Contract = z.infer<typeof Contract>;
