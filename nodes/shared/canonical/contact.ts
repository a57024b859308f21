import { z } from 'zod';
import { baseRecordShape } from './common';

/** A person at a client: billing contact, sponsor, approver. */
export const Contact = z.object({
	...baseRecordShape,
	firstName: z.string().optional(),
	lastName: z.string().optional(),
	email: z.string().email('must be an e-mail address').optional(),
	phone: z.string().optional(),
	jobTitle: z.string().optional(),
	clientId: z.string().optional(),
	ownerId: z.string().optional(),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;
