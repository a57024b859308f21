import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Client, Expense, Milestone, Project, Resource, Task, TimeEntry } from '../../../shared/canonical';
import { type RecordSchema, asOfParameter, listProperty, numberParameter, parameter, recordList, recordsFromItems, ruleParameter, textParameter } from '../../parameters';
import { billingPeriod, type BillingPeriod } from '../../rules/billing/period';
import { BillingTerms, termsList, withProjectIds } from '../../rules/billing/terms';
import { RateCardRate as RateCardRateSchema } from './rateCard';
import { CHECK_RULES, DEFAULT_BILLING_POLICY, type BillingInput, type BillingPolicy, type CheckAction, type CheckRule } from '../../rules/billing/types';
import type { ItemFailure, RulesRun } from '../../types';

export const periodProperties: INodeProperties[] = [
	{ displayName: 'Billing Month', name: 'billingMonth', type: 'string', default: '', placeholder: 'e.g. 2026-03', description: 'The month billed (YYYY-MM); empty bills last month (UTC)' },
	{ displayName: 'Payment Terms (Days)', name: 'paymentTermsDays', type: 'number', typeOptions: { minValue: 0 }, default: 30, description: 'Due date = issue date + this many days' },
	{ displayName: 'Issue Date', name: 'issueDate', type: 'string', default: '', placeholder: 'e.g. 2026-04-01', description: 'The invoices\' date (YYYY-MM-DD); empty for today (UTC)' },
];

export function readPeriod(run: RulesRun, itemIndex: number): BillingPeriod {
	const paymentTermsDays = numberParameter(run, 'paymentTermsDays', 'Payment Terms (Days)', itemIndex, 30, { min: 0, integer: true });
	const issueDate = textParameter(run, 'issueDate', itemIndex).trim() === '' ? run.today : asOfParameter(run, itemIndex, 'issueDate');
	return ruleParameter(run, itemIndex, 'Billing Month', () => billingPeriod({ billingMonth: textParameter(run, 'billingMonth', itemIndex), today: run.today, paymentTermsDays, issueDate }));
}

const ACTION_OPTIONS = [
	{ name: 'Hold', value: 'hold', description: 'Keep the record off the invoice, with the rule and the reason' },
	{ name: 'Flag for Review', value: 'flag', description: 'Bill it, and list the reason on the draft for a person to approve' },
	{ name: 'Ignore', value: 'ignore' },
];

const CHECK_LABELS: Record<CheckRule, { displayName: string; description: string }> = {
	duplicate: { displayName: 'Duplicate Entry', description: 'An entry repeating another: same person, project, task, day, hours and notes (a record given twice is always billed once)' },
	notApproved: { displayName: 'Not Approved', description: 'Time or an expense not approved yet' },
	closedProject: { displayName: 'Closed Project', description: 'Time or an expense on a project that is not active' },
	outsideProjectDates: { displayName: 'Outside Project Dates', description: 'Dated before the project\'s start or after its end' },
	missingRate: { displayName: 'Missing or Zero Rate', description: 'Time and materials without a bill rate (billed at 0 when flagged)' },
	rateDiffersFromRateCard: { displayName: 'Rate Differs From Rate Card', description: 'The entry\'s rate is not the rate card\'s' },
	longDay: { displayName: 'Long Day', description: 'More than the hours-per-day limit by one person on one day, across projects' },
	overBudget: { displayName: 'Over Budget', description: 'Billed before plus this invoice exceeds the project\'s budget (amount, else hours)' },
};

export const checkProperties: INodeProperties[] = [
	{ displayName: 'Max Hours per Day', name: 'maxHoursPerDay', type: 'number', typeOptions: { minValue: 0 }, default: 10, description: 'More hours than this by one person on one day (across projects) fires the Long Day check' },
	{
		displayName: 'Unapproved Time Holds',
		name: 'unapprovedHolds',
		type: 'options',
		options: [
			{ name: 'The Whole Project', value: 'project', description: 'Marking the period invoiced would lock the waiting time too' },
			{ name: 'Only the Entry', value: 'record' },
		],
		default: 'project',
		description: 'When the Not Approved check holds: what it holds',
	},
	{
		displayName: 'Checks',
		name: 'checks',
		type: 'collection',
		placeholder: 'Change a Check',
		default: {},
		description: 'What each check before invoicing does when it fires; checks not listed keep their default',
		options: CHECK_RULES.map((rule) => ({ ...CHECK_LABELS[rule], name: rule, type: 'options' as const, options: ACTION_OPTIONS, default: DEFAULT_BILLING_POLICY.checks[rule] })).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const billingOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'billingOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{ displayName: 'Expense Lines', name: 'expenseLinesPer', type: 'options', options: [{ name: 'One per Category', value: 'category' }, { name: 'One per Expense', value: 'expense' }], default: 'category' },
		{ displayName: 'Expense Markup (%)', name: 'expenseMarkupPercent', type: 'number', default: 0, description: 'Expenses billed at cost (0) or marked up by this percentage; a project\'s billing terms may say otherwise' },
		{ displayName: 'Invoice Per', name: 'invoicePer', type: 'options', options: [{ name: 'Project and Currency', value: 'project', description: 'Reference: the project code (or P and the project ID), a dash, the month' }, { name: 'Client and Currency', value: 'client', description: 'Reference: C and the client ID, a dash, the month' }], default: 'project' },
		{ displayName: 'Rate From', name: 'rateSource', type: 'options', options: [{ name: 'Time Entry (Rate Card if None)', value: 'entry' }, { name: 'Rate Card, Task, Person or Project (Entry if None)', value: 'rateCard' }], default: 'entry' },
		{ displayName: 'Time Lines', name: 'linesPer', type: 'options', options: [{ name: 'One per Task and Rate', value: 'task' }, { name: 'One per Person and Rate', value: 'person' }, { name: 'One per Task, Person and Rate', value: 'taskAndPerson' }], default: 'task' },
	],
};

export const billingInputProperties: INodeProperties[] = [
	listProperty('Projects', 'projects', 'Canonical projects of the time and expenses', "e.g. {{ $('Projects in PSA').all() }}"),
	listProperty('Clients', 'clients', 'Canonical clients of those projects (names and currencies)', "e.g. {{ $('Clients in PSA').all() }}"),
	listProperty('Expenses', 'expenses', 'Canonical expenses of the period (expenses may also come among the input items)', "e.g. {{ $('Unbilled Expenses in Period').all() }}"),
	{
		displayName: 'More Inputs',
		name: 'moreInputs',
		type: 'collection',
		placeholder: 'Add Input',
		default: {},
		options: [
			{ ...listProperty('Billed Time to Date', 'billedTime', 'Time already invoiced on these projects, for the budget and not-to-exceed checks'), placeholder: "e.g. {{ $('Billed Time to Date').all() }}" },
			listProperty('Billing Terms', 'billingTerms', 'Per project: { projectId or projectCode, billingModel, feeBasis (milestone | percentComplete), fixedFee, percentComplete, feeBilledToDate, milestones: [{ name, amount, status }], notToExceed, billedToDate, retainer: { fee, hoursPerPeriod, balanceHours, overageRate }, expenseMarkupPercent }, or one object keyed by project code; money as { "amount": "1000.00", "currency": "USD" }'),
			listProperty('Milestones', 'milestones', 'Canonical milestones: fixed-fee and milestone projects bill those with status "reached"'),
			listProperty('Rate Card', 'rateCard', 'Rates: { projectId or projectCode?, taskId?, resourceId?, role?, hourlyRate }; the most specific rate applies'),
			listProperty('Resources', 'resources', 'Canonical resources: names for per-person lines, roles for the rate card'),
			listProperty('Tasks', 'tasks', 'Canonical tasks: names for the lines', "e.g. {{ $('Tasks in PSA').all() }}"),
		],
	},
];

/** The billing policy from the node's parameters (defaults: today's Invoicing Policy). */
export function readPolicy(run: RulesRun, itemIndex: number): BillingPolicy {
	const checks = parameter<IDataObject>(run, 'checks', itemIndex, {});
	const options = parameter<IDataObject>(run, 'billingOptions', itemIndex, {});
	const actions = { ...DEFAULT_BILLING_POLICY.checks };
	for (const rule of CHECK_RULES) if (typeof checks[rule] === 'string') actions[rule] = checks[rule] as CheckAction;
	const markup = options.expenseMarkupPercent === undefined ? 0 : Number(options.expenseMarkupPercent);
	if (!Number.isFinite(markup) || markup < -100) throw new NodeOperationError(run.ctx.getNode(), `Expense Markup (%) must be a number of -100 or more, not ${JSON.stringify(options.expenseMarkupPercent)}`, { itemIndex });
	return {
		checks: actions,
		maxHoursPerDay: numberParameter(run, 'maxHoursPerDay', 'Max Hours per Day', itemIndex, 10, { min: 0, max: 24 }),
		unapprovedHolds: parameter<string>(run, 'unapprovedHolds', itemIndex, 'project') === 'record' ? 'record' : 'project',
		invoicePer: options.invoicePer === 'client' ? 'client' : 'project',
		linesPer: options.linesPer === 'person' || options.linesPer === 'taskAndPerson' ? options.linesPer : 'task',
		rateSource: options.rateSource === 'rateCard' ? 'rateCard' : 'entry',
		expenseMarkupPercent: markup,
		expenseLinesPer: options.expenseLinesPer === 'expense' ? 'expense' : 'category',
	};
}

/** An item is an expense when it has an amount and no hours. */
export const isExpenseRecord = (json: IDataObject): boolean => json.hours === undefined && json.amount !== undefined && typeof json.amount === 'object';

const needsId = <T extends { id?: string }>(run: RulesRun, label: string) => (entry: { itemIndex: number; record: T }): ItemFailure | undefined =>
	entry.record.id ? undefined : { itemIndex: entry.itemIndex, error: new NodeOperationError(run.ctx.getNode(), `${label} in item ${entry.itemIndex}: id is required (the invoice line names what it bills by id)`, { itemIndex: entry.itemIndex }) };

/** The records of one invoice run: time entries (and expenses) from the input items or a parameter, the rest from parameters. */
export function readBillingInput(run: RulesRun, itemIndex: number, fromItems: boolean): { input: BillingInput; timeItems: number[]; expenseItems: number[]; failures: ItemFailure[] } {
	const more = parameter<IDataObject>(run, 'moreInputs', itemIndex, {});
	const list = <T>(name: string, label: string, schema: RecordSchema<T>, what: string, nested = false, reshape?: (value: unknown) => unknown): T[] =>
		nested && more[name] === undefined ? [] : recordList<T>(run, nested ? `moreInputs.${name}` : name, label, itemIndex, schema, what, reshape);
	const expensesParameter = list<Expense>('expenses', 'Expenses', Expense, 'expense');
	let timeEntries: TimeEntry[] = [];
	const itemExpenses: Expense[] = [];
	const timeItems: number[] = [];
	const expenseItems: number[] = [];
	const failures: ItemFailure[] = [];
	if (fromItems) {
		const time = recordsFromItems(run, TimeEntry, 'Time entry', (json) => !isExpenseRecord(json));
		const costs = recordsFromItems(run, Expense, 'Expense', isExpenseRecord);
		const missingIds = [...time.records.map(needsId(run, 'Time entry')), ...costs.records.map(needsId(run, 'Expense'))].filter((failure): failure is ItemFailure => !!failure);
		const missing = new Set(missingIds.map((failure) => failure.itemIndex));
		failures.push(...time.failures, ...costs.failures, ...missingIds);
		for (const { itemIndex: index, record } of time.records) {
			if (missing.has(index)) continue;
			timeEntries.push(record);
			timeItems.push(index);
		}
		for (const { itemIndex: index, record } of costs.records) {
			if (missing.has(index)) continue;
			itemExpenses.push(record);
			expenseItems.push(index);
		}
	} else {
		timeEntries = list<TimeEntry>('timeEntries', 'Time Entries', TimeEntry, 'time entry');
		timeEntries.forEach((entry, position) => {
			if (!entry.id) throw new NodeOperationError(run.ctx.getNode(), `Time Entries: time entry ${position + 1}: id is required (the invoice line names what it bills by id)`, { itemIndex });
		});
	}
	const withoutId = expensesParameter.findIndex((expense) => !expense.id);
	if (withoutId !== -1) throw new NodeOperationError(run.ctx.getNode(), `Expenses: expense ${withoutId + 1}: id is required (the invoice line names what it bills by id)`, { itemIndex });
	const projects = list<Project>('projects', 'Projects', Project, 'project');
	// Terms and rates may name a project by its code: found here, so an unknown code names the parameter.
	const byCode = <T extends { projectId?: string; projectCode?: string }>(records: T[], label: string, what: string): T[] => ruleParameter(run, itemIndex, label, () => withProjectIds(records, projects, what));
	const input: BillingInput = {
		period: readPeriod(run, itemIndex),
		timeEntries,
		expenses: [...itemExpenses, ...expensesParameter],
		projects,
		clients: list<Client>('clients', 'Clients', Client, 'client'),
		tasks: list<Task>('tasks', 'Tasks', Task, 'task', true),
		resources: list<Resource>('resources', 'Resources', Resource, 'resource', true),
		billedTime: list<TimeEntry>('billedTime', 'Billed Time to Date', TimeEntry, 'time entry', true),
		milestones: list<Milestone>('milestones', 'Milestones', Milestone, 'milestone', true),
		rateCard: byCode(list('rateCard', 'Rate Card', RateCardRateSchema, 'rate', true), 'Rate Card', 'the rate'),
		terms: byCode(list<BillingTerms>('billingTerms', 'Billing Terms', BillingTerms, 'project\'s terms', true, termsList), 'Billing Terms', 'the terms'),
	};
	return { input, timeItems, expenseItems, failures };
}
