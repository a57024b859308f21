import { buildInvoiceDrafts } from '../../nodes/ProcessRules/rules/billing/drafts';
import { billingPeriod } from '../../nodes/ProcessRules/rules/billing/period';
import { hoursToHundredths, priceHours, rateCardRate } from '../../nodes/ProcessRules/rules/billing/price';
import { BillingTerms, termsList, withProjectIds } from '../../nodes/ProcessRules/rules/billing/terms';
import { DEFAULT_BILLING_POLICY, type BillingInput, type BillingPolicy, type InvoiceDraft } from '../../nodes/ProcessRules/rules/billing/types';
import { MARCH, client, entry, expense, milestone, money, project, resource, usd } from './processRules.fixtures';

const base = (fields: Partial<BillingInput>): BillingInput => ({ period: MARCH, timeEntries: [], expenses: [], projects: [project('p1')], clients: [client('c1')], ...fields });
const policy = (fields: Partial<BillingPolicy> = {}, checks: Partial<BillingPolicy['checks']> = {}): BillingPolicy => ({ ...DEFAULT_BILLING_POLICY, ...fields, checks: { ...DEFAULT_BILLING_POLICY.checks, ...checks } });
const only = (drafts: InvoiceDraft[]): InvoiceDraft => {
	expect(drafts).toHaveLength(1);
	return drafts[0];
};

describe('billing period', () => {
	it('bills last month by default, with issue and due dates', () => {
		expect(billingPeriod({ today: '2026-01-15', paymentTermsDays: 30 })).toEqual({
			periodKey: '2025-12',
			periodLabel: 'December 2025',
			periodStart: '2025-12-01',
			periodEnd: '2025-12-31',
			issueDate: '2026-01-15',
			dueDate: '2026-02-14',
		});
		expect(billingPeriod({ billingMonth: '2028-02', today: '2028-03-01', paymentTermsDays: 0 }).periodEnd).toBe('2028-02-29');
	});
	it('refuses a month that is no month, and negative terms', () => {
		expect(() => billingPeriod({ billingMonth: '2026-13', today: '2026-01-01', paymentTermsDays: 30 })).toThrow('not a month');
		expect(() => billingPeriod({ billingMonth: 'March', today: '2026-01-01', paymentTermsDays: 30 })).toThrow('not a month');
		expect(() => billingPeriod({ today: '2026-01-01', paymentTermsDays: -1 })).toThrow('payment terms');
	});
});

describe('hours and prices', () => {
	it('counts hours in hundredths without binary noise, and prices them once', () => {
		expect(hoursToHundredths(7.55)).toBe(755);
		expect(hoursToHundredths(0.1 + 0.2)).toBe(30);
		expect(hoursToHundredths(1.005)).toBe(101);
		expect(priceHours(755, usd(13333))).toEqual(usd(100664)); // 1006.64415 -> 1006.64
	});
});

describe('time and materials', () => {
	it('bills hours x rate per task and rate, one line each, with a deterministic reference', () => {
		const time = [entry({ hours: 7.5 }), entry({ hours: 2.25, date: '2026-03-03' }), entry({ hours: 1, rate: usd(15000), date: '2026-03-04' }), entry({ hours: 3, taskId: 'k2', date: '2026-03-05' })];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: time, projects: [project('p1', { code: 'ACME-1' })], tasks: [{ id: 'k1', name: 'Design', billable: true, isActive: true, externalRefs: {}, schemaVersion: 1 }] })).drafts);
		expect(draft.reference).toBe('ACME-1-2026-03');
		expect(draft.lines.map((line) => [line.description, line.quantity, line.unitPrice.amountMinor, line.lineAmount.amountMinor, line.sourceIds])).toEqual([
			['Design, March 2026 (9.75 h)', 9.75, 10000, 97500, [time[0].id, time[1].id]],
			['Design, March 2026 (1.00 h)', 1, 15000, 15000, [time[2].id]],
			['Time, March 2026 (3.00 h)', 3, 10000, 30000, [time[3].id]],
		]);
		expect(draft.subtotal).toEqual(usd(142500));
		expect(draft.total).toEqual(usd(142500));
		expect(draft.amountDecimal).toBe('1425.00');
		expect(draft.hoursHundredths).toBe(1375);
		expect(draft.exceptions).toEqual([]);
		expect(draft).toMatchObject({ status: 'draft', clientId: 'c1', projectId: 'p1', issueDate: '2026-04-01', dueDate: '2026-05-01', name: 'Client c1', firstWorkDate: '2026-03-02' });
	});

	it('uses P<id> when the project has no code', () => {
		expect(only(buildInvoiceDrafts(base({ timeEntries: [entry()] })).drafts).reference).toBe('P' + 'p1-2026-03');
	});

	it('rounds once per line, not per entry', () => {
		// 0.5 h x 10.05 twice: per entry 5.03 + 5.03 = 10.06; once on the line 1 h x 10.05 = 10.05.
		const draft = only(buildInvoiceDrafts(base({ timeEntries: [entry({ hours: 0.5, rate: usd(1005) }), entry({ hours: 0.5, rate: usd(1005) })] })).drafts);
		expect(draft.subtotalMinor).toBe(1005);
	});

	it.each([
		['JPY', 3333, 1.33, 4433], // 4432.89 -> 4433 yen
		['USD', 12345, 0.33, 4074], // 40.7385 -> 40.74
		['KWD', 12345, 1.11, 13703], // 13.70295 -> 13.703
		['USD', 1, 0.5, 1], // half a cent rounds away from zero
	])('rounds %s at its minor unit (%i x %d h = %i)', (currency, rateMinor, hours, expected) => {
		const draft = only(buildInvoiceDrafts(base({ timeEntries: [entry({ hours, rate: money(rateMinor, currency) })], clients: [client('c1', { currency })] })).drafts);
		expect(draft.lines[0].lineAmount).toEqual(money(expected, currency));
		expect(draft.currency).toBe(currency);
	});

	it('writes a line per person, or per task and person, when asked', () => {
		const time = [entry({ resourceId: 'r1' }), entry({ resourceId: 'r2' }), entry({ resourceId: 'r1', taskId: 'k2' })];
		const resources = [resource('r1', { displayName: 'Ada Lovelace' }), resource('r2', { displayName: 'Alan Turing' })];
		const perPerson = only(buildInvoiceDrafts(base({ timeEntries: time, resources }), policy({ linesPer: 'person' })).drafts);
		expect(perPerson.lines.map((line) => [line.description, line.quantity, line.taskId])).toEqual([
			['Ada Lovelace, March 2026 (2.00 h)', 2, undefined],
			['Alan Turing, March 2026 (1.00 h)', 1, undefined],
		]);
		const tasks = [{ id: 'k1', name: 'Build', billable: true, isActive: true, externalRefs: {}, schemaVersion: 1 as const }];
		const both = only(buildInvoiceDrafts(base({ timeEntries: time, resources, tasks }), policy({ linesPer: 'taskAndPerson' })).drafts);
		expect(both.lines.map((line) => line.description)).toEqual(['Build by Ada Lovelace, March 2026 (1.00 h)', 'Build by Alan Turing, March 2026 (1.00 h)', 'Ada Lovelace, March 2026 (1.00 h)']);
	});

	it('prices by the rate card when told to, most specific rate first', () => {
		const rateCard = [{ hourlyRate: usd(9000) }, { role: 'Architect', hourlyRate: usd(20000) }, { resourceId: 'r2', hourlyRate: usd(25000) }];
		const resources = [resource('r1', { role: 'architect' }), resource('r2', { role: 'Architect' }), resource('r3')];
		const time = [entry({ resourceId: 'r1', rate: undefined }), entry({ resourceId: 'r2' }), entry({ resourceId: 'r3' })];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: time, rateCard, resources }), policy({ rateSource: 'rateCard' }, { rateDiffersFromRateCard: 'ignore' })).drafts);
		expect(draft.lines.map((line) => line.unitPrice.amountMinor)).toEqual([20000, 25000, 9000]);
		expect(rateCardRate(entry({ resourceId: 'x' }), [], () => undefined)).toBeUndefined();
	});
});

describe('expenses', () => {
	it('bills at cost, one line per category and currency', () => {
		const costs = [expense({ amount: usd(1234) }), expense({ amount: usd(1000) }), expense({ category: 'Hotel', amount: usd(20000) })];
		const draft = only(buildInvoiceDrafts(base({ expenses: costs })).drafts);
		expect(draft.lines.map((line) => [line.description, line.lineAmount.amountMinor, line.sourceIds.length])).toEqual([
			['Travel expenses, March 2026', 2234, 2],
			['Hotel expenses, March 2026', 20000, 1],
		]);
		expect(draft.expenseIds).toEqual(costs.map((cost) => cost.id));
	});

	it('marks up by a percentage, rounded once on the line, per project terms over the policy', () => {
		const costs = [expense({ amount: usd(1005) }), expense({ amount: usd(1005) })];
		// 20.10 x 1.125 = 22.6125 -> 22.61
		expect(only(buildInvoiceDrafts(base({ expenses: costs }), policy({ expenseMarkupPercent: 12.5 })).drafts).lines[0]).toMatchObject({
			description: 'Travel expenses, March 2026 (cost 20.10 plus 12.5%)',
			lineAmount: usd(2261),
		});
		const terms = [{ projectId: 'p1', expenseMarkupPercent: 0 }];
		expect(only(buildInvoiceDrafts(base({ expenses: costs, terms }), policy({ expenseMarkupPercent: 12.5 })).drafts).subtotalMinor).toBe(2010);
	});

	it('can bill each expense on its own line', () => {
		const draft = only(buildInvoiceDrafts(base({ expenses: [expense({ notes: 'Train to Leeds' }), expense()] }), policy({ expenseLinesPer: 'expense' })).drafts);
		expect(draft.lines.map((line) => line.description)).toEqual(['Travel 2026-03-03: Train to Leeds, March 2026', 'Travel 2026-03-03, March 2026']);
	});
});

describe('multi-currency', () => {
	it('makes one invoice per currency, never a sum across currencies', () => {
		const time = [entry({ hours: 2 }), entry({ hours: 1, rate: money(9000, 'EUR') })];
		const costs = [expense({ amount: money(3000, 'EUR') })];
		const { drafts } = buildInvoiceDrafts(base({ timeEntries: time, expenses: costs, projects: [project('p1', { code: 'X', hourlyRate: usd(10000) })] }));
		expect(drafts.map((draft) => [draft.reference, draft.currency, draft.subtotalMinor, draft.lines.length])).toEqual([
			['X-2026-03', 'USD', 20000, 1],
			['X-2026-03-EUR', 'EUR', 12000, 2],
		]);
	});

	it('puts several projects of a client on one invoice per currency when invoicing per client', () => {
		const projects = [project('p1', { code: 'A' }), project('p2', { code: 'B' }), project('p3', { clientId: 'c2' })];
		const time = [entry({ projectId: 'p1' }), entry({ projectId: 'p2' }), entry({ projectId: 'p3' }), entry({ projectId: 'p2', rate: money(100, 'JPY') })];
		const { drafts } = buildInvoiceDrafts(base({ timeEntries: time, projects, clients: [client('c1', { currency: 'USD' }), client('c2')] }), policy({ invoicePer: 'client' }));
		expect(drafts.map((draft) => [draft.reference, draft.projectIds, draft.subtotalMinor])).toEqual([
			['Cc1-2026-03', ['p1', 'p2'], 20000],
			['Cc1-2026-03-JPY', ['p2'], 100],
			['Cc2-2026-03', ['p3'], 10000],
		]);
		expect(drafts[0].projectId).toBeUndefined();
	});
});

describe('fixed fee and milestones', () => {
	const fixed = project('p1', { billingModel: 'fixed_fee', fixedFee: usd(6000000), code: 'FF' });

	it('bills the milestones reached; the period time is listed on the first fee line', () => {
		const time = [entry({ rate: undefined }), entry({ date: '2026-03-04' })];
		const milestones = [milestone('m2', { name: 'Design sign-off', amount: usd(1800000), dueDate: '2026-03-20' }), milestone('m1', { name: 'Kick-off', amount: usd(1800000), dueDate: '2026-03-01' }), milestone('m3', { status: 'planned', amount: usd(2400000) })];
		const { drafts, holds } = buildInvoiceDrafts(base({ timeEntries: time, projects: [fixed], milestones }));
		const draft = only(drafts);
		expect(holds).toEqual([]);
		expect(draft.lines.map((line) => [line.description, line.lineAmount.amountMinor, line.sourceIds])).toEqual([
			['Milestone: Kick-off', 1800000, ['m1', time[0].id, time[1].id]],
			['Milestone: Design sign-off', 1800000, ['m2']],
		]);
		expect(draft.milestoneIds).toEqual(['m1', 'm2']);
		expect(draft.exceptions).toEqual([]);
	});

	it('bills a reached milestone with no time in the period', () => {
		const draft = only(buildInvoiceDrafts(base({ projects: [project('p1', { billingModel: 'milestone' })], milestones: [milestone('m1', { amount: usd(500) })] })).drafts);
		expect(draft.subtotalMinor).toBe(500);
	});

	it('holds the time as covered by the fee when no fee falls due, and flags a milestone without an amount', () => {
		const time = [entry()];
		const { drafts, holds } = buildInvoiceDrafts(base({ timeEntries: time, projects: [fixed], milestones: [milestone('m1')] }));
		expect(drafts).toEqual([]);
		expect(holds).toMatchObject([{ rule: 'coveredByFixedFee', timeEntryIds: [time[0].id], projectId: 'p1' }]);
		const withOther = buildInvoiceDrafts(base({ timeEntries: time, projects: [fixed], milestones: [milestone('m1'), milestone('m2', { amount: usd(100) })] }));
		expect(only(withOther.drafts).flags).toMatchObject([{ rule: 'milestoneWithoutAmount' }]);
	});

	it('bills by percent complete less what was billed before', () => {
		const terms = [{ projectId: 'p1', feeBasis: 'percentComplete' as const, percentComplete: 60, feeBilledToDate: usd(2400000) }];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: [entry()], projects: [fixed], terms })).drafts);
		expect(draft.lines[0]).toMatchObject({ description: 'Fixed fee, March 2026: 60% complete (36000.00 of 60000.00 USD, 24000.00 billed before)', lineAmount: usd(1200000) });
		const ahead = buildInvoiceDrafts(base({ timeEntries: [entry()], projects: [fixed], terms: [{ ...terms[0], percentComplete: 30 }] }));
		expect(ahead.drafts).toEqual([]);
		expect(ahead.holds[0].rule).toBe('coveredByFixedFee');
		const noFee = buildInvoiceDrafts(base({ projects: [project('p1', { billingModel: 'fixed_fee' })], terms }));
		expect(noFee.drafts).toEqual([]);
	});

	it('rounds percent complete at 0 and 3 decimals', () => {
		const terms = [{ projectId: 'p1', percentComplete: 33.3333 }];
		const yen = only(buildInvoiceDrafts(base({ projects: [project('p1', { billingModel: 'fixed_fee', fixedFee: money(1000002, 'JPY') })], terms })).drafts);
		expect(yen.subtotal).toEqual(money(333334, 'JPY')); // 1000002 x 0.333333 = 333333.67 -> 333334
		const dinar = only(buildInvoiceDrafts(base({ projects: [project('p1', { billingModel: 'fixed_fee', fixedFee: money(1000, 'KWD') })], terms })).drafts);
		expect(dinar.subtotal).toEqual(money(333, 'KWD')); // 0.333333 -> 0.333
	});
});

describe('retainer and block hours', () => {
	const retainerProject = project('p1', { billingModel: 'retainer', code: 'RET' });

	it('draws the hours down against the retainer and bills the overage at its rate', () => {
		const time = [entry({ hours: 15, date: '2026-03-02' }), entry({ hours: 15, date: '2026-03-03' }), entry({ hours: 15, date: '2026-03-10' }), entry({ hours: 2, date: '2026-03-20' })];
		const terms = [{ projectId: 'p1', retainer: { fee: usd(800000), hoursPerPeriod: 40, overageRate: usd(20000) } }];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: time, projects: [retainerProject], terms })).drafts);
		expect(draft.lines.map((line) => [line.description, line.quantity, line.lineAmount.amountMinor, line.sourceIds])).toEqual([
			['Retainer, March 2026', 1, 800000, []],
			['Retainer hours, March 2026: 40.00 h of 40.00 h (0.00 h left)', 40, 0, [time[0].id, time[1].id]],
			['Hours beyond the retainer, March 2026 (7.00 h)', 7, 140000, [time[2].id, time[3].id]],
		]);
		expect(draft.retainer).toEqual({ p1: { includedHours: 40, drawnHours: 40, overageHours: 7, remainingHours: 0 } });
		expect(draft.subtotalMinor).toBe(940000);
	});

	it('draws down prepaid block hours and shows the balance left', () => {
		const time = [entry({ hours: 4 }), entry({ hours: 4, date: '2026-03-05' })];
		const terms = [{ projectId: 'p1', retainer: { balanceHours: 10 } }];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: time, projects: [retainerProject], terms })).drafts);
		expect(draft.lines).toHaveLength(1);
		expect(draft.lines[0]).toMatchObject({ quantity: 8, lineAmount: usd(0) });
		expect(draft.retainer?.p1).toEqual({ includedHours: 10, drawnHours: 8, overageHours: 0, remainingHours: 2 });
	});

	it('bills overage at each entry rate when no overage rate is set', () => {
		const time = [entry({ hours: 3, rate: usd(10000) }), entry({ hours: 2, rate: usd(15000), date: '2026-03-03' })];
		const draft = only(buildInvoiceDrafts(base({ timeEntries: time, projects: [retainerProject], terms: [{ projectId: 'p1', retainer: { balanceHours: 2 } }] })).drafts);
		expect(draft.lines.map((line) => [line.quantity, line.lineAmount.amountMinor, line.sourceIds.length])).toEqual([
			[2, 0, 0],
			[1, 10000, 1],
			[2, 30000, 1],
		]);
	});

	it('bills a monthly retainer fee with no time, and is time and materials without retainer terms', () => {
		expect(only(buildInvoiceDrafts(base({ projects: [retainerProject], terms: [{ projectId: 'p1', retainer: { fee: usd(500), hoursPerPeriod: 10 } }] })).drafts).subtotalMinor).toBe(500);
		expect(only(buildInvoiceDrafts(base({ timeEntries: [entry({ hours: 2 })], projects: [retainerProject] })).drafts).subtotalMinor).toBe(20000);
	});
});

describe('not-to-exceed cap', () => {
	it('bills up to the cap in date order and holds the rest', () => {
		const time = [entry({ hours: 2, date: '2026-03-02' }), entry({ hours: 1, date: '2026-03-09' }), entry({ hours: 2, date: '2026-03-05' })];
		const terms = [{ projectId: 'p1', notToExceed: usd(100000), billedToDate: usd(60000) }];
		const { drafts, holds } = buildInvoiceDrafts(base({ timeEntries: time, terms }));
		const draft = only(drafts);
		expect(draft.subtotalMinor).toBe(40000);
		expect(draft.timeEntryIds).toEqual([time[0].id, time[2].id]);
		expect(draft.notToExceed?.p1).toEqual({ cap: usd(100000), billedBefore: usd(60000), billedNow: usd(40000), remainingAfter: usd(0), heldTimeEntryIds: [time[1].id] });
		expect(holds).toMatchObject([{ rule: 'notToExceed', timeEntryIds: [time[1].id], hoursHundredths: 100 }]);
		expect(holds[0].reason).toContain('not-to-exceed cap of 1000.00 USD');
		// The draft leaves time of its own project behind: its reviewer is told.
		expect(draft.flags).toEqual([{ rule: 'notToExceed', reason: '1 time entry (1.00 h) of project "Project p1" would take billing past its not-to-exceed cap of 1000.00 USD and is held off this invoice', projectId: 'p1', sourceIds: [] }]);
		expect(draft.exceptions).toEqual([draft.flags[0].reason]);
	});

	it('says nothing on the draft when the cap holds nothing back', () => {
		const draft = only(buildInvoiceDrafts(base({ timeEntries: [entry({ hours: 2 })], terms: [{ projectId: 'p1', notToExceed: usd(100000) }] })).drafts);
		expect(draft.flags).toEqual([]);
		expect(draft.notToExceed?.p1.remainingAfter).toEqual(usd(80000));
	});

	it('counts priced billed time before when no billed amount is given, and holds time in another currency', () => {
		const billedTime = [entry({ hours: 9, rate: usd(10000) })];
		const time = [entry({ hours: 1 }), entry({ hours: 1, rate: money(10000, 'EUR') })];
		const { drafts, holds } = buildInvoiceDrafts(base({ timeEntries: time, billedTime, terms: [{ projectId: 'p1', notToExceed: usd(100000) }] }));
		expect(only(drafts).subtotalMinor).toBe(10000);
		expect(holds).toMatchObject([{ rule: 'notToExceed', timeEntryIds: [time[1].id] }]);
	});

	it('never passes the cap through rounding', () => {
		// 0.01 h x 0.50 three times: 0.5 cent each exactly fits a 1-cent room, but the line rounds to 2 cents.
		const time = [entry({ hours: 0.01, rate: usd(50) }), entry({ hours: 0.01, rate: usd(50), date: '2026-03-03' }), entry({ hours: 0.01, rate: usd(50), date: '2026-03-04' })];
		const { drafts } = buildInvoiceDrafts(base({ timeEntries: time, terms: [{ projectId: 'p1', notToExceed: usd(1) }] }));
		expect(only(drafts).subtotalMinor).toBeLessThanOrEqual(1);
	});
});

describe('terms and rates named by project code', () => {
	const coded = [project('p1', { code: 'ACME-7' }), project('p2', { code: 'ACME-8', billingModel: 'milestone' })];

	it('applies terms and rate-card rates given by project code, as an analyst writes them', () => {
		const time = [entry({ hours: 2, rate: usd(15000) }), entry({ hours: 1, projectId: 'p2' }), entry({ hours: 1, rate: usd(15000), date: '2026-03-05' })];
		const terms = [
			{ projectCode: 'ACME-7', notToExceed: usd(40000) },
			{ projectCode: 'ACME-8', milestones: [milestone('m9', { projectId: undefined, name: 'Design sign-off', amount: usd(250000) }), milestone('m10', { projectId: undefined, status: 'planned', amount: usd(1) })] },
		];
		const { drafts, holds } = buildInvoiceDrafts(base({ timeEntries: time, projects: coded, terms, rateCard: [{ projectCode: 'ACME-7', hourlyRate: usd(16000) }] }));
		const [first, second] = drafts;
		expect(first).toMatchObject({ reference: 'ACME-7-2026-03', subtotalMinor: 30000, timeEntryIds: [time[0].id], notToExceed: { p1: { cap: usd(40000) } } });
		expect(first.flags.map((flag) => flag.rule)).toEqual(['rateDiffersFromRateCard', 'notToExceed']);
		expect(holds).toMatchObject([{ rule: 'notToExceed', projectId: 'p1', timeEntryIds: [time[2].id] }]);
		// The milestone kept with the terms bills; the time of the period is what its fee covers.
		expect(second).toMatchObject({ reference: 'ACME-8-2026-03', subtotalMinor: 250000, milestoneIds: ['m9'], timeEntryIds: [time[1].id] });
		expect(second.lines.map((line) => line.description)).toEqual(['Milestone: Design sign-off']);
	});

	it('flags a rate that is not the rate card\'s rate for the project named by code', () => {
		const draft = only(buildInvoiceDrafts(base({ timeEntries: [entry({ hours: 1, rate: usd(15000) })], projects: coded.slice(0, 1), rateCard: [{ projectCode: 'ACME-7', hourlyRate: usd(16000) }] })).drafts);
		expect(draft.flags.map((flag) => flag.rule)).toEqual(['rateDiffersFromRateCard']);
		expect(draft.subtotalMinor).toBe(15000);
	});

	it('refuses a code no project has, or two projects share, and takes terms as one object keyed by code', () => {
		expect(() => buildInvoiceDrafts(base({ projects: coded, terms: [{ projectCode: 'NOPE', notToExceed: usd(1) }] }))).toThrow('Billing terms for project code "NOPE": no project has this code');
		expect(() => withProjectIds([{ projectCode: 'X' }], [project('a', { code: 'X' }), project('b', { code: 'X' })], 'the rate')).toThrow('the rate for project code "X": 2 projects have this code (a, b); name the project by its id');
		expect(termsList({ 'ACME-7': { notToExceed: usd(1) }, 'ACME-8': 5 })).toEqual([{ projectCode: 'ACME-7', notToExceed: usd(1) }, 5]);
		expect(termsList({})).toEqual([]);
		const list = [{ projectId: 'p1' }];
		expect(termsList(list)).toBe(list);
		expect(termsList({ projectCode: 'ACME-7' })).toEqual({ projectCode: 'ACME-7' });
		expect(BillingTerms.safeParse({ notToExceed: usd(1) }).success).toBe(false);
	});
});
