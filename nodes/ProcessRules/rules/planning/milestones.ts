import type { Money } from '../../../shared/canonical';
import { multiplyMoney, toDecimalString, toMinorUnits } from '../../../shared/canonical';

export interface MilestoneShare {
	name: string;
	/** Percent of the contract value, up to 4 decimals. */
	percent: number;
}

export interface PlannedMilestone extends MilestoneShare {
	amount: Money;
	amountDecimal: string;
}

/** Where the minor units that rounding leaves over go: always the same milestone, so a plan never changes between runs. */
export type RemainderPlacement = 'last' | 'first' | 'largest';

const tenThousandths = (percent: number): number => Math.round(Number((percent * 10000).toPrecision(12)));

/** "Kick-off: 30, Design sign-off: 30, Acceptance: 40" -> milestones; the percentages must add up to exactly 100. */
export function parseMilestonePlan(text: string): MilestoneShare[] {
	const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
	const plan = entries.map((entry) => {
		const at = entry.lastIndexOf(':');
		const name = at === -1 ? '' : entry.slice(0, at).trim();
		const percentText = at === -1 ? '' : entry.slice(at + 1).trim().replace(/%$/, '');
		const percent = Number(percentText);
		if (!name || percentText === '' || !Number.isFinite(percent) || percent < 0) throw new Error(`milestone "${entry}" is not "Name: percent"`);
		if (Math.abs(tenThousandths(percent) / 10000 - percent) > 1e-9) throw new Error(`milestone "${name}" has a percentage with more than 4 decimals (${percentText})`);
		return { name, percent };
	});
	if (plan.length === 0) throw new Error('the milestone plan names no milestone');
	const total = plan.reduce((sum, step) => sum + tenThousandths(step.percent), 0);
	if (total !== 100 * 10000) throw new Error(`the milestone percentages add up to ${total / 10000}, not 100`);
	return plan;
}

/**
 * The contract value split by the plan: each milestone its percentage, rounded half away from zero
 * to the minor unit; what rounding leaves over (a unit or two, either way) goes on one milestone,
 * so the amounts add up to exactly the contract value.
 */
export function planMilestones(value: Money, plan: MilestoneShare[], remainderTo: RemainderPlacement = 'last'): PlannedMilestone[] {
	const amounts = plan.map((step) => multiplyMoney(value, tenThousandths(step.percent) / 1_000_000).amountMinor);
	const remainder = value.amountMinor - amounts.reduce((sum, amount) => sum + amount, 0);
	let target = plan.length - 1;
	if (remainderTo === 'first') target = 0;
	if (remainderTo === 'largest') target = plan.reduce((best, step, index) => (step.percent > plan[best].percent ? index : best), 0);
	amounts[target] += remainder;
	return plan.map((step, index) => ({
		...step,
		amount: { amountMinor: amounts[index], currency: value.currency },
		amountDecimal: toDecimalString(amounts[index], value.currency),
	}));
}

/** Whether a budget needs approval: at or above the threshold set for its currency (none set: no). */
export function budgetNeedsApproval(amount: Money, thresholds: Record<string, string | number>): { needsApproval: boolean; threshold?: Money } {
	const threshold = thresholds[amount.currency];
	if (threshold === undefined || threshold === '') return { needsApproval: false };
	const minor = toMinorUnits(threshold, amount.currency);
	return { needsApproval: amount.amountMinor >= minor, threshold: { amountMinor: minor, currency: amount.currency } };
}
