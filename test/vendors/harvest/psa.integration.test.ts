import type { IDataObject } from 'n8n-workflow';
import { Psa } from '../../../nodes/Psa/Psa.node';
import { Assignment, Client, Expense, Project, Task, TimeEntry } from '../../../nodes/shared/canonical';
import { byId, credentials, psa, useHarvest } from './support';
import { json, run } from '../../integration/support';

const node = new Psa();
const harvest = useHarvest();
const { state, counts, requests } = harvest;

const pairedItems = (items: Array<{ pairedItem?: unknown }>) => items.map((item) => (item.pairedItem as { item: number }).item);

describe('Harvest clients', () => {
	it('lists clients with a limit: one request for one page of that size', async () => {
		const items = await run(node, psa({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'harvest', entity: 'client' });
		}
		const [request] = await requests();
		expect(request.query.per_page).toEqual(['5']);
		expect(request.headers['user-agent']).toBe('Project-to-Cash for n8n (ops@meridian-advisory.example)');
		expect(request.headers['harvest-account-id']).toBe('1234567');
	});

	it('returns all active clients and gets one by id', async () => {
		const all = await run(node, psa({ resource: 'client', operation: 'list', returnAll: true, filters: { active: true } }), { credentials });
		const clients = (await state()).clients;
		expect(all).toHaveLength(clients.filter((client) => client.is_active).length);
		const [item] = await run(node, psa({ resource: 'client', operation: 'get', clientId: String(clients[3].id) }), { credentials });
		expect(item.json).toMatchObject({ id: String(clients[3].id), name: clients[3].name, currency: clients[3].currency });
	});

	it('creates clients and updates one, as the sandbox then holds them', async () => {
		const created = await run(node, psa({ resource: 'client', operation: 'create', inputMode: 'fields', name: '={{ $json.name }}', fields: { currency: '={{ $json.currency }}' } }), {
			credentials,
			items: [{ name: 'Acme Advisory', currency: 'GBP' }, { name: 'Globex Partners', currency: 'USD' }],
		});
		expect(json(created).map((item) => item.name)).toEqual(['Acme Advisory', 'Globex Partners']);
		expect(pairedItems(created)).toEqual([0, 1]);
		const acme = (await state()).clients.find((client) => client.name === 'Acme Advisory')!;
		expect(acme.currency).toBe('GBP');
		await run(node, psa({ resource: 'client', operation: 'update', clientId: String(acme.id), inputMode: 'fields', fields: { billingAddressLine1: '1 High St', billingAddressCity: 'Leeds' } }), { credentials });
		expect((await state()).clients.find((client) => client.id === acme.id)!.address).toBe('1 High St\nLeeds');
	});
});

describe('Harvest projects', () => {
	it('creates a time-and-materials project from a canonical record: rate, hours budget, dates, code, references', async () => {
		const eurClient = (await state()).clients.find((client) => client.currency === 'EUR')!;
		const record = {
			name: 'Pricing study', code: 'PRJ-9001', clientId: String(eurClient.id), billingModel: 'time_and_materials',
			hourlyRate: { amount: '185.50', currency: 'EUR' }, budgetHours: 320, startDate: '2026-11-02', endDate: '2027-02-26',
			externalRefs: { hubspot: '4411', key: 'opp-4411/proj' },
		};
		const [item] = await run(node, psa({ resource: 'project', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: [record] });
		expect(Project.parse(item.json)).toMatchObject({ billingModel: 'time_and_materials', hourlyRate: { amountMinor: 18550, currency: 'EUR' }, externalRefs: { hubspot: '4411', key: 'opp-4411/proj' } });
		const stored = (await state()).projects.find((project) => project.name === 'Pricing study')!;
		expect(stored).toMatchObject({
			client_id: eurClient.id, code: 'PRJ-9001', is_billable: true, is_fixed_fee: false, bill_by: 'Project', hourly_rate: 185.5,
			budget_by: 'project', budget: 320, starts_on: '2026-11-02', ends_on: '2027-02-26', notes: '[p2c] hubspot=4411 key=opp-4411%2Fproj',
		});
	});

	it('creates a fixed-fee project from the field editor: fee and money budget', async () => {
		const eurClient = (await state()).clients.find((client) => client.currency === 'EUR')!;
		const [item] = await run(node, psa({
			resource: 'project', operation: 'create', inputMode: 'fields', name: 'ERP selection', clientId: byId(eurClient.id),
			fields: { billingModel: 'fixed_fee', fixedFee: '48000.00 EUR', budgetAmount: '40000.00 EUR' },
		}), { credentials });
		expect(item.json).toMatchObject({ billingModel: 'fixed_fee', fixedFee: { amountMinor: 4800000, currency: 'EUR' } });
		expect((await state()).projects.find((project) => project.name === 'ERP selection')).toMatchObject({ is_fixed_fee: true, fee: 48000, budget_by: 'project_cost', cost_budget: 40000 });
	});

	it('refuses money in another currency than the client\'s, before calling Harvest', async () => {
		const usdClient = (await state()).clients.find((client) => client.currency === 'USD')!;
		await expect(
			run(node, psa({ resource: 'project', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
				credentials,
				items: [{ name: 'Wrong money', clientId: String(usdClient.id), billingModel: 'time_and_materials', hourlyRate: { amount: '100', currency: 'EUR' } }],
			}),
		).rejects.toThrow(/Project "Wrong money": hourlyRate.currency is EUR, but Harvest keeps this client's amounts in USD/);
		expect((await counts())['harvest POST /v2/projects']).toBeUndefined();
	});

	it('lists projects of one client, gets one, and completes one', async () => {
		const before = await state();
		const clientId = before.projects[0].client_id;
		const items = await run(node, psa({ resource: 'project', operation: 'list', returnAll: true, filters: { clientId: byId(clientId) } }), { credentials });
		expect(items).toHaveLength(before.projects.filter((project) => project.client_id === clientId).length);
		expect(json(items).every((item) => item.clientId === String(clientId))).toBe(true);
		const target = before.projects.find((project) => project.is_active)!;
		const [got] = await run(node, psa({ resource: 'project', operation: 'get', projectId: String(target.id) }), { credentials });
		expect(got.json).toMatchObject({ id: String(target.id), name: target.name, code: target.code });
		await run(node, psa({ resource: 'project', operation: 'update', projectId: String(target.id), inputMode: 'fields', fields: { status: 'completed', budgetHours: 999 } }), { credentials });
		expect((await state()).projects.find((project) => project.id === target.id)).toMatchObject({ is_active: false, budget_by: 'project', budget: 999, name: target.name });
	});
});

describe('Harvest tasks and assignments', () => {
	it('lists all tasks, and the tasks of one project with its billable flags', async () => {
		const before = await state();
		const all = await run(node, psa({ resource: 'task', operation: 'list', returnAll: true }), { credentials });
		expect(all).toHaveLength(before.tasks.length);
		const projectId = before.projects[0].id;
		const ofProject = await run(node, psa({ resource: 'task', operation: 'list', returnAll: true, filters: { projectId: byId(projectId) } }), { credentials });
		const assigned = before.taskAssignments.filter((assignment) => assignment.project_id === projectId);
		expect(ofProject).toHaveLength(assigned.length);
		for (const task of json(ofProject).map((item) => Task.parse(item))) {
			expect(task.projectId).toBe(String(projectId));
			expect(task.billable).toBe(assigned.find((assignment) => String(assignment.task_id) === task.id)!.billable);
		}
		const [one] = await run(node, psa({ resource: 'task', operation: 'get', taskId: String(before.tasks[0].id) }), { credentials });
		expect(one.json.name).toBe(before.tasks[0].name);
	});

	it('creates a task and adds it to a project', async () => {
		const project = (await state()).projects.find((candidate) => candidate.is_active)!;
		const [item] = await run(node, psa({ resource: 'task', operation: 'create', inputMode: 'fields', name: 'Data migration', fields: { projectId: byId(project.id), billable: true } }), { credentials });
		const after = await state();
		const task = after.tasks.find((candidate) => candidate.name === 'Data migration')!;
		expect(after.taskAssignments.find((assignment) => assignment.task_id === task.id)).toMatchObject({ project_id: project.id, billable: true });
		expect(item.json).toMatchObject({ id: String(task.id), projectId: String(project.id), billable: true });
	});

	it('lists the people on a project, then people and tasks', async () => {
		const before = await state();
		const projectId = before.projects[1].id;
		const people = await run(node, psa({ resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: byId(projectId) } }), { credentials });
		expect(json(people).map((item) => item.resourceId).sort()).toEqual(before.userAssignments.filter((a) => a.project_id === projectId).map((a) => String(a.user_id)).sort());
		const both = await run(node, psa({ resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: byId(projectId), include: 'both' } }), { credentials });
		expect(both).toHaveLength(people.length + before.taskAssignments.filter((a) => a.project_id === projectId).length);
		expect(json(both).every((item) => Assignment.safeParse(item).success)).toBe(true);
	});

	it('assigns a person with a bill rate as project manager, and assigns a task', async () => {
		const before = await state();
		const project = before.projects.find((candidate) => candidate.is_active)!;
		const currency = before.clients.find((client) => client.id === project.client_id)!.currency;
		const outsider = before.users.find((user) => !before.userAssignments.some((a) => a.project_id === project.id && a.user_id === user.id))!;
		const [person] = await run(node, psa({
			resource: 'assignment', operation: 'createPerson', inputMode: 'fields', projectId: byId(project.id), resourceId: byId(outsider.id),
			fields: { billRate: `210.00 ${currency}`, isProjectManager: true },
		}), { credentials });
		expect(person.json).toMatchObject({ projectId: String(project.id), resourceId: String(outsider.id), isProjectManager: true, billRate: { amountMinor: 21000, currency } });
		const newTask = (await run(node, psa({ resource: 'task', operation: 'create', inputMode: 'fields', name: 'Workshops', fields: {} }), { credentials }))[0].json;
		await run(node, psa({ resource: 'assignment', operation: 'createTask', inputMode: 'fields', projectId: byId(project.id), taskId: byId(String(newTask.id)), fields: {} }), { credentials });
		const after = await state();
		expect(after.userAssignments.find((a) => a.project_id === project.id && a.user_id === outsider.id)).toMatchObject({ is_project_manager: true, use_default_rates: false, hourly_rate: 210 });
		expect(after.taskAssignments.find((a) => a.project_id === project.id && a.task_id === Number(newTask.id))).toMatchObject({ billable: true });
	});
});

describe('Harvest time entries', () => {
	it('lists time by project, person and date range', async () => {
		const entries = (await state()).timeEntries;
		const sample = entries[10];
		const filters = { projectId: byId(sample.project_id), resourceId: byId(sample.user_id), from: '2026-07-01', to: '2026-09-30' };
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true, filters }), { credentials });
		const expected = entries.filter((e) => e.project_id === sample.project_id && e.user_id === sample.user_id && e.spent_date >= '2026-07-01' && e.spent_date <= '2026-09-30');
		expect(expected.length).toBeGreaterThan(0);
		expect(json(items).map((item) => Number(item.id)).sort()).toEqual(expected.map((e) => e.id).sort());
		expect(json(items).every((item) => TimeEntry.safeParse(item).success)).toBe(true);
	});

	it('lists approved, unbilled, billable time: the ready-to-invoice set', async () => {
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true, filters: { approved: true, invoiced: false, billable: true } }), { credentials });
		const expected = (await state()).timeEntries.filter((e) => e.is_closed && !e.is_billed && e.billable);
		expect(expected.length).toBeGreaterThan(0);
		expect(items).toHaveLength(expected.length);
		expect(json(items).every((item) => item.approvalStatus === 'approved' && item.invoiced === false && item.billable === true)).toBe(true);
		// Billed state is filtered by Harvest, approval and billable by the connector.
		expect((await requests())[0].query.is_billed).toEqual(['false']);
	});

	it('returns all time entries across pages of 2000, following links.next', async () => {
		harvest.sandbox.sandbox.reset({ scale: 4 });
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true }), { credentials });
		expect(items).toHaveLength((await state()).timeEntries.length);
		expect(new Set(json(items).map((item) => item.id)).size).toBe(items.length);
		const pages = (await requests()).filter((request) => request.route === '/v2/time_entries');
		expect(pages.map((request) => request.query.page?.[0])).toEqual([undefined, '2']);
	});

	it('gets a billed entry with its invoice, books new time, and corrects it', async () => {
		const before = await state();
		const billed = before.timeEntries.find((entry) => entry.is_billed)!;
		const [got] = await run(node, psa({ resource: 'timeEntry', operation: 'get', timeEntryId: String(billed.id) }), { credentials });
		expect(got.json).toMatchObject({ invoiced: true, invoiceId: String(billed.invoice!.id), approvalStatus: 'approved' });

		const assignment = before.userAssignments.find((a) => before.projects.find((p) => p.id === a.project_id)?.is_active)!;
		const task = before.taskAssignments.find((a) => a.project_id === assignment.project_id && a.billable)!;
		const [created] = await run(node, psa({
			resource: 'timeEntry', operation: 'create', inputMode: 'fields', date: '2026-10-05', hours: 2.5, projectId: byId(assignment.project_id),
			taskId: byId(task.task_id), fields: { resourceId: byId(assignment.user_id), notes: 'Steering committee' },
		}), { credentials });
		expect(created.json).toMatchObject({ hours: 2.5, billable: true, approvalStatus: 'draft', invoiced: false, resourceId: String(assignment.user_id) });
		await run(node, psa({ resource: 'timeEntry', operation: 'update', timeEntryId: String(created.json.id), inputMode: 'fields', fields: { hours: 3 } }), { credentials });
		expect((await state()).timeEntries.find((entry) => entry.id === Number(created.json.id))).toMatchObject({ hours: 3, notes: 'Steering committee', spent_date: '2026-10-05', is_closed: false });
	});

	it('cannot change locked (approved) time: Harvest says why, the item keeps the error', async () => {
		const locked = (await state()).timeEntries.find((entry) => entry.is_locked)!;
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'update', timeEntryId: String(locked.id), inputMode: 'fields', fields: { hours: 1 } }), { credentials, continueOnFail: true });
		expect(items[0].json.error).toMatch(/Harvest: This time entry is locked and can't be edited: Item .*Approved/);
		expect((items[0].json.errorDetails as IDataObject).httpCode).toBe('422');
		expect((await state()).timeEntries.find((entry) => entry.id === locked.id)!.hours).toBe(locked.hours);
	});
});

describe('Harvest expenses', () => {
	it('lists unbilled expenses of a project, gets one, and records a new one by category name', async () => {
		const before = await state();
		const projectId = before.expenses[0].project_id;
		const items = await run(node, psa({ resource: 'expense', operation: 'list', returnAll: true, filters: { projectId: byId(projectId), invoiced: false } }), { credentials });
		expect(items.length).toBeGreaterThan(0);
		expect(items).toHaveLength(before.expenses.filter((e) => e.project_id === projectId && !e.is_billed).length);
		expect(json(items).every((item) => Expense.safeParse(item).success && item.invoiced === false)).toBe(true);
		const [got] = await run(node, psa({ resource: 'expense', operation: 'get', expenseId: String(before.expenses[0].id) }), { credentials });
		expect((got.json.amount as IDataObject).amountMinor).toBe(Math.round(before.expenses[0].total_cost * 100));

		const project = before.projects.find((p) => p.id === projectId)!;
		const currency = before.clients.find((client) => client.id === project.client_id)!.currency;
		const [created] = await run(node, psa({
			resource: 'expense', operation: 'create', inputMode: 'fields', date: '2026-10-02', amount: `84.50 ${currency}`, projectId: byId(projectId), category: 'travel',
			fields: { notes: 'Train to client site', resourceId: byId(before.userAssignments.find((a) => a.project_id === projectId)!.user_id) },
		}), { credentials });
		expect(created.json).toMatchObject({ category: 'Travel', billable: true, amount: { amountMinor: 8450, currency } });
		const travel = before.expenseCategories.find((category) => category.name === 'Travel')!;
		expect((await state()).expenses.find((e) => e.id === Number(created.json.id))).toMatchObject({ total_cost: 84.5, expense_category_id: travel.id, notes: 'Train to client site' });
	});
});
