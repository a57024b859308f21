import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';
import { ApprovalStatus } from './timeEntry';

/** A cost incurred on a project, possibly re-billed to the client. */
export const Expense = z.object({
	...baseRecordShape,
	date: IsoDate,
	amount: Money,
	category: z.string().optional(),
	billable: z.boolean(),
	approvalStatus: ApprovalStatus,
	projectId: z.string().min(1, 'is required'),
	resourceId: z.string().optional(),
	notes: z.string().optional(),
	invoiceId: z.string().optional(),
	/** Whether the system counts the expense as billed, even when it does not name the invoice. */
	invoiced: z.boolean().optional(),
});
export type Expense = z.infer<typeof Expense>;
