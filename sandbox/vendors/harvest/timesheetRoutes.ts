import { json, type Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { expenseJson, listAnswer, notFound, timeEntryJson, unprocessable } from './present';
import { bodyOf, booleanField, changedSince, dateField, harvestNow, isResponse, numberField, readFilters, type ListFilters } from './query';
import type { ExpenseRecord, HarvestStore, HarvestTables, TimeEntryRecord } from './store';

const idParam = (value: string): number => (/^\d+$/.test(value) ? Number(value) : -1);

/** Most recent spent_date first (Harvest sorts time entries and expenses by spent date). */
const bySpentDate = <T extends { id: number; spent_date: string }>(records: Iterable<T>): T[] =>
	[...records].sort((a, b) => (a.spent_date === b.spent_date ? b.id - a.id : a.spent_date < b.spent_date ? 1 : -1));

function matchesCommon(t: HarvestTables, record: { user_id: number; project_id: number; spent_date: string; is_billed: boolean; updated_at: string }, filters: ListFilters): boolean {
	const { id, bool, date } = filters;
	if (id.user_id !== undefined && record.user_id !== id.user_id) return false;
	if (id.project_id !== undefined && record.project_id !== id.project_id) return false;
	if (id.client_id !== undefined && t.projects.get(record.project_id)?.client_id !== id.client_id) return false;
	if (bool.is_billed !== undefined && record.is_billed !== bool.is_billed) return false;
	if (date.from !== undefined && record.spent_date < date.from) return false;
	if (date.to !== undefined && record.spent_date > date.to) return false;
	return changedSince(record, filters);
}

/** The bill rate Harvest applies to new time: by the project's bill_by setting. */
function billableRate(t: HarvestTables, projectId: number, taskId: number, userId: number): number | null {
	const project = t.projects.get(projectId)!;
	if (project.bill_by === 'Project') return project.hourly_rate;
	if (project.bill_by === 'Tasks') return [...t.taskAssignments.values()].find((a) => a.project_id === projectId && a.task_id === taskId)?.hourly_rate ?? null;
	if (project.bill_by === 'People') {
		const assignment = [...t.userAssignments.values()].find((a) => a.project_id === projectId && a.user_id === userId);
		return assignment && !assignment.use_default_rates ? assignment.hourly_rate : t.users.get(userId)?.default_hourly_rate ?? null;
	}
	return null;
}

/** Time entries and expenses (help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries, expenses-api/expenses/expenses). */
export function timesheetRoutes(router: Router, store: HarvestStore, currentUserId: () => number): void {
	const t = () => store.tables;

	router.on('GET', '/v2/time_entries', (request) => {
		const filters = readFilters(request, { bools: ['is_billed', 'is_running'], ids: ['user_id', 'client_id', 'project_id', 'task_id'], dates: ['from', 'to'] });
		if (isResponse(filters)) return filters;
		const found = bySpentDate(t().timeEntries.values()).filter(
			(entry) =>
				matchesCommon(t(), entry, filters) &&
				(filters.id.task_id === undefined || entry.task_id === filters.id.task_id) &&
				(filters.bool.is_running === undefined || entry.is_running === filters.bool.is_running),
		);
		return listAnswer(request, 'time_entries', found, (entry) => timeEntryJson(t(), entry, false), 'page');
	});
	router.on('GET', '/v2/time_entries/:id', (_request, params) => {
		const entry = t().timeEntries.get(idParam(params.id));
		return entry ? json(200, timeEntryJson(t(), entry, true)) : notFound();
	});

	/** Checks a time entry's project, task, user, date and hours; returns the fields to store. */
	const validateEntry = (body: Record<string, unknown>, current?: TimeEntryRecord): Partial<TimeEntryRecord> | SandboxResponse => {
		const projectId = body.project_id === undefined ? current?.project_id : Number(body.project_id);
		if (projectId === undefined || body.project_id === null || body.project_id === '') return unprocessable("Project can't be blank");
		const project = t().projects.get(projectId);
		if (!project) return unprocessable('Project must exist');
		if (!project.is_active) return unprocessable('Project is archived');
		const taskId = body.task_id === undefined ? current?.task_id : Number(body.task_id);
		if (taskId === undefined || body.task_id === null || body.task_id === '') return unprocessable("Task can't be blank");
		const assignment = [...t().taskAssignments.values()].find((a) => a.project_id === projectId && a.task_id === taskId && a.is_active);
		if (!assignment) return unprocessable('Task is not assigned to the project');
		const userId = body.user_id === undefined ? current?.user_id ?? currentUserId() : Number(body.user_id);
		if (!t().users.has(userId)) return unprocessable('User must exist');
		if (![...t().userAssignments.values()].some((a) => a.project_id === projectId && a.user_id === userId && a.is_active)) {
			return unprocessable('User is not assigned to the project');
		}
		const spentDate = body.spent_date === undefined ? current?.spent_date : dateField(body.spent_date);
		if (spentDate === undefined || spentDate === null) return unprocessable("Spent date can't be blank");
		if (spentDate === 'invalid') return unprocessable('Spent date is not a valid date');
		const hours = numberField(body.hours);
		if (hours === 'invalid' || (typeof hours === 'number' && (hours < 0 || hours > 24))) return unprocessable('Hours must be between 0 and 24');
		const fields: Partial<TimeEntryRecord> = { project_id: projectId, task_id: taskId, user_id: userId, spent_date: spentDate };
		if (hours !== undefined) fields.hours = hours ?? 0;
		if (body.notes !== undefined) fields.notes = body.notes === null ? null : String(body.notes);
		if (!current || body.project_id !== undefined || body.task_id !== undefined) {
			fields.billable = project.is_billable && assignment.billable;
			fields.billable_rate = fields.billable ? billableRate(t(), projectId, taskId, userId) : null;
		}
		return fields;
	};

	router.on('POST', '/v2/time_entries', (request) => {
		const body = bodyOf(request);
		const fields = validateEntry(body);
		if (isResponse(fields)) return fields;
		const now = harvestNow();
		const id = store.newId('timeEntries');
		// Without hours Harvest starts a running timer.
		const running = body.hours === undefined;
		const entry: TimeEntryRecord = {
			id, spent_date: fields.spent_date!, user_id: fields.user_id!, project_id: fields.project_id!, task_id: fields.task_id!,
			hours: fields.hours ?? 0, notes: fields.notes ?? null, is_locked: false, locked_reason: null, is_closed: false, is_billed: false,
			invoice: null, is_running: running, timer_started_at: running ? now : null, billable: fields.billable ?? false, budgeted: true,
			billable_rate: fields.billable_rate ?? null, cost_rate: t().users.get(fields.user_id!)?.cost_rate ?? null, created_at: now, updated_at: now,
		};
		t().timeEntries.set(id, entry);
		return json(201, timeEntryJson(t(), entry, true));
	});
	router.on('PATCH', '/v2/time_entries/:id', (request, params) => {
		const entry = t().timeEntries.get(idParam(params.id));
		if (!entry) return notFound();
		if (entry.is_locked) return unprocessable(`This time entry is locked and can't be edited: ${entry.locked_reason ?? 'locked'}`);
		const fields = validateEntry(bodyOf(request), entry);
		if (isResponse(fields)) return fields;
		Object.assign(entry, fields, { updated_at: harvestNow() });
		return json(200, timeEntryJson(t(), entry, true));
	});

	router.on('GET', '/v2/expenses', (request) => {
		const filters = readFilters(request, { bools: ['is_billed'], ids: ['user_id', 'client_id', 'project_id'], dates: ['from', 'to'] });
		if (isResponse(filters)) return filters;
		const found = bySpentDate(t().expenses.values()).filter((expense) => matchesCommon(t(), expense, filters));
		return listAnswer(request, 'expenses', found, (expense) => expenseJson(t(), expense), 'page');
	});
	router.on('GET', '/v2/expenses/:id', (_request, params) => {
		const expense = t().expenses.get(idParam(params.id));
		return expense ? json(200, expenseJson(t(), expense)) : notFound();
	});
	router.on('POST', '/v2/expenses', (request: SandboxRequest) => {
		const body = bodyOf(request);
		if (body.project_id === undefined || body.project_id === null || body.project_id === '') return unprocessable("Project can't be blank");
		const project = t().projects.get(Number(body.project_id));
		if (!project) return unprocessable('Project must exist');
		if (body.expense_category_id === undefined || body.expense_category_id === null) return unprocessable("Expense category can't be blank");
		const category = t().expenseCategories.get(Number(body.expense_category_id));
		if (!category) return unprocessable('Expense category must exist');
		const spentDate = dateField(body.spent_date);
		if (spentDate === undefined || spentDate === null) return unprocessable("Spent date can't be blank");
		if (spentDate === 'invalid') return unprocessable('Spent date is not a valid date');
		const total = numberField(body.total_cost);
		const units = numberField(body.units);
		if (total === 'invalid' || units === 'invalid') return unprocessable(`${total === 'invalid' ? 'Total cost' : 'Units'} is not a number`);
		if ((total === undefined || total === null) && (units === undefined || units === null)) return unprocessable("Total cost can't be blank");
		const userId = body.user_id === undefined ? currentUserId() : Number(body.user_id);
		if (![...t().userAssignments.values()].some((a) => a.project_id === project.id && a.user_id === userId && a.is_active)) {
			return unprocessable('User is not assigned to the project');
		}
		const billable = booleanField(body.billable);
		if (billable === 'invalid') return unprocessable('Billable is not included in the list');
		const now = harvestNow();
		const id = store.newId('expenses');
		const expense: ExpenseRecord = {
			id, project_id: project.id, user_id: userId, expense_category_id: category.id, spent_date: spentDate,
			total_cost: total ?? (units ?? 0) * (category.unit_price ?? 0), units: units ?? 1, notes: body.notes === undefined || body.notes === null ? null : String(body.notes),
			billable: billable !== false, is_closed: false, is_locked: false, is_billed: false, locked_reason: null, invoice: null, created_at: now, updated_at: now,
		};
		t().expenses.set(id, expense);
		return json(201, expenseJson(t(), expense));
	});
}
