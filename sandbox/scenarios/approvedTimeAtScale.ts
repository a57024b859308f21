import type { Sandbox } from '../server';
import type { HarvestFake } from '../vendors/harvest';
import { lockState, type HarvestProjectRecord, type HarvestTables } from '../vendors/harvest/store';
import type { StagedProject, StagedTime, TimeCase } from './approvedTime';

/**
 * Last month's time at a firm's scale, for benchmarks: `entries` time entries over `projects`
 * Harvest projects, with the realistic mix of the small scenario: most projects clean, about 2 in
 * 100 with a long day (the Approval Gate), 1 in 100 with time still unapproved (held), an approved
 * expense on 1 project in 5. Written straight into the fake's tables, as a month of timesheets
 * approved in Harvest's UI leaves them: at Harvest's 100 requests per 15 s, booking 10,000
 * entries through its API would take 25 minutes before the run even starts.
 */

export interface TimeAtScale {
	projects: number;
	entries: number;
}

/** Which case project number `index` stages: a fixed, even spread, so runs compare. */
export function caseAt(index: number): TimeCase {
	if (index % 100 === 37) return 'unapproved';
	if (index % 50 === 11) return 'longDay';
	return 'clean';
}

// A normal day stays at or under this across all of a person's projects (the policy flags over 10).
const NORMAL_DAY_HUNDREDTHS = 800;

function workingDays(periodKey: string, periodEnd: string): string[] {
	const days: string[] = [];
	const last = Number(periodEnd.slice(8, 10));
	for (let day = 1; day <= last; day++) {
		const date = `${periodKey}-${String(day).padStart(2, '0')}`;
		const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
		if (weekday !== 0 && weekday !== 6) days.push(date);
	}
	return days;
}

export function stageApprovedTimeAtScale(sandbox: Sandbox, period: Omit<StagedTime, 'projects'>, size: TimeAtScale): StagedTime {
	const fake = sandbox.vendors.get('harvest') as HarvestFake;
	const store = fake.store;
	const tables: HarvestTables = store.tables;
	const candidates = [...tables.projects.values()].filter((project) => project.is_active && project.is_billable && !project.is_fixed_fee && project.hourly_rate);
	if (candidates.length < size.projects) {
		throw new Error(`the sandbox has ${candidates.length} active hourly projects, ${size.projects} asked for: start it at a larger scale`);
	}
	const people = [...tables.users.values()].filter((user) => user.is_active).map((user) => user.id);
	const days = workingDays(period.periodKey, period.periodEnd);
	const category = [...tables.expenseCategories.values()][0];
	const stamp = `${period.periodEnd}T18:00:00Z`;
	// Hundredths of an hour booked per person and day, across every project.
	const booked = new Map<string, number>();
	const staged: StagedProject[] = [];

	candidates.slice(0, size.projects).forEach((project: HarvestProjectRecord, index) => {
		const kind = caseAt(index);
		// A project people book time on last month runs through it: the seed's dates (laid out before its fixed
		// anchor) would otherwise put every entry outside them, an exception a reviewer must approve.
		if (project.starts_on && project.starts_on > period.periodStart) project.starts_on = period.periodStart;
		if (project.ends_on && project.ends_on < period.periodEnd) project.ends_on = period.periodEnd;
		const client = tables.clients.get(project.client_id)!;
		const tasks = [...tables.taskAssignments.values()].filter((a) => a.project_id === project.id && a.is_active && a.billable).map((a) => a.task_id);
		const team = [0, 1, 2].map((offset) => people[(index * 3 + offset) % people.length]);
		for (const userId of team) store.assign(project.id, userId, false, project.created_at);
		const item: StagedProject = {
			case: kind, projectId: String(project.id), projectName: project.name, projectCode: project.code ?? '', clientId: String(client.id),
			clientName: client.name, currency: client.currency, timeEntryIds: [], expenseIds: [],
		};
		const count = Math.floor(size.entries / size.projects) + (index < size.entries % size.projects ? 1 : 0);
		for (let position = 0; position < count; position++) {
			const hundredths = 100 + ((index * 7 + position * 13) % 13) * 25; // 1.00 to 4.00 h in quarter hours
			let userId = team[position % team.length];
			let date = days[(index + position) % days.length];
			if (kind === 'longDay' && position < 2) {
				// Two entries of one person on one day that add up to more than 10 hours.
				userId = team[0];
				date = days[index % days.length];
			} else {
				// A normal entry goes where its person has room that day.
				for (let attempt = 0; attempt < days.length * team.length; attempt++) {
					const candidateUser = team[(position + Math.floor(attempt / days.length)) % team.length];
					const candidateDate = days[(index + position + attempt) % days.length];
					if ((booked.get(`${candidateUser}|${candidateDate}`) ?? 0) + hundredths <= NORMAL_DAY_HUNDREDTHS) {
						userId = candidateUser;
						date = candidateDate;
						break;
					}
				}
			}
			const hours = kind === 'longDay' && position < 2 ? 5.5 : hundredths / 100;
			booked.set(`${userId}|${date}`, (booked.get(`${userId}|${date}`) ?? 0) + Math.round(hours * 100));
			const approved = !(kind === 'unapproved' && position === count - 1);
			const id = store.newId('timeEntries');
			tables.timeEntries.set(id, {
				id, spent_date: date, user_id: userId, project_id: project.id, task_id: tasks[position % tasks.length], hours, notes: `Scenario ${kind} at scale`,
				...lockState(approved, false), is_closed: approved, is_billed: false, invoice: null, is_running: false, timer_started_at: null, billable: true,
				budgeted: true, billable_rate: project.hourly_rate, cost_rate: tables.users.get(userId)?.cost_rate ?? null, created_at: stamp, updated_at: stamp,
			});
			item.timeEntryIds.push(String(id));
		}
		if (kind === 'clean' && index % 5 === 0 && category) {
			const id = store.newId('expenses');
			tables.expenses.set(id, {
				id, project_id: project.id, user_id: team[0], expense_category_id: category.id, spent_date: days[index % days.length], total_cost: 40 + (index % 90) + 0.45,
				units: 1, notes: 'Travel to the client', billable: true, is_closed: true, is_billed: false, ...lockState(true, false), invoice: null, created_at: stamp, updated_at: stamp,
			});
			item.expenseIds.push(String(id));
		}
		staged.push(item);
	});
	return { ...period, projects: staged };
}
