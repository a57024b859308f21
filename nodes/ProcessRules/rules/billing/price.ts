import type { Money, Project, Resource, Task, TimeEntry } from '../../../shared/canonical';
import { multiplyMoney, toDecimalString } from '../../../shared/canonical';

/**
 * Hours are counted in hundredths of an hour (as PSAs book them), so hours x rate is an integer
 * product rounded once, on the line, in the currency's minor units.
 */
export function hoursToHundredths(hours: number): number {
	// toPrecision strips binary noise (7.5499999... -> 7.55) before rounding to the hundredth.
	return Math.round(Number((hours * 100).toPrecision(12)));
}

/** 750 -> "7.50". */
export function hundredthsText(hundredths: number): string {
	const negative = hundredths < 0;
	const digits = String(Math.abs(hundredths)).padStart(3, '0');
	return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** hours (in hundredths) x hourly rate, rounded half away from zero to the minor unit, once. */
export function priceHours(hundredths: number, rate: Money): Money {
	return multiplyMoney(rate, hundredths / 100);
}

/** "1234.50 USD". */
export function moneyText(amount: Money): string {
	return `${toDecimalString(amount.amountMinor, amount.currency)} ${amount.currency}`;
}

/** One rate of a rate card: the more of project, task, person and role it names, the more specific it is. */
export interface RateCardRate {
	projectId?: string;
	/** The project by its code: turned into its id before rates are looked up (withProjectIds). */
	projectCode?: string;
	taskId?: string;
	resourceId?: string;
	role?: string;
	hourlyRate: Money;
}

// A person's own rate beats a role's, which beats a task's, which beats the project's default.
const SPECIFICITY = { resourceId: 8, role: 4, taskId: 2, projectId: 1 } as const;

/** The rate card's rate for a time entry: the most specific rate whose every condition holds. */
export function rateCardRate(entry: TimeEntry, rateCard: RateCardRate[], roleOf: (resourceId: string) => string | undefined): Money | undefined {
	let best: RateCardRate | undefined;
	let bestScore = -1;
	const role = entry.resourceId ? roleOf(entry.resourceId)?.toLowerCase() : undefined;
	for (const rate of rateCard) {
		if (rate.projectId !== undefined && rate.projectId !== entry.projectId) continue;
		if (rate.taskId !== undefined && rate.taskId !== entry.taskId) continue;
		if (rate.resourceId !== undefined && rate.resourceId !== entry.resourceId) continue;
		if (rate.role !== undefined && rate.role.toLowerCase() !== role) continue;
		let score = 0;
		for (const key of Object.keys(SPECIFICITY) as Array<keyof typeof SPECIFICITY>) if (rate[key] !== undefined) score += SPECIFICITY[key];
		if (score > bestScore) {
			best = rate;
			bestScore = score;
		}
	}
	return best?.hourlyRate;
}

export interface RateLookup {
	rateCard: RateCardRate[];
	projects: Map<string, Project>;
	tasks: Map<string, Task>;
	resources: Map<string, Resource>;
}

/** The rate a time entry is billed at, and the rate card's rate it is checked against. */
export function billingRate(entry: TimeEntry, source: 'entry' | 'rateCard', lookup: RateLookup): { rate?: Money; expected?: Money } {
	const expected = lookup.rateCard.length > 0 ? rateCardRate(entry, lookup.rateCard, (id) => lookup.resources.get(id)?.role) : undefined;
	const own = entry.rate && entry.rate.amountMinor !== 0 ? entry.rate : undefined;
	if (source === 'entry') return { rate: own ?? expected ?? entry.rate, expected };
	const fallback =
		expected ??
		(entry.taskId ? lookup.tasks.get(entry.taskId)?.hourlyRate : undefined) ??
		(entry.resourceId ? lookup.resources.get(entry.resourceId)?.billRate : undefined) ??
		lookup.projects.get(entry.projectId)?.hourlyRate;
	return { rate: fallback ?? own ?? entry.rate, expected };
}

/** The currency a project bills in when a record does not say: its rate, fee or budget, else its client's. */
export function projectCurrency(project: Project | undefined, clientCurrency: string | undefined): string | undefined {
	return project?.hourlyRate?.currency ?? project?.fixedFee?.currency ?? project?.budgetAmount?.currency ?? clientCurrency;
}
