import { z } from 'zod';
import { baseRecordShape, IsoDate, Line, Money, RemoteId, Text } from './common';
import { ApprovalStatus } from './timeEntry';

/** A cost incurred on a project, possibly re-billed to the client. */
export const Expense = z.object({
	...baseRecordShape,
	date: IsoDate,
	amount: Money,
	category: Line.optional(),
	billable: z.boolean(),
	approvalStatus: ApprovalStatus,
	projectId: RemoteId,
	resourceId: RemoteId.optional(),
	notes: Text.optional(),
	invoiceId: RemoteId.optional(),
	/** Whether the system counts the expense as billed, even when it does not name the invoice. */
	invoiced: z.boolean().optional(),
});
export type Expense = z.infer<typeof Expense>;
