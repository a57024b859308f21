import { z } from 'zod';
import { baseRecordShape, IsoDate, Line, RemoteId } from './common';

/** Leave that makes a resource unavailable for staffing. */
export const TimeOff = z.object({
	...baseRecordShape,
	resourceId: RemoteId,
	type: Line.optional(),
	status: z.enum(['requested', 'approved', 'denied', 'cancelled']),
	startDate: IsoDate,
	endDate: IsoDate,
	hours: z.number().nonnegative().optional(),
	/**
	 * Hours per calendar day, when the system says (a half day, a weekend inside the range): what a
	 * week-by-week availability needs. Absent: spread `hours` over the working days of the range.
	 */
	days: z.array(z.object({ date: IsoDate, hours: z.number().nonnegative() })).optional(),
});
export type TimeOff = z.infer<typeof TimeOff>;
