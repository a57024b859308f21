import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Money } from '../../../shared/canonical';
import { coerceMoneyInput } from '../../../shared/canonical/input';
import { objectParameter, parameter, ruleParameter, textParameter } from '../../parameters';
import { budgetNeedsApproval, parseMilestonePlan, planMilestones, type PlannedMilestone, type RemainderPlacement } from '../../rules/planning/milestones';
import { itemOperation, type RulesRun } from '../../types';

/** The plan's fields, shared with Plan Project From Deal. */
export const milestonePlanProperties: INodeProperties[] = [
	{
		displayName: 'Models With Milestones',
		name: 'modelsWithMilestones',
		type: 'multiOptions',
		options: [
			{ name: 'Fixed Fee', value: 'fixed_fee' },
			{ name: 'Milestone', value: 'milestone' },
			{ name: 'Retainer', value: 'retainer' },
			{ name: 'Time and Materials', value: 'time_and_materials' },
		],
		default: ['fixed_fee', 'milestone'],
		description: 'Contracts of these models get the milestone plan; others get none',
	},
	{ displayName: 'Milestone Plan', name: 'milestonePlan', type: 'string', default: 'Kick-off: 30, Design sign-off: 30, Acceptance: 40', description: '"Name: percent", comma-separated; the percentages add up to 100' },
	{
		displayName: 'Rounding Remainder On',
		name: 'remainderTo',
		type: 'options',
		options: [
			{ name: 'Last Milestone', value: 'last' },
			{ name: 'First Milestone', value: 'first' },
			{ name: 'Largest Milestone', value: 'largest' },
		],
		default: 'last',
		description: 'Each milestone is its percentage rounded to the minor unit; what rounding leaves over goes here, so the amounts add up to the contract value exactly',
	},
	{ displayName: 'Budget Approval Thresholds', name: 'approvalThresholds', type: 'json', default: '{}', description: 'Per currency, contract values at or above need approval, e.g. { "GBP": "100000.00", "USD": "120000.00" }' },
];

const description: INodeProperties[] = [
	{ displayName: 'Contract Value', name: 'contractValue', type: 'json', default: '={{ $json.amount }}', description: 'Money: { "amountMinor": 1250000, "currency": "USD" } or { "amount": "12500.00", "currency": "USD" }' },
	{ displayName: 'Billing Model', name: 'billingModel', type: 'string', default: '={{ $json.billingModel }}', description: 'The contract\'s billing model (fixed_fee, time_and_materials, milestone, retainer)' },
	...milestonePlanProperties,
];

/** The milestones of a contract of this model and value, and whether its budget needs approval, from the plan's fields. */
export function readMilestonePlan(run: RulesRun, itemIndex: number, value: Money, model: string): { milestones: PlannedMilestone[]; approval: ReturnType<typeof budgetNeedsApproval> } {
	const models = parameter<string[]>(run, 'modelsWithMilestones', itemIndex, ['fixed_fee', 'milestone']);
	const plan = ruleParameter(run, itemIndex, 'Milestone Plan', () => parseMilestonePlan(textParameter(run, 'milestonePlan', itemIndex)));
	const milestones = models.includes(model) ? planMilestones(value, plan, parameter<RemainderPlacement>(run, 'remainderTo', itemIndex, 'last')) : [];
	const thresholds = objectParameter(run, 'approvalThresholds', 'Budget Approval Thresholds', itemIndex) as Record<string, string | number>;
	return { milestones, approval: ruleParameter(run, itemIndex, 'Budget Approval Thresholds', () => budgetNeedsApproval(value, thresholds)) };
}

/**
 * The milestone plan of each contract (input item): the contract value split by percentages into
 * amounts that add up to it exactly, a note line per milestone, and whether the budget needs approval.
 */
export const planMilestonesOperation = itemOperation(description, (run, itemIndex) => {
	const raw = run.ctx.getNodeParameter('contractValue', itemIndex, undefined) as unknown;
	let parsed = raw;
	if (typeof raw === 'string' && raw.trim().startsWith('{')) {
		try {
			parsed = JSON.parse(raw) as unknown;
		} catch (error) {
			throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Contract Value is not valid JSON: ${(error as Error).message}`, { itemIndex });
		}
	}
	const coerced = coerceMoneyInput(parsed);
	const value = Money.safeParse(coerced.value);
	if (coerced.issues.length > 0 || !value.success) {
		const why = coerced.issues[0]?.message.replace(/^\(record\) /, '') ?? value.error?.issues.map((issue) => `${issue.path.join('.') || 'value'} ${issue.message.toLowerCase()}`).join('; ');
		throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Contract Value is not money (${why ?? 'no amount'})`, { itemIndex, description: 'Give { "amountMinor": 1250000, "currency": "USD" } or { "amount": "12500.00", "currency": "USD" }' });
	}
	const { milestones, approval } = readMilestonePlan(run, itemIndex, value.data, textParameter(run, 'billingModel', itemIndex));
	return {
		...run.items[itemIndex].json,
		milestones: milestones as unknown as IDataObject[],
		milestoneNotes: milestones.map((step) => `Milestone: ${step.name} (${step.percent}%) ${step.amountDecimal} ${step.amount.currency}`),
		needsApproval: approval.needsApproval,
		...(approval.threshold ? { approvalThreshold: approval.threshold } : {}),
	};
});
