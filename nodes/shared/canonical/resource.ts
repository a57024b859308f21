import { z } from 'zod';
import { baseRecordShape, Email, IsoDate, Line, Money, RemoteId, RequiredLine } from './common';

export const EmploymentStatus = z.enum(['active', 'on_leave', 'terminated', 'contractor']);

/** A worker who can be staffed: employee or contractor. */
export const Resource = z.object({
	...baseRecordShape,
	firstName: Line.optional(),
	lastName: Line.optional(),
	displayName: RequiredLine,
	email: Email.optional(),
	department: Line.optional(),
	role: Line.optional(),
	location: Line.optional(),
	skills: z.array(Line).default([]),
	costRate: Money.optional(),
	billRate: Money.optional(),
	weeklyCapacityHours: z.number().nonnegative().optional(),
	managerId: RemoteId.optional(),
	employmentStatus: EmploymentStatus.default('active'),
	hireDate: IsoDate.optional(),
	terminationDate: IsoDate.optional(),
});
export type Resource = z.infer<typeof Resource>;
