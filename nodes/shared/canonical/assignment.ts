import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';

/** Staffing: a request for a role on a project, or a person allocated to it. */
export const Assignment = z.object({
	...baseRecordShape,
	kind: z.enum(['request', 'allocation']),
	projectId: z.string().min(1, 'is required'),
	resourceId: z.string().optional(),
	taskId: z.string().optional(),
	role: z.string().optional(),
	hoursPerWeek: z.number().nonnegative().optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
	billRate: Money.optional(),
	/** Whether time booked under this assignment is billable (a task on a project). */
	billable: z.boolean().optional(),
	isProjectManager: z.boolean().default(false),
});
export type Assignment = z.infer<typeof Assignment>;
