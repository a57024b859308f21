import { z } from 'zod';
import type { Project } from '../../../shared/canonical';
import { Line, Milestone, Money, RemoteId } from '../../../shared/canonical';

/**
 * A project's commercial terms beyond what the canonical Project holds: how a fixed fee falls due,
 * the milestones reached, a retainer's hours, a not-to-exceed cap, an expense markup. Given per
 * project by the analyst (or a step that reads them from the contract), keyed by the project's id
 * or, as an analyst knows it, by its code.
 */
export const BillingTerms = z
	.object({
		projectId: RemoteId.optional(),
		/** The project's code, when the terms do not name its id. */
		projectCode: Line.optional(),
		/** Overrides the project's billing model. */
		billingModel: z.enum(['fixed_fee', 'time_and_materials', 'milestone', 'retainer']).optional(),
		/** How a fixed fee falls due: by milestones reached, or by percent complete. */
		feeBasis: z.enum(['milestone', 'percentComplete']).optional(),
		/** Overrides the project's fixed fee. */
		fixedFee: Money.optional(),
		percentComplete: z.number().min(0, 'must be 0 or more').max(100, 'must be 100 or less').optional(),
		/** What earlier invoices billed of the fixed fee. */
		feeBilledToDate: Money.optional(),
		/** The project's milestones, where the PSA keeps none: those with status "reached" are billed. */
		milestones: z.array(Milestone).optional(),
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
	})
	.refine((terms) => terms.projectId !== undefined || terms.projectCode !== undefined, 'needs projectId or projectCode');
export type BillingTerms = z.infer<typeof BillingTerms>;

/** Terms once their project is known by id. */
export type ProjectTerms = BillingTerms & { projectId: string };

/**
 * Records that name their project by code (terms, rates of a rate card) with the project's id
 * filled in from the projects given. A code no project has, or two projects share, is refused:
 * terms that silently apply to nothing would bill the project by the wrong model.
 */
export function withProjectIds<T extends { projectId?: string; projectCode?: string }>(records: T[], projects: Array<Pick<Project, 'id' | 'code'>>, what: string): T[] {
	if (!records.some((record) => record.projectId === undefined && record.projectCode !== undefined)) return records;
	const byCode = new Map<string, string[]>();
	for (const project of projects) {
		const code = project.code?.trim();
		if (code && project.id) byCode.set(code, [...(byCode.get(code) ?? []), project.id]);
	}
	return records.map((record) => {
		if (record.projectId !== undefined || record.projectCode === undefined) return record;
		const ids = byCode.get(record.projectCode.trim()) ?? [];
		if (ids.length !== 1) throw new Error(`${what} for project code "${record.projectCode}": ${ids.length === 0 ? 'no project has this code' : `${ids.length} projects have this code (${ids.join(', ')}); name the project by its id`}`);
		return { ...record, projectId: ids[0] };
	});
}

/**
 * Terms written as one object keyed by project code (`{ "ACME-7": { "notToExceed": ... } }`, as a
 * Policy node holds them) turned into a list; a list, or one terms object, is left as it is.
 */
export function termsList(value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const object = value as Record<string, unknown>;
	if ('projectId' in object || 'projectCode' in object || 'json' in object) return value;
	// A value that is not an object stays as it is, so validation names it.
	return Object.entries(object).map(([projectCode, terms]) => (terms && typeof terms === 'object' && !Array.isArray(terms) ? { projectCode, ...terms } : terms));
}
