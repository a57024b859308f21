import { z } from 'zod';
import { baseRecordShape, Email, IsoDateTime, Line, RemoteId } from './common';

/** A person at a client: billing contact, sponsor, approver. */
export const Contact = z.object({
	...baseRecordShape,
	firstName: Line.optional(),
	lastName: Line.optional(),
	email: Email.optional(),
	phone: Line.optional(),
	jobTitle: Line.optional(),
	clientId: RemoteId.optional(),
	ownerId: RemoteId.optional(),
	createdAt: IsoDateTime.optional(),
	updatedAt: IsoDateTime.optional(),
});
export type Contact = z.infer<typeof Contact>;
