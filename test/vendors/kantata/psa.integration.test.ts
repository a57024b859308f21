import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Psa } from '../../../nodes/Psa/Psa.node';
import { PsaTrigger } from '../../../nodes/Psa/PsaTrigger.node';
import { Assignment, Client, Expense, Project, Task, TimeEntry } from '../../../nodes/shared/canonical';
import type { LoggedRequest } from '../../../sandbox/server';
import { KANTATA_ACCESS_TOKEN, KANTATA_OAUTH_CLIENT, KANTATA_OAUTH_TOKEN, type KantataFake } from '../../../sandbox/vendors/kantata';
import type { KantataTables } from '../../../sandbox/vendors/kantata/store';
import { runPoll, testCredential } from '../../harness/n8n';
import { json, run, useCredential, useSandbox } from '../../integration/support';

/** The PSA node's operations on Kantata over HTTP against the sandbox's fake, asserting what the fake then holds. */
type KantataState = { [K in keyof KantataTables]: Array<KantataTables[K] extends Map<string, infer R> ? R : never> };

const node = new Psa();
const trigger = new PsaTrigger();
const sandbox = useSandbox();
const credentials = { p2cKantataAccessTokenApi: 'kantata-token' };
const apiBase = () => `${sandbox.sandbox.url}/kantata/api/v1`;
beforeEach(() => {
	useCredential('kantata-token', 'p2cKantataAccessTokenApi', { accessToken: KANTATA_ACCESS_TOKEN, baseUrl: apiBase() });
});

const psa = (parameters: INodeParameters): INodeParameters => ({ system: 'kantata', kantataAuthentication: 'accessToken', ...parameters });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const record = { inputMode: 'json', record: '={{ $json }}' };
const state = async () => await sandbox.admin<KantataState>('GET', '/state/kantata');
const requests = async () => (await sandbox.admin<{ requests: LoggedRequest[] }>('GET', '/requests?vendor=kantata')).requests;
const writes = async () => (await requests()).filter((request) => request.method !== 'GET');
const fake = () => sandbox.sandbox.vendors.get('kantata') as KantataFake;
const activeProject = (s: KantataState) => s.workspaces.find((workspace) => !workspace.archived)!;

describe('Kantata clients: company workspace groups', () => {
	it('lists clients one page of the limit\'s size, as the bearer of the token, companies only', async () => {
		const items = await run(node, psa({ resource: 'client', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		expect(json(items).every((item) => Client.safeParse(item).success && (item._meta as IDataObject).system === 'kantata')).toBe(true);
		const [request] = await requests();
		expect({ path: request.path, perPage: request.query.per_page }).toEqual({ path: '/api/v1/workspace_groups.json', perPage: ['5'] });
		expect(request.headers.authorization).toBeUndefined(); // the log keeps no credentials
		const all = await run(node, psa({ resource: 'client', operation: 'list', returnAll: true, filters: { active: true } }), { credentials });
		const groups = (await state()).workspaceGroups;
		expect(all.map((item) => item.json.id).sort()).toEqual(groups.filter((group) => group.company).map((group) => group.id).sort());
		expect(groups.some((group) => !group.company)).toBe(true);
	});

	it('creates two clients in one request and updates one, as the fake then holds them', async () => {
		const created = await run(node, psa({ resource: 'client', operation: 'create', ...record }), { credentials, items: [{ name: 'Acme Advisory', currency: 'GBP' }, { name: 'Globex Partners', domain: 'globex.example' }] });
		expect(json(created).map((item) => item.name)).toEqual(['Acme Advisory', 'Globex Partners']);
		expect((await writes()).map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/v1/workspace_groups.json']);
		const acme = (await state()).workspaceGroups.find((group) => group.name === 'Acme Advisory')!;
		expect(acme.company).toBe(true);
		await run(node, psa({ resource: 'client', operation: 'update', clientId: acme.id, inputMode: 'fields', fields: { billingAddressLine1: '1 High St', billingAddressCity: 'Leeds' } }), { credentials });
		expect((await state()).workspaceGroups.find((group) => group.id === acme.id)).toMatchObject({ name: 'Acme Advisory', address: '1 High St\nLeeds', company: true });
	});
});

describe('Kantata projects: workspaces', () => {
	it('creates a time-and-materials project with a budget, its client group and references', async () => {
		const eurGroup = (await state()).workspaceGroups.find((group) => group.company)!;
		const input = { name: 'Pricing study', clientId: eurGroup.id, billingModel: 'retainer', budgetAmount: { amount: '48000.50', currency: 'EUR' }, startDate: '2026-11-02', endDate: '2027-02-26', externalRefs: { hubspot: '4411', key: 'opp-4411/proj' } };
		const [item] = await run(node, psa({ resource: 'project', operation: 'create', ...record }), { credentials, items: [input] });
		expect(Project.parse(item.json)).toMatchObject({ billingModel: 'retainer', budgetAmount: { amountMinor: 4800050, currency: 'EUR' }, clientId: eurGroup.id, externalRefs: { hubspot: '4411', key: 'opp-4411/proj' } });
		expect((await state()).workspaces.find((workspace) => workspace.title === 'Pricing study')).toMatchObject({
			price_in_cents: 4800050, currency: 'EUR', budgeted: true, stories_are_fixed_fee_by_default: false, workspace_group_ids: [eurGroup.id], primary_workspace_group_id: eurGroup.id,
			start_date: '2026-11-02', due_date: '2027-02-26', archived: false, description: '[p2c] hubspot=4411 key=opp-4411%2Fproj model=retainer',
		});
	});

	it('refuses what a workspace cannot keep before any request, each item with its error', async () => {
		const group = (await state()).workspaceGroups.find((candidate) => candidate.company)!;
		const items = await run(node, psa({ resource: 'project', operation: 'create', ...record }), {
			credentials,
			continueOnFail: true,
			items: [
				{ name: 'Hours', clientId: group.id, billingModel: 'time_and_materials', budgetHours: 320 },
				{ name: 'Rate', clientId: group.id, billingModel: 'time_and_materials', hourlyRate: { amount: '150', currency: 'USD' } },
			],
		});
		expect(items.map((entry) => String(entry.json.error))).toEqual([expect.stringMatching(/Project "Hours".*budgetHours cannot be kept/), expect.stringMatching(/Project "Rate".*hourlyRate cannot be kept/)]);
		expect(await writes()).toEqual([]);
	});

	it('lists the projects of a client through its group, and completes one', async () => {
		const before = await state();
		const project = activeProject(before);
		const clientId = project.primary_workspace_group_id!;
		const items = await run(node, psa({ resource: 'project', operation: 'list', returnAll: true, filters: { clientId: byId(clientId) } }), { credentials });
		expect(json(items).map((item) => item.id).sort()).toEqual(before.workspaces.filter((workspace) => workspace.workspace_group_ids.includes(clientId)).map((workspace) => workspace.id).sort());
		expect((await requests()).map((request) => request.query.include?.[0] ?? request.query.only?.[0]?.split(',').length)).toEqual(['workspaces', items.length]);
		await run(node, psa({ resource: 'project', operation: 'update', projectId: project.id, inputMode: 'fields', fields: { status: 'completed', notes: 'Closed out' } }), { credentials });
		expect((await state()).workspaces.find((workspace) => workspace.id === project.id)).toMatchObject({ archived: true, description: 'Closed out', title: project.title });
		const active = await run(node, psa({ resource: 'project', operation: 'list', returnAll: true, filters: { active: true } }), { credentials });
		expect(json(active).map((item) => item.id)).not.toContain(project.id);
	});

	it('refuses a budget in another currency than the project\'s', async () => {
		const project = activeProject(await state());
		const other = project.currency === 'USD' ? 'EUR' : 'USD';
		const [item] = await run(node, psa({ resource: 'project', operation: 'update', projectId: project.id, ...record }), { credentials, continueOnFail: true, items: [{ budgetAmount: { amount: '10', currency: other } }] });
		expect(String(item.json.error)).toContain(`budgetAmount.currency is ${other}, but Kantata keeps this project's amounts in ${project.currency}`);
		expect(await writes()).toEqual([]);
	});
});

describe('Kantata tasks and assignments: stories and participations', () => {
	it('lists a project\'s stories as its tasks, creates tasks inside a project, and refuses one without a project', async () => {
		const project = activeProject(await state());
		const tasks = await run(node, psa({ resource: 'task', operation: 'list', returnAll: true, filters: { projectId: byId(project.id) } }), { credentials });
		expect(json(tasks).map((item) => item.id).sort()).toEqual((await state()).stories.filter((story) => story.workspace_id === project.id).map((story) => story.id).sort());
		const made = await run(node, psa({ resource: 'task', operation: 'create', ...record }), { credentials, continueOnFail: true, items: [{ name: 'Data migration', projectId: project.id, billable: false }, { name: 'Nowhere' }] });
		expect(Task.parse(made[0].json)).toMatchObject({ name: 'Data migration', projectId: project.id, billable: false });
		expect(String(made[1].json.error)).toMatch(/Task "Nowhere".*projectId is required: every Kantata task \(story\) belongs to one project/);
		expect((await state()).stories.find((story) => story.title === 'Data migration')).toMatchObject({ workspace_id: project.id, story_type: 'task', billable: false });
		expect((await writes()).map((request) => request.path)).toEqual(['/api/v1/stories.json']);
	});

	it('lists the people on a project (its provider participations), then people and tasks', async () => {
		const before = await state();
		const project = activeProject(before);
		const people = await run(node, psa({ resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: byId(project.id) } }), { credentials });
		expect(json(people).map((item) => item.resourceId).sort()).toEqual(before.participations.filter((p) => p.workspace_id === project.id && p.role === 'maven').map((p) => p.user_id).sort());
		const both = await run(node, psa({ resource: 'assignment', operation: 'list', returnAll: true, filters: { projectId: byId(project.id), include: 'both' } }), { credentials });
		expect(both).toHaveLength(people.length + before.stories.filter((story) => story.workspace_id === project.id).length);
		expect(json(both).every((item) => Assignment.safeParse(item).success)).toBe(true);
		expect(json(both).filter((item) => item.taskId).every((item) => String(item.id) === `story:${String(item.taskId)}`)).toBe(true);
	});

	it('lists people across projects with each page of workspaces, participations included', async () => {
		const before = await state();
		const items = await run(node, psa({ resource: 'assignment', operation: 'list', returnAll: true }), { credentials });
		expect(items).toHaveLength(before.participations.filter((p) => p.role === 'maven').length);
		expect((await requests()).map((request) => `${request.path} ${request.query.include?.[0]}`)).toEqual(['/api/v1/workspaces.json participations']);
	});

	it('puts a person on a project as lead with a rate: created, then its rate and lead set', async () => {
		const before = await state();
		const project = activeProject(before);
		const outsider = before.users.find((user) => !user.disabled && !before.participations.some((p) => p.workspace_id === project.id && p.user_id === user.id))!;
		const [item] = await run(node, psa({
			resource: 'assignment', operation: 'createPerson', inputMode: 'fields', projectId: byId(project.id), resourceId: byId(outsider.id),
			fields: { billRate: `210.00 ${project.currency}`, isProjectManager: true },
		}), { credentials });
		expect(item.json).toMatchObject({ projectId: project.id, resourceId: outsider.id, isProjectManager: true, billRate: { amountMinor: 21000, currency: project.currency } });
		expect((await state()).participations.find((p) => p.workspace_id === project.id && p.user_id === outsider.id)).toMatchObject({ role: 'maven', is_team_lead: true, rate_in_cents: 21000 });
		expect((await writes()).map((request) => `${request.method} ${request.route}`)).toEqual(['POST /api/v1/participations.json', 'PUT /api/v1/participations/:id.json']);
	});
});

describe('Kantata time entries', () => {
	it('lists time by project, person and dates, Kantata filtering what it can', async () => {
		const entries = (await state()).timeEntries;
		const sample = entries[10];
		const filters = { projectId: byId(sample.workspace_id), resourceId: byId(sample.user_id), from: '2026-07-01', to: '2026-09-30' };
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true, filters }), { credentials });
		const expected = entries.filter((e) => e.workspace_id === sample.workspace_id && e.user_id === sample.user_id && e.date_performed >= '2026-07-01' && e.date_performed <= '2026-09-30');
		expect(json(items).map((item) => item.id).sort()).toEqual(expected.map((e) => e.id).sort());
		expect(json(items).every((item) => TimeEntry.safeParse(item).success)).toBe(true);
		const [request] = await requests();
		expect(request.query).toMatchObject({ workspace_id: [sample.workspace_id], with_user_ids: [sample.user_id], date_performed_between: ['2026-07-01:2026-09-30'] });
	});

	it('lists approved, unbilled, billable time: the ready-to-invoice set, in minutes as hours and rates to the cent', async () => {
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true, filters: { approved: true, invoiced: false, billable: true } }), { credentials });
		const expected = (await state()).timeEntries.filter((e) => e.approved && !e.is_invoiced && e.billable);
		expect(expected.length).toBeGreaterThan(0);
		expect(json(items).map((item) => item.id).sort()).toEqual(expected.map((e) => e.id).sort());
		const first = expected.find((e) => e.id === items[0].json.id)!;
		expect(items[0].json).toMatchObject({ hours: first.time_in_minutes / 60, rate: { amountMinor: first.rate_in_cents, currency: first.currency }, approvalStatus: 'approved', invoiced: false });
		expect((await requests())[0].query).toMatchObject({ approved: ['true'], billable: ['true'] });
	});

	it('reads every page of 200 once', async () => {
		sandbox.sandbox.reset({ scale: 2 });
		const items = await run(node, psa({ resource: 'timeEntry', operation: 'list', returnAll: true }), { credentials });
		const total = (await state()).timeEntries.length;
		expect(items).toHaveLength(total);
		expect(new Set(json(items).map((item) => item.id)).size).toBe(total);
		expect((await requests()).map((request) => request.query.page?.[0])).toEqual([undefined, ...Array.from({ length: Math.ceil(total / 200) - 1 }, (_v, index) => String(index + 2))]);
	});

	it('books three entries in one request and corrects one; invoiced time is locked, Kantata says why', async () => {
		const before = await state();
		const project = activeProject(before);
		const story = before.stories.find((candidate) => candidate.workspace_id === project.id && candidate.billable)!;
		const person = before.participations.find((p) => p.workspace_id === project.id)!;
		const entry = (day: number) => ({ date: `2026-10-0${day}`, hours: 1.5 + day, projectId: project.id, taskId: story.id, resourceId: person.user_id, notes: `Day ${day}` });
		const made = await run(node, psa({ resource: 'timeEntry', operation: 'create', ...record }), { credentials, items: [entry(1), entry(2), entry(3)] });
		expect(json(made).map((item) => item.hours)).toEqual([2.5, 3.5, 4.5]);
		expect((await writes()).map((request) => request.path)).toEqual(['/api/v1/time_entries.json']);
		const id = String(made[1].json.id);
		await run(node, psa({ resource: 'timeEntry', operation: 'update', timeEntryId: id, inputMode: 'fields', fields: { hours: 3.25 } }), { credentials });
		expect((await state()).timeEntries.find((candidate) => candidate.id === id)).toMatchObject({ time_in_minutes: 195, notes: 'Day 2', date_performed: '2026-10-02', billable: true, approved: false });
		const invoiced = before.timeEntries.find((candidate) => candidate.is_invoiced)!;
		const [locked] = await run(node, psa({ resource: 'timeEntry', operation: 'update', timeEntryId: invoiced.id, inputMode: 'fields', fields: { hours: 1 } }), { credentials, continueOnFail: true });
		expect(locked.json.error).toMatch(/Kantata: This time entry has been invoiced and cannot be changed/);
		expect((locked.json.errorDetails as IDataObject).httpCode).toBe('422');
	});
});

describe('Kantata expenses', () => {
	it('lists unbilled expenses of a project with their approval, gets one, and records one in the project\'s currency', async () => {
		const before = await state();
		const sample = before.expenses[0];
		const items = await run(node, psa({ resource: 'expense', operation: 'list', returnAll: true, filters: { projectId: byId(sample.workspace_id), invoiced: false } }), { credentials });
		expect(json(items).map((item) => item.id).sort()).toEqual(before.expenses.filter((e) => e.workspace_id === sample.workspace_id && !e.is_invoiced).map((e) => e.id).sort());
		const [got] = await run(node, psa({ resource: 'expense', operation: 'get', expenseId: sample.id }), { credentials });
		expect(Expense.parse(got.json)).toMatchObject({ amount: { amountMinor: sample.amount_in_cents, currency: sample.currency }, approvalStatus: sample.recent_submission_id ? 'approved' : 'draft' });
		const [created] = await run(node, psa({
			resource: 'expense', operation: 'create', inputMode: 'fields', date: '2026-10-02', amount: `84.50 ${sample.currency}`, projectId: byId(sample.workspace_id), category: 'Travel',
			fields: { notes: 'Train to client site', resourceId: byId(sample.user_id) },
		}), { credentials });
		expect(created.json).toMatchObject({ category: 'Travel', billable: true, amount: { amountMinor: 8450, currency: sample.currency }, approvalStatus: 'draft' });
		expect((await state()).expenses.find((e) => e.id === created.json.id)).toMatchObject({ amount_in_cents: 8450, category: 'Travel', notes: 'Train to client site', workspace_id: sample.workspace_id });
	});
});

describe('Kantata Mark Invoiced: an invoice from the period\'s time entry and expense ids', () => {
	it('invoices the uninvoiced billable time and expenses of the period once; a second run finds it by its reference', async () => {
		const before = await state();
		const project = before.workspaces.find((workspace) => before.timeEntries.some((e) => e.workspace_id === workspace.id && e.billable && !e.is_invoiced))!;
		const due = (e: { workspace_id: string; is_invoiced: boolean }) => e.workspace_id === project.id && !e.is_invoiced;
		const time = before.timeEntries.filter((e) => due(e) && e.billable && e.date_performed >= '2026-07-01' && e.date_performed <= '2026-09-30').map((e) => e.id);
		const expenses = before.expenses.filter((e) => due(e) && e.is_billable && e.date >= '2026-07-01' && e.date <= '2026-09-30').map((e) => e.id);
		const mark = psa({ resource: 'timeEntry', operation: 'markInvoiced', projectId: project.id, from: '2026-07-01', to: '2026-09-30', reference: 'PRJ-7-2026-Q3', additionalFields: { invoiceNumber: 'INV-0042', issueDate: '2026-10-01', dueDate: '2026-10-31' } });
		const [first] = await run(node, mark, { credentials });
		expect(first.json).toMatchObject({ marked: true, reference: 'PRJ-7-2026-Q3' });
		expect({ time: [...(first.json.timeEntryIds as string[])].sort(), expenses: [...(first.json.expenseIds as string[])].sort() }).toEqual({ time: time.sort(), expenses: expenses.sort() });
		expect(time.length).toBeGreaterThan(0);
		const invoice = (await state()).invoices.find((candidate) => candidate.purchase_order === 'PRJ-7-2026-Q3')!;
		expect(invoice).toMatchObject({ id: first.json.psaRecordId, workspace_ids: [project.id], user_invoice_number: 'INV-0042', payment_schedule: 30, invoice_date: '2026-10-01' });
		expect([...invoice.time_entry_ids].sort()).toEqual(time);
		expect((await state()).timeEntries.filter((e) => time.includes(e.id)).every((e) => e.is_invoiced && e.invoice_id === invoice.id)).toBe(true);
		await sandbox.admin('DELETE', '/requests');
		const [second] = await run(node, mark, { credentials });
		expect(second.json).toMatchObject({ marked: false, psaRecordId: invoice.id });
		expect(await writes()).toEqual([]);
	});
});

describe('Kantata trigger and credentials', () => {
	it('emits time approved on a timesheet between polls once, though approval did not change the entries', async () => {
		const staticData: IDataObject = {};
		const poll = async () => await runPoll({ type: trigger, parameters: { system: 'kantata', kantataAuthentication: 'accessToken', event: 'timeEntryApproved' }, credentials, staticData });
		expect(await poll()).toBeNull();
		const drafts = (await state()).timeEntries.filter((entry) => !entry.approved && !entry.is_invoiced).slice(0, 2);
		expect(fake().admin('approve', { timeEntryIds: drafts.map((entry) => entry.id) }).status).toBe(200);
		const emitted = await poll();
		expect(emitted?.[0].map((item) => String(item.json.id)).sort()).toEqual(drafts.map((entry) => entry.id).sort());
		expect(emitted![0].every((item) => item.json.approvalStatus === 'approved')).toBe(true);
		expect(await poll()).toBeNull();
	});

	it('answers a revoked token with 401 and says what to check', async () => {
		fake().admin('revoke', {});
		const [item] = await run(node, psa({ resource: 'client', operation: 'list', returnAll: false, limit: 1 }), { credentials, continueOnFail: true });
		expect((item.json.errorDetails as IDataObject).httpCode).toBe('401');
		expect(String(item.json.error)).toMatch(/Kantata/);
	});

	it('paces to its limit: a 429 with Retry-After is waited out', async () => {
		fake().admin('rateLimit', { limit: 1 });
		const items = await run(node, psa({ resource: 'client', operation: 'list', returnAll: false, limit: 2 }), { credentials });
		await run(node, psa({ resource: 'client', operation: 'get', clientId: String(items[0].json.id) }), { credentials });
		const log = await requests();
		expect(log.map((request) => request.status)).toEqual([200, 429, 200]);
	}, 30_000);

	it('works with the OAuth2 credential, and both credential tests pass against the fake', async () => {
		const oauth = { p2cKantataOAuth2Api: 'kantata-oauth' };
		useCredential('kantata-oauth', 'p2cKantataOAuth2Api', {
			grantType: 'authorizationCode', clientId: KANTATA_OAUTH_CLIENT.clientId, clientSecret: KANTATA_OAUTH_CLIENT.clientSecret, authentication: 'body',
			authUrl: `${sandbox.sandbox.url}/kantata/oauth/authorize`, accessTokenUrl: `${sandbox.sandbox.url}/kantata/oauth/token`, baseUrl: apiBase(), oauthTokenData: { access_token: KANTATA_OAUTH_TOKEN, token_type: 'bearer' },
		});
		const items = await run(node, { system: 'kantata', kantataAuthentication: 'oAuth2', resource: 'person', operation: 'list', returnAll: false, limit: 2 }, { credentials: oauth });
		expect(items).toHaveLength(2);
		expect((await testCredential('p2cKantataAccessTokenApi', { accessToken: KANTATA_ACCESS_TOKEN, baseUrl: apiBase() })).status).toBe('OK');
		expect((await testCredential('p2cKantataAccessTokenApi', { accessToken: 'wrong-token', baseUrl: apiBase() })).message).toMatch(/^HTTP 401/);
	});
});
