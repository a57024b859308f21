import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';

export const EmploymentStatus = z.enum(['active', 'on_leave', 'terminated', 'contractor']);

/** A worker who can be staffed: employee or contractor. */
export const Resource = z.object({
	...baseRecordShape,
	firstName: z.string().optional(),
	lastName: z.string().optional(),
	displayName: z.string().trim().min(1, 'is required'),
	email: z.string().email().optional(),
	department: z.string().optional(),
	role: z.string().optional(),
	location: z.string().optional(),
	skills: z.array(z.string()).default([]),
	costRate: Money.optional(),
	billRate: Money.optional(),
	weeklyCapacityHours: z.number().nonnegative().optional(),
	managerId: z.string().optional(),
	employmentStatus: EmploymentStatus.default('active'),
	hireDate: IsoDate.optional(),
	terminationDate: IsoDate.optional(),
});
export type Resource = z.infer<typeof Resource>;
