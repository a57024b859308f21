import type { Client, Expense, Money, Project, TimeEntry } from '../../../shared/canonical';
import type { BillingTerms } from './terms';
import { billingRate, hoursToHundredths, hundredthsText, moneyText, projectCurrency, type RateLookup } from './price';
import type { BillingPolicy, CheckRule, Finding, HoldRule, RecordType } from './types';

/** What the checks made of one record: held (by the first hold rule that fired), or billable with flags. */
export interface RecordCheck {
	hold?: Finding;
	flags: Finding[];
}

export interface TimeEntryCheck extends RecordCheck {
	hundredths: number;
	rate?: Money;
	currency?: string;
}

export interface CheckContext {
	projects: Map<string, Project>;
	clients: Map<string, Client>;
	terms: Map<string, BillingTerms>;
	rates: RateLookup;
	policy: BillingPolicy;
}

export type BillingModelName = 'fixed_fee' | 'time_and_materials' | 'milestone' | 'retainer';

export function billingModelOf(project: Project | undefined, terms: BillingTerms | undefined): BillingModelName {
	return terms?.billingModel ?? project?.billingModel ?? 'time_and_materials';
}

/** Whether a project's time is priced entry by entry (and so needs a rate on each). */
export function needsEntryRates(project: Project | undefined, terms: BillingTerms | undefined): boolean {
	const model = billingModelOf(project, terms);
	if (model === 'fixed_fee' || model === 'milestone') return false;
	if (model === 'retainer' && terms?.retainer) return !(terms.retainer.overageRate ?? project?.hourlyRate);
	return true;
}

const NAMES: Record<RecordType, string> = { timeEntry: 'time entry', expense: 'expense' };

/** What fired on one record, in rule order: the first hold holds it, the flags stay listed. */
type Fired = Array<{ rule: HoldRule; reason: string; action: 'hold' | 'flag' }>;

function always(fired: Fired | undefined, rule: HoldRule, reason: string): Fired {
	(fired ??= []).push({ rule, reason, action: 'hold' });
	return fired;
}

function check(fired: Fired | undefined, policy: BillingPolicy, rule: CheckRule, reason: () => string): Fired | undefined {
	const action = policy.checks[rule];
	if (action === 'ignore') return fired;
	(fired ??= []).push({ rule, reason: reason(), action });
	return fired;
}

function resultOf(fired: Fired | undefined, recordType: RecordType, recordId: string, position: number): RecordCheck {
	if (!fired) return { flags: [] };
	const finding = (entry: Fired[number]): Finding => ({ rule: entry.rule, reason: entry.reason, recordType, recordId, position });
	const hold = fired.find((entry) => entry.action === 'hold');
	return { hold: hold ? finding(hold) : undefined, flags: hold ? [] : fired.map(finding) };
}

/** The project checks of a record: unknown project, no client, not active, outside the project's dates. */
function projectChecks(fired: Fired | undefined, policy: BillingPolicy, what: string, date: string, project: Project | undefined, projectId: string): Fired | undefined {
	if (!project) return always(fired, 'unknownProject', `project ${projectId} is not among the projects given`);
	if (!project.clientId) fired = always(fired, 'unknownClient', `project "${project.name}" has no client to invoice`);
	if (project.status !== 'active') fired = check(fired, policy, 'closedProject', () => `project "${project.name}" is ${project.status}, not active`);
	if ((project.startDate && date < project.startDate) || (project.endDate && date > project.endDate)) {
		fired = check(fired, policy, 'outsideProjectDates', () => `${what} is dated ${date}, outside the project's dates (${project.startDate ?? 'open'} to ${project.endDate ?? 'open'})`);
	}
	return fired;
}

const sameMoney = (a: Money, b: Money): boolean => a.amountMinor === b.amountMinor && a.currency === b.currency;

/** What every entry of a project needs to know about it, worked out once per project. */
interface ProjectFacts {
	project?: Project;
	needsRates: boolean;
	currency?: string;
}

/** The checks on time entries, one result per entry in input order. */
export function checkTimeEntries(entries: TimeEntry[], context: CheckContext): TimeEntryCheck[] {
	const { policy } = context;
	const seenIds = new Set<string>();
	const firstOfWork = new Map<string, string>();
	const dayTotals = new Map<string, number>();
	const duplicateIds = new Set<number>();
	const hundredths = entries.map((entry) => hoursToHundredths(entry.hours));
	entries.forEach((entry, position) => {
		if (seenIds.has(entry.id ?? '')) duplicateIds.add(position);
		seenIds.add(entry.id ?? '');
		if (entry.approvalStatus === 'approved' && entry.resourceId && !duplicateIds.has(position)) {
			const key = `${entry.resourceId}|${entry.date}`;
			dayTotals.set(key, (dayTotals.get(key) ?? 0) + hundredths[position]);
		}
	});
	const facts = new Map<string, ProjectFacts>();
	const factsOf = (projectId: string): ProjectFacts => {
		let known = facts.get(projectId);
		if (!known) {
			const project = context.projects.get(projectId);
			known = { project, needsRates: !!project && needsEntryRates(project, context.terms.get(projectId)), currency: projectCurrency(project, project?.clientId ? context.clients.get(project.clientId)?.currency : undefined) };
			facts.set(projectId, known);
		}
		return known;
	};
	const maxPerDay = hoursToHundredths(policy.maxHoursPerDay);
	return entries.map((entry, position) => {
		const id = entry.id ?? '';
		const what = `time entry ${id}`;
		const { project, needsRates, currency: projectBillsIn } = factsOf(entry.projectId);
		let fired: Fired | undefined;
		if (duplicateIds.has(position)) fired = always(fired, 'duplicateId', `${what} is in the input more than once; it is billed once`);
		fired = projectChecks(fired, policy, what, entry.date, project, entry.projectId);
		if (entry.approvalStatus !== 'approved') fired = check(fired, policy, 'notApproved', () => `${what} is ${entry.approvalStatus}, not approved`);
		const work = `${entry.resourceId}|${entry.projectId}|${entry.taskId}|${entry.date}|${hundredths[position]}|${entry.notes ?? ''}`;
		const first = firstOfWork.get(work);
		if (first !== undefined && !duplicateIds.has(position)) {
			fired = check(fired, policy, 'duplicate', () => `${what} repeats time entry ${first} (same person, project, task, day, hours and notes)`);
		} else if (first === undefined) firstOfWork.set(work, id);

		const { rate, expected } = billingRate(entry, policy.rateSource, context.rates);
		const priced = rate && rate.amountMinor !== 0 ? rate : undefined;
		const currency = priced?.currency ?? rate?.currency ?? projectBillsIn;
		if (needsRates && !priced) {
			if (!currency) fired = always(fired, 'noCurrency', `${what} has no bill rate and project "${project?.name}" no currency to bill it in`);
			else fired = check(fired, policy, 'missingRate', () => `${what} has no bill rate`);
		}
		if (expected && entry.rate && entry.rate.amountMinor !== 0 && !sameMoney(entry.rate, expected)) {
			const given = entry.rate;
			fired = check(fired, policy, 'rateDiffersFromRateCard', () => `${what} is billed at ${moneyText(given)} an hour; the rate card says ${moneyText(expected)}`);
		}
		const day = entry.resourceId ? dayTotals.get(`${entry.resourceId}|${entry.date}`) : undefined;
		if (entry.approvalStatus === 'approved' && day !== undefined && day > maxPerDay) {
			fired = check(fired, policy, 'longDay', () => `person ${entry.resourceId} booked ${hundredthsText(day)} h on ${entry.date} (limit ${policy.maxHoursPerDay} h a day)`);
		}
		const result = resultOf(fired, 'timeEntry', id, position);
		return { hold: result.hold, flags: result.flags, hundredths: hundredths[position], rate: priced, currency };
	});
}

/** The checks on expenses, one result per expense in input order. */
export function checkExpenses(expenses: Expense[], context: CheckContext): RecordCheck[] {
	const { policy } = context;
	const seenIds = new Set<string>();
	const firstOfCost = new Map<string, string>();
	return expenses.map((expense, position) => {
		const id = expense.id ?? '';
		const what = `expense ${id}`;
		let fired: Fired | undefined;
		const copy = seenIds.has(id);
		if (copy) fired = always(fired, 'duplicateId', `${what} is in the input more than once; it is billed once`);
		fired = projectChecks(fired, policy, what, expense.date, context.projects.get(expense.projectId), expense.projectId);
		if (expense.approvalStatus !== 'approved') fired = check(fired, policy, 'notApproved', () => `${what} is ${expense.approvalStatus}, not approved`);
		const cost = [expense.resourceId, expense.projectId, expense.category, expense.date, expense.amount.amountMinor, expense.amount.currency, expense.notes ?? ''].join('|');
		const first = firstOfCost.get(cost);
		if (first !== undefined && !copy) fired = check(fired, policy, 'duplicate', () => `${what} repeats expense ${first} (same person, project, category, day, amount and notes)`);
		else if (first === undefined) firstOfCost.set(cost, id);
		seenIds.add(id);
		return resultOf(fired, 'expense', id, position);
	});
}

/**
 * Time not approved holds its whole project when the policy says so: marking the period invoiced
 * in the PSA would lock the waiting time too. Mutates the checks: every other record of such a
 * project is held under `notApproved`.
 */
export function holdProjectsWithUnapprovedRecords(time: TimeEntryCheck[], timeEntries: TimeEntry[], costs: RecordCheck[], expenses: Expense[], policy: BillingPolicy): void {
	if (policy.unapprovedHolds !== 'project' || policy.checks.notApproved !== 'hold') return;
	const waiting = new Map<string, number>();
	const count = (checks: RecordCheck[], projectOf: (position: number) => string) =>
		checks.forEach((check, position) => {
			if (check.hold?.rule === 'notApproved') waiting.set(projectOf(position), (waiting.get(projectOf(position)) ?? 0) + 1);
		});
	count(time, (position) => timeEntries[position].projectId);
	count(costs, (position) => expenses[position].projectId);
	const holdRest = (checks: RecordCheck[], projectOf: (position: number) => string, recordType: RecordType) =>
		checks.forEach((check, position) => {
			const unapproved = waiting.get(projectOf(position));
			if (check.hold || unapproved === undefined) return;
			const recordId = check.flags[0]?.recordId ?? (recordType === 'timeEntry' ? timeEntries[position].id : expenses[position].id) ?? '';
			check.hold = {
				rule: 'notApproved',
				reason: `${NAMES[recordType]} ${recordId} waits with its project: ${unapproved} time or expense ${unapproved === 1 ? 'entry is' : 'entries are'} not approved yet`,
				recordType,
				recordId,
				position,
			};
			check.flags = [];
		});
	holdRest(time, (position) => timeEntries[position].projectId, 'timeEntry');
	holdRest(costs, (position) => expenses[position].projectId, 'expense');
}
