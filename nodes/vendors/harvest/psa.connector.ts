import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AssignmentFilters, ExpenseFilters, PickerOption, ProjectFilters, PsaConnector, TaskFilters, TimeEntryFilters } from '../../Psa/connector';
import type { Assignment, Client, Expense, MapContext, Project, Task, TimeEntry } from '../../shared/canonical';
import type { ListQuery, RecordApi, WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import {
	fromCanonicalClient,
	fromCanonicalExpense,
	fromCanonicalProject,
	fromCanonicalTask,
	fromCanonicalTaskAssignment,
	fromCanonicalTimeEntry,
	fromCanonicalUserAssignment,
	harvestId,
	toCanonicalClient,
	toCanonicalExpense,
	toCanonicalProject,
	toCanonicalProjectTask,
	toCanonicalTask,
	toCanonicalTaskAssignment,
	toCanonicalTimeEntry,
	toCanonicalUserAssignment,
	type HarvestClient,
	type HarvestExpense,
	type HarvestProject,
	type HarvestTask,
	type HarvestTaskAssignment,
	type HarvestTimeEntry,
	type HarvestUser,
	type HarvestUserAssignment,
} from './mappers';
import { harvestMarkTimeInvoiced } from './invoicedTime';
import { harvestPeople } from './people';
import { checkCurrency, flag, HarvestReader, recordError, since } from './reader';

const path = (base: string, id: string) => `${base}/${encodeURIComponent(harvestId(id, 'id').toString())}`;
const named = (label: string, name: unknown) => (name ? `${label} "${String(name)}"` : label);

/** Writes records one by one (Harvest has no batch endpoints); each failure stays with its record. */
async function eachRecord<I, T>(inputs: I[], label: (input: I) => string, write: (input: I) => Promise<T>): Promise<Array<WriteResult<T>>> {
	const results: Array<WriteResult<T>> = [];
	for (const input of inputs) {
		try {
			results.push(await write(input));
		} catch (error) {
			results.push(recordError(label(input), error));
		}
	}
	return results;
}

async function* mapPages<R, T>(pages: AsyncIterable<R[]>, map: (page: R[]) => Promise<T[]> | T[]): AsyncIterable<T[]> {
	for await (const page of pages) yield await map(page);
}

export function harvestPsaConnector(client: VendorClient, context: MapContext): PsaConnector {
	const reader = new HarvestReader(client, context);

	const timeEntriesToCanonical = async (page: HarvestTimeEntry[]): Promise<TimeEntry[]> => {
		const canonical: TimeEntry[] = [];
		for (const raw of page) canonical.push(toCanonicalTimeEntry(raw, await reader.clientCurrency(raw.client?.id), context));
		return canonical;
	};

	// ---- Clients
	const clients: RecordApi<Client> = {
		get: async (id) => toCanonicalClient(await reader.get<HarvestClient>(path('/clients', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as { active?: boolean };
			return mapPages(reader.pages<HarvestClient>('/clients', 'clients', { is_active: flag(filters.active), updated_since: since(query.modifiedSince) }, query.limit), (page) =>
				page.map((raw) => toCanonicalClient(raw, context)),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Client', record.name), async (record) => {
				const startedAt = new Date(Date.now() - 60_000).toISOString();
				const created = await client.send<HarvestClient>({
					method: 'POST',
					url: '/clients',
					body: fromCanonicalClient(record),
					// Client names are unique in Harvest: a lost answer is found again by name.
					retrySafety: { lookup: async () => (await collect(reader.pages<HarvestClient>('/clients', 'clients', { updated_since: since(startedAt) }))).find((found) => found.name === record.name) },
				});
				return toCanonicalClient(created, context);
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Client ${change.id}`, async (change) =>
				toCanonicalClient(await client.send<HarvestClient>({ method: 'PATCH', url: path('/clients', change.id), body: fromCanonicalClient(change.record), retrySafety: 'idempotent' }), context),
			),
	};

	// ---- Projects
	const projectBody = async (project: Partial<Project>, creating: boolean, current?: HarvestProject): Promise<IDataObject> => {
		const clientId = project.clientId ?? (current ? String(current.client.id) : undefined);
		if (creating && !clientId) throw new Error('clientId is required: every Harvest project belongs to a client');
		const currency = project.clientId || !current ? await reader.clientCurrency(clientId) : current.client.currency ?? context.defaultCurrency;
		for (const field of ['hourlyRate', 'budgetAmount', 'fixedFee'] as const) checkCurrency(field, project[field], currency, "this client's");
		return fromCanonicalProject(project, { creating, currentNotes: current?.notes });
	};
	const projects: RecordApi<Project> = {
		get: async (id) => toCanonicalProject(await reader.project(String(harvestId(id, 'projectId'))), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as ProjectFilters;
			const qs = { client_id: filters.clientId, is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
			return mapPages(reader.pages<HarvestProject>('/projects', 'projects', qs, query.limit), (page) => page.map((raw) => toCanonicalProject(raw, context)));
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Project', record.name), async (record) => {
				const body = await projectBody(record, true);
				const startedAt = new Date(Date.now() - 60_000).toISOString();
				const created = await client.send<HarvestProject>({
					method: 'POST',
					url: '/projects',
					body,
					// Project names are unique per client: a lost answer is found again before any retry.
					retrySafety: {
						lookup: async () =>
							(await collect(reader.pages<HarvestProject>('/projects', 'projects', { client_id: String(body.client_id), updated_since: since(startedAt) }))).find((found) => found.name === record.name),
					},
				});
				return toCanonicalProject(created, context);
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Project ${change.id}`, async (change) => {
				const current = await reader.project(String(harvestId(change.id, 'projectId')));
				const body = await projectBody(change.record, false, current);
				return toCanonicalProject(await client.send<HarvestProject>({ method: 'PATCH', url: path('/projects', change.id), body, retrySafety: 'idempotent' }), context);
			}),
	};

	// ---- Tasks: account-wide, or as assigned to one project
	const tasks: RecordApi<Task> = {
		get: async (id) => toCanonicalTask(await reader.get<HarvestTask>(path('/tasks', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as TaskFilters;
			const qs = { is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
			if (filters.projectId) {
				const projectId = String(harvestId(filters.projectId, 'projectId'));
				return mapPages(reader.pages<HarvestTaskAssignment>(`/projects/${projectId}/task_assignments`, 'task_assignments', qs, query.limit), async (page) => {
					const currency = await reader.projectCurrency(projectId);
					return page.map((raw) => toCanonicalProjectTask(raw, currency, context));
				});
			}
			return mapPages(reader.pages<HarvestTask>('/tasks', 'tasks', qs, query.limit), (page) => page.map((raw) => toCanonicalTask(raw, context)));
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Task', record.name), async (record) => {
				const created = await client.send<HarvestTask>({ method: 'POST', url: '/tasks', body: fromCanonicalTask(record) });
				if (!record.projectId) return toCanonicalTask(created, context);
				// A task given a project is also assigned to it, billable and rated as the record says.
				const projectId = String(harvestId(record.projectId, 'projectId'));
				try {
					checkCurrency('hourlyRate', record.hourlyRate, await reader.projectCurrency(projectId), "this project's");
					const assignment = await client.send<HarvestTaskAssignment>({
						method: 'POST',
						url: `/projects/${projectId}/task_assignments`,
						body: fromCanonicalTaskAssignment({ schemaVersion: 1, kind: 'allocation', projectId, taskId: String(created.id), billRate: record.hourlyRate, billable: record.billable, isProjectManager: false, externalRefs: {} }),
					});
					return toCanonicalProjectTask(assignment, await reader.projectCurrency(projectId), context);
				} catch (error) {
					throw new NodeOperationError(client.node, `created as Harvest task ${created.id} but not added to project ${projectId}: ${(error as Error).message}`);
				}
			}),
	};

	// ---- Assignments: people and tasks on projects
	const listAssignments = (query: ListQuery): AsyncIterable<Assignment[]> => {
		const filters = (query.filters ?? {}) as AssignmentFilters;
		const include = filters.include ?? 'people';
		const projectId = filters.projectId ? String(harvestId(filters.projectId, 'projectId')) : undefined;
		const base = projectId ? `/projects/${projectId}` : '';
		const qs = { is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
		async function* read(): AsyncIterable<Assignment[]> {
			if (!projectId) await reader.preloadProjectCurrencies();
			if (include !== 'tasks') {
				const people = reader.pages<HarvestUserAssignment>(`${base}/user_assignments`, 'user_assignments', { ...qs, user_id: filters.resourceId }, query.limit);
				for await (const page of people) {
					const mapped: Assignment[] = [];
					for (const raw of page) mapped.push(toCanonicalUserAssignment(raw, await reader.projectCurrency(raw.project.id), context));
					yield mapped;
				}
			}
			if (include !== 'people') {
				for await (const page of reader.pages<HarvestTaskAssignment>(`${base}/task_assignments`, 'task_assignments', qs, query.limit)) {
					const mapped: Assignment[] = [];
					for (const raw of page) mapped.push(toCanonicalTaskAssignment(raw, await reader.projectCurrency(raw.project.id), context));
					yield mapped;
				}
			}
		}
		return read();
	};
	const assignmentWriter = (kind: 'user' | 'task') => async (records: Assignment[]) =>
		await eachRecord(records, (record) => `${kind === 'user' ? 'Person' : 'Task'} assignment on project ${record.projectId}`, async (record) => {
			const projectId = String(harvestId(record.projectId, 'projectId'));
			const currency = await reader.projectCurrency(projectId);
			checkCurrency('billRate', record.billRate, currency, "this project's");
			const body = kind === 'user' ? fromCanonicalUserAssignment(record) : fromCanonicalTaskAssignment(record);
			const created = await client.send<HarvestUserAssignment & HarvestTaskAssignment>({
				method: 'POST',
				url: `/projects/${projectId}/${kind}_assignments`,
				body,
				// A person or task is on a project at most once: a lost answer is found on the project before any retry.
				retrySafety: {
					lookup: async () =>
						(await collect(reader.pages<HarvestUserAssignment & HarvestTaskAssignment>(`/projects/${projectId}/${kind}_assignments`, `${kind}_assignments`))).find((found) =>
							kind === 'user' ? String(found.user?.id) === String(body.user_id) : String(found.task?.id) === String(body.task_id),
						),
				},
			});
			return kind === 'user' ? toCanonicalUserAssignment(created, currency, context) : toCanonicalTaskAssignment(created, currency, context);
		});
	const assignments: PsaConnector['assignments'] = {
		get: async () => {
			throw new Error('Harvest reads one assignment only through its project: list the assignments with the project filter instead');
		},
		list: listAssignments,
		create: assignmentWriter('user'),
		createTaskAssignments: assignmentWriter('task'),
	};

	// ---- Time entries
	const timeEntries: RecordApi<TimeEntry> = {
		get: async (id) => (await timeEntriesToCanonical([await reader.get<HarvestTimeEntry>(path('/time_entries', id))]))[0],
		list: (query) => {
			const filters = (query.filters ?? {}) as TimeEntryFilters;
			// Harvest filters these itself; billable and approval are filtered here, so pages are then read whole.
			const qs = {
				project_id: filters.projectId, client_id: filters.clientId, user_id: filters.resourceId, task_id: filters.taskId,
				from: filters.from, to: filters.to, is_billed: flag(filters.invoiced), updated_since: since(query.modifiedSince),
			};
			const local = filters.billable !== undefined || filters.approved !== undefined;
			return mapPages(reader.pages<HarvestTimeEntry>('/time_entries', 'time_entries', qs, local ? undefined : query.limit), async (page) =>
				(await timeEntriesToCanonical(page)).filter(
					(entry) => (filters.billable === undefined || entry.billable === filters.billable) && (filters.approved === undefined || (entry.approvalStatus === 'approved') === filters.approved),
				),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => `Time entry of ${record.date} on project ${record.projectId}`, async (record) => {
				if (!record.taskId) throw new Error('taskId is required: Harvest books time on a task of the project');
				// No idempotency key in Harvest: only a refused (429) create is re-sent.
				const created = await client.send<HarvestTimeEntry>({ method: 'POST', url: '/time_entries', body: fromCanonicalTimeEntry(record) });
				return (await timeEntriesToCanonical([created]))[0];
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Time entry ${change.id}`, async (change) => {
				const updated = await client.send<HarvestTimeEntry>({ method: 'PATCH', url: path('/time_entries', change.id), body: fromCanonicalTimeEntry(change.record), retrySafety: 'idempotent' });
				return (await timeEntriesToCanonical([updated]))[0];
			}),
	};

	// ---- Expenses
	const expenses: RecordApi<Expense> = {
		get: async (id) => toCanonicalExpense(await reader.get<HarvestExpense>(path('/expenses', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as ExpenseFilters;
			const qs = {
				project_id: filters.projectId, client_id: filters.clientId, user_id: filters.resourceId, from: filters.from, to: filters.to,
				is_billed: flag(filters.invoiced), updated_since: since(query.modifiedSince),
			};
			const local = filters.billable !== undefined;
			return mapPages(reader.pages<HarvestExpense>('/expenses', 'expenses', qs, local ? undefined : query.limit), (page) =>
				page.map((raw) => toCanonicalExpense(raw, context)).filter((expense) => filters.billable === undefined || expense.billable === filters.billable),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => `Expense of ${record.date} on project ${record.projectId}`, async (record) => {
				checkCurrency('amount', record.amount, await reader.projectCurrency(String(harvestId(record.projectId, 'projectId'))), "this project's");
				const body = fromCanonicalExpense(record, await reader.expenseCategoryId(record.category));
				return toCanonicalExpense(await client.send<HarvestExpense>({ method: 'POST', url: '/expenses', body }), context);
			}),
	};

	const pick = async <R>(pages: AsyncIterable<R[]>, option: (raw: R) => PickerOption, filter?: string): Promise<PickerOption[]> => {
		const wanted = filter?.toLowerCase();
		const options = (await collect(pages)).map(option);
		return options.filter((candidate) => !wanted || `${candidate.name} ${candidate.description ?? ''}`.toLowerCase().includes(wanted));
	};

	return {
		clients,
		projects,
		tasks,
		assignments,
		timeEntries,
		markTimeInvoiced: harvestMarkTimeInvoiced(client, reader),
		expenses,
		people: harvestPeople(reader, context),
		listClients: async (filter) =>
			await pick(reader.pages<HarvestClient>('/clients', 'clients', { is_active: 'true' }), (raw) => ({ name: raw.name, value: String(raw.id), description: raw.currency }), filter),
		listProjects: async (filter) =>
			await pick(reader.pages<HarvestProject>('/projects', 'projects', { is_active: 'true' }), (raw) => ({ name: raw.code ? `${raw.name} (${raw.code})` : raw.name, value: String(raw.id), description: raw.client?.name }), filter),
		listResources: async (filter) =>
			await pick(reader.pages<HarvestUser>('/users', 'users', { is_active: 'true' }), (raw) => ({ name: `${raw.first_name} ${raw.last_name}`, value: String(raw.id), description: raw.email }), filter),
		listTasks: async (projectId, filter) =>
			projectId
				? await pick(reader.pages<HarvestTaskAssignment>(`/projects/${harvestId(projectId, 'projectId')}/task_assignments`, 'task_assignments', { is_active: 'true' }), (raw) => ({ name: raw.task.name ?? '', value: String(raw.task.id) }), filter)
				: await pick(reader.pages<HarvestTask>('/tasks', 'tasks', { is_active: 'true' }), (raw) => ({ name: raw.name, value: String(raw.id) }), filter),
		// Harvest has no approval filter or approval time: approving changes the entry (is_closed, is_locked), so it
		// falls in the updated_since window, and the approved ones are picked here.
		approvedTimeEntriesSince: (instant) =>
			mapPages(reader.pages<HarvestTimeEntry>('/time_entries', 'time_entries', { updated_since: since(instant) }), async (page) => await timeEntriesToCanonical(page.filter((raw) => raw.is_closed))),
		projectsChangedSince: (instant) =>
			mapPages(reader.pages<HarvestProject>('/projects', 'projects', { updated_since: since(instant) }), (page) => page.map((raw) => toCanonicalProject(raw, context))),
	};
}
