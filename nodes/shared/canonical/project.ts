import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';
import { BillingModel } from './contract';

export const ProjectStatus = z.enum(['planned', 'active', 'on_hold', 'completed', 'cancelled']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

/** A delivery engagement in the PSA. */
export const Project = z.object({
	...baseRecordShape,
	name: z.string().trim().min(1, 'is required'),
	code: z.string().optional(),
	clientId: z.string().optional(),
	status: ProjectStatus.default('active'),
	billingModel: BillingModel.optional(),
	budgetAmount: Money.optional(),
	budgetHours: z.number().nonnegative().optional(),
	hourlyRate: Money.optional(),
	/** What the client pays for a fixed-fee project (distinct from the budget the firm plans to spend). */
	fixedFee: Money.optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
	managerId: z.string().optional(),
	notes: z.string().optional(),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional(),
});
export type Project = z.infer<typeof Project>;
