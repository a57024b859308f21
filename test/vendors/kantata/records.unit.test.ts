import { Assignment, Client, Expense, mapContext, Project, Resource, Task, TimeEntry } from '../../../nodes/shared/canonical';
import { referencedRecords } from '../../../nodes/vendors/kantata/reader';
import {
	fromCanonicalClient,
	fromCanonicalExpense,
	fromCanonicalParticipation,
	fromCanonicalProject,
	fromCanonicalTask,
	fromCanonicalTimeEntry,
	fromCents,
	joinMarker,
	minutesOf,
	splitMarker,
	toCanonicalClient,
	toCanonicalExpense,
	toCanonicalParticipation,
	toCanonicalPerson,
	toCanonicalProject,
	toCanonicalStoryAssignment,
	toCanonicalTask,
	toCanonicalTimeEntry,
	toCents,
	type KantataWorkspace,
} from '../../../nodes/vendors/kantata/records';
import { kantataTransport } from '../../../nodes/vendors/kantata/transport';
import * as fixtures from './fixtures/records';

const context = mapContext({ fetchedAt: '2026-11-10T09:00:00.000Z', correlationId: 'corr-kantata', defaultCurrency: 'GBP' });

describe('Kantata money: integer cents of the currency base unit', () => {
	it('maps cents to minor units exactly, also for a zero-decimal currency', () => {
		expect(fromCents(18550, 'EUR', 100)).toEqual({ amountMinor: 18550, currency: 'EUR' });
		expect(fromCents(1200000, 'JPY', 1)).toEqual({ amountMinor: 1200000, currency: 'JPY' });
		expect(fromCents(null, 'EUR')).toBeUndefined();
		expect(toCents({ amountMinor: 8450, currency: 'USD' }, 100)).toBe(8450);
	});

	it('converts a base unit other than the ISO exponent exactly, and refuses what is not whole', () => {
		expect(fromCents(1234500, 'KWD', 10000)).toEqual({ amountMinor: 123450, currency: 'KWD' });
		expect(() => fromCents(1234501, 'KWD', 10000)).toThrow(/not a whole number of KWD minor units/);
		expect(() => fromCents(12.5, 'USD')).toThrow(/whole number of cents/);
		expect(() => toCents({ amountMinor: 5, currency: 'USD' }, 1)).toThrow(/not a whole number of Kantata cents/);
	});
});

describe('the [p2c] marker line', () => {
	it('splits a description into its text and pairs, and joins them back', () => {
		expect(splitMarker(fixtures.workspaceFixture.description)).toEqual({ text: 'Phase 1 of 2', pairs: { hubspot: '4411', key: 'opp-4411/proj', code: 'PRJ-0042' } });
		expect(joinMarker('Phase 1 of 2', { hubspot: '4411', key: 'opp-4411/proj', kantata: '3001', code: undefined })).toBe('Phase 1 of 2\n[p2c] hubspot=4411 key=opp-4411%2Fproj');
		expect(splitMarker('Just notes')).toEqual({ text: 'Just notes', pairs: {} });
		expect(joinMarker('Just notes', {})).toBe('Just notes');
	});
});

describe('Kantata records to canonical', () => {
	it('a company workspace group is a client, with the references in its notes', () => {
		const client = Client.parse(toCanonicalClient(fixtures.workspaceGroupFixture, context));
		expect(client).toMatchObject({
			id: '60331', name: 'Biglytics', email: 'ap@biglytics.example', phone: '(877) 929-0687', domain: 'biglytics.example', isActive: true,
			billingAddress: { line1: '2 Canal Park', line2: 'Cambridge MA 02139' }, externalRefs: { hubspot: '512', kantata: '60331' },
		});
		expect(client._meta).toMatchObject({ system: 'kantata', entity: 'client', remoteId: '60331', correlationId: 'corr-kantata' });
	});

	it('a workspace is a project: price, currency, billing model, client, status, marker fields', () => {
		const project = Project.parse(toCanonicalProject(fixtures.workspaceFixture as KantataWorkspace, context));
		expect(project).toMatchObject({
			id: '3001', name: 'Data platform', code: 'PRJ-0042', clientId: '60331', status: 'active', billingModel: 'time_and_materials',
			budgetAmount: { amountMinor: 4800000, currency: 'EUR' }, startDate: '2026-11-02', endDate: '2027-02-26', managerId: '7', notes: 'Phase 1 of 2',
			externalRefs: { hubspot: '4411', key: 'opp-4411/proj', kantata: '3001' },
		});
		expect(project.fixedFee).toBeUndefined();
		expect(project._meta?.remoteUpdatedAt).toBe('2026-10-21T23:40:12.000Z');
		const fixed = Project.parse(toCanonicalProject(fixtures.fixedFeeWorkspaceFixture as KantataWorkspace, context));
		expect(fixed).toMatchObject({ billingModel: 'milestone', status: 'completed', fixedFee: { amountMinor: 5000000, currency: 'USD' }, budgetAmount: { amountMinor: 5000000, currency: 'USD' } });
		expect(fixed.notes).toBeUndefined();
		expect(toCanonicalProject(fixtures.yenWorkspaceFixture as KantataWorkspace, context).budgetAmount).toEqual({ amountMinor: 1200000, currency: 'JPY' });
	});

	it('a story is a task of its project; a milestone story too', () => {
		expect(Task.parse(toCanonicalTask(fixtures.storyFixture, context))).toMatchObject({ id: '88120', name: 'Discovery workshops', projectId: '3001', billable: true, budgetHours: 16, isActive: true });
		expect(Task.parse(toCanonicalTask(fixtures.milestoneStoryFixture, context))).toMatchObject({ billable: false, isActive: false });
	});

	it('a participation is a person on a project, a story a task on it', () => {
		expect(Assignment.parse(toCanonicalParticipation(fixtures.participationFixture, 'EUR', context))).toMatchObject({ id: '51002', projectId: '3001', resourceId: '7', isProjectManager: true, billRate: { amountMinor: 21000, currency: 'EUR' } });
		expect(Assignment.parse(toCanonicalStoryAssignment(fixtures.storyFixture, context))).toMatchObject({ id: 'story:88120', projectId: '3001', taskId: '88120', billable: true });
	});

	it('a time entry: minutes as hours, its rate exact, approval and invoicing', () => {
		const entry = TimeEntry.parse(toCanonicalTimeEntry(fixtures.timeEntryFixture, context));
		expect(entry).toMatchObject({ id: '904411', date: '2026-11-04', hours: 2.5, billable: true, approvalStatus: 'approved', projectId: '3001', taskId: '88120', resourceId: '7', rate: { amountMinor: 18550, currency: 'EUR' }, invoiced: true, invoiceId: '7123' });
		const submitted = TimeEntry.parse(toCanonicalTimeEntry(fixtures.submittedTimeEntryFixture, context));
		expect(submitted).toMatchObject({ approvalStatus: 'submitted', invoiced: false });
		expect(submitted.taskId).toBeUndefined();
		expect(submitted.notes).toBeUndefined();
	});

	it('an expense: its amount exact in its currency, approval from its expense report submission', () => {
		expect(Expense.parse(toCanonicalExpense(fixtures.expenseFixture, context, 'approved'))).toMatchObject({ amount: { amountMinor: 8450, currency: 'USD' }, category: 'Travel', billable: true, approvalStatus: 'approved', invoiced: false });
		expect(toCanonicalExpense(fixtures.expenseFixture, context, 'rejected').approvalStatus).toBe('rejected');
		expect(toCanonicalExpense({ ...fixtures.expenseFixture, recent_submission_id: null }, context).approvalStatus).toBe('draft');
	});

	it('a user is a person; a disabled one terminated', () => {
		expect(Resource.parse(toCanonicalPerson(fixtures.userFixture, context))).toMatchObject({ id: '7', firstName: 'Ada', lastName: 'Almeida', displayName: 'Ada Almeida', role: 'Principal', employmentStatus: 'active' });
		expect(Resource.parse(toCanonicalPerson(fixtures.disabledUserFixture, context))).toMatchObject({ firstName: 'Cher', displayName: 'Cher', employmentStatus: 'terminated' });
	});
});

describe('canonical to Kantata bodies', () => {
	it('a client: a company group, its references on the notes marker, the notes kept', () => {
		expect(fromCanonicalClient({ name: 'Acme', domain: 'acme.example', billingAddress: { line1: '1 High St', city: 'Leeds', postalCode: 'LS1' } })).toEqual({ company: true, name: 'Acme', website: 'acme.example', address: '1 High St\nLS1 Leeds' });
		expect(fromCanonicalClient({ externalRefs: { xero: 'c2a5' } }, fixtures.workspaceGroupFixture.notes)).toEqual({ company: true, notes: 'Key account\n[p2c] hubspot=512 xero=c2a5' });
	});

	it('a project: one price, the billing model, the client group, the marker', () => {
		const body = fromCanonicalProject(
			{ name: 'Pricing study', clientId: '60331', billingModel: 'retainer', budgetAmount: { amountMinor: 1234550, currency: 'GBP' }, startDate: '2027-01-04', code: 'PRJ-9', externalRefs: { hubspot: '1', key: 'opp-1/proj' } },
			{ creating: true },
		);
		expect(body).toEqual({
			creator_role: 'maven', title: 'Pricing study', workspace_group_ids: ['60331'], primary_workspace_group_id: '60331', start_date: '2027-01-04', stories_are_fixed_fee_by_default: false,
			currency: 'GBP', budgeted: true, price: '12345.50', description: '[p2c] hubspot=1 key=opp-1%2Fproj code=PRJ-9 model=retainer',
		});
		expect(fromCanonicalProject({ price: undefined, yen: undefined, fixedFee: { amountMinor: 1200000, currency: 'JPY' }, billingModel: 'fixed_fee' } as never, { creating: false })).toMatchObject({ price: '1200000', currency: 'JPY', stories_are_fixed_fee_by_default: true });
		expect(fromCanonicalProject({ notes: 'Moved' }, { creating: false, current: { description: 'Old\n[p2c] hubspot=1' } })).toEqual({ description: 'Moved\n[p2c] hubspot=1' });
		expect(fromCanonicalProject({ status: 'cancelled' }, { creating: false })).toEqual({ archived: true });
	});

	it('refuses what a workspace cannot keep, naming the field', () => {
		expect(() => fromCanonicalProject({ budgetHours: 300 }, { creating: true })).toThrow(/^budgetHours cannot be kept/);
		expect(() => fromCanonicalProject({ hourlyRate: { amountMinor: 1, currency: 'USD' } }, { creating: true })).toThrow(/^hourlyRate cannot be kept/);
		expect(() => fromCanonicalProject({ status: 'on_hold' }, { creating: false })).toThrow(/^status "on_hold"/);
		expect(() => fromCanonicalProject({ budgetAmount: { amountMinor: 1, currency: 'USD' }, fixedFee: { amountMinor: 2, currency: 'USD' } }, { creating: true })).toThrow(/^fixedFee and budgetAmount differ/);
		expect(() => fromCanonicalProject({ clientId: 'abc' }, { creating: true })).toThrow(/^clientId "abc" is not a Kantata id/);
	});

	it('a task is created inside its project', () => {
		expect(fromCanonicalTask({ name: 'Build', projectId: '3001', billable: false, budgetHours: 12.5 }, true)).toEqual({ workspace_id: '3001', story_type: 'task', title: 'Build', billable: false, time_estimate_in_minutes: 750 });
		expect(() => fromCanonicalTask({ name: 'Build' }, true)).toThrow(/^projectId is required: every Kantata task \(story\) belongs to one project/);
	});

	it('time in whole minutes; a fraction of a minute refused', () => {
		expect(fromCanonicalTimeEntry({ projectId: '3001', taskId: '88120', resourceId: '7', date: '2027-06-15', hours: 3.25, notes: 'x' })).toEqual({ workspace_id: '3001', story_id: '88120', user_id: '7', date_performed: '2027-06-15', time_in_minutes: 195, notes: 'x' });
		expect(minutesOf(1.1)).toBe(66);
		expect(() => minutesOf(0.01)).toThrow(/^hours 0.01 is not a whole number of minutes/);
	});

	it('an expense in cents; a participation of the provider side', () => {
		expect(fromCanonicalExpense({ projectId: '3001', date: '2026-11-05', category: 'Travel', amount: { amountMinor: 8450, currency: 'USD' }, billable: true }, 100)).toEqual({ workspace_id: '3001', date: '2026-11-05', category: 'Travel', amount_in_cents: 8450, billable: true });
		expect(fromCanonicalParticipation({ schemaVersion: 1, kind: 'allocation', projectId: '3001', resourceId: '7', isProjectManager: false, externalRefs: {} })).toEqual({ workspace_id: '3001', user_id: '7', role: 'maven' });
	});
});

describe('Kantata answers', () => {
	it('lists the records its results reference, in that order, leaving included ones out', () => {
		expect(referencedRecords<{ id: string }>(fixtures.workspaceListAnswer).map((record) => record.id)).toEqual(['3002', '3001']);
	});

	it('reads its error list: every message, the type as code, the field', () => {
		const error = kantataTransport.parseError({ statusCode: 422, headers: {}, body: { errors: [{ type: 'validation', field: 'title', message: "Title can't be blank" }, { type: 'validation', field: 'base', message: 'Workspace is archived' }] } });
		expect(error).toEqual({ message: "Title can't be blank; Workspace is archived", code: 'validation', field: 'title' });
		expect(kantataTransport.parseError({ statusCode: 404, headers: {}, body: { errors: [{ type: 'system', message: 'Not found' }] } })).toMatchObject({ message: 'Not found', code: 'system' });
		expect(kantataTransport.parseError({ statusCode: 401, headers: {}, body: { errors: [{ type: 'authentication', message: 'Invalid token' }] } }).description).toMatch(/access token/);
	});
});
