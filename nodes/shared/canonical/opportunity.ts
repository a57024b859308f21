import { z } from 'zod';
import { baseRecordShape, IsoDate, Money } from './common';
import { BillingModel } from './contract';

export const OpportunityStatus = z.enum(['open', 'won', 'lost']);
export type OpportunityStatus = z.infer<typeof OpportunityStatus>;

/** A deal in the CRM pipeline. */
export const Opportunity = z.object({
	...baseRecordShape,
	name: z.string().trim().min(1, 'is required'),
	clientId: z.string().optional(),
	contactIds: z.array(z.string()).default([]),
	amount: Money.optional(),
	/** Vendor stage id (HubSpot dealstage, Salesforce StageName). */
	stage: z.string().optional(),
	pipeline: z.string().optional(),
	status: OpportunityStatus,
	probability: z.number().min(0).max(1).optional(),
	closeDate: IsoDate.optional(),
	/** When the deal became won or lost, if the system says. */
	closedAt: z.string().optional(),
	billingModel: BillingModel.optional(),
	startDate: IsoDate.optional(),
	ownerId: z.string().optional(),
	/** What has to happen next on the deal (HubSpot Next step, Salesforce Next Step), e.g. why a handoff waits. */
	nextStep: z.string().optional(),
	createdAt: z.string().optional(),
	updatedAt: z.string().optional(),
});
export type Opportunity = z.infer<typeof Opportunity>;
