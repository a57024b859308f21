import { Assignment, Client, Expense, mapContext, Project, TimeEntry, type BillingModel } from '../../../nodes/shared/canonical';
import {
	billingSettings,
	fromCanonicalClient,
	fromCanonicalProject,
	fromCanonicalTaskAssignment,
	fromCanonicalTimeEntry,
	fromCanonicalUserAssignment,
	joinNotes,
	readBillingModel,
	splitNotes,
	toCanonicalClient,
	toCanonicalExpense,
	toCanonicalProject,
	toCanonicalTimeEntry,
	toCanonicalUserAssignment,
	type HarvestClient,
	type HarvestExpense,
	type HarvestProject,
	type HarvestTimeEntry,
	type HarvestUserAssignment,
} from '../../../nodes/vendors/harvest/records';

// Fixtures shaped like the examples of Harvest's API v2 reference (help.getharvest.com/api-v2).
const context = mapContext({ fetchedAt: '2026-10-01T00:00:00.000Z', defaultCurrency: 'USD' });

const client: HarvestClient = {
	id: 5735776,
	name: '123 Industries',
	is_active: true,
	address: '123 Main St.\r\nAnytown, LA 71223',
	currency: 'EUR',
	created_at: '2017-06-26T21:02:12Z',
	updated_at: '2017-06-26T21:34:11Z',
};

const project: HarvestProject = {
	id: 14308069,
	name: 'Online Store - Phase 1',
	code: 'OS1',
	is_active: true,
	bill_by: 'Project',
	budget: 200.0,
	budget_by: 'project',
	budget_is_monthly: false,
	created_at: '2017-06-26T21:52:18Z',
	updated_at: '2017-06-26T21:54:06Z',
	starts_on: '2017-06-01',
	ends_on: null,
	is_billable: true,
	is_fixed_fee: false,
	notes: '',
	client: { id: 5735776, name: '123 Industries', currency: 'EUR' },
	cost_budget: null,
	hourly_rate: 100.0,
	fee: null,
};

const timeEntry: HarvestTimeEntry = {
	id: 636708723,
	spent_date: '2017-03-01',
	user: { id: 1782959, name: 'Kim Allen' },
	client: { id: 5735776, name: '123 Industries' },
	project: { id: 14308069, name: 'Online Store - Phase 1' },
	task: { id: 8083366, name: 'Programming' },
	hours: 1.35,
	notes: 'Importing products',
	updated_at: '2017-06-27T16:47:14Z',
	is_locked: true,
	locked_reason: 'Item Invoiced and Approved and Locked for this Time Period',
	is_closed: true,
	is_billed: true,
	invoice: { id: 13150403, number: '1001' },
	billable: true,
	billable_rate: 100.0,
};

describe('Harvest clients', () => {
	it('maps a client, keeping its free-text address as street and remainder', () => {
		const canonical = toCanonicalClient(client, context);
		expect(Client.parse(canonical)).toMatchObject({
			id: '5735776',
			name: '123 Industries',
			currency: 'EUR',
			billingAddress: { line1: '123 Main St.', line2: 'Anytown, LA 71223' },
			externalRefs: { harvest: '5735776' },
			_meta: { system: 'harvest', entity: 'client', remoteId: '5735776', remoteUpdatedAt: '2017-06-26T21:34:11.000Z' },
		});
		expect(canonical.remoteData).toBeUndefined();
	});

	it('writes the address as lines and only the fields given', () => {
		expect(fromCanonicalClient({ name: 'Acme', billingAddress: { line1: '1 High St', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' } })).toEqual({
			name: 'Acme',
			address: '1 High St\nLS1 1AA Leeds\nGB',
		});
		expect(fromCanonicalClient({ isActive: false })).toEqual({ is_active: false });
	});
});

describe('Harvest projects: billing model <-> bill_by / budget_by', () => {
	it('reads the documented example as time and materials with an hours budget, in the client currency', () => {
		const canonical = Project.parse(toCanonicalProject(project, context));
		expect(canonical).toMatchObject({
			id: '14308069',
			code: 'OS1',
			clientId: '5735776',
			status: 'active',
			billingModel: 'time_and_materials',
			budgetHours: 200,
			hourlyRate: { amountMinor: 10000, currency: 'EUR' },
			startDate: '2017-06-01',
		});
		expect(canonical.budgetAmount).toBeUndefined();
		expect(canonical.notes).toBeUndefined();
	});

	const rate = { amountMinor: 15000, currency: 'EUR' };
	const cases: Array<{ model: BillingModel | undefined; input: Partial<Project>; expected: Record<string, unknown> }> = [
		{ model: 'time_and_materials', input: { hourlyRate: rate, budgetHours: 120 }, expected: { is_billable: true, is_fixed_fee: false, bill_by: 'Project', budget_by: 'project', budget: 120, hourly_rate: 150, budget_is_monthly: false } },
		{ model: 'time_and_materials', input: {}, expected: { is_billable: true, bill_by: 'People', budget_by: 'none' } },
		{ model: 'fixed_fee', input: { fixedFee: { amountMinor: 4800000, currency: 'EUR' }, budgetAmount: { amountMinor: 4000000, currency: 'EUR' } }, expected: { is_fixed_fee: true, fee: 48000, bill_by: 'none', budget_by: 'project_cost', cost_budget: 40000 } },
		{ model: 'milestone', input: { budgetAmount: { amountMinor: 1234550, currency: 'EUR' } }, expected: { is_fixed_fee: true, fee: 12345.5, budget_by: 'project_cost', cost_budget: 12345.5 } },
		{ model: 'retainer', input: { hourlyRate: rate, budgetHours: 40 }, expected: { is_fixed_fee: false, budget_is_monthly: true, bill_by: 'Project', budget_by: 'project', budget: 40 } },
		{ model: undefined, input: {}, expected: { is_billable: false, is_fixed_fee: false, bill_by: 'none', budget_by: 'none' } },
	];

	it.each(cases)('$model writes $expected and reads back the same model', ({ model, input, expected }) => {
		const body = fromCanonicalProject({ name: 'P', clientId: '5735776', billingModel: model, ...input }, { creating: true });
		expect(body).toMatchObject({ ...expected, name: 'P', client_id: 5735776 });
		const echoed: HarvestProject = {
			...project,
			is_billable: body.is_billable as boolean,
			is_fixed_fee: body.is_fixed_fee as boolean,
			budget_is_monthly: body.budget_is_monthly as boolean,
			bill_by: String(body.bill_by),
			budget_by: String(body.budget_by),
			hourly_rate: (body.hourly_rate as number | undefined) ?? null,
			budget: (body.budget as number | undefined) ?? null,
			cost_budget: (body.cost_budget as number | undefined) ?? null,
			fee: (body.fee as number | undefined) ?? null,
			notes: (body.notes as string | undefined) ?? '',
		};
		const read = toCanonicalProject(echoed, context);
		expect(read.billingModel).toBe(model);
		expect(read.budgetAmount).toEqual(input.budgetAmount);
		expect(read.budgetHours).toBe(input.budgetHours);
	});

	it('leaves billing settings alone on an update that does not change the model', () => {
		expect(billingSettings({ budgetHours: 10 }, false)).toEqual({ budget_by: 'project', budget: 10 });
		expect(billingSettings({ name: 'Renamed' }, false)).toEqual({});
	});

	it('derives the model from the three flags', () => {
		expect(readBillingModel({ is_billable: false, is_fixed_fee: true, budget_is_monthly: false })).toBeUndefined();
		expect(readBillingModel({ is_billable: true, is_fixed_fee: true, budget_is_monthly: false })).toBe('fixed_fee');
		expect(readBillingModel({ is_billable: true, is_fixed_fee: false, budget_is_monthly: true })).toBe('retainer');
	});

	it('carries cross-system references in a marker line of the notes, keeping the user\'s notes', () => {
		const body = fromCanonicalProject({ externalRefs: { hubspot: '9001', key: 'opp-9/proj' }, notes: 'Kick-off in May' }, { creating: false, currentNotes: 'old\n[p2c] salesforce=006A' });
		expect(body.notes).toBe('Kick-off in May\n[p2c] salesforce=006A hubspot=9001 key=opp-9%2Fproj');
		const read = toCanonicalProject({ ...project, notes: String(body.notes) }, context);
		expect(read.notes).toBe('Kick-off in May');
		expect(read.externalRefs).toEqual({ salesforce: '006A', hubspot: '9001', key: 'opp-9/proj', harvest: '14308069' });
		expect(splitNotes('just notes')).toEqual({ notes: 'just notes', refs: {} });
		expect(joinNotes(undefined, { harvest: '1' })).toBe('');
	});

	it('refuses an id that is not a Harvest id, naming the field', () => {
		expect(() => fromCanonicalProject({ clientId: 'acme' }, { creating: false })).toThrow(/clientId "acme" is not a Harvest id/);
	});
});

describe('Harvest time entries and expenses', () => {
	it('maps approval (is_closed), invoicing (is_billed, invoice) and the rate in the client currency', () => {
		const canonical = TimeEntry.parse(toCanonicalTimeEntry(timeEntry, 'EUR', context));
		expect(canonical).toMatchObject({
			id: '636708723',
			date: '2017-03-01',
			hours: 1.35,
			approvalStatus: 'approved',
			invoiced: true,
			invoiceId: '13150403',
			projectId: '14308069',
			taskId: '8083366',
			resourceId: '1782959',
			rate: { amountMinor: 10000, currency: 'EUR' },
		});
	});

	it('keeps billed state when the list answer leaves the invoice out', () => {
		const fromList = toCanonicalTimeEntry({ ...timeEntry, invoice: undefined, is_closed: false }, 'EUR', context);
		expect(fromList).toMatchObject({ invoiced: true, approvalStatus: 'draft' });
		expect(fromList.invoiceId).toBeUndefined();
	});

	it('writes a time entry with integer ids', () => {
		expect(fromCanonicalTimeEntry({ projectId: '14307913', taskId: '8083365', resourceId: '1782959', date: '2017-03-21', hours: 1 })).toEqual({
			project_id: 14307913,
			task_id: 8083365,
			user_id: 1782959,
			spent_date: '2017-03-21',
			hours: 1,
		});
	});

	it('maps an expense with its category and client currency', () => {
		const expense: HarvestExpense = {
			id: 15296442, notes: 'Lunch with client', total_cost: 33.35, is_closed: false, is_billed: true, spent_date: '2017-03-03',
			updated_at: '2017-06-27T16:47:14Z', billable: true, user: { id: 1782959, name: 'Kim Allen' },
			project: { id: 14307913, name: 'Marketing Website' }, expense_category: { id: 4195926, name: 'Meals' },
			client: { id: 5735774, name: 'ABC Corp', currency: 'USD' }, invoice: { id: 13150403, number: '1001' },
		};
		expect(Expense.parse(toCanonicalExpense(expense, context))).toMatchObject({
			amount: { amountMinor: 3335, currency: 'USD' },
			category: 'Meals',
			approvalStatus: 'draft',
			invoiced: true,
			invoiceId: '13150403',
		});
	});
});

describe('Harvest assignments', () => {
	it('reads a custom rate only when the assignment does not use default rates', () => {
		const raw: HarvestUserAssignment = {
			id: 130403297, is_project_manager: true, is_active: true, use_default_rates: false, budget: null, updated_at: '2017-08-22T17:36:54Z',
			hourly_rate: 100.0, project: { id: 14808188, name: 'Task Force' }, user: { id: 1782959, name: 'Kim Allen' },
		};
		expect(Assignment.parse(toCanonicalUserAssignment(raw, 'USD', context))).toMatchObject({ kind: 'allocation', projectId: '14808188', resourceId: '1782959', isProjectManager: true, billRate: { amountMinor: 10000, currency: 'USD' } });
		expect(toCanonicalUserAssignment({ ...raw, use_default_rates: true }, 'USD', context).billRate).toBeUndefined();
	});

	it('writes a person with a custom rate, and a task billable unless told otherwise', () => {
		const base = { schemaVersion: 1 as const, kind: 'allocation' as const, projectId: '1', isProjectManager: false, externalRefs: {} };
		expect(fromCanonicalUserAssignment({ ...base, resourceId: '7', billRate: { amountMinor: 18050, currency: 'USD' } })).toEqual({ user_id: 7, is_project_manager: false, use_default_rates: false, hourly_rate: 180.5 });
		expect(fromCanonicalTaskAssignment({ ...base, taskId: '9' })).toEqual({ task_id: 9, billable: true });
		expect(() => fromCanonicalUserAssignment(base)).toThrow(/resourceId is required/);
	});
});
