import type { Money, Opportunity, Project } from '../../../shared/canonical';
import { toDecimalString } from '../../../shared/canonical';
import { renderMessage } from '../collections/message';
import type { PlannedMilestone } from './milestones';

/** What the deal's next step says while its handoff waits; `{{missing}}` lists the fields. */
export const DEFAULT_WAITING_NEXT_STEP = 'Handoff to delivery waits for: {{missing}}. Complete the deal; the next handoff run picks it up.';

export interface DealIssue {
	path: string;
	message: string;
}

export interface MissingDataNotice {
	dealId: string;
	dealName: string;
	ownerId: string;
	crmSystem: string;
	/** The fields missing, each once, in the order the checks name them. */
	missing: string[];
	/** The text for the deal's next step. */
	nextStep: string;
	/** "field: what is wrong", for the owner's notice. */
	problems: string[];
}

/**
 * The notice for a deal that cannot be handed off yet: which fields are missing and the next step
 * that says so. Undefined when the deal's next step already says exactly this: its owner was told.
 */
export function explainMissingDealData(deal: Pick<Opportunity, 'id' | 'name' | 'ownerId' | 'nextStep' | '_meta'>, issues: DealIssue[], nextStepTemplate: string = DEFAULT_WAITING_NEXT_STEP): MissingDataNotice | undefined {
	const missing = [...new Set(issues.map((issue) => issue.path))];
	const nextStep = renderMessage(nextStepTemplate, { missing: missing.join(', '), deal: deal.name ?? '' }).text;
	if (deal.nextStep === nextStep) return undefined;
	return {
		dealId: deal.id ?? '',
		dealName: deal.name ?? '',
		ownerId: deal.ownerId ?? '',
		crmSystem: deal._meta?.system ?? '',
		missing,
		nextStep,
		problems: issues.map((issue) => `${issue.path}: ${issue.message}`),
	};
}

/**
 * Projects by the deal each was made from: `<crm system>|<deal id>`, from the projects'
 * externalRefs (the first project wins when two claim a deal).
 */
export function projectsByDeal(projects: Array<Pick<Project, 'id' | 'externalRefs'>>): Map<string, Pick<Project, 'id' | 'externalRefs'>> {
	const index = new Map<string, Pick<Project, 'id' | 'externalRefs'>>();
	for (const project of projects) {
		for (const [system, id] of Object.entries(project.externalRefs ?? {})) {
			const key = `${system}|${id}`;
			if (!index.has(key)) index.set(key, project);
		}
	}
	return index;
}

/** The id of a record in the system it was matched or created in: a match carries it in `match.candidate`, a created record is the record. */
export function counterpartId(record: { id?: unknown; match?: { status?: unknown; candidate?: { id?: unknown } } }): string {
	return String(record.match?.status === 'matched' ? (record.match.candidate?.id ?? '') : (record.id ?? ''));
}

export interface ProjectPlanInput {
	deal: Pick<Opportunity, 'id' | 'name' | 'ownerId' | 'closeDate' | 'closedAt' | 'billingModel' | 'startDate' | '_meta'> & { amount: Money };
	clientName: string;
	erpCustomer: { id?: unknown; match?: { status?: unknown; candidate?: { id?: unknown } } };
	psaClient: { id?: unknown; match?: { status?: unknown; candidate?: { id?: unknown } } };
	/** The project the PSA already holds for this deal (an earlier run made it). */
	existingProjectId?: string;
	milestones: PlannedMilestone[];
	/** Whether the budget is at or above its currency's approval threshold. */
	budgetAtThreshold: boolean;
}

/**
 * The project a won deal becomes: budget and billing model from the deal, the contract's
 * milestones in its notes (and its fee, when it has milestones), the deal's id in its
 * externalRefs so a second run finds it; and whether its budget waits for approval (a project
 * found from an earlier run never does).
 */
export function planProjectFromDeal(input: ProjectPlanInput): Record<string, unknown> {
	const { deal, milestones } = input;
	const crmSystem = deal._meta?.system ?? 'crm';
	const dealId = String(deal.id ?? '');
	const { currency } = deal.amount;
	const psaClientId = counterpartId(input.psaClient);
	const notes = [
		`Handed off from ${crmSystem} deal ${dealId} "${deal.name}", won ${deal.closeDate ?? ''}.`,
		...milestones.map((step) => `Milestone: ${step.name} (${step.percent}%) ${step.amountDecimal} ${step.amount.currency}`),
	].join('\n');
	return {
		dealId,
		dealName: deal.name,
		crmSystem,
		ownerId: deal.ownerId,
		closedAt: deal.closedAt ?? `${deal.closeDate}T00:00:00.000Z`,
		amount: deal.amount,
		amountDecimal: toDecimalString(deal.amount.amountMinor, currency),
		currency,
		billingModel: deal.billingModel,
		startDate: deal.startDate,
		clientName: input.clientName,
		erpCustomerId: counterpartId(input.erpCustomer),
		erpCustomerCreated: input.erpCustomer.match?.status !== 'matched',
		psaClientId,
		psaClientCreated: input.psaClient.match?.status !== 'matched',
		existingProjectId: input.existingProjectId ?? '',
		needsApproval: !input.existingProjectId && input.budgetAtThreshold,
		milestones,
		project: {
			name: deal.name,
			clientId: psaClientId,
			billingModel: deal.billingModel,
			budgetAmount: deal.amount,
			...(milestones.length > 0 ? { fixedFee: deal.amount } : {}),
			startDate: deal.startDate,
			status: 'active',
			notes,
			externalRefs: { [crmSystem]: dealId, key: `${crmSystem}-deal-${dealId}/project` },
		},
	};
}
