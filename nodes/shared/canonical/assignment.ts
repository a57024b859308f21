import { z } from 'zod';
import { baseRecordShape, IsoDate, Line, Money, RemoteId } from './common';

/** Staffing: a request for a role on a project, or a person allocated to it. */
export const Assignment = z.object({
	...baseRecordShape,
	kind: z.enum(['request', 'allocation']),
	projectId: RemoteId,
	resourceId: RemoteId.optional(),
	taskId: RemoteId.optional(),
	role: Line.optional(),
	hoursPerWeek: z.number().nonnegative().optional(),
	startDate: IsoDate.optional(),
	endDate: IsoDate.optional(),
	billRate: Money.optional(),
	/** Whether time booked under this assignment is billable (a task on a project). */
	billable: z.boolean().optional(),
	isProjectManager: z.boolean().default(false),
});
export type Assignment = z.infer<typeof Assignment>;
