import { z } from 'zod';
import { baseRecordShape, IsoDate, IsoDateTime, Money, RemoteId, Text } from './common';

export const ApprovalStatus = z.enum(['draft', 'submitted', 'approved', 'rejected']);

/** Hours a resource booked on a project (and task) on one day. */
export const TimeEntry = z.object({
	...baseRecordShape,
	date: IsoDate,
	hours: z.number().positive('must be more than 0').max(24, 'cannot exceed 24 hours in a day'),
	billable: z.boolean(),
	approvalStatus: ApprovalStatus,
	approverId: RemoteId.optional(),
	projectId: RemoteId,
	taskId: RemoteId.optional(),
	resourceId: RemoteId.optional(),
	/** Hourly bill rate that applies to the entry. */
	rate: Money.optional(),
	notes: Text.optional(),
	/** Id of the invoice the entry was billed on; absent while unbilled. */
	invoiceId: RemoteId.optional(),
	/** Whether the system counts the entry as billed; some list answers say so without naming the invoice. */
	invoiced: z.boolean().optional(),
	updatedAt: IsoDateTime.optional(),
});
export type TimeEntry = z.infer<typeof TimeEntry>;
