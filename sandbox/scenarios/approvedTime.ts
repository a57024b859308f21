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
 * Entries are booked through Harvest's API; approval happens in Harvest's UI (the API has none),
 * through the fake's `approve` admin action.
 */

export type TimeCase = 'clean' | 'longDay' | 'unapproved';

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

const BOOKINGS: Record<TimeCase, Booking[]> = {
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
	for (const kind of Object.keys(BOOKINGS) as TimeCase[]) {
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
