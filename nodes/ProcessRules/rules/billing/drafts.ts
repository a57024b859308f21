import type { Client, Milestone, Money, Project } from '../../../shared/canonical';
import { sumMoney, toDecimalString } from '../../../shared/canonical';
import { billingModelOf, checkExpenses, checkTimeEntries, holdProjectsWithUnapprovedRecords, type CheckContext } from './checks';
import { draftFlags, groupBy, holdGroups } from './findings';
import { expenseLines, type BillableExpense, type BillableTime, type LineNames, type PricedLine } from './lines';
import { billedBeforeByCurrency, fixedFee, retainer, timeAndMaterials, type ModelBill, type ProjectToBill } from './models';
import { hoursToHundredths, hundredthsText, projectCurrency } from './price';
import { withProjectIds, type BillingTerms, type ProjectTerms } from './terms';
import { DEFAULT_BILLING_POLICY, type BillingInput, type BillingPolicy, type BillingResult, type DraftFlag, type Finding, type InvoiceDraft } from './types';

/** What one project bills this period, before its lines are put on invoices by client and currency. */
interface ProjectBill extends ModelBill {
	project: Project;
	flags: DraftFlag[];
}

const byId = <T extends { id?: string }>(records: T[] = []): Map<string, T> => new Map(records.filter((record) => record.id).map((record) => [record.id as string, record]));

/** The projects that may bill without time this period: a milestone reached, a retainer fee, progress on a fee. */
function feeProjects(milestones: Milestone[], terms: ProjectTerms[]): string[] {
	return [
		...milestones.filter((milestone) => milestone.status === 'reached' && milestone.projectId).map((milestone) => milestone.projectId as string),
		...terms.filter((entry) => entry.retainer?.fee || entry.percentComplete !== undefined).map((entry) => entry.projectId),
	];
}

/** Over budget: what was billed before plus this period, against the budget amount (or, without one, the budget hours). */
function budgetFinding(project: Project, terms: BillingTerms | undefined, lines: PricedLine[], billedBefore: Map<string, number>, billedHours: number, hundredthsOf: (position: number) => number): string | undefined {
	const budget = project.budgetAmount;
	if (budget) {
		const now = lines.filter((priced) => priced.line.lineAmount.currency === budget.currency);
		if (now.length === 0) return undefined;
		const nowMinor = sumMoney(now.map((priced) => priced.line.lineAmount), budget.currency).amountMinor;
		const before = terms?.billedToDate?.currency === budget.currency ? terms.billedToDate.amountMinor : (billedBefore.get(budget.currency) ?? 0);
		if (before + nowMinor <= budget.amountMinor) return undefined;
		const text = (minor: number) => toDecimalString(minor, budget.currency);
		return `Over budget: ${text(before)} billed before + ${text(nowMinor)} now > budget ${text(budget.amountMinor)} ${budget.currency} on project "${project.name}"`;
	}
	if (project.budgetHours === undefined) return undefined;
	const now = lines.flatMap((priced) => priced.timePositions).reduce((sum, position) => sum + hundredthsOf(position), 0);
	if (billedHours + now <= hoursToHundredths(project.budgetHours)) return undefined;
	return `Over budget: ${hundredthsText(billedHours + now)} h billed with this invoice > budget ${project.budgetHours} h on project "${project.name}"`;
}

/**
 * Invoice drafts from the period's time entries and expenses, for every billing model, after the
 * checks before invoicing. Every input record ends up exactly once: on one invoice line (its id
 * in the line's sourceIds) or in one hold, with the rule and the reason.
 */
export function buildInvoiceDrafts(input: BillingInput, policy: BillingPolicy = DEFAULT_BILLING_POLICY): BillingResult {
	const projects = byId(input.projects);
	const clients = byId(input.clients);
	const tasks = byId(input.tasks);
	const resources = byId(input.resources);
	const termsList = withProjectIds(input.terms ?? [], input.projects, 'Billing terms') as ProjectTerms[];
	const terms = new Map(termsList.map((entry) => [entry.projectId, entry]));
	// Milestones kept with a project's terms belong to that project.
	const milestones = [...(input.milestones ?? []), ...termsList.flatMap((entry) => (entry.milestones ?? []).map((milestone) => ({ ...milestone, projectId: milestone.projectId ?? entry.projectId })))];
	const rateCard = withProjectIds(input.rateCard ?? [], input.projects, 'Rate card rate');
	const context: CheckContext = { projects, clients, terms, policy, rates: { rateCard, projects, tasks, resources } };
	const timeChecks = checkTimeEntries(input.timeEntries, context);
	const costChecks = checkExpenses(input.expenses, context);
	holdProjectsWithUnapprovedRecords(timeChecks, input.timeEntries, costChecks, input.expenses, policy);

	const holds: Finding[] = [];
	const time: BillableTime[] = [];
	const costs: BillableExpense[] = [];
	timeChecks.forEach((check, position) => (check.hold ? holds.push(check.hold) : time.push({ entry: input.timeEntries[position], check, position, hundredths: check.hundredths })));
	costChecks.forEach((check, position) => (check.hold ? holds.push(check.hold) : costs.push({ expense: input.expenses[position], check, position })));
	const timeByProject = groupBy(time, (item) => item.entry.projectId);
	const costsByProject = groupBy(costs, (item) => item.expense.projectId);
	const milestonesByProject = groupBy(milestones, (milestone) => milestone.projectId ?? '');
	const billedByProject = groupBy(input.billedTime ?? [], (entry) => entry.projectId);
	const hundredthsOf = (position: number) => timeChecks[position].hundredths;
	const names: LineNames = {
		periodLabel: input.period.periodLabel,
		taskName: (taskId) => (taskId ? tasks.get(taskId)?.name : undefined),
		personName: (resourceId) => (resourceId ? resources.get(resourceId)?.displayName : undefined),
	};

	const candidates = new Set([...timeByProject.keys(), ...costsByProject.keys(), ...feeProjects(milestones, termsList)]);
	const bills: ProjectBill[] = [];
	for (const projectId of [...candidates].sort()) {
		const project = projects.get(projectId);
		const projectTime = timeByProject.get(projectId) ?? [];
		const projectCosts = costsByProject.get(projectId) ?? [];
		// Fees fall due on active projects; records of other projects were checked (and held or flagged) above.
		if (!project || (projectTime.length === 0 && projectCosts.length === 0 && (project.status !== 'active' || !project.clientId))) continue;
		const projectTerms = terms.get(projectId);
		const billed = billedByProject.get(projectId) ?? [];
		const work: ProjectToBill = { project, terms: projectTerms, time: projectTime, milestones: milestonesByProject.get(projectId) ?? [], billedBefore: billedBeforeByCurrency(billed), policy, names };
		const model = billingModelOf(project, projectTerms);
		const bill = model === 'fixed_fee' || model === 'milestone' ? fixedFee(work) : model === 'retainer' ? retainer(work) : timeAndMaterials(work);
		const lines = [...bill.lines, ...expenseLines(projectCosts, policy, projectTerms?.expenseMarkupPercent ?? policy.expenseMarkupPercent, names, projectId)];
		holds.push(...bill.holds);
		const overBudget = policy.checks.overBudget === 'ignore' ? undefined : budgetFinding(project, projectTerms, lines, work.billedBefore, billed.reduce((sum, entry) => sum + hoursToHundredths(entry.hours), 0), hundredthsOf);
		if (overBudget && policy.checks.overBudget === 'hold') {
			for (const priced of lines) {
				for (const position of priced.timePositions) holds.push({ rule: 'overBudget', reason: overBudget, recordType: 'timeEntry', recordId: input.timeEntries[position].id ?? '', position });
				for (const position of priced.expensePositions) holds.push({ rule: 'overBudget', reason: overBudget, recordType: 'expense', recordId: input.expenses[position].id ?? '', position });
			}
			continue;
		}
		if (lines.length === 0) continue;
		const billedFindings = [...projectTime.flatMap((item) => item.check.flags), ...projectCosts.flatMap((item) => item.check.flags)];
		const notes = overBudget ? [...bill.notes, { rule: 'overBudget', reason: overBudget }] : bill.notes;
		bills.push({ ...bill, lines, project, flags: draftFlags(projectId, billedFindings, notes) });
	}

	const projectIdOf = (finding: Finding) => (finding.recordType === 'timeEntry' ? input.timeEntries[finding.position].projectId : input.expenses[finding.position].projectId);
	return {
		drafts: invoicesOf(bills, input, clients, policy, hundredthsOf),
		holds: holdGroups(holds, projectIdOf, { projects, clients, periodKey: input.period.periodKey, hundredthsOf }),
	};
}

/** Lines onto invoices: one per project (or client) and currency, never a sum across currencies. */
function invoicesOf(bills: ProjectBill[], input: BillingInput, clients: Map<string, Client>, policy: BillingPolicy, hundredthsOf: (position: number) => number): InvoiceDraft[] {
	const groups = new Map<string, { owner: string; currency: string; bills: ProjectBill[]; lines: PricedLine[] }>();
	for (const bill of bills) {
		const owner = policy.invoicePer === 'client' ? (bill.project.clientId ?? '') : (bill.project.id ?? '');
		for (const priced of bill.lines) {
			const currency = priced.line.lineAmount.currency;
			const key = `${owner}|${currency}`;
			const group = groups.get(key) ?? { owner, currency, bills: [], lines: [] };
			if (!group.bills.includes(bill)) group.bills.push(bill);
			group.lines.push(priced);
			groups.set(key, group);
		}
	}
	const currenciesOf = groupBy([...groups.values()], (group) => group.owner);
	const { period } = input;
	const drafts = [...groups.values()].map((group): InvoiceDraft => {
		const first = group.bills[0].project;
		const clientId = first.clientId ?? '';
		const client = clients.get(clientId);
		const perProject = policy.invoicePer === 'project';
		const base = perProject ? first.code?.trim() || `P${first.id}` : `C${clientId}`;
		const currencies = (currenciesOf.get(group.owner) ?? []).map((other) => other.currency).sort();
		const declared = perProject ? projectCurrency(first, client?.currency) : client?.currency;
		const primary = declared && currencies.includes(declared) ? declared : currencies[0];
		// Deterministic: the same project (or client), month and currency always give the same reference, the ERP's idempotency key.
		const reference = `${base}-${period.periodKey}${group.currency === primary ? '' : `-${group.currency}`}`;
		const subtotal: Money = sumMoney(group.lines.map((priced) => priced.line.lineAmount), group.currency);
		const timePositions = group.lines.flatMap((priced) => priced.timePositions);
		const expensePositions = group.lines.flatMap((priced) => priced.expensePositions);
		const dates = [...timePositions.map((position) => input.timeEntries[position].date), ...expensePositions.map((position) => input.expenses[position].date)].sort();
		const flags = group.bills.flatMap((bill) => bill.flags);
		const perProjectRecord = <T>(pick: (bill: ProjectBill) => T | undefined): Record<string, T> | undefined => {
			const entries = group.bills.flatMap((bill) => {
				const value = pick(bill);
				return value === undefined ? [] : [[bill.project.id ?? '', value] as [string, T]];
			});
			return entries.length ? Object.fromEntries(entries) : undefined;
		};
		const retainerDrawdown = perProjectRecord((bill) => bill.retainer);
		const cap = perProjectRecord((bill) => bill.notToExceed);
		return {
			held: false,
			reference,
			status: 'draft',
			clientId,
			...(perProject ? { projectId: first.id } : {}),
			currency: group.currency,
			issueDate: period.issueDate,
			dueDate: period.dueDate,
			lines: group.lines.map((priced) => priced.line),
			subtotal,
			total: subtotal,
			name: client?.name ?? '',
			clientName: client?.name ?? '',
			psaClientId: clientId,
			projectIds: group.bills.map((bill) => bill.project.id ?? ''),
			projectName: group.bills.map((bill) => bill.project.name).join(', '),
			projectCode: perProject ? (first.code ?? '') : '',
			periodKey: period.periodKey,
			periodStart: period.periodStart,
			periodEnd: period.periodEnd,
			subtotalMinor: subtotal.amountMinor,
			amountDecimal: toDecimalString(subtotal.amountMinor, group.currency),
			subtotalText: `${toDecimalString(subtotal.amountMinor, group.currency)} ${group.currency}`,
			hoursHundredths: timePositions.reduce((sum, position) => sum + hundredthsOf(position), 0),
			exceptions: flags.map((flag) => flag.reason),
			flags,
			timeEntryIds: timePositions.map((position) => input.timeEntries[position].id ?? ''),
			expenseIds: expensePositions.map((position) => input.expenses[position].id ?? ''),
			milestoneIds: group.bills.flatMap((bill) => bill.milestoneIds.filter((id) => group.lines.some((priced) => priced.line.sourceIds.includes(id)))),
			...(dates.length ? { firstWorkDate: dates[0], lastWorkDate: dates[dates.length - 1] } : {}),
			...(retainerDrawdown ? { retainer: retainerDrawdown } : {}),
			...(cap ? { notToExceed: cap } : {}),
			timeEntryPositions: timePositions,
			expensePositions,
		};
	});
	return drafts.sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
}

export { DEFAULT_BILLING_POLICY };
