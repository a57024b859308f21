import { z } from 'zod';
import { baseRecordShape, IsoDate, Money, RemoteId, RequiredLine } from './common';

/** A unit of work on a project that time is booked against. */
export const Task = z.object({
	...baseRecordShape,
	name: RequiredLine,
	projectId: RemoteId.optional(),
	billable: z.boolean().default(true),
	hourlyRate: Money.optional(),
	budgetHours: z.number().nonnegative().optional(),
	isActive: z.boolean().default(true),
});
export type Task = z.infer<typeof Task>;

export const MilestoneStatus = z.enum(['planned', 'reached', 'invoiced']);

/** A billing or delivery milestone. */
export const Milestone = z.object({
	...baseRecordShape,
	name: RequiredLine,
	projectId: RemoteId.optional(),
	dueDate: IsoDate.optional(),
	amount: Money.optional(),
	status: MilestoneStatus.default('planned'),
});
export type Milestone = z.infer<typeof Milestone>;
