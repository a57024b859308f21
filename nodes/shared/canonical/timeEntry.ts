import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';

export const ApprovalStatus = z.enum(['draft', 'submitted', 'approved', 'rejected']);

/** Hours a resource booked on a project (and task) on one day. */
export const TimeEntry = z.object({
	...baseRecordShape,
	date: IsoDate,
	hours: z.number().positive('must be more than 0').max(24, 'cannot exceed 24 hours in a day'),
	billable: z.boolean(),
	approvalStatus: ApprovalStatus,
	approverId: z.string().optional(),
	projectId: z.string().min(1, 'is required'),
	taskId: z.string().optional(),
	resourceId: z.string().optional(),
	/** Hourly bill rate that applies to the entry. */
	rate: Money.optional(),
	notes: z.string().optional(),
	/** Id of the invoice the entry was billed on; absent while unbilled. */
	invoiceId: z.string().optional(),
	/** Whether the system counts the entry as billed; some list answers say so without naming the invoice. */
	invoiced: z.boolean().optional(),
	updatedAt: z.string().optional(),
});
export type TimeEntry = z.infer<typeof TimeEntry>;
