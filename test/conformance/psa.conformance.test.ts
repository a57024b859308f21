import type { IDataObject } from 'n8n-workflow';
import { Assignment, Client, Expense, Project, Resource, Task, TimeEntry } from '../../nodes/shared/canonical';
import { CANONICAL_READS, supports } from '../support/systems';
import { capabilityTests, errorPathTests, expectPaging, firm, holding, idList, poller, runOn, runOne, stored, storedRecord, triggerTests, unique, useConformance, withId, type ErrorPathSpec, type SandboxHandle, type SystemUnderTest } from './support';

/**
 * The PSA contract, run on every registered PSA system with the same inputs and the same canonical
 * outcomes, asserted on the fake's stored records: clients, projects, tasks, time (booked, changed,
 * marked invoiced once per reference), assignments, expenses, people, the trigger's polls, the
 * error paths and the capabilities. Ids a booking needs (a task of the project, a person on it)
 * are read through the node first.
 */
const { sandbox, rows } = useConformance('psa');

const json = { inputMode: 'json', record: '={{ $json.record }}' };
const create = (resource: string) => ({ resource, operation: 'create', ...json });

/** Where time can be booked: an active project of the seeded firm, one of its tasks and one of its people. */
async function booking(system: SystemUnderTest): Promise<{ project: Project; taskId: string; resourceId: string }> {
	const projects = (await runOn(system, { resource: 'project', operation: 'list', returnAll: true, filters: { active: true } })).map((record) => Project.parse(record));
	for (const project of projects) {
		const [task] = await runOn(system, { resource: 'task', operation: 'list', returnAll: false, limit: 1, filters: { projectId: project.id } });
		const [person] = await runOn(system, { resource: 'assignment', operation: 'list', returnAll: false, limit: 1, filters: { projectId: project.id, include: 'people' } });
		if (task && person?.resourceId) return { project, taskId: String(task.id), resourceId: String(person.resourceId) };
	}
	throw new Error(`${system.displayName} has no active project with a task and a person`);
}

/** A day in a period no seeded time is in, so what is marked there is only what the test booked. */
const QUIET_PERIOD = { from: '2027-06-01', to: '2027-06-30' };

async function bookTime(system: SystemUnderTest, date = '2027-06-14', notes = unique('Conformance time')): Promise<TimeEntry> {
	const { project, taskId, resourceId } = await booking(system);
	return TimeEntry.parse(await runOne(system, create('timeEntry'), { record: { date, hours: 2.5, projectId: project.id, taskId, resourceId, notes } }));
}

/** Every stored record the time of a project can leave behind: its invoices, time and expenses. */
const billingState = (handle: SandboxHandle, system: SystemUnderTest): string => JSON.stringify(['invoice', 'timeEntry', 'expense'].map((entity) => stored(handle, system, entity as 'invoice')));

const errorPaths: ErrorPathSpec = {
	read: CANONICAL_READS.psa,
	get: { parameters: { resource: 'client', operation: 'get' }, entity: 'client', id: (id) => ({ clientId: id }) },
	badInput: async () => ({
		parameters: create('client'),
		items: [{ record: { name: unique('Conformance Good A') } }, { record: { currency: 'EUR' } }, { record: { name: unique('Conformance Good B') } }],
		field: 'name',
	}),
};

describe.each(rows)('%s', (_name, system: SystemUnderTest) => {
	const name = system.displayName;

	describe('clients', () => {
		test(`${name}: client list pages, filters active, and lists the seeded firm's clients`, async () => {
			const all = await expectPaging(system, { resource: 'client', operation: 'list' });
			expect(all.map((record) => String(record.name))).toEqual(expect.arrayContaining(firm.clients.map((client) => client.name)));
			for (const record of all) expect(withId(stored(sandbox, system, 'client'), record.id)).toHaveLength(1);
			const active = (await runOn(system, { resource: 'client', operation: 'list', returnAll: true, filters: { active: true } })).map((record) => Client.parse(record));
			expect(active.length).toBeGreaterThan(0);
			expect(active.every((client) => client.isActive)).toBe(true);
		});

		test(`${name}: client get returns the stored client`, async () => {
			const [listed] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1 });
			const got = Client.parse(await runOne(system, { resource: 'client', operation: 'get', clientId: String(listed.id) }));
			expect({ id: got.id, name: got.name }).toEqual({ id: String(listed.id), name: listed.name });
			expect(holding([storedRecord(sandbox, system, 'client', got.id)], got.name)).toHaveLength(1);
		});

		test(`${name}: client create stores the client with its name`, async () => {
			const clientName = unique('Conformance Client');
			const created = Client.parse(await runOne(system, create('client'), { record: { name: clientName } }));
			expect(created.name).toBe(clientName);
			expect(holding([storedRecord(sandbox, system, 'client', created.id)], clientName)).toHaveLength(1);
		});

		test(`${name}: client update changes the stored client`, async () => {
			const [listed] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1 });
			const renamed = unique(`${String(listed.name)} Renamed`);
			const updated = Client.parse(await runOne(system, { resource: 'client', operation: 'update', clientId: String(listed.id), ...json }, { record: { name: renamed } }));
			expect({ id: updated.id, name: updated.name }).toEqual({ id: String(listed.id), name: renamed });
			expect(holding([storedRecord(sandbox, system, 'client', listed.id)], renamed)).toHaveLength(1);
			expect(Client.parse(await runOne(system, { resource: 'client', operation: 'get', clientId: String(listed.id) })).name).toBe(renamed);
		});
	});

	describe('projects', () => {
		test(`${name}: project list pages, filters by client, and lists the seeded firm's projects`, async () => {
			const all = (await expectPaging(system, { resource: 'project', operation: 'list' })).map((record) => Project.parse(record));
			expect(all.map((project) => project.name)).toEqual(expect.arrayContaining(firm.projects.map((project) => project.name)));
			const clientId = String(all[0].clientId);
			const ofClient = (await runOn(system, { resource: 'project', operation: 'list', returnAll: true, filters: { clientId } })).map((record) => Project.parse(record));
			expect(ofClient.map((project) => project.id)).toContain(all[0].id);
			expect(ofClient.every((project) => project.clientId === clientId)).toBe(true);
		});

		test(`${name}: project get returns the stored project`, async () => {
			const { project } = await booking(system);
			const got = Project.parse(await runOne(system, { resource: 'project', operation: 'get', projectId: project.id }));
			expect({ id: got.id, name: got.name, clientId: got.clientId }).toEqual({ id: project.id, name: project.name, clientId: project.clientId });
			expect(holding([storedRecord(sandbox, system, 'project', got.id)], got.name)).toHaveLength(1);
		});

		test(`${name}: project create stores the project for its client`, async () => {
			const [client] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1, filters: { active: true } });
			const projectName = unique('Conformance Project');
			const created = Project.parse(await runOne(system, create('project'), { record: { name: projectName, clientId: String(client.id), billingModel: 'time_and_materials', startDate: '2027-01-04' } }));
			expect({ name: created.name, clientId: created.clientId, billingModel: created.billingModel }).toEqual({ name: projectName, clientId: String(client.id), billingModel: 'time_and_materials' });
			expect(holding([storedRecord(sandbox, system, 'project', created.id)], projectName)).toHaveLength(1);
		});

		test(`${name}: project update changes the stored project`, async () => {
			const { project } = await booking(system);
			const notes = unique('Kick-off moved');
			expect(Project.parse(await runOne(system, { resource: 'project', operation: 'update', projectId: project.id, ...json }, { record: { notes } })).notes).toBe(notes);
			expect(holding([storedRecord(sandbox, system, 'project', project.id)], notes)).toHaveLength(1);
			expect(Project.parse(await runOne(system, { resource: 'project', operation: 'get', projectId: project.id })).notes).toBe(notes);
		});
	});

	describe('tasks', () => {
		test(`${name}: task list of a project, with the project's tasks`, async () => {
			const { project, taskId } = await booking(system);
			const ofProject = (await runOn(system, { resource: 'task', operation: 'list', returnAll: true, filters: { projectId: project.id } })).map((record) => Task.parse(record));
			expect(ofProject.map((task) => task.id)).toContain(taskId);
			expect(ofProject.every((task) => task.projectId === undefined || task.projectId === project.id)).toBe(true);
			await expectPaging(system, { resource: 'task', operation: 'list' }, 2);
		});

		test(`${name}: task get returns the stored task`, async () => {
			const { taskId } = await booking(system);
			const got = Task.parse(await runOne(system, { resource: 'task', operation: 'get', taskId }));
			expect(got.id).toBe(taskId);
			expect(holding([storedRecord(sandbox, system, 'task', taskId)], got.name)).toHaveLength(1);
		});

		test(`${name}: task create stores the task, on the project given`, async () => {
			const { project } = await booking(system);
			const taskName = unique('Conformance Task');
			const created = Task.parse(await runOne(system, create('task'), { record: { name: taskName, billable: true, projectId: project.id } }));
			expect(created.name).toBe(taskName);
			expect(holding([storedRecord(sandbox, system, 'task', created.id)], taskName)).toHaveLength(1);
			expect(idList(await runOn(system, { resource: 'task', operation: 'list', returnAll: true, filters: { projectId: project.id } }))).toContain(created.id);
		});
	});

	describe('time entries', () => {
		test(`${name}: time entry list pages, and filters by project and dates`, async () => {
			const all = await expectPaging(system, { resource: 'timeEntry', operation: 'list' });
			const sample = TimeEntry.parse(all[0]);
			const filtered = (await runOn(system, { resource: 'timeEntry', operation: 'list', returnAll: true, filters: { projectId: sample.projectId, from: sample.date, to: sample.date } })).map((record) => TimeEntry.parse(record));
			expect(filtered.map((entry) => entry.id)).toContain(sample.id);
			expect(filtered.every((entry) => entry.projectId === sample.projectId && entry.date === sample.date)).toBe(true);
		});

		test(`${name}: time entry create books time on a task of the project`, async () => {
			const notes = unique('Conformance time');
			const created = await bookTime(system, '2027-06-15', notes);
			expect({ date: created.date, hours: created.hours, notes: created.notes }).toEqual({ date: '2027-06-15', hours: 2.5, notes });
			expect(holding([storedRecord(sandbox, system, 'timeEntry', created.id)], notes)).toHaveLength(1);
		});

		test(`${name}: time entry get returns the stored entry`, async () => {
			const created = await bookTime(system);
			const got = TimeEntry.parse(await runOne(system, { resource: 'timeEntry', operation: 'get', timeEntryId: created.id }));
			expect({ id: got.id, projectId: got.projectId, taskId: got.taskId, resourceId: got.resourceId, hours: got.hours }).toEqual({ id: created.id, projectId: created.projectId, taskId: created.taskId, resourceId: created.resourceId, hours: 2.5 });
			expect(holding([storedRecord(sandbox, system, 'timeEntry', got.id)], String(got.notes))).toHaveLength(1);
		});

		test(`${name}: time entry update changes the stored entry`, async () => {
			const created = await bookTime(system);
			// Hours are stored in the vendor's own unit (hours, minutes): the stored record changes, and reads back as 3.25 hours.
			const before = JSON.stringify(storedRecord(sandbox, system, 'timeEntry', created.id));
			const updated = TimeEntry.parse(await runOne(system, { resource: 'timeEntry', operation: 'update', timeEntryId: created.id, ...json }, { record: { hours: 3.25 } }));
			expect(updated.hours).toBe(3.25);
			expect(JSON.stringify(storedRecord(sandbox, system, 'timeEntry', created.id))).not.toBe(before);
			expect(TimeEntry.parse(await runOne(system, { resource: 'timeEntry', operation: 'get', timeEntryId: created.id })).hours).toBe(3.25);
		});

		if (supports(system, 'timeEntry', 'markInvoiced')) {
			test(`${name}: time entry markInvoiced marks a period once; a second run marks nothing and writes nothing`, async () => {
				const entry = await bookTime(system);
				const reference = unique('CONF-INV').replace(/\s/g, '-');
				const mark = { resource: 'timeEntry', operation: 'markInvoiced', projectId: entry.projectId, ...QUIET_PERIOD, reference, additionalFields: {} };
				const first = await runOne(system, mark);
				expect(first).toMatchObject({ projectId: entry.projectId, reference, marked: true });
				const after = TimeEntry.parse(await runOne(system, { resource: 'timeEntry', operation: 'get', timeEntryId: entry.id }));
				expect(after.invoiced === true || after.invoiceId !== undefined).toBe(true);
				const unbilled = await runOn(system, { resource: 'timeEntry', operation: 'list', returnAll: true, filters: { projectId: entry.projectId, ...QUIET_PERIOD, invoiced: false } });
				expect(idList(unbilled)).not.toContain(entry.id);
				const before = billingState(sandbox, system);
				const second = await runOne(system, mark);
				expect(second).toMatchObject({ projectId: entry.projectId, reference, marked: false });
				expect(billingState(sandbox, system)).toBe(before);
			});
		}
	});

	describe('assignments', () => {
		test(`${name}: assignment list pages, and a project's list names its people`, async () => {
			const all = await expectPaging(system, { resource: 'assignment', operation: 'list' });
			for (const record of all) expect(withId(stored(sandbox, system, 'assignment'), record.id)).toHaveLength(1);
			const { project, resourceId } = await booking(system);
			const people = (await runOn(system, { resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: project.id, include: 'people' } })).map((record) => Assignment.parse(record));
			expect(people.map((assignment) => assignment.resourceId)).toContain(resourceId);
			expect(people.every((assignment) => assignment.projectId === project.id)).toBe(true);
			for (const assignment of people) expect(withId(stored(sandbox, system, 'assignment'), assignment.id)).toHaveLength(1);
		});

		test(`${name}: assignment createPerson puts a person on a project`, async () => {
			const { project } = await booking(system);
			const onProject = (await runOn(system, { resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: project.id, include: 'people' } })).map((record) => String(record.resourceId));
			const people = (await runOn(system, { resource: 'person', operation: 'list', returnAll: true, filters: { active: true } })).map((record) => Resource.parse(record));
			const newcomer = people.find((person) => !onProject.includes(String(person.id)))!;
			const created = Assignment.parse(await runOne(system, { resource: 'assignment', operation: 'createPerson', ...json }, { record: { projectId: project.id, resourceId: newcomer.id, isProjectManager: false } }));
			expect({ projectId: created.projectId, resourceId: created.resourceId }).toEqual({ projectId: project.id, resourceId: newcomer.id });
			expect(withId(stored(sandbox, system, 'assignment'), created.id)).toHaveLength(1);
			const listed = await runOn(system, { resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: project.id, include: 'people' } });
			expect(listed.map((record) => record.resourceId)).toContain(newcomer.id);
		});

		if (supports(system, 'assignment', 'createTask')) {
			test(`${name}: assignment createTask adds a task to a project`, async () => {
				const { project } = await booking(system);
				const task = Task.parse(await runOne(system, create('task'), { record: { name: unique('Conformance Task') } }));
				const created = Assignment.parse(await runOne(system, { resource: 'assignment', operation: 'createTask', ...json }, { record: { projectId: project.id, taskId: task.id, billable: true } }));
				expect({ projectId: created.projectId, taskId: created.taskId }).toEqual({ projectId: project.id, taskId: task.id });
				expect(withId(stored(sandbox, system, 'assignment'), created.id)).toHaveLength(1);
				expect(idList(await runOn(system, { resource: 'task', operation: 'list', returnAll: true, filters: { projectId: project.id } }))).toContain(task.id);
			});
		}
	});

	if (supports(system, 'expense', 'create')) {
		describe('expenses', () => {
			test(`${name}: expense list pages`, async () => {
				const all = await expectPaging(system, { resource: 'expense', operation: 'list' });
				for (const record of all) expect(withId(stored(sandbox, system, 'expense'), record.id)).toHaveLength(1);
			});

			test(`${name}: expense get returns the stored expense`, async () => {
				const [listed] = (await runOn(system, { resource: 'expense', operation: 'list', returnAll: false, limit: 1 })).map((record) => Expense.parse(record));
				const got = Expense.parse(await runOne(system, { resource: 'expense', operation: 'get', expenseId: listed.id }));
				expect({ id: got.id, amount: got.amount, projectId: got.projectId }).toEqual({ id: listed.id, amount: listed.amount, projectId: listed.projectId });
				expect(withId(stored(sandbox, system, 'expense'), got.id)).toHaveLength(1);
			});

			test(`${name}: expense create records an expense on a project`, async () => {
				// Booked like a seeded one: same project, person, category and currency.
				const [like] = (await runOn(system, { resource: 'expense', operation: 'list', returnAll: false, limit: 1 })).map((record) => Expense.parse(record));
				const notes = unique('Conformance taxi');
				const record = { date: '2027-06-16', amount: { amountMinor: 4250, currency: like.amount.currency }, projectId: like.projectId, resourceId: like.resourceId, category: like.category, notes };
				const created = Expense.parse(await runOne(system, create('expense'), { record }));
				expect({ projectId: created.projectId, notes: created.notes, amount: created.amount }).toEqual({ projectId: like.projectId, notes, amount: record.amount });
				expect(holding([storedRecord(sandbox, system, 'expense', created.id)], notes)).toHaveLength(1);
			});
		});
	}

	describe('people', () => {
		test(`${name}: person list pages, filters active and by e-mail, and lists the seeded firm's people`, async () => {
			const all = (await expectPaging(system, { resource: 'person', operation: 'list' })).map((record) => Resource.parse(record));
			const emails = all.map((person) => String(person.email).toLowerCase());
			expect(emails).toEqual(expect.arrayContaining(firm.people.filter((person) => !person.terminationDate).map((person) => person.email.toLowerCase())));
			const active = (await runOn(system, { resource: 'person', operation: 'list', returnAll: true, filters: { active: true } })).map((record) => Resource.parse(record));
			expect(active.length).toBeGreaterThan(0);
			expect(active.every((person) => person.employmentStatus !== 'terminated')).toBe(true);
			const wanted = firm.people[1].email;
			const byEmail = await runOn(system, { resource: 'person', operation: 'list', returnAll: true, filters: { email: wanted.toUpperCase() } });
			expect(byEmail.map((record) => String(record.email).toLowerCase())).toEqual([wanted.toLowerCase()]);
		});

		test(`${name}: person get returns the stored person`, async () => {
			const [listed] = await runOn(system, { resource: 'person', operation: 'list', returnAll: false, limit: 1 });
			const got = Resource.parse(await runOne(system, { resource: 'person', operation: 'get', personId: String(listed.id) }));
			expect({ id: got.id, email: got.email }).toEqual({ id: String(listed.id), email: listed.email });
			expect(holding([storedRecord(sandbox, system, 'resource', got.id)], String(got.email))).toHaveLength(1);
		});
	});

	describe('trigger', () => {
		triggerTests(system);

		test(`${name}: trigger projectChanged emits a project created between polls, once`, async () => {
			const [client] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1, filters: { active: true } });
			const trigger = poller(system, 'projectChanged');
			expect(await trigger.poll()).toEqual([]);
			const created: IDataObject = await runOne(system, create('project'), { record: { name: unique('Conformance Polled'), clientId: String(client.id), billingModel: 'time_and_materials' } });
			expect(idList(await trigger.poll()).filter((id) => id === String(created.id))).toHaveLength(1);
			expect(idList(await trigger.poll())).not.toContain(String(created.id));
		});
	});

	describe('errors', () => errorPathTests(sandbox, system, errorPaths));
	describe('capabilities', () => capabilityTests(sandbox, system));
});
