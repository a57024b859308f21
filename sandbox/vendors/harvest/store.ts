import type { FirmData, SeedProject } from '../../seed/firm';

/**
 * Harvest API v2 records as the fake keeps them: flat, with ids of related records. The routes
 * render them in Harvest's answer shapes (nested `client`, `project`, `user`, `task` objects).
 * Field lists follow help.getharvest.com/api-v2 (clients, projects, tasks, users, user and task
 * assignments, time entries, expenses, expense categories).
 */
export interface HarvestClientRecord {
	id: number;
	name: string;
	is_active: boolean;
	address: string | null;
	statement_key: string;
	currency: string;
	created_at: string;
	updated_at: string;
}

export interface HarvestUserRecord {
	id: number;
	first_name: string;
	last_name: string;
	email: string;
	telephone: string;
	timezone: string;
	is_contractor: boolean;
	is_active: boolean;
	weekly_capacity: number;
	default_hourly_rate: number | null;
	cost_rate: number | null;
	roles: string[];
	access_roles: string[];
	created_at: string;
	updated_at: string;
}

export interface HarvestTaskRecord {
	id: number;
	name: string;
	billable_by_default: boolean;
	default_hourly_rate: number | null;
	is_default: boolean;
	is_active: boolean;
	created_at: string;
	updated_at: string;
}

export type BillBy = 'Project' | 'Tasks' | 'People' | 'none';
export type BudgetBy = 'project' | 'project_cost' | 'task' | 'task_fees' | 'person' | 'none';

export interface HarvestProjectRecord {
	id: number;
	client_id: number;
	name: string;
	code: string | null;
	is_active: boolean;
	is_billable: boolean;
	is_fixed_fee: boolean;
	bill_by: BillBy;
	hourly_rate: number | null;
	budget: number | null;
	budget_by: BudgetBy;
	budget_is_monthly: boolean;
	notify_when_over_budget: boolean;
	over_budget_notification_percentage: number;
	over_budget_notification_date: string | null;
	show_budget_to_all: boolean;
	cost_budget: number | null;
	cost_budget_include_expenses: boolean;
	fee: number | null;
	notes: string;
	starts_on: string | null;
	ends_on: string | null;
	created_at: string;
	updated_at: string;
}

export interface UserAssignmentRecord {
	id: number;
	project_id: number;
	user_id: number;
	is_active: boolean;
	is_project_manager: boolean;
	use_default_rates: boolean;
	hourly_rate: number | null;
	budget: number | null;
	created_at: string;
	updated_at: string;
}

export interface TaskAssignmentRecord {
	id: number;
	project_id: number;
	task_id: number;
	is_active: boolean;
	billable: boolean;
	hourly_rate: number | null;
	budget: number | null;
	created_at: string;
	updated_at: string;
}

export interface TimeEntryRecord {
	id: number;
	spent_date: string;
	user_id: number;
	project_id: number;
	task_id: number;
	hours: number;
	notes: string | null;
	is_locked: boolean;
	locked_reason: string | null;
	/** Approved through Timesheet Approval. */
	is_closed: boolean;
	/** Marked as invoiced (by an invoice that imported the entry). */
	is_billed: boolean;
	invoice: { id: number; number: string } | null;
	is_running: boolean;
	timer_started_at: string | null;
	billable: boolean;
	budgeted: boolean;
	billable_rate: number | null;
	cost_rate: number | null;
	created_at: string;
	updated_at: string;
}

export interface ExpenseCategoryRecord {
	id: number;
	name: string;
	unit_name: string | null;
	unit_price: number | null;
	is_active: boolean;
	created_at: string;
	updated_at: string;
}

export interface ExpenseRecord {
	id: number;
	project_id: number;
	user_id: number;
	expense_category_id: number;
	spent_date: string;
	total_cost: number;
	units: number;
	notes: string | null;
	billable: boolean;
	is_closed: boolean;
	is_locked: boolean;
	is_billed: boolean;
	locked_reason: string | null;
	invoice: { id: number; number: string } | null;
	created_at: string;
	updated_at: string;
}

export interface HarvestTables {
	clients: Map<number, HarvestClientRecord>;
	users: Map<number, HarvestUserRecord>;
	tasks: Map<number, HarvestTaskRecord>;
	projects: Map<number, HarvestProjectRecord>;
	userAssignments: Map<number, UserAssignmentRecord>;
	taskAssignments: Map<number, TaskAssignmentRecord>;
	timeEntries: Map<number, TimeEntryRecord>;
	expenseCategories: Map<number, ExpenseCategoryRecord>;
	expenses: Map<number, ExpenseRecord>;
}

/** The account's base currency (Harvest uses it for clients created without one). */
export const COMPANY_CURRENCY = 'USD';

const emptyTables = (): HarvestTables => ({
	clients: new Map(),
	users: new Map(),
	tasks: new Map(),
	projects: new Map(),
	userAssignments: new Map(),
	taskAssignments: new Map(),
	timeEntries: new Map(),
	expenseCategories: new Map(),
	expenses: new Map(),
});

const decimal = (value: string): number => Number(value);
const at = (date: string, time = '09:00:00'): string => `${date}T${time}Z`;
/** Harvest's timestamps carry whole seconds. */
const wholeSeconds = (instant: string): string => instant.replace(/\.\d{3}Z$/, 'Z');

/** How a seeded billing model looks in Harvest's project settings. */
function projectSettings(project: SeedProject): Pick<HarvestProjectRecord, 'is_fixed_fee' | 'bill_by' | 'hourly_rate' | 'budget' | 'budget_by' | 'budget_is_monthly' | 'cost_budget' | 'fee'> {
	const fixed = project.billingModel === 'fixed_fee' || project.billingModel === 'milestone';
	return {
		is_fixed_fee: fixed,
		bill_by: 'Project',
		hourly_rate: decimal(project.hourlyRate),
		budget: fixed ? null : project.budgetHours,
		budget_by: fixed ? 'project_cost' : 'project',
		budget_is_monthly: project.billingModel === 'retainer',
		cost_budget: fixed ? decimal(project.budgetAmount) : null,
		fee: fixed ? decimal(project.budgetAmount) : null,
	};
}

export class HarvestStore {
	tables: HarvestTables = emptyTables();
	private nextIds = new Map<keyof HarvestTables, number>();

	newId(table: keyof HarvestTables): number {
		const next = (this.nextIds.get(table) ?? 0) + 1;
		this.nextIds.set(table, next);
		const base: Record<keyof HarvestTables, number> = {
			clients: 5_735_000, users: 1_782_000, tasks: 8_083_000, projects: 14_307_000, userAssignments: 125_068_000,
			taskAssignments: 155_502_000, timeEntries: 636_700_000, expenseCategories: 4_195_000, expenses: 15_296_000,
		};
		return base[table] + next;
	}

	seed(firm: FirmData): void {
		this.tables = emptyTables();
		this.nextIds.clear();
		const t = this.tables;
		const userIds = new Map<string, number>();
		for (const person of firm.people) {
			const id = this.newId('users');
			userIds.set(person.key, id);
			t.users.set(id, {
				id, first_name: person.firstName, last_name: person.lastName, email: person.email, telephone: '', timezone: 'Etc/UTC',
				is_contractor: false, is_active: !person.terminationDate, weekly_capacity: person.weeklyCapacityHours * 3600,
				default_hourly_rate: decimal(person.billRate), cost_rate: decimal(person.costRate), roles: [person.jobTitle],
				access_roles: person.department === 'Strategy' ? ['manager'] : ['member'],
				created_at: at(person.hireDate), updated_at: at(person.terminationDate ?? person.hireDate),
			});
		}
		const clientIds = new Map<string, number>();
		for (const client of firm.clients) {
			const id = this.newId('clients');
			clientIds.set(client.key, id);
			t.clients.set(id, {
				id, name: client.name, is_active: true, address: `${client.city}\n${client.country}`, statement_key: `stmt${id.toString(16)}`,
				currency: client.currency, created_at: wholeSeconds(client.createdAt), updated_at: wholeSeconds(client.updatedAt),
			});
		}
		const taskIds = new Map<string, number>();
		const taskNames = [...new Set([...firm.timeEntries.map((entry) => entry.task), 'Project Management'])].sort();
		for (const name of taskNames) {
			const id = this.newId('tasks');
			taskIds.set(name, id);
			t.tasks.set(id, {
				id, name, billable_by_default: name !== 'Project Management', default_hourly_rate: 150, is_default: true, is_active: true,
				created_at: '2023-01-02T09:00:00Z', updated_at: '2023-01-02T09:00:00Z',
			});
		}
		const projectIds = new Map<string, number>();
		for (const project of firm.projects) {
			const id = this.newId('projects');
			projectIds.set(project.key, id);
			const created = at(project.startDate);
			t.projects.set(id, {
				id, client_id: clientIds.get(project.clientKey)!, name: project.name, code: project.code, is_active: project.active,
				is_billable: true, ...projectSettings(project), notify_when_over_budget: true, over_budget_notification_percentage: 80,
				over_budget_notification_date: null, show_budget_to_all: false, cost_budget_include_expenses: false, notes: '',
				starts_on: project.startDate, ends_on: project.endDate, created_at: created, updated_at: created,
			});
			for (const [name, taskId] of taskIds) {
				const assignmentId = this.newId('taskAssignments');
				t.taskAssignments.set(assignmentId, {
					id: assignmentId, project_id: id, task_id: taskId, is_active: true, billable: name !== 'Project Management',
					hourly_rate: decimal(project.hourlyRate), budget: null, created_at: created, updated_at: created,
				});
			}
			this.assign(id, userIds.get(project.managerKey)!, true, created);
		}
		const categoryIds = new Map<string, number>();
		for (const expense of firm.expenses) {
			if (categoryIds.has(expense.category)) continue;
			const id = this.newId('expenseCategories');
			categoryIds.set(expense.category, id);
			t.expenseCategories.set(id, { id, name: expense.category, unit_name: null, unit_price: null, is_active: true, created_at: '2023-01-02T09:00:00Z', updated_at: '2023-01-02T09:00:00Z' });
		}
		let invoiceNumber = 1000;
		const invoiceFor = new Map<number, { id: number; number: string }>();
		const invoiceOf = (projectId: number) => {
			if (!invoiceFor.has(projectId)) invoiceNumber += 1;
			const invoice = invoiceFor.get(projectId) ?? { id: 13_150_000 + invoiceNumber, number: String(invoiceNumber) };
			invoiceFor.set(projectId, invoice);
			return invoice;
		};
		for (const entry of firm.timeEntries) {
			const id = this.newId('timeEntries');
			const projectId = projectIds.get(entry.projectKey)!;
			const project = t.projects.get(projectId)!;
			const userId = userIds.get(entry.personKey)!;
			this.assign(projectId, userId, false, project.created_at);
			const stamped = at(entry.date, '18:00:00');
			t.timeEntries.set(id, {
				id, spent_date: entry.date, user_id: userId, project_id: projectId, task_id: taskIds.get(entry.task)!, hours: entry.hours,
				notes: entry.notes, ...lockState(entry.approved, entry.invoiced), is_closed: entry.approved, is_billed: entry.invoiced,
				invoice: entry.invoiced ? invoiceOf(projectId) : null, is_running: false, timer_started_at: null, billable: entry.billable,
				budgeted: true, billable_rate: entry.billable ? project.hourly_rate : null, cost_rate: t.users.get(userId)!.cost_rate,
				created_at: stamped, updated_at: stamped,
			});
		}
		for (const expense of firm.expenses) {
			const id = this.newId('expenses');
			const projectId = projectIds.get(expense.projectKey)!;
			const stamped = at(expense.date, '19:00:00');
			t.expenses.set(id, {
				id, project_id: projectId, user_id: userIds.get(expense.personKey)!, expense_category_id: categoryIds.get(expense.category)!,
				spent_date: expense.date, total_cost: decimal(expense.amount), units: 1, notes: expense.notes, billable: expense.billable,
				is_closed: expense.approved, is_billed: expense.invoiced, ...lockState(expense.approved, expense.invoiced),
				invoice: expense.invoiced ? invoiceOf(projectId) : null, created_at: stamped, updated_at: stamped,
			});
		}
	}

	/** Assigns a user to a project once (managers first, so they keep the project-manager flag). */
	assign(projectId: number, userId: number, manager: boolean, createdAt: string): UserAssignmentRecord {
		for (const existing of this.tables.userAssignments.values()) {
			if (existing.project_id === projectId && existing.user_id === userId) return existing;
		}
		const id = this.newId('userAssignments');
		const record: UserAssignmentRecord = {
			id, project_id: projectId, user_id: userId, is_active: true, is_project_manager: manager, use_default_rates: true,
			hourly_rate: this.tables.users.get(userId)?.default_hourly_rate ?? null, budget: null, created_at: createdAt, updated_at: createdAt,
		};
		this.tables.userAssignments.set(id, record);
		return record;
	}
}

/** Harvest locks approved or invoiced items; locked_reason says why (texts as in Harvest's examples). */
export function lockState(approved: boolean, invoiced: boolean): { is_locked: boolean; locked_reason: string | null } {
	if (invoiced && approved) return { is_locked: true, locked_reason: 'Item Invoiced and Approved and Locked for this Time Period' };
	if (invoiced) return { is_locked: true, locked_reason: 'Item Invoiced and Locked for this Time Period' };
	if (approved) return { is_locked: true, locked_reason: 'Item Approved and Locked for this Time Period' };
	return { is_locked: false, locked_reason: null };
}
