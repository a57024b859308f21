import { json, type Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import {
	clientJson,
	listAnswer,
	notFound,
	projectJson,
	taskAssignmentJson,
	taskJson,
	unprocessable,
	userAssignmentJson,
	userJson,
} from './present';
import { bodyOf, booleanField, changedSince, dateField, harvestNow, isResponse, label, newestFirst, numberField, readFilters } from './query';
import { COMPANY_CURRENCY, type BillBy, type BudgetBy, type HarvestProjectRecord, type HarvestStore } from './store';

const BILL_BY: BillBy[] = ['Project', 'Tasks', 'People', 'none'];
const BUDGET_BY: BudgetBy[] = ['project', 'project_cost', 'task', 'task_fees', 'person', 'none'];
const PROJECT_NUMBERS = ['hourly_rate', 'budget', 'cost_budget', 'fee', 'over_budget_notification_percentage'] as const;
const PROJECT_BOOLEANS = ['is_active', 'is_billable', 'is_fixed_fee', 'budget_is_monthly', 'notify_when_over_budget', 'show_budget_to_all', 'cost_budget_include_expenses'] as const;

const idParam = (value: string): number => (/^\d+$/.test(value) ? Number(value) : -1);

/** Clients, projects, tasks, users, user and task assignments, expense categories, company. */
export function accountRoutes(router: Router, store: HarvestStore): void {
	const t = () => store.tables;

	router.on('GET', '/v2/company', () =>
		json(200, {
			base_uri: 'https://meridian-advisory.harvestapp.com', full_domain: 'meridian-advisory.harvestapp.com', name: 'Meridian Advisory',
			is_active: true, week_start_day: 'Monday', wants_timestamp_timers: false, time_format: 'decimal', date_format: '%Y-%m-%d',
			plan_type: 'business', clock: '24h', currency_code_display: 'iso_code_before', currency_symbol_display: 'symbol_before',
			decimal_symbol: '.', thousands_separator: ',', color_scheme: 'orange', weekly_capacity: 144000, expense_feature: true,
			invoice_feature: true, estimate_feature: true, approval_feature: true, team_feature: true,
		}),
	);

	// Clients (help.getharvest.com/api-v2/clients-api/clients/clients)
	router.on('GET', '/v2/clients', (request) => {
		const filters = readFilters(request, { bools: ['is_active'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().clients.values()).filter((client) => (filters.bool.is_active === undefined || client.is_active === filters.bool.is_active) && changedSince(client, filters));
		return listAnswer(request, 'clients', found, clientJson, 'cursor');
	});
	router.on('GET', '/v2/clients/:id', (_request, params) => {
		const client = t().clients.get(idParam(params.id));
		return client ? json(200, clientJson(client)) : notFound();
	});
	const writeClient = (request: SandboxRequest, id?: number): SandboxResponse => {
		const body = bodyOf(request);
		const existing = id === undefined ? undefined : t().clients.get(id);
		if (id !== undefined && !existing) return notFound();
		const name = body.name === undefined ? existing?.name : String(body.name ?? '').trim();
		if (!name) return unprocessable("Name can't be blank");
		if ([...t().clients.values()].some((client) => client.name === name && client.id !== id)) return unprocessable('Name has already been taken');
		const currency = body.currency === undefined ? existing?.currency ?? COMPANY_CURRENCY : String(body.currency);
		if (!/^[A-Z]{3}$/.test(currency)) return unprocessable('Currency is not included in the list');
		const isActive = booleanField(body.is_active);
		if (isActive === 'invalid') return unprocessable('Is active is not included in the list');
		const now = harvestNow();
		const record = existing ?? { id: store.newId('clients'), name, is_active: true, address: null, statement_key: '', currency, created_at: now, updated_at: now };
		Object.assign(record, { name, currency, updated_at: now, statement_key: record.statement_key || `stmt${record.id.toString(16)}` });
		if (isActive !== undefined) record.is_active = isActive;
		if (body.address !== undefined) record.address = body.address === null ? null : String(body.address);
		t().clients.set(record.id, record);
		return json(existing ? 200 : 201, clientJson(record));
	};
	router.on('POST', '/v2/clients', (request) => writeClient(request));
	router.on('PATCH', '/v2/clients/:id', (request, params) => writeClient(request, idParam(params.id)));

	// Projects (help.getharvest.com/api-v2/projects-api/projects/projects)
	router.on('GET', '/v2/projects', (request) => {
		const filters = readFilters(request, { bools: ['is_active'], ids: ['client_id'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().projects.values()).filter(
			(project) =>
				(filters.bool.is_active === undefined || project.is_active === filters.bool.is_active) &&
				(filters.id.client_id === undefined || project.client_id === filters.id.client_id) &&
				changedSince(project, filters),
		);
		return listAnswer(request, 'projects', found, (project) => projectJson(t(), project), 'cursor');
	});
	router.on('GET', '/v2/projects/:id', (_request, params) => {
		const project = t().projects.get(idParam(params.id));
		return project ? json(200, projectJson(t(), project)) : notFound();
	});
	const writeProject = (request: SandboxRequest, id?: number): SandboxResponse => {
		const body = bodyOf(request);
		const existing = id === undefined ? undefined : t().projects.get(id);
		if (id !== undefined && !existing) return notFound();
		const creating = !existing;
		const clientId = body.client_id === undefined ? existing?.client_id : Number(body.client_id);
		if (clientId === undefined || body.client_id === null || body.client_id === '') return unprocessable("Client can't be blank");
		if (!t().clients.has(clientId)) return unprocessable('Client must exist');
		const name = body.name === undefined ? existing?.name : String(body.name ?? '').trim();
		if (!name) return unprocessable("Name can't be blank");
		if ([...t().projects.values()].some((project) => project.client_id === clientId && project.name === name && project.id !== id)) {
			return unprocessable('Name has already been taken');
		}
		if (creating && body.is_billable === undefined) return unprocessable('Is billable is not included in the list');
		const billBy = body.bill_by ?? existing?.bill_by;
		if (!BILL_BY.includes(billBy as BillBy)) return unprocessable('Bill by is not included in the list');
		const budgetBy = body.budget_by ?? existing?.budget_by;
		if (!BUDGET_BY.includes(budgetBy as BudgetBy)) return unprocessable('Budget by is not included in the list');
		const changes: Partial<HarvestProjectRecord> = { client_id: clientId, name, bill_by: billBy as BillBy, budget_by: budgetBy as BudgetBy };
		for (const field of PROJECT_NUMBERS) {
			const value = numberField(body[field]);
			if (value === 'invalid' || (typeof value === 'number' && value < 0)) return unprocessable(`${label(field)} is not a number`);
			if (value !== undefined) (changes as Record<string, unknown>)[field] = value;
		}
		for (const field of PROJECT_BOOLEANS) {
			const value = booleanField(body[field]);
			if (value === 'invalid') return unprocessable(`${label(field)} is not included in the list`);
			if (value !== undefined) (changes as Record<string, unknown>)[field] = value;
		}
		for (const field of ['starts_on', 'ends_on'] as const) {
			const value = dateField(body[field]);
			if (value === 'invalid') return unprocessable(`${label(field)} is not a valid date`);
			if (value !== undefined) changes[field] = value;
		}
		if (body.code !== undefined) changes.code = body.code === null ? null : String(body.code);
		if (body.notes !== undefined) changes.notes = String(body.notes ?? '');
		const now = harvestNow();
		const record: HarvestProjectRecord = existing ?? {
			id: store.newId('projects'), client_id: clientId, name, code: null, is_active: true, is_billable: true, is_fixed_fee: false,
			bill_by: 'none', hourly_rate: null, budget: null, budget_by: 'none', budget_is_monthly: false, notify_when_over_budget: false,
			over_budget_notification_percentage: 80, over_budget_notification_date: null, show_budget_to_all: false, cost_budget: null,
			cost_budget_include_expenses: false, fee: null, notes: '', starts_on: null, ends_on: null, created_at: now, updated_at: now,
		};
		Object.assign(record, changes, { updated_at: now });
		if (record.starts_on && record.ends_on && record.ends_on < record.starts_on) return unprocessable('Ends on must be after the start date');
		t().projects.set(record.id, record);
		if (creating) {
			// New projects get the account's default tasks, as in Harvest.
			for (const task of t().tasks.values()) {
				if (!task.is_default || !task.is_active) continue;
				const assignmentId = store.newId('taskAssignments');
				t().taskAssignments.set(assignmentId, {
					id: assignmentId, project_id: record.id, task_id: task.id, is_active: true, billable: task.billable_by_default,
					hourly_rate: task.default_hourly_rate, budget: null, created_at: now, updated_at: now,
				});
			}
		}
		return json(creating ? 201 : 200, projectJson(t(), record));
	};
	router.on('POST', '/v2/projects', (request) => writeProject(request));
	router.on('PATCH', '/v2/projects/:id', (request, params) => writeProject(request, idParam(params.id)));

	// Tasks (help.getharvest.com/api-v2/tasks-api/tasks/tasks)
	router.on('GET', '/v2/tasks', (request) => {
		const filters = readFilters(request, { bools: ['is_active'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().tasks.values()).filter((task) => (filters.bool.is_active === undefined || task.is_active === filters.bool.is_active) && changedSince(task, filters));
		return listAnswer(request, 'tasks', found, taskJson, 'page');
	});
	router.on('GET', '/v2/tasks/:id', (_request, params) => {
		const task = t().tasks.get(idParam(params.id));
		return task ? json(200, taskJson(task)) : notFound();
	});
	router.on('POST', '/v2/tasks', (request) => {
		const body = bodyOf(request);
		const name = String(body.name ?? '').trim();
		if (!name) return unprocessable("Name can't be blank");
		if ([...t().tasks.values()].some((task) => task.name === name)) return unprocessable('Name has already been taken');
		const rate = numberField(body.default_hourly_rate);
		if (rate === 'invalid') return unprocessable('Default hourly rate is not a number');
		const flags = ['billable_by_default', 'is_default', 'is_active'].map((field) => booleanField(body[field]));
		if (flags.includes('invalid')) return unprocessable('Billable by default is not included in the list');
		const now = harvestNow();
		const id = store.newId('tasks');
		const task = {
			id, name, billable_by_default: flags[0] !== false, default_hourly_rate: rate ?? null, is_default: flags[1] === true,
			is_active: flags[2] !== false, created_at: now, updated_at: now,
		};
		t().tasks.set(id, task);
		return json(201, taskJson(task));
	});

	// Users (help.getharvest.com/api-v2/users-api/users/users)
	router.on('GET', '/v2/users', (request) => {
		const filters = readFilters(request, { bools: ['is_active'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().users.values()).filter((user) => (filters.bool.is_active === undefined || user.is_active === filters.bool.is_active) && changedSince(user, filters));
		return listAnswer(request, 'users', found, userJson, 'cursor');
	});
	router.on('GET', '/v2/users/me', () => json(200, userJson([...t().users.values()][0])));
	router.on('GET', '/v2/users/:id', (_request, params) => {
		const user = t().users.get(idParam(params.id));
		return user ? json(200, userJson(user)) : notFound();
	});

	assignmentRoutes(router, store);

	router.on('GET', '/v2/expense_categories', (request) => {
		const filters = readFilters(request, { bools: ['is_active'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().expenseCategories.values()).filter((category) => (filters.bool.is_active === undefined || category.is_active === filters.bool.is_active) && changedSince(category, filters));
		return listAnswer(request, 'expense_categories', found, (category) => ({ ...category }), 'page');
	});
}

/** User and task assignments (help.getharvest.com/api-v2/projects-api/projects/user-assignments, .../task-assignments). */
function assignmentRoutes(router: Router, store: HarvestStore): void {
	const t = () => store.tables;
	const listUsers = (request: SandboxRequest, projectId?: number) => {
		if (projectId !== undefined && !t().projects.has(projectId)) return notFound();
		const filters = readFilters(request, { bools: ['is_active'], ids: ['user_id'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().userAssignments.values()).filter(
			(assignment) =>
				(projectId === undefined || assignment.project_id === projectId) &&
				(filters.id.user_id === undefined || assignment.user_id === filters.id.user_id) &&
				(filters.bool.is_active === undefined || assignment.is_active === filters.bool.is_active) &&
				changedSince(assignment, filters),
		);
		return listAnswer(request, 'user_assignments', found, (assignment) => userAssignmentJson(t(), assignment), 'cursor');
	};
	router.on('GET', '/v2/user_assignments', (request) => listUsers(request));
	router.on('GET', '/v2/projects/:projectId/user_assignments', (request, params) => listUsers(request, idParam(params.projectId)));
	router.on('POST', '/v2/projects/:projectId/user_assignments', (request, params) => {
		const project = t().projects.get(idParam(params.projectId));
		if (!project) return notFound();
		const body = bodyOf(request);
		const userId = Number(body.user_id);
		if (body.user_id === undefined || body.user_id === null || body.user_id === '') return unprocessable("User can't be blank");
		if (!t().users.has(userId)) return unprocessable('User must exist');
		if ([...t().userAssignments.values()].some((a) => a.project_id === project.id && a.user_id === userId)) return unprocessable('User has already been assigned to this project');
		const rate = numberField(body.hourly_rate);
		const budget = numberField(body.budget);
		if (rate === 'invalid' || budget === 'invalid') return unprocessable(`${rate === 'invalid' ? 'Hourly rate' : 'Budget'} is not a number`);
		const manager = booleanField(body.is_project_manager);
		const defaults = booleanField(body.use_default_rates);
		const active = booleanField(body.is_active);
		if ([manager, defaults, active].includes('invalid')) return unprocessable('Is project manager is not included in the list');
		const record = store.assign(project.id, userId, manager === true, harvestNow());
		Object.assign(record, { use_default_rates: defaults ?? (rate === undefined || rate === null), is_active: active !== false });
		if (rate !== undefined) record.hourly_rate = rate ?? 0;
		if (budget !== undefined) record.budget = budget;
		return json(201, userAssignmentJson(t(), record));
	});

	const listTasks = (request: SandboxRequest, projectId?: number) => {
		if (projectId !== undefined && !t().projects.has(projectId)) return notFound();
		const filters = readFilters(request, { bools: ['is_active'] });
		if (isResponse(filters)) return filters;
		const found = newestFirst(t().taskAssignments.values()).filter(
			(assignment) =>
				(projectId === undefined || assignment.project_id === projectId) &&
				(filters.bool.is_active === undefined || assignment.is_active === filters.bool.is_active) &&
				changedSince(assignment, filters),
		);
		return listAnswer(request, 'task_assignments', found, (assignment) => taskAssignmentJson(t(), assignment), 'cursor');
	};
	router.on('GET', '/v2/task_assignments', (request) => listTasks(request));
	router.on('GET', '/v2/projects/:projectId/task_assignments', (request, params) => listTasks(request, idParam(params.projectId)));
	router.on('POST', '/v2/projects/:projectId/task_assignments', (request, params) => {
		const project = t().projects.get(idParam(params.projectId));
		if (!project) return notFound();
		const body = bodyOf(request);
		if (body.task_id === undefined || body.task_id === null || body.task_id === '') return unprocessable("Task can't be blank");
		const task = t().tasks.get(Number(body.task_id));
		if (!task) return unprocessable('Task must exist');
		if ([...t().taskAssignments.values()].some((a) => a.project_id === project.id && a.task_id === task.id)) return unprocessable('Task has already been assigned to this project');
		const rate = numberField(body.hourly_rate);
		const budget = numberField(body.budget);
		if (rate === 'invalid' || budget === 'invalid') return unprocessable(`${rate === 'invalid' ? 'Hourly rate' : 'Budget'} is not a number`);
		const billable = booleanField(body.billable);
		const active = booleanField(body.is_active);
		if (billable === 'invalid' || active === 'invalid') return unprocessable('Billable is not included in the list');
		const now = harvestNow();
		const id = store.newId('taskAssignments');
		// Harvest defaults a new task assignment to non-billable.
		const record = { id, project_id: project.id, task_id: task.id, is_active: active !== false, billable: billable === true, hourly_rate: rate ?? null, budget: budget ?? null, created_at: now, updated_at: now };
		t().taskAssignments.set(id, record);
		return json(201, taskAssignmentJson(t(), record));
	});
}
