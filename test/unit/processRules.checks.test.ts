import { buildInvoiceDrafts } from '../../nodes/ProcessRules/rules/billing/drafts';
import { DEFAULT_BILLING_POLICY, type BillingInput, type BillingPolicy, type BillingResult } from '../../nodes/ProcessRules/rules/billing/types';
import { MARCH, client, entry, expense, project, usd } from './processRules.fixtures';

const base = (fields: Partial<BillingInput>): BillingInput => ({ period: MARCH, timeEntries: [], expenses: [], projects: [project('p1'), project('p2')], clients: [client('c1')], ...fields });
const policy = (checks: Partial<BillingPolicy['checks']> = {}, fields: Partial<BillingPolicy> = {}): BillingPolicy => ({ ...DEFAULT_BILLING_POLICY, ...fields, checks: { ...DEFAULT_BILLING_POLICY.checks, ...checks } });

/** Every input record is on one draft or in one hold, never both, never twice. */
function expectAccounted(input: BillingInput, result: BillingResult): void {
	const time = [...result.drafts.flatMap((draft) => draft.timeEntryPositions), ...result.holds.flatMap((hold) => hold.timeEntryPositions)].sort((a, b) => a - b);
	const costs = [...result.drafts.flatMap((draft) => draft.expensePositions), ...result.holds.flatMap((hold) => hold.expensePositions)].sort((a, b) => a - b);
	expect(time).toEqual(input.timeEntries.map((_entry, index) => index));
	expect(costs).toEqual(input.expenses.map((_expense, index) => index));
}

function run(input: BillingInput, rules = policy()): BillingResult {
	const result = buildInvoiceDrafts(input, rules);
	expectAccounted(input, result);
	return result;
}

describe('checks before invoicing', () => {
	it('gives nothing for no input', () => {
		expect(run(base({}))).toEqual({ drafts: [], holds: [] });
		expect(run(base({ projects: [], clients: [] }))).toEqual({ drafts: [], holds: [] });
	});

	describe('notApproved', () => {
		const input = () => base({ timeEntries: [entry({ approvalStatus: 'submitted' }), entry({ date: '2026-03-03' }), entry({ projectId: 'p2' })], expenses: [expense()] });

		it('holds the whole project while any of its time waits for approval', () => {
			const data = input();
			const { drafts, holds } = run(data);
			expect(drafts.map((draft) => draft.projectIds)).toEqual([['p2']]);
			expect(holds).toHaveLength(1);
			expect(holds[0]).toMatchObject({ rule: 'notApproved', projectId: 'p1', timeEntryIds: [data.timeEntries[0].id, data.timeEntries[1].id], expenseIds: [data.expenses[0].id] });
			expect(holds[0].records.map((record) => record.reason)).toEqual([
				`time entry ${data.timeEntries[0].id} is submitted, not approved`,
				`time entry ${data.timeEntries[1].id} waits with its project: 1 time or expense entry is not approved yet`,
				`expense ${data.expenses[0].id} waits with its project: 1 time or expense entry is not approved yet`,
			]);
			expect(holds[0].reason).toMatch(/^3 time or expense entries are not approved yet on project "Project p1"/);
		});

		it('holds only the entry when told to, or flags it', () => {
			const data = input();
			const entryOnly = run(data, policy({}, { unapprovedHolds: 'record' }));
			expect(entryOnly.holds.map((hold) => hold.timeEntryIds)).toEqual([[data.timeEntries[0].id]]);
			expect(entryOnly.drafts.find((draft) => draft.projectId === 'p1')?.timeEntryIds).toEqual([data.timeEntries[1].id]);
			const flagged = run(data, policy({ notApproved: 'flag' }));
			expect(flagged.holds).toEqual([]);
			expect(flagged.drafts[0].flags).toMatchObject([{ rule: 'notApproved', sourceIds: [data.timeEntries[0].id] }]);
		});
	});

	describe('longDay', () => {
		it('adds a person-day across projects and flags the drafts of both', () => {
			const data = base({ timeEntries: [entry({ hours: 6 }), entry({ hours: 5, projectId: 'p2' }), entry({ hours: 5, resourceId: 'r2' })] });
			const { drafts } = run(data);
			expect(drafts.map((draft) => draft.exceptions)).toEqual([['person r1 booked 11.00 h on 2026-03-02 (limit 10 h a day)'], ['person r1 booked 11.00 h on 2026-03-02 (limit 10 h a day)']]);
			expect(drafts[0].flags[0].sourceIds).toEqual([data.timeEntries[0].id]);
			expect(run(data, policy({}, { maxHoursPerDay: 11 })).drafts.flatMap((draft) => draft.exceptions)).toEqual([]);
		});

		it('holds the long day when told to; time not approved does not count toward it', () => {
			const data = base({ timeEntries: [entry({ hours: 6 }), entry({ hours: 5, projectId: 'p2' }), entry({ hours: 8, approvalStatus: 'draft', projectId: 'p2', date: '2026-03-09' }), entry({ hours: 3, projectId: 'p2', date: '2026-03-09' })] });
			const held = run(data, policy({ longDay: 'hold' }, { unapprovedHolds: 'record' }));
			expect(held.holds.map((hold) => [hold.rule, hold.timeEntryIds.length])).toEqual([
				['longDay', 1],
				['longDay', 1],
				['notApproved', 1],
			]);
		});
	});

	it('closedProject: flags time on a project that is not active, or holds it', () => {
		const data = base({ timeEntries: [entry({ hours: 2 })], projects: [project('p1', { status: 'completed' })] });
		expect(run(data).drafts[0].exceptions).toEqual(['project "Project p1" is completed, not active']);
		expect(run(data, policy({ closedProject: 'hold' })).holds).toMatchObject([{ rule: 'closedProject', hoursHundredths: 200 }]);
		expect(run(data, policy({ closedProject: 'ignore' })).drafts[0].exceptions).toEqual([]);
	});

	it('outsideProjectDates: time and expenses before the start or after the end', () => {
		const data = base({ timeEntries: [entry({ date: '2026-02-27' }), entry({ date: '2026-03-15' })], expenses: [expense({ date: '2026-04-02' })], projects: [project('p1', { startDate: '2026-03-01', endDate: '2026-03-31' })] });
		const flags = run(data).drafts[0].flags;
		expect(flags).toMatchObject([{ rule: 'outsideProjectDates', sourceIds: [data.timeEntries[0].id, data.expenses[0].id] }]);
		expect(flags[0].reason).toMatch(/^2 time or expense entries are dated outside the project's dates, e\.g\. time entry t\d+ is dated 2026-02-27, outside the project's dates \(2026-03-01 to 2026-03-31\)/);
	});

	describe('missingRate', () => {
		it('flags time without a rate, billed at 0 in the project currency', () => {
			const data = base({ timeEntries: [entry({ rate: undefined })], projects: [project('p1', { budgetAmount: { amountMinor: 100, currency: 'GBP' } })] });
			const draft = run(data).drafts[0];
			expect(draft.currency).toBe('GBP');
			expect(draft.lines[0].lineAmount).toEqual({ amountMinor: 0, currency: 'GBP' });
			expect(draft.exceptions).toEqual([`time entry ${data.timeEntries[0].id} has no bill rate and is billed at 0`]);
		});

		it('treats a zero rate as no rate, holds it when told to, and always holds time with no currency to bill in', () => {
			const zero = base({ timeEntries: [entry({ rate: usd(0) }), entry({ rate: usd(0), date: '2026-03-03' })] });
			expect(run(zero).drafts[0].exceptions).toEqual(['2 time entries have no bill rate and are billed at 0, e.g. time entry ' + zero.timeEntries[0].id + ' has no bill rate']);
			expect(run(zero, policy({ missingRate: 'hold' })).holds).toMatchObject([{ rule: 'missingRate' }]);
			const noCurrency = base({ timeEntries: [entry({ rate: undefined })] });
			expect(run(noCurrency, policy({ missingRate: 'ignore' })).holds).toMatchObject([{ rule: 'noCurrency' }]);
		});

		it('does not ask fixed-fee time for a rate', () => {
			const data = base({ timeEntries: [entry({ rate: undefined })], projects: [project('p1', { billingModel: 'fixed_fee' })] });
			expect(run(data, policy({ missingRate: 'hold' })).holds).toMatchObject([{ rule: 'coveredByFixedFee' }]);
		});
	});

	it('rateDiffersFromRateCard: the entry rate against the rate card', () => {
		const data = base({ timeEntries: [entry({ rate: usd(12000) }), entry({ rate: usd(15000), date: '2026-03-03' })], rateCard: [{ projectId: 'p1', hourlyRate: usd(15000) }] });
		const draft = run(data).drafts[0];
		expect(draft.flags).toMatchObject([{ rule: 'rateDiffersFromRateCard', sourceIds: [data.timeEntries[0].id] }]);
		expect(draft.exceptions[0]).toBe(`time entry ${data.timeEntries[0].id} is billed at 120.00 USD an hour; the rate card says 150.00 USD`);
		expect(draft.subtotalMinor).toBe(27000);
		expect(run(data, policy({ rateDiffersFromRateCard: 'hold' })).holds).toMatchObject([{ rule: 'rateDiffersFromRateCard' }]);
	});

	describe('duplicates', () => {
		it('bills a record given twice once and holds the copy', () => {
			const once = entry();
			const data = base({ timeEntries: [once, once], expenses: [expense({ id: 'e-same' }), expense({ id: 'e-same' })] });
			const { drafts, holds } = run(data);
			expect(drafts[0].timeEntryIds).toEqual([once.id]);
			expect(holds).toMatchObject([{ rule: 'duplicateId', timeEntryPositions: [1], expensePositions: [1] }]);
		});

		it('flags an entry repeating another (same person, task, day, hours, notes), or holds it', () => {
			const data = base({ timeEntries: [entry({ notes: 'Workshop' }), entry({ notes: 'Workshop' }), entry({ notes: 'Other' })], expenses: [expense(), expense()] });
			const flags = run(data).drafts[0].flags;
			expect(flags.map((flag) => [flag.rule, flag.sourceIds])).toEqual([['duplicate', [data.timeEntries[1].id, data.expenses[1].id]]]);
			expect(run(data, policy({ duplicate: 'hold' })).holds).toMatchObject([{ rule: 'duplicate', timeEntryIds: [data.timeEntries[1].id], expenseIds: [data.expenses[1].id] }]);
		});
	});

	describe('overBudget', () => {
		it('flags billing past the budget amount, counting billed time before', () => {
			const data = base({ timeEntries: [entry({ hours: 2 })], billedTime: [entry({ hours: 9 })], projects: [project('p1', { budgetAmount: usd(100000) })] });
			expect(run(data).drafts[0].exceptions).toEqual(['Over budget: 900.00 billed before + 200.00 now > budget 1000.00 USD on project "Project p1"']);
			const held = run(data, policy({ overBudget: 'hold' }));
			expect(held.drafts).toEqual([]);
			expect(held.holds).toMatchObject([{ rule: 'overBudget', timeEntryIds: [data.timeEntries[0].id] }]);
			expect(run({ ...data, billedTime: [] }).drafts[0].exceptions).toEqual([]);
		});

		it('takes the billed amount from the terms, and budget hours when there is no budget amount', () => {
			const terms = [{ projectId: 'p1', billedToDate: usd(99999) }];
			expect(run(base({ timeEntries: [entry()], projects: [project('p1', { budgetAmount: usd(100000) })], terms })).drafts[0].flags[0].rule).toBe('overBudget');
			const hours = base({ timeEntries: [entry({ hours: 3 })], billedTime: [entry({ hours: 8 })], projects: [project('p1', { budgetHours: 10 })] });
			expect(run(hours).drafts[0].exceptions).toEqual(['Over budget: 11.00 h billed with this invoice > budget 10 h on project "Project p1"']);
		});
	});

	it('holds time of a project that is not given, or that has no client', () => {
		const data = base({ timeEntries: [entry({ projectId: 'p9' }), entry({ projectId: 'p3' })], projects: [project('p3', { clientId: undefined })] });
		expect(run(data).holds.map((hold) => [hold.rule, hold.projectId, hold.projectName])).toEqual([
			['unknownClient', 'p3', 'Project p3'],
			['unknownProject', 'p9', 'Project p9'],
		]);
	});

	it('holds by the first rule that holds and keeps the other findings off a held record', () => {
		const data = base({ timeEntries: [entry({ approvalStatus: 'rejected', rate: undefined })], projects: [project('p1', { status: 'on_hold' })] });
		const { holds } = run(data, policy({ closedProject: 'hold', missingRate: 'hold' }));
		expect(holds.map((hold) => hold.rule)).toEqual(['closedProject']);
	});
});
