import { z } from 'zod';
import { baseRecordShape, IsoDate, IsoDateTime, Line, Money, RemoteId, RequiredLine, Text } from './common';
import { BillingModel } from './contract';

export const ProjectStatus = z.enum(['planned', 'active', 'on_hold', 'completed', 'cancelled']);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

/** A delivery engagement in the PSA. */
export const Project = z.object({
	...baseRecordShape,
	name: RequiredLine,
	code: Line.optional(),
	clientId: RemoteId.optional(),
	status: ProjectStatus.default('active'),
	billingModel: BillingModel.optional(),
	budgetAmount: Money.optional(),
	budgetHours: z.number().nonnegative().optional(),
	hourlyRate: Money.optional(),
	/** What the client pays for a fixed-fee project (distinct from the budget the firm plans to spend). */
	fixedFee: Money.optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
	managerId: RemoteId.optional(),
	notes: Text.optional(),
	createdAt: IsoDateTime.optional(),
	updatedAt: IsoDateTime.optional(),
});
export type Project = z.infer<typeof Project>;
