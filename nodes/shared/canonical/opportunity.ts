import { z } from 'zod';
import { baseRecordShape, IsoDate, IsoDateTime, Line, Money, RemoteId, RequiredLine, Text } from './common';
import { BillingModel } from './contract';

export const OpportunityStatus = z.enum(['open', 'won', 'lost']);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;

/** A deal in the CRM pipeline. */
export const Opportunity = z.object({
	...baseRecordShape,
	name: RequiredLine,
	clientId: RemoteId.optional(),
	contactIds: z.array(RemoteId).default([]),
	amount: Money.optional(),
	/** Vendor stage id (a deal stage or stage name). */
	stage: Line.optional(),
	pipeline: Line.optional(),
	status: OpportunityStatus,
	probability: z.number().min(0).max(1).optional(),
	closeDate: IsoDate.optional(),
	/** When the deal became won or lost, if the system says. */
	closedAt: IsoDateTime.optional(),
	billingModel: BillingModel.optional(),
	startDate: IsoDate.optional(),
	ownerId: RemoteId.optional(),
	/** What has to happen next on the deal (the CRM's next-step field), e.g. why a handoff waits. */
	nextStep: Text.optional(),
	createdAt: IsoDateTime.optional(),
	updatedAt: IsoDateTime.optional(),
});
export type Opportunity = z.infer<typeof Opportunity>;
