import type { Expense, Milestone, Project, TimeEntry } from '../../nodes/shared/canonical';
import { buildInvoiceDrafts } from '../../nodes/ProcessRules/rules/billing/drafts';
import { hoursToHundredths } from '../../nodes/ProcessRules/rules/billing/price';
import type { BillingTerms } from '../../nodes/ProcessRules/rules/billing/terms';
import { CHECK_RULES, DEFAULT_BILLING_POLICY, type BillingInput, type BillingPolicy, type CheckAction } from '../../nodes/ProcessRules/rules/billing/types';
import { planMilestones } from '../../nodes/ProcessRules/rules/planning/milestones';
import { MARCH, client, entry, expense, independentPrice, milestone, money, project, seededRandom } from './processRules.fixtures';

const CURRENCIES = ['JPY', 'USD', 'KWD', 'EUR'];
const MODELS = ['time_and_materials', 'time_and_materials', 'fixed_fee', 'milestone', 'retainer'] as const;
const ACTIONS: CheckAction[] = ['hold', 'flag', 'ignore'];

/** A random but reproducible invoice run: projects of every model, currencies with 0, 2 and 3 decimals, copies and odd records. */
function randomRun(seed: number): { input: BillingInput; policy: BillingPolicy } {
	const random = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
	const chance = (share: number): boolean => random() < share;
	const projects: Project[] = [];
	const terms: BillingTerms[] = [];
	const milestones: Milestone[] = [];
	for (let index = 0; index < int(0, 6); index++) {
		const id = `p${index}`;
		const currency = pick(CURRENCIES);
		const billingModel = pick(MODELS);
		projects.push(
			project(id, {
				clientId: chance(0.95) ? `c${int(0, 2)}` : undefined,
				code: chance(0.5) ? `CODE${index}` : undefined,
				billingModel,
				status: chance(0.85) ? 'active' : 'completed',
				hourlyRate: chance(0.5) ? money(int(1, 30000), currency) : undefined,
				fixedFee: chance(0.7) ? money(int(0, 10_000_000), currency) : undefined,
				budgetAmount: chance(0.3) ? money(int(0, 2_000_000), currency) : undefined,
				startDate: chance(0.2) ? '2026-03-05' : undefined,
			}),
		);
		const term: BillingTerms = { projectId: id };
		if (billingModel === 'time_and_materials' && chance(0.4)) term.notToExceed = money(int(0, 3_000_000), currency);
		if (billingModel === 'retainer' && chance(0.8)) {
			term.retainer = { fee: chance(0.5) ? money(int(0, 500_000), currency) : undefined, ...(chance(0.5) ? { hoursPerPeriod: int(0, 80) } : { balanceHours: int(0, 40) / 4 }), overageRate: chance(0.5) ? money(int(1, 30000), currency) : undefined };
		}
		if (billingModel === 'fixed_fee' && chance(0.5)) Object.assign(term, { feeBasis: 'percentComplete', percentComplete: int(0, 1000000) / 10000, feeBilledToDate: money(int(0, 3_000_000), currency) });
		if (chance(0.3)) term.expenseMarkupPercent = int(0, 250) / 10;
		terms.push(term);
		for (let m = 0; m < int(0, 3); m++) milestones.push(milestone(`m${index}x${m}`, { projectId: id, status: pick(['planned', 'reached', 'invoiced'] as const), amount: chance(0.9) ? money(int(0, 1_000_000), currency) : undefined }));
	}
	const projectIds = [...projects.map((p) => p.id as string), 'p-missing'];
	const timeEntries: TimeEntry[] = [];
	for (let index = 0; index < int(0, 90); index++) {
		if (timeEntries.length > 0 && chance(0.08)) {
			// The same record twice, or the same work booked twice under another id.
			const copied = pick(timeEntries);
			timeEntries.push(chance(0.5) ? copied : { ...copied, id: `${copied.id}copy${index}` });
			continue;
		}
		const projectId = chance(0.97) ? pick(projectIds.slice(0, -1).length ? projectIds.slice(0, -1) : projectIds) : 'p-missing';
		const own = projects.find((p) => p.id === projectId);
		const currency = own?.fixedFee?.currency ?? own?.hourlyRate?.currency ?? pick(CURRENCIES);
		timeEntries.push(
			entry({
				projectId,
				date: `2026-03-${String(int(1, 31)).padStart(2, '0')}`,
				hours: int(1, 1200) / 100,
				resourceId: `r${int(0, 4)}`,
				taskId: `k${int(0, 2)}`,
				approvalStatus: chance(0.9) ? 'approved' : 'submitted',
				rate: chance(0.1) ? undefined : money(int(0, 40000), chance(0.9) ? currency : pick(CURRENCIES)),
				notes: chance(0.5) ? 'same' : undefined,
			}),
		);
	}
	const expenses: Expense[] = [];
	for (let index = 0; index < int(0, 25); index++) {
		expenses.push(expense({ projectId: pick(projectIds), amount: money(int(1, 500_000), pick(CURRENCIES)), category: pick(['Travel', 'Hotel', 'Meals']), approvalStatus: chance(0.92) ? 'approved' : 'draft', date: `2026-03-${String(int(1, 31)).padStart(2, '0')}` }));
	}
	const checks = Object.fromEntries(CHECK_RULES.map((rule) => [rule, pick(ACTIONS)])) as BillingPolicy['checks'];
	const policy: BillingPolicy = {
		...DEFAULT_BILLING_POLICY,
		checks,
		maxHoursPerDay: int(6, 14),
		unapprovedHolds: pick(['project', 'record'] as const),
		invoicePer: pick(['project', 'client'] as const),
		linesPer: pick(['task', 'person', 'taskAndPerson'] as const),
		rateSource: pick(['entry', 'rateCard'] as const),
		expenseMarkupPercent: pick([0, 0, 10, 12.5]),
		expenseLinesPer: pick(['category', 'expense'] as const),
	};
	const rateCard = chance(0.4) ? [{ hourlyRate: money(15000, 'USD') }, { resourceId: 'r1', hourlyRate: money(20000, 'USD') }] : [];
	const billedTime = chance(0.5) ? timeEntries.slice(0, 5).map((billed) => ({ ...billed, id: `b${billed.id}` })) : [];
	return { input: { period: MARCH, timeEntries, expenses, projects, clients: [client('c0', { currency: 'USD' }), client('c1'), client('c2', { currency: 'KWD' })], terms, milestones, rateCard, billedTime }, policy };
}

const sum = (values: number[]): number => Number(values.reduce((total, value) => total + BigInt(value), 0n));
const counts = (ids: string[]): Map<string, number> => ids.reduce((map, id) => map.set(id, (map.get(id) ?? 0) + 1), new Map<string, number>());

describe('invoice drafts, property-style over 400 seeded random runs', () => {
	const runs = Array.from({ length: 400 }, (_unused, seed) => ({ seed, ...randomRun(seed + 1) }));

	it('totals equal the sum of the lines, in one currency per invoice', () => {
		for (const { input, policy } of runs) {
			for (const draft of buildInvoiceDrafts(input, policy).drafts) {
				expect(draft.lines.length).toBeGreaterThan(0);
				expect(draft.lines.every((line) => line.lineAmount.currency === draft.currency && line.unitPrice.currency === draft.currency)).toBe(true);
				expect(draft.subtotal).toEqual({ amountMinor: sum(draft.lines.map((line) => line.lineAmount.amountMinor)), currency: draft.currency });
				expect(draft.total).toEqual(draft.subtotal);
				expect(draft.subtotalMinor).toBe(draft.subtotal.amountMinor);
			}
		}
	});

	it('every line is quantity x unit price rounded half away from zero, once', () => {
		for (const { input, policy } of runs) {
			for (const line of buildInvoiceDrafts(input, policy).drafts.flatMap((draft) => draft.lines)) {
				expect(line.lineAmount.amountMinor).toBe(independentPrice(hoursToHundredths(line.quantity), line.unitPrice.amountMinor));
			}
		}
	});

	it('every input entry ends up exactly once, on a line or in a hold', () => {
		for (const { input, policy } of runs) {
			const result = buildInvoiceDrafts(input, policy);
			const time = [...result.drafts.flatMap((draft) => draft.timeEntryPositions), ...result.holds.flatMap((hold) => hold.timeEntryPositions)].sort((a, b) => a - b);
			const costs = [...result.drafts.flatMap((draft) => draft.expensePositions), ...result.holds.flatMap((hold) => hold.expensePositions)].sort((a, b) => a - b);
			expect(time).toEqual(input.timeEntries.map((_entry, index) => index));
			expect(costs).toEqual(input.expenses.map((_expense, index) => index));
			// By id too: the ids on the lines and in the holds are the input's, each as often as it was given.
			const inputIds = new Set([...input.timeEntries, ...input.expenses].map((record) => record.id as string));
			const onLines = result.drafts.flatMap((draft) => draft.lines.flatMap((line) => line.sourceIds)).filter((id) => inputIds.has(id));
			const inHolds = result.holds.flatMap((hold) => hold.records.map((record) => record.id));
			expect(counts([...onLines, ...inHolds])).toEqual(counts([...input.timeEntries, ...input.expenses].map((record) => record.id as string)));
			for (const hold of result.holds) expect(hold.records.every((record) => record.reason.length > 0 && hold.reason.length > 0)).toBe(true);
		}
	});

	it('references are unique and the same input gives the same drafts', () => {
		for (const { input, policy } of runs.slice(0, 100)) {
			const first = buildInvoiceDrafts(input, policy);
			const references = first.drafts.map((draft) => draft.reference);
			expect(new Set(references).size).toBe(references.length);
			expect(buildInvoiceDrafts(input, policy)).toEqual(first);
		}
	});

	it('never bills time past a not-to-exceed cap', () => {
		for (const { input, policy } of runs) {
			const result = buildInvoiceDrafts(input, policy);
			for (const draft of result.drafts) {
				for (const [projectId, cap] of Object.entries(draft.notToExceed ?? {})) {
					expect(cap.billedBefore.amountMinor + cap.billedNow.amountMinor).toBeLessThanOrEqual(Math.max(cap.cap.amountMinor, cap.billedBefore.amountMinor));
					expect(projectId).toMatch(/^p\d+$/);
				}
			}
		}
	});

	it('runs reach every billing model, hold rule and currency', () => {
		const rules = new Set<string>();
		const currencies = new Set<string>();
		const lines = new Set<string>();
		for (const { input, policy } of runs) {
			const result = buildInvoiceDrafts(input, policy);
			result.holds.forEach((hold) => rules.add(hold.rule));
			result.drafts.forEach((draft) => {
				currencies.add(draft.currency);
				draft.flags.forEach((flag) => rules.add(flag.rule));
				draft.lines.forEach((line) => lines.add(line.description.split(/[,:(]/)[0]));
			});
		}
		expect([...rules].sort()).toEqual(expect.arrayContaining([...CHECK_RULES, 'duplicateId', 'unknownProject', 'notToExceed', 'coveredByFixedFee', 'noCurrency', 'unknownClient']));
		expect([...currencies].sort()).toEqual([...CURRENCIES].sort());
		expect([...lines]).toEqual(expect.arrayContaining(['Retainer', 'Retainer hours', 'Hours beyond the retainer', 'Fixed fee', 'Milestone', 'Travel expenses']));
	});
});

describe('milestone plans, property-style', () => {
	it('add up to exactly the contract value, each within a few minor units of its share', () => {
		const random = seededRandom(7);
		for (let run = 0; run < 2000; run++) {
			const currency = CURRENCIES[run % CURRENCIES.length];
			const value = money(Math.floor(random() * 1e10), currency);
			const count = 1 + Math.floor(random() * 6);
			const weights = Array.from({ length: count }, () => 1 + Math.floor(random() * 1000));
			const total = weights.reduce((a, b) => a + b, 0);
			const percents = weights.map((weight) => Math.floor((weight / total) * 1_000_000) / 10000);
			percents[count - 1] = Math.round((100 - percents.slice(0, -1).reduce((a, b) => a + b, 0)) * 10000) / 10000;
			const plan = percents.map((percent, index) => ({ name: `M${index}`, percent }));
			const amounts = planMilestones(value, plan, (['last', 'first', 'largest'] as const)[run % 3]).map((step) => step.amount.amountMinor);
			expect(sum(amounts)).toBe(value.amountMinor);
			amounts.forEach((amount, index) => expect(Math.abs(amount - (value.amountMinor * percents[index]) / 100)).toBeLessThanOrEqual(count));
		}
	});
});
