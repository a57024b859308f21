import { z } from 'zod';
import { Money, RemoteId } from '../../../shared/canonical';

/**
 * A project's commercial terms beyond what the canonical Project holds: how a fixed fee falls due,
 * a retainer's hours, a not-to-exceed cap, an expense markup. Given per project by the analyst
 * (or a step that reads them from the contract), keyed by the project's id.
 */
export const BillingTerms = z.object({
	projectId: RemoteId,
	/** Overrides the project's billing model. */
	billingModel: z.enum(['fixed_fee', 'time_and_materials', 'milestone', 'retainer']).optional(),
	/** How a fixed fee falls due: by milestones reached, or by percent complete. */
	feeBasis: z.enum(['milestone', 'percentComplete']).optional(),
	/** Overrides the project's fixed fee. */
	fixedFee: Money.optional(),
	percentComplete: z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less').optional(),
	/** What earlier invoices billed of the fixed fee. */
	feeBilledToDate: Money.optional(),
	/** The most the client pays for time on this project, over its life. */
	notToExceed: Money.optional(),
	/** What earlier invoices billed for time; otherwise priced from the billed time given. */
	billedToDate: Money.optional(),
	retainer: z
		.object({
			/** Billed every period (a monthly retainer); absent for prepaid block hours. */
			fee: Money.optional(),
			/** Hours the retainer covers each period. */
			hoursPerPeriod: z.number().min(0, 'must be 0 or more').optional(),
			/** Prepaid block hours left before this period; used instead of hoursPerPeriod. */
			balanceHours: z.number().min(0, 'must be 0 or more').optional(),
			/** Rate for hours beyond the retainer; otherwise the project's or the entries' rate. */
			overageRate: Money.optional(),
		})
		.refine((retainer) => retainer.hoursPerPeriod !== undefined || retainer.balanceHours !== undefined, 'needs hoursPerPeriod or balanceHours')
		.optional(),
	expenseMarkupPercent: z.number().min(-100, 'must be -100 or more').max(1000, 'must be 1000 or less').optional(),
});
export type BillingTerms = z.infer<typeof BillingTerms>;
