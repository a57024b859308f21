import { compareInvoiceWithDraft, invoiceSubtotal } from '../../nodes/ProcessRules/rules/billing/reconcile';
import { counterpartId, explainMissingDealData, planProjectFromDeal, projectsByDeal } from '../../nodes/ProcessRules/rules/planning/deal';
import { budgetNeedsApproval, parseMilestonePlan, planMilestones } from '../../nodes/ProcessRules/rules/planning/milestones';
import { freeHoursInWindow, proposeStaffing, type StaffingNeed } from '../../nodes/ProcessRules/rules/planning/staffing';
import { nameList, planStandardTasks } from '../../nodes/ProcessRules/rules/planning/tasks';
import { money, resource, usd } from './processRules.fixtures';

describe('milestone plan', () => {
	const plan = parseMilestonePlan('Kick-off: 30, Design sign-off: 30, Acceptance: 40');

	it('reads "Name: percent" and refuses plans that do not add up to 100', () => {
		expect(plan).toEqual([
			{ name: 'Kick-off', percent: 30 },
			{ name: 'Design sign-off', percent: 30 },
			{ name: 'Acceptance', percent: 40 },
		]);
		expect(parseMilestonePlan('Phase 1: Build: 33.3333%, Rest: 66.6667')[0]).toEqual({ name: 'Phase 1: Build', percent: 33.3333 });
		expect(() => parseMilestonePlan('A: 50, B: 40')).toThrow('add up to 90, not 100');
		expect(() => parseMilestonePlan('A 100')).toThrow('is not "Name: percent"');
		expect(() => parseMilestonePlan('A: 33.33333, B: 66.66667')).toThrow('more than 4 decimals');
		expect(() => parseMilestonePlan('')).toThrow('names no milestone');
		expect(() => parseMilestonePlan('A: -10, B: 110')).toThrow('is not "Name: percent"');
	});

	it('splits the contract value exactly, rounding each share and placing the remainder deterministically', () => {
		// 100.01 USD: 30.003 -> 30.00, 30.00, and the last takes 40.01 (sum exact).
		expect(planMilestones(usd(10001), plan).map((step) => step.amountDecimal)).toEqual(['30.00', '30.00', '40.01']);
		// Each share rounds half away from zero; what is left over (here +1 or -1) goes on the chosen milestone.
		const thirds = parseMilestonePlan('A: 33.3333, B: 33.3333, C: 33.3334');
		expect(planMilestones(money(100, 'JPY'), thirds).map((step) => step.amount.amountMinor)).toEqual([33, 33, 34]);
		expect(planMilestones(money(200, 'JPY'), thirds, 'first').map((step) => step.amount.amountMinor)).toEqual([66, 67, 67]);
		expect(planMilestones(money(1000001, 'KWD'), plan, 'largest').map((step) => step.amountDecimal)).toEqual(['300.000', '300.000', '400.001']);
		expect(planMilestones(usd(0), plan).map((step) => step.amount.amountMinor)).toEqual([0, 0, 0]);
	});

	it('tells whether a budget needs approval, per currency', () => {
		const thresholds = { GBP: '100000.00', USD: 120000 };
		expect(budgetNeedsApproval(money(10000000, 'GBP'), thresholds)).toEqual({ needsApproval: true, threshold: money(10000000, 'GBP') });
		expect(budgetNeedsApproval(money(9999999, 'GBP'), thresholds).needsApproval).toBe(false);
		expect(budgetNeedsApproval(usd(12000000), thresholds).needsApproval).toBe(true);
		expect(budgetNeedsApproval(money(1, 'EUR'), thresholds)).toEqual({ needsApproval: false });
	});
});

describe('standard tasks', () => {
	it('puts each standard task on the project once, by the PSA id, billable unless listed', () => {
		const psaTasks = [{ id: 't1', name: 'Discovery' }, { id: 't2', name: 'design' }, { id: 't5', name: 'Project Management' }, { id: 't9', name: 'Discovery' }];
		const { tasks, assignments } = planStandardTasks('p1', nameList('Discovery, Design, Build, Project Management, discovery'), nameList('project management'), psaTasks, new Set(['p1|t2']));
		expect(tasks.map((task) => [task.name, task.status, task.taskId, task.billable])).toEqual([
			['Discovery', 'add', 't1', true],
			['Design', 'onProject', 't2', true],
			['Build', 'unknownTask', undefined, true],
			['Project Management', 'add', 't5', false],
		]);
		expect(tasks[2].reason).toBe('the PSA has no task named "Build"');
		expect(assignments).toEqual([
			{ kind: 'allocation', projectId: 'p1', taskId: 't1', billable: true },
			{ kind: 'allocation', projectId: 'p1', taskId: 't5', billable: false },
		]);
		expect(planStandardTasks('p1', [], [], [], new Set())).toEqual({ tasks: [], assignments: [] });
	});
});

describe('staffing', () => {
	it('adds free hours inside the window, counting overlapping reads once', () => {
		const rows = [
			{ resourceId: 'r1', availableHours: 32, weekStart: '2026-03-02', periodStart: '2026-03-02', periodEnd: '2026-03-08' },
			{ resourceId: 'r1', availableHours: 32, weekStart: '2026-03-02', periodStart: '2026-03-02', periodEnd: '2026-03-08' },
			{ resourceId: 'r1', availableHours: 40.25, weekStart: '2026-03-09' },
			{ resourceId: 'r1', availableHours: 40, weekStart: '2026-03-30' },
			{ resourceId: 'r2', availableHours: 8, periodStart: '2026-03-04', periodEnd: '2026-03-08' },
			{ resourceId: 'r2', availableHours: 12 },
		];
		expect(freeHoursInWindow(rows, '2026-03-02', '2026-03-29')).toEqual(new Map([['r1', 7225], ['r2', 2000]]));
	});

	const need: StaffingNeed = { projectId: 'p1', projectName: 'Data platform migration', startDate: '2026-03-02', skills: ['Kubernetes', 'SQL'], matchNameWords: true, teamSize: 3, minAvailableHours: 40, weeks: 4, requirePsaAccount: true };
	const people = [
		{ resource: resource('r1', { displayName: 'Ada', skills: ['SQL', 'Data modelling'] }), psaUserId: 'u1' },
		{ resource: resource('r2', { displayName: 'Bob', skills: ['Kubernetes'] }) },
		{ resource: resource('r3', { displayName: 'Cy', skills: ['Migration planning', 'SQL'] }), psaUserId: 'u3' },
		{ resource: resource('r4', { displayName: 'Di', skills: [] }), psaUserId: 'u4' },
		{ resource: resource('r5', { displayName: 'Ed', skills: ['SQL'], employmentStatus: 'terminated' }), psaUserId: 'u5' },
		{ resource: resource('r6', { displayName: 'Al', skills: ['SQL'] }), psaUserId: 'u6' },
	];
	const free = new Map([['r1', 8000], ['r2', 16000], ['r3', 4000], ['r4', 16000], ['r5', 16000], ['r6', 3999]]);

	it('picks by fitting skills, then free hours, then name, with the reason for each pick and each gap', () => {
		const proposal = proposeStaffing(need, people, free);
		expect(proposal.window).toEqual({ startDate: '2026-03-02', endDate: '2026-03-29' });
		expect(proposal.team.map((pick) => [pick.displayName, pick.psaUserId, pick.matchedSkills, pick.freeHours, pick.isProjectManager])).toEqual([
			['Ada', 'u1', ['SQL', 'Data modelling'], 80, true],
			['Cy', 'u3', ['Migration planning', 'SQL'], 40, false],
			['Di', 'u4', [], 160, false],
		]);
		expect(proposal.team[0].reason).toBe('skills SQL, Data modelling fit; 80 h free from 2026-03-02 to 2026-03-29; project manager (first pick)');
		expect(proposal.team[2].reason).toBe('no skill asked for fits; picked for free hours; 160 h free from 2026-03-02 to 2026-03-29');
		expect(proposal.gaps).toEqual([{ need: 'skill: kubernetes', reason: '1 person has it, but Bob has no PSA account' }]);
		expect(proposal.considered).toBe(5);
	});

	it('reports the seats it cannot fill and skills no one has', () => {
		const proposal = proposeStaffing({ ...need, skills: ['Rust'], teamSize: 5, minAvailableHours: 60 }, people, free);
		expect(proposal.team.map((pick) => pick.displayName)).toEqual(['Ada', 'Di']);
		expect(proposal.gaps).toEqual([
			{ need: 'skill: rust', reason: 'no one has this skill' },
			{ need: 'team of 5', reason: '2 of 5 people qualify (at least 60 h free from 2026-03-02 to 2026-03-29, a PSA account); 2 have too few free hours, 1 have no PSA account' },
		]);
		expect(proposeStaffing({ ...need, requirePsaAccount: false, teamSize: 1, matchNameWords: false, skills: [] }, people, free).team.map((pick) => pick.displayName)).toEqual(['Bob']);
		expect(proposeStaffing(need, [], new Map()).gaps.map((gap) => gap.need)).toEqual(['skill: kubernetes', 'skill: sql', 'team of 3']);
	});
});

describe('reconciliation with the invoice the ERP holds', () => {
	const line = (amountMinor: number, quantity = 1) => ({ description: 'x', quantity, unitPrice: usd(amountMinor), lineAmount: usd(amountMinor * quantity), sourceIds: [] });
	const draft = { reference: 'A-2026-03', currency: 'USD', subtotalMinor: 30000, lines: [line(10000), line(10000, 2)] };

	it('matches when subtotal and currency are the same', () => {
		expect(compareInvoiceWithDraft(draft, { reference: 'A-2026-03', currency: 'USD', subtotal: usd(30000), lines: [line(10000, 2), line(10000)] })).toEqual({ matchesDraft: true, differences: [], linesNotOnInvoice: [], linesOnlyOnInvoice: [], coveredByInvoice: true });
	});

	it('says the draft is covered when every line of it is on an invoice that holds more (a fee drafted again after its time was marked invoiced)', () => {
		const fee = { reference: 'A-2026-03', currency: 'USD', subtotalMinor: 10000, lines: [line(10000)] };
		const result = compareInvoiceWithDraft(fee, { reference: 'A-2026-03', currency: 'USD', subtotal: usd(30000), lines: [line(10000), line(10000, 2)] });
		expect(result).toMatchObject({ matchesDraft: false, coveredByInvoice: true, linesNotOnInvoice: [], linesOnlyOnInvoice: [line(10000, 2)] });
		// Without lines to compare, nothing says the draft is on the invoice.
		expect(compareInvoiceWithDraft(fee, { reference: 'A-2026-03', currency: 'USD', subtotal: usd(30000), lines: [] }).coveredByInvoice).toBe(false);
		expect(compareInvoiceWithDraft(fee, { reference: 'A-2026-03', currency: 'EUR', subtotal: money(10000, 'EUR'), lines: [{ ...line(10000), unitPrice: money(10000, 'EUR'), lineAmount: money(10000, 'EUR') }] }).coveredByInvoice).toBe(false);
	});

	it('shows late time for a month already invoiced: the amount and the lines not on the invoice', () => {
		const result = compareInvoiceWithDraft(draft, { reference: 'A-2026-03', currency: 'USD', subtotal: usd(10000), lines: [line(10000)] });
		expect(result.matchesDraft).toBe(false);
		expect(result.differences).toEqual([{ field: 'subtotal', draft: '300.00', invoice: '100.00' }]);
		expect(result.notOnInvoice).toEqual(usd(20000));
		expect(result.linesNotOnInvoice).toEqual([line(10000, 2)]);
		expect(result.coveredByInvoice).toBe(false);
		const other = compareInvoiceWithDraft(draft, { reference: 'B', currency: 'EUR', total: money(30000, 'EUR'), lines: [] });
		expect(other.differences.map((difference) => difference.field)).toEqual(['currency', 'reference']);
		expect(other.matchesDraft).toBe(false);
		expect(compareInvoiceWithDraft(draft, { currency: 'USD', lines: [] }).differences).toEqual([{ field: 'subtotal', draft: '300.00', invoice: '(none)' }]);
	});

	it('takes the subtotal from the lines when the ERP gives none', () => {
		expect(invoiceSubtotal({ currency: 'USD', lines: [line(5), line(7)] })).toEqual(usd(12));
		expect(invoiceSubtotal({ currency: 'USD', lines: [], total: usd(3) })).toEqual(usd(3));
	});
});

describe('a won deal handed off', () => {
	const deal = { id: 'd7', name: 'ERP rollout', ownerId: 'u1', closeDate: '2026-04-01', billingModel: 'milestone' as const, startDate: '2026-05-04', amount: usd(1000001), _meta: { system: 'hubspot', entity: 'opportunity', remoteId: 'd7', fetchedAt: '2026-04-01T00:00:00Z' } };

	it('explains what a deal lacks once: a deal whose next step says it already is left out', () => {
		const issues = [{ path: 'startDate', message: 'the deal has no start date' }, { path: 'startDate', message: 'again' }, { path: 'amount.currency', message: 'no currency' }];
		const notice = explainMissingDealData(deal, issues);
		expect(notice).toEqual({
			dealId: 'd7',
			dealName: 'ERP rollout',
			ownerId: 'u1',
			crmSystem: 'hubspot',
			missing: ['startDate', 'amount.currency'],
			nextStep: 'Handoff to delivery waits for: startDate, amount.currency. Complete the deal; the next handoff run picks it up.',
			problems: ['startDate: the deal has no start date', 'startDate: again', 'amount.currency: no currency'],
		});
		expect(explainMissingDealData({ ...deal, nextStep: notice!.nextStep }, issues)).toBeUndefined();
		expect(explainMissingDealData(deal, issues, '{{deal}} needs {{missing}}')?.nextStep).toBe('ERP rollout needs startDate, amount.currency');
	});

	it('plans the project: budget, milestones that add up to the deal in its notes, its fee, the deal\'s id; approval only for a new one', () => {
		const milestones = planMilestones(usd(1000001), parseMilestonePlan('Kick-off: 30, Design sign-off: 30, Acceptance: 40'));
		const plan = planProjectFromDeal({ deal, clientName: 'Acme', erpCustomer: { id: 'x1', match: { status: 'matched', candidate: { id: 'ERP-9' } } }, psaClient: { id: 'h5' }, milestones, budgetAtThreshold: true });
		expect(plan).toMatchObject({ dealId: 'd7', crmSystem: 'hubspot', amountDecimal: '10000.01', currency: 'USD', erpCustomerId: 'ERP-9', erpCustomerCreated: false, psaClientId: 'h5', psaClientCreated: true, existingProjectId: '', needsApproval: true, closedAt: '2026-04-01T00:00:00.000Z' });
		expect(plan.project).toEqual({
			name: 'ERP rollout',
			clientId: 'h5',
			billingModel: 'milestone',
			budgetAmount: usd(1000001),
			fixedFee: usd(1000001),
			startDate: '2026-05-04',
			status: 'active',
			notes: 'Handed off from hubspot deal d7 "ERP rollout", won 2026-04-01.\nMilestone: Kick-off (30%) 3000.00 USD\nMilestone: Design sign-off (30%) 3000.00 USD\nMilestone: Acceptance (40%) 4000.01 USD',
			externalRefs: expect.objectContaining({ hubspot: 'd7' }),
		});
		expect((plan.project as { externalRefs: Record<string, string> }).externalRefs).toEqual(Object.fromEntries([['hubspot', 'd7'], ['key', 'hubspot-deal-d7/project']]));
		const found = planProjectFromDeal({ deal: { ...deal, billingModel: 'time_and_materials' }, clientName: 'Acme', erpCustomer: { id: 'x1' }, psaClient: { id: 'h5', match: { status: 'matched', candidate: { id: 'h6' } } }, existingProjectId: 'P3', milestones: [], budgetAtThreshold: true });
		expect(found).toMatchObject({ existingProjectId: 'P3', needsApproval: false, psaClientId: 'h6', psaClientCreated: false });
		expect((found.project as { fixedFee?: unknown }).fixedFee).toBeUndefined();
	});

	it('finds the project an earlier run made by the deal\'s id in its externalRefs, and the id of a matched or created record', () => {
		const index = projectsByDeal([{ id: 'P1', externalRefs: { hubspot: 'd7', harvest: 'P1' } }, { id: 'P2', externalRefs: { hubspot: 'd7' } }, { id: 'P3', externalRefs: { salesforce: 'd7' } }]);
		expect(index.get('hubspot|d7')?.id).toBe('P1');
		expect(index.get('salesforce|d7')?.id).toBe('P3');
		expect(index.get('hubspot|d8')).toBeUndefined();
		expect(counterpartId({ id: 7 })).toBe('7');
		expect(counterpartId({ id: 'x', match: { status: 'matched', candidate: { id: 'y' } } })).toBe('y');
		expect(counterpartId({ id: 'x', match: { status: 'unmatched' } })).toBe('x');
	});
});
