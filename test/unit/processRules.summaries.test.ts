import { agingBuckets } from '../../nodes/ProcessRules/rules/collections/aging';
import { collectionsSummary, type DunningOutcome, type PrioritizedInvoice } from '../../nodes/ProcessRules/rules/collections/summary';
import { invoiceRunSummary, keptOffOf, type ComparedInvoice } from '../../nodes/ProcessRules/rules/billing/runSummary';
import { handoffSummary, type HandedOffDeal, type HandoffRunInput } from '../../nodes/ProcessRules/rules/planning/handoffSummary';
import { invoice, money, usd } from './processRules.fixtures';

describe('invoice run summary', () => {
	const period = { periodKey: '2026-03', periodEnd: '2026-03-31', issueDate: '2026-04-02' };
	const compared = (reference: string, fields: Partial<ComparedInvoice> = {}): ComparedInvoice => ({ reference, invoiceNumber: `INV-${reference}`, projectName: `Project ${reference}`, clientName: 'Acme', currency: 'USD', subtotalMinor: 10000, hoursHundredths: 250, lineCount: 2, exceptions: [], matchesDraft: true, lastWorkDate: '2026-03-28', ...fields });

	it('lists the invoices made, with totals per currency and the readiness lag', () => {
		const summary = invoiceRunSummary({
			period,
			invoices: [compared('A'), compared('B', { subtotalMinor: 12345, hoursHundredths: 333, lastWorkDate: '2026-03-20' }), compared('C', { currency: 'KWD', subtotalMinor: 12345, exceptions: ['long day'] })],
			marks: [{ reference: 'A', marked: true }, { reference: 'B', marked: true }],
			keptOff: [],
		});
		expect(summary.invoices.map((line) => [line.reference, line.subtotal, line.hours, line.timeMarkedInvoiced, line.lateTimeConflict, line.exceptionsApproved])).toEqual([
			['A', '100.00 USD', 2.5, true, false, []],
			['B', '123.45 USD', 3.33, true, false, []],
			['C', '12.345 KWD', 2.5, false, false, ['long day']],
		]);
		// Never summed across currencies; hours added in hundredths (2.50 + 3.33 is 5.83, not 5.829999...).
		expect(summary.totals).toEqual({ USD: { invoices: 2, amountMinor: 22345, amount: '223.45', hours: 5.83 }, KWD: { invoices: 1, amountMinor: 12345, amount: '12.345', hours: 2.5 } });
		expect(summary.readinessLagDays).toEqual({ afterPeriodEnd: 2, afterLastWorkAverage: 7.7, afterLastWorkMax: 13 });
		expect(summary.alreadyInvoiced).toEqual([]);
	});

	it('tells a re-run\'s invoices made before from late time that conflicts with them', () => {
		const summary = invoiceRunSummary({
			period,
			invoices: [compared('A'), compared('F', { matchesDraft: false, coveredByInvoice: true }), compared('L', { matchesDraft: false, coveredByInvoice: false })],
			marks: [{ reference: 'A', marked: false }],
			keptOff: [{ project: 'Project H', rule: 'notApproved', reason: 'waits for approval' }],
		});
		expect(summary.alreadyInvoiced).toEqual([{ reference: 'A', number: 'INV-A', project: 'Project A' }, { reference: 'F', number: 'INV-F', project: 'Project F' }]);
		expect(summary.invoices).toMatchObject([{ reference: 'L', lateTimeConflict: true, timeMarkedInvoiced: false }]);
		// A conflict is not a new invoice: nothing in the totals, no lag.
		expect(summary.totals).toEqual({});
		expect(summary.readinessLagDays).toEqual({ afterPeriodEnd: 2, afterLastWorkAverage: null, afterLastWorkMax: null });
		expect(summary.held).toEqual([{ project: 'Project H', rule: 'notApproved', reason: 'waits for approval' }]);
	});

	it('reads what kept an item off the invoices: a hold, exceptions not approved, a step\'s exception', () => {
		expect(keptOffOf({ held: true, projectName: 'P', rule: 'coveredByFixedFee', reason: 'covered' })).toEqual({ project: 'P', rule: 'coveredByFixedFee', reason: 'covered' });
		expect(keptOffOf({ held: false, reference: 'X', projectName: 'P', exceptions: ['a', 'b'], approval: { status: 'rejected' } })).toEqual({ project: 'P', rule: 'exceptionsNotApproved', reason: 'exceptions rejected: a; b' });
		expect(keptOffOf({ input: { projectName: 'P' }, operation: 'match', message: 'no customer named "Acme"' })).toEqual({ project: 'P', rule: 'notMatched', reason: 'no customer named "Acme"' });
		expect(keptOffOf({ held: false, reference: 'X' })).toBeUndefined();
	});
});

describe('collections summary', () => {
	const overdue = (invoiceNumber: string, currency: string, balanceMinor: number, daysOverdue: number, priority: number): PrioritizedInvoice => ({ invoiceId: invoiceNumber, invoiceNumber, customer: `Customer ${invoiceNumber}`, currency, balanceMinor, daysOverdue, priority });
	const decision = (invoiceNumber: string, fields: Partial<DunningOutcome>): DunningOutcome => ({ invoiceNumber, customer: `Customer ${invoiceNumber}`, due: false, stage: null, action: null, stop: null, stopReason: '', priority: 10, ...fields });

	it('gives overdue by age and DSO per currency, the steps taken, the stops worth a look and the top priorities', () => {
		const summary = collectionsSummary({
			asOf: '2026-04-15',
			overdue: [overdue('1', 'USD', 100000, 10, 40), overdue('2', 'USD', 5050, 95, 70), overdue('3', 'JPY', 50000, 45, 55)],
			invoices: [invoice('1', { issueDate: '2026-03-01', dueDate: '2026-04-05', balance: usd(100000) }), invoice('9', { status: 'paid', issueDate: '2026-02-01', total: usd(20000) }), invoice('3', { currency: 'JPY', issueDate: '2025-12-01', total: money(50000, 'JPY'), balance: money(50000, 'JPY') })],
			decisions: [
				decision('1', { due: true, stage: 1, action: 'reminder', priority: 40 }),
				decision('2', { due: true, stage: 60, action: 'escalation', priority: 70 }),
				decision('3', { stage: 30, stop: 'disputed', stopReason: 'a note on the invoice says "dispute"' }),
				decision('4', { stage: 15, stop: 'stageAlreadySent', stopReason: 'stage 15 (or a later one) was already taken' }),
			],
			notesWritten: 2,
			buckets: agingBuckets([30, 60, 90], false),
			dsoDays: 90,
			topCount: 2,
		});
		expect(summary.overdue).toEqual({
			JPY: { total: '50000', byAge: { '1-30': '0', '31-60': '50000', '61-90': '0', '91+': '0' } },
			USD: { total: '1050.50', byAge: { '1-30': '1000.00', '31-60': '0.00', '61-90': '0.00', '91+': '50.50' } },
		});
		// USD: 1000.00 owed over 1200.00 invoiced in the window (the paid invoice is a sale, not a receivable); JPY: no sale in the window.
		expect(summary.daysSalesOutstanding).toEqual({ JPY: { receivable: '50000', salesLastDays: '0', days: null }, USD: { receivable: '1000.00', salesLastDays: '1200.00', days: 75 } });
		expect(summary).toMatchObject({ overdueInvoices: 3, remindersSent: 1, escalations: 1, notesWritten: 2 });
		expect(summary.steps).toEqual([
			{ invoice: '1', customer: 'Customer 1', stage: 1, action: 'reminder', priority: 40 },
			{ invoice: '2', customer: 'Customer 2', stage: 60, action: 'escalation', priority: 70 },
		]);
		expect(summary.stopped).toEqual([{ invoice: '3', customer: 'Customer 3', rule: 'disputed', reason: 'a note on the invoice says "dispute"' }]);
		expect(summary.topPriorities).toEqual([
			{ invoice: '2', customer: 'Customer 2', daysOverdue: 95, balance: '50.50 USD', priority: 70 },
			{ invoice: '3', customer: 'Customer 3', daysOverdue: 45, balance: '50000 JPY', priority: 55 },
		]);
	});

	it('is empty, not missing, when nothing is overdue', () => {
		expect(collectionsSummary({ asOf: '2026-04-15', overdue: [], invoices: [], decisions: [], notesWritten: 0, buckets: agingBuckets([30], false), dsoDays: 90 })).toEqual({
			asOf: '2026-04-15', overdueInvoices: 0, overdue: {}, daysSalesOutstanding: {}, remindersSent: 0, escalations: 0, notesWritten: 0, steps: [], stopped: [], topPriorities: [],
		});
	});
});

describe('handoff summary', () => {
	const handoff = (dealId: string, fields: Partial<HandedOffDeal> = {}): HandedOffDeal => ({ dealId, dealName: `Deal ${dealId}`, clientName: 'Acme', projectId: `P${dealId}`, projectLink: `https://psa/${dealId}`, projectCreated: true, erpCustomerCreated: false, amountDecimal: '1000.00', currency: 'USD', billingModel: 'fixed_fee', milestones: 3, closedAt: '2026-04-01T00:00:00.000Z', ...fields });
	const input = (handoffs: HandedOffDeal[], fields: Partial<HandoffRunInput> = {}): HandoffRunInput => ({
		finishedAt: '2026-04-01T12:00:00.000Z', wonDeals: 5, notYetHandedOff: 4, handoffs, created: { erpCustomers: 1, psaClients: 0, tasks: 10, staffingAssignments: 6 }, waitingForData: [], budgetNotApproved: [], ambiguousClients: [], ...fields,
	});

	it('counts what was handed off and created, and the cycle time from close to project ready over the projects created now', () => {
		const summary = handoffSummary(input([handoff('1'), handoff('2', { closedAt: '2026-04-01T06:00:00.000Z' }), handoff('3', { projectCreated: false, closedAt: '2026-03-01T00:00:00.000Z' })]));
		expect(summary).toMatchObject({ wonDealsInWindow: 5, alreadyHandedOff: 1, handedOff: 3, projectsCreated: 2, erpCustomersCreated: 1, psaClientsCreated: 0, tasksAdded: 10, staffingAssignments: 6 });
		expect(summary.cycleTimeHours).toEqual({ median: 9, max: 12 });
		expect(summary.handoffs[0]).toEqual({ dealId: '1', deal: 'Deal 1', client: 'Acme', projectId: 'P1', projectLink: 'https://psa/1', projectCreated: true, erpCustomerCreated: false, budget: '1000.00 USD', billingModel: 'fixed_fee', milestones: 3, cycleTimeHours: 12 });
		expect(handoffSummary(input([handoff('1'), handoff('2', { closedAt: '2026-04-01T06:00:00.000Z' }), handoff('4', { closedAt: '2026-04-01T11:00:00.000Z' })])).cycleTimeHours).toEqual({ median: 6, max: 12 });
	});

	it('says nothing was handed off on a second run, and lists what waits', () => {
		const waiting = [{ dealId: 'd4', deal: 'Deal 4', missing: ['startDate'] }];
		const summary = handoffSummary(input([], { notYetHandedOff: 1, waitingForData: waiting, budgetNotApproved: [{ dealId: 'd5', deal: 'Deal 5', outcome: 'rejected' }], ambiguousClients: ['two customers named Acme'] }));
		expect(summary).toMatchObject({ handedOff: 0, projectsCreated: 0, alreadyHandedOff: 4, cycleTimeHours: { median: null, max: null }, waitingForData: waiting, ambiguousClients: ['two customers named Acme'] });
		expect(summary.budgetNotApproved).toEqual([{ dealId: 'd5', deal: 'Deal 5', outcome: 'rejected' }]);
	});
});
