import type { Sandbox } from '../server';
import type { HarvestFake } from '../vendors/harvest';
import type { HarvestTables } from '../vendors/harvest/store';
import { stageApprovedTimeAtScale, type TimeAtScale } from './approvedTimeAtScale';
import { approveInHarvest, harvestApi } from './vendorCalls';

/**
 * Last month's time and expenses on three Harvest projects, for the time-to-invoice template:
 * - `clean`: approved time of two people on two tasks and an approved expense: invoiced directly.
 * - `longDay`: approved time with one person booking more than 10 hours on one day: an exception
 *   that waits for the Approval Gate.
 * - `unapproved`: one entry still waiting for timesheet approval: the project is held.
 * stageEveryBillingModel adds a project for each other billing model and one where every check
 * flags (see BILLING_CASES). Entries are booked through Harvest's API; approval happens in
 * Harvest's UI (the API has none), through the fake's `approve` admin action.
 */

/** The cases stageEveryBillingModel adds, each on a project of its own. */
export type BillingCase = 'fixedFee' | 'milestone' | 'coveredByFixedFee' | 'retainer' | 'notToExceed' | 'checks';
export type TimeCase = 'clean' | 'longDay' | 'unapproved' | BillingCase;

export interface StagedProject {
	case: TimeCase;
	projectId: string;
	projectName: string;
	projectCode: string;
	clientId: string;
	clientName: string;
	currency: string;
	timeEntryIds: string[];
	expenseIds: string[];
}

export interface StagedTime {
	/** The billing month (last month, UTC): YYYY-MM, and its first and last day. */
	periodKey: string;
	periodStart: string;
	periodEnd: string;
	projects: StagedProject[];
	/** The Invoicing Policy's `billingTerms` (per project code) the staged projects are billed under, when they need any. */
	billingTerms?: Record<string, Record<string, unknown>>;
	/** The Invoicing Policy's `rateCard`, when the staged projects need one. */
	rateCard?: Array<Record<string, unknown>>;
}

export function lastMonth(now = new Date()): { periodKey: string; periodStart: string; periodEnd: string } {
	const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
	const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
	const day = (date: Date) => date.toISOString().slice(0, 10);
	return { periodKey: day(start).slice(0, 7), periodStart: day(start), periodEnd: day(end) };
}

interface Booking {
	day: number;
	hours: number;
	person: number;
	task: number;
	approved: boolean;
}

const BOOKINGS: Record<Exclude<TimeCase, BillingCase>, Booking[]> = {
	clean: [
		{ day: 3, hours: 7.5, person: 0, task: 0, approved: true },
		{ day: 4, hours: 6.25, person: 1, task: 0, approved: true },
		{ day: 10, hours: 4, person: 0, task: 1, approved: true },
	],
	longDay: [
		{ day: 5, hours: 6.5, person: 0, task: 0, approved: true },
		{ day: 5, hours: 4.75, person: 0, task: 1, approved: true },
		{ day: 12, hours: 3.33, person: 1, task: 0, approved: true },
	],
	unapproved: [
		{ day: 6, hours: 5, person: 0, task: 0, approved: true },
		{ day: 20, hours: 2.5, person: 0, task: 1, approved: false },
	],
};

/**
 * Books and approves last month's time on three active projects of three different clients; with
 * `atScale`, `entries` entries over `projects` projects in the same mix of cases (benchmarks).
 */
export async function stageApprovedTime(sandbox: Sandbox, atScale?: TimeAtScale): Promise<StagedTime> {
	const period = lastMonth();
	if (atScale) return stageApprovedTimeAtScale(sandbox, period, atScale);
	const harvest = harvestApi(sandbox);
	const fake = sandbox.vendors.get('harvest') as HarvestFake;
	const tables: HarvestTables = fake.store.tables;
	const usedClients = new Set<number>();
	const candidates = [...tables.projects.values()].filter((project) => project.is_active && project.is_billable && !project.is_fixed_fee && project.hourly_rate);
	const staged: StagedProject[] = [];
	for (const kind of Object.keys(BOOKINGS) as Array<keyof typeof BOOKINGS>) {
		const project = candidates.find((candidate) => !usedClients.has(candidate.client_id));
		if (!project) throw new Error('the sandbox has too few active billable projects');
		usedClients.add(project.client_id);
		const people = [...tables.userAssignments.values()].filter((a) => a.project_id === project.id && a.is_active).map((a) => a.user_id);
		const tasks = [...tables.taskAssignments.values()].filter((a) => a.project_id === project.id && a.is_active && a.billable).map((a) => a.task_id);
		while (people.length < 2) {
			const extra = [...tables.users.values()].find((user) => user.is_active && !people.includes(user.id))!;
			await harvest('POST', `/projects/${project.id}/user_assignments`, { user_id: extra.id });
			people.push(extra.id);
		}
		const client = tables.clients.get(project.client_id)!;
		const item: StagedProject = {
			case: kind, projectId: String(project.id), projectName: project.name, projectCode: project.code ?? '', clientId: String(client.id),
			clientName: client.name, currency: client.currency, timeEntryIds: [], expenseIds: [],
		};
		for (const booking of BOOKINGS[kind]) {
			const spentDate = `${period.periodKey}-${String(booking.day).padStart(2, '0')}`;
			const entry = await harvest<{ id: number }>('POST', '/time_entries', { project_id: project.id, task_id: tasks[booking.task], user_id: people[booking.person], spent_date: spentDate, hours: booking.hours, notes: `Scenario ${kind}` });
			if (booking.approved) await approveInHarvest(sandbox, { timeEntryIds: [entry.id] });
			item.timeEntryIds.push(String(entry.id));
		}
		if (kind === 'clean') {
			const category = [...tables.expenseCategories.values()][0];
			const expense = await harvest<{ id: number }>('POST', '/expenses', { project_id: project.id, user_id: people[0], expense_category_id: category.id, spent_date: `${period.periodKey}-08`, total_cost: 123.45, billable: true, notes: 'Train to the client workshop' });
			await approveInHarvest(sandbox, { expenseIds: [expense.id] });
			item.expenseIds.push(String(expense.id));
		}
		staged.push(item);
	}
	return { ...period, projects: staged };
}

/** A booking of stageEveryBillingModel: person 0 or 1, a billable task of the project by position, or its task without a rate. */
interface CaseBooking {
	day: number;
	hours: number;
	person: 0 | 1;
	task: number | 'unrated';
	notes?: string;
}

interface BillingCaseSpec {
	case: BillingCase;
	code: string;
	name: string;
	/** The project's Harvest settings (POST /v2/projects). */
	settings: Record<string, unknown>;
	bookings: CaseBooking[];
	expense?: { day: number; totalCost: number };
	/** Its terms in the Invoicing Policy, in its client's currency. */
	terms?: (currency: string) => Record<string, unknown>;
}

const money = (amount: string, currency: string) => ({ amount, currency });

/**
 * Each billing model and each check on a project of its own; the days and people are chosen so no
 * person books more than 10 hours on a day across them (only `longDay` above does).
 */
const BILLING_CASES: BillingCaseSpec[] = [
	{
		case: 'fixedFee',
		code: 'SCN-FF',
		name: 'fixed fee by percent complete',
		settings: { is_billable: true, is_fixed_fee: true, fee: 20000, bill_by: 'none', budget_by: 'none' },
		bookings: [{ day: 2, hours: 4, person: 0, task: 0 }, { day: 9, hours: 5, person: 1, task: 1 }, { day: 16, hours: 2.5, person: 0, task: 0 }],
		expense: { day: 12, totalCost: 200 },
		// 40% of 20,000.00 earned, 5,000.00 billed before: 3,000.00 due; expenses marked up 10%.
		terms: (currency) => ({ feeBasis: 'percentComplete', percentComplete: 40, feeBilledToDate: money('5000.00', currency), expenseMarkupPercent: 10 }),
	},
	{
		case: 'milestone',
		code: 'SCN-MS',
		name: 'milestones',
		settings: { is_billable: true, is_fixed_fee: true, fee: 9000, bill_by: 'none', budget_by: 'none', notes: '[p2c] model=milestone' },
		bookings: [{ day: 3, hours: 6, person: 0, task: 0 }, { day: 13, hours: 3.75, person: 1, task: 2 }],
		terms: (currency) => ({ milestones: [{ name: 'Kick-off', amount: money('2700.00', currency), status: 'reached' }, { name: 'Design sign-off', amount: money('2700.00', currency), status: 'planned' }] }),
	},
	{
		// A fixed fee with no milestone reached and no terms: its time is what the fee covers, held.
		case: 'coveredByFixedFee',
		code: 'SCN-FFC',
		name: 'fixed fee, nothing due',
		settings: { is_billable: true, is_fixed_fee: true, fee: 12000, bill_by: 'none', budget_by: 'none' },
		bookings: [{ day: 4, hours: 3, person: 0, task: 0 }, { day: 14, hours: 2, person: 1, task: 1 }],
	},
	{
		// 10 prepaid block hours: 13 booked, the entry that crosses the balance draws 1 h and bills 3 h at the overage rate.
		case: 'retainer',
		code: 'SCN-RT',
		name: 'block hours',
		settings: { is_billable: true, is_fixed_fee: false, budget_is_monthly: true, bill_by: 'Project', hourly_rate: 150, budget_by: 'none' },
		bookings: [{ day: 5, hours: 6, person: 0, task: 0 }, { day: 11, hours: 3, person: 1, task: 1 }, { day: 17, hours: 4, person: 0, task: 0 }],
		terms: (currency) => ({ retainer: { balanceHours: 10, overageRate: money('180.00', currency) } }),
	},
	{
		// A 1,000.00 cap at 200.00 an hour: 3 h fit, the 2.5 h after them would pass it, and what follows waits too.
		case: 'notToExceed',
		code: 'SCN-NTE',
		name: 'not to exceed',
		settings: { is_billable: true, is_fixed_fee: false, bill_by: 'Project', hourly_rate: 200, budget_by: 'none' },
		bookings: [{ day: 6, hours: 3, person: 0, task: 0 }, { day: 18, hours: 2.5, person: 1, task: 1 }, { day: 23, hours: 1, person: 0, task: 0 }],
		terms: (currency) => ({ notToExceed: money('1000.00', currency) }),
	},
	{
		// Every check that flags, on one draft: time before the project's start, a duplicate, a task without a rate,
		// a rate other than the rate card's (set per task below), over a 500.00 budget, and the project archived since.
		case: 'checks',
		code: 'SCN-CHK',
		name: 'checks before invoicing',
		settings: { is_billable: true, is_fixed_fee: false, bill_by: 'Tasks', budget_by: 'project_cost', cost_budget: 500, startDay: 8 },
		bookings: [
			{ day: 7, hours: 3, person: 0, task: 0, notes: 'Preparation before the start' },
			{ day: 10, hours: 2, person: 0, task: 0, notes: 'Workshop' },
			{ day: 10, hours: 2, person: 0, task: 0, notes: 'Workshop' },
			{ day: 19, hours: 1.5, person: 1, task: 'unrated', notes: 'Scenario checks' },
		],
	},
];

/**
 * Last month's time as stageApprovedTime books it, and on new projects of clients not used there,
 * every billing model and every check before invoicing: a fixed fee by percent complete (with an
 * expense marked up), milestones, a fixed fee with nothing due, block hours with overage, a
 * not-to-exceed cap, and a project where every check flags. Returns the Invoicing Policy's
 * `billingTerms` and `rateCard` those projects are billed under.
 */
export async function stageEveryBillingModel(sandbox: Sandbox): Promise<StagedTime> {
	const base = await stageApprovedTime(sandbox);
	const harvest = harvestApi(sandbox);
	const tables: HarvestTables = (sandbox.vendors.get('harvest') as HarvestFake).store.tables;
	const usedClients = new Set(base.projects.map((project) => Number(project.clientId)));
	const usedPeople = new Set(base.projects.flatMap((project) => project.timeEntryIds).map((id) => tables.timeEntries.get(Number(id))!.user_id));
	const clients = [...new Set([...tables.projects.values()].filter((project) => project.is_active && project.is_billable && project.hourly_rate).map((project) => project.client_id))].filter((id) => !usedClients.has(id));
	const people = [...tables.users.values()].filter((user) => user.is_active && !usedPeople.has(user.id)).slice(0, 2).map((user) => user.id);
	if (clients.length < BILLING_CASES.length || people.length < 2) throw new Error('the sandbox has too few clients or people for every billing model');
	const unrated = await harvest<{ id: number }>('POST', '/tasks', { name: 'Scenario workshop (no rate)', billable_by_default: true, is_default: false });
	const category = [...tables.expenseCategories.values()][0];
	const billingTerms: Record<string, Record<string, unknown>> = {};
	const rateCard: Array<Record<string, unknown>> = [];
	const staged: StagedProject[] = [];
	for (const [index, spec] of BILLING_CASES.entries()) {
		const client = tables.clients.get(clients[index])!;
		const { startDay, ...settings } = spec.settings;
		const project = await harvest<{ id: number }>('POST', '/projects', {
			client_id: client.id,
			name: `${client.name}: ${spec.name}`,
			code: spec.code,
			...settings,
			...(startDay ? { starts_on: `${base.periodKey}-${String(startDay).padStart(2, '0')}` } : {}),
		});
		for (const user of people) await harvest('POST', `/projects/${project.id}/user_assignments`, { user_id: user });
		// New projects get the account's default tasks (Harvest): the billable ones, in order.
		const tasks = [...tables.taskAssignments.values()].filter((assignment) => assignment.project_id === project.id && assignment.is_active && assignment.billable).map((assignment) => assignment.task_id);
		if (spec.bookings.some((booking) => booking.task === 'unrated')) await harvest('POST', `/projects/${project.id}/task_assignments`, { task_id: unrated.id, billable: true });
		const item: StagedProject = {
			case: spec.case, projectId: String(project.id), projectName: `${client.name}: ${spec.name}`, projectCode: spec.code, clientId: String(client.id),
			clientName: client.name, currency: client.currency, timeEntryIds: [], expenseIds: [],
		};
		for (const booking of spec.bookings) {
			const entry = await harvest<{ id: number }>('POST', '/time_entries', {
				project_id: project.id, task_id: booking.task === 'unrated' ? unrated.id : tasks[booking.task], user_id: people[booking.person],
				spent_date: `${base.periodKey}-${String(booking.day).padStart(2, '0')}`, hours: booking.hours, notes: booking.notes ?? `Scenario ${spec.case}`,
			});
			await approveInHarvest(sandbox, { timeEntryIds: [entry.id] });
			item.timeEntryIds.push(String(entry.id));
		}
		if (spec.expense) {
			const expense = await harvest<{ id: number }>('POST', '/expenses', { project_id: project.id, user_id: people[0], expense_category_id: category.id, spent_date: `${base.periodKey}-${String(spec.expense.day).padStart(2, '0')}`, total_cost: spec.expense.totalCost, billable: true, notes: `Scenario ${spec.case}` });
			await approveInHarvest(sandbox, { expenseIds: [expense.id] });
			item.expenseIds.push(String(expense.id));
		}
		if (spec.terms) billingTerms[spec.code] = spec.terms(client.currency);
		if (spec.case === 'checks') {
			rateCard.push({ projectCode: spec.code, taskId: String(tasks[0]), hourlyRate: money('160.00', client.currency) });
			// Archived once its time is in: time on a project that is no longer active.
			await harvest('PATCH', `/projects/${project.id}`, { is_active: false });
		}
		staged.push(item);
	}
	return { ...base, projects: [...base.projects, ...staged], billingTerms, rateCard };
}
