import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { ProcessRules } from '../../nodes/ProcessRules/ProcessRules.node';
import { runNode } from '../harness/n8n';

const node = new ProcessRules();
const json = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);
const paired = (item: INodeExecutionData): number[] => (Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem]).map((pair) => (pair as { item: number }).item);

async function run(resource: string, operation: string, parameters: INodeParameters, items: IDataObject[], continueOnFail = false): Promise<INodeExecutionData[]> {
	const [output] = await runNode({ type: node, parameters: { resource, operation, ...parameters }, items, continueOnFail });
	return output;
}

/** Every input item is paired to at least one output item. */
function expectEveryItemOut(items: IDataObject[], output: INodeExecutionData[]): void {
	const out = new Set(output.flatMap(paired));
	expect(items.map((_item, index) => out.has(index))).toEqual(items.map(() => true));
}

const time = (id: string, fields: IDataObject = {}): IDataObject => ({ id, date: '2026-03-02', hours: 2, billable: true, approvalStatus: 'approved', projectId: 'p1', taskId: 'k1', resourceId: 'r1', rate: { amount: '150.00', currency: 'USD' }, ...fields });
const projects = JSON.stringify([
	{ id: 'p1', name: 'Website rebuild', code: 'WEB', clientId: 'c1', status: 'active', billingModel: 'time_and_materials' },
	{ id: 'p2', name: 'Audit', clientId: 'c1', status: 'active', billingModel: 'fixed_fee', fixedFee: { amount: '10000.00', currency: 'USD' } },
	{ id: 'p3', name: 'Support', clientId: 'c2', status: 'active', billingModel: 'retainer' },
]);
const clients = JSON.stringify([
	{ id: 'c1', name: 'Acme Ltd', currency: 'USD' },
	{ id: 'c2', name: 'Globex', currency: 'KWD' },
]);
const billing = (fields: INodeParameters = {}): INodeParameters => ({ projects, clients, expenses: '[]', billingMonth: '2026-03', issueDate: '2026-04-01', ...fields });

describe('Process Rules node: billing', () => {
	it('Get Billing Period adds the period and the invoice dates to each item', async () => {
		const output = await run('billing', 'getBillingPeriod', { billingMonth: '2026-02', issueDate: '2026-03-01', paymentTermsDays: 14 }, [{ maxHoursPerDay: 10 }]);
		expect(json(output)).toEqual([{ maxHoursPerDay: 10, periodKey: '2026-02', periodLabel: 'February 2026', periodStart: '2026-02-01', periodEnd: '2026-02-28', issueDate: '2026-03-01', dueDate: '2026-03-15' }]);
		await expect(run('billing', 'getBillingPeriod', { billingMonth: '2026/02' }, [{}])).rejects.toThrow('Billing Month: billing month "2026/02" is not a month (YYYY-MM)');
	});

	it('Build Invoice Drafts prices the input time entries, holds what fails a check, and pairs each draft with its entries', async () => {
		const items = [
			time('t1'),
			time('t2', { date: '2026-03-03', hours: 1.5 }),
			time('t3', { approvalStatus: 'submitted', projectId: 'p3' }),
			time('t4', { projectId: 'p3', rate: { amount: '12.345', currency: 'KWD' } }),
			{ id: 'e1', date: '2026-03-04', amount: { amount: '80.10', currency: 'USD' }, category: 'Travel', billable: true, approvalStatus: 'approved', projectId: 'p1' },
			time('t5', { projectId: 'p2', rate: undefined }),
		];
		const milestones = JSON.stringify([{ id: 'm1', name: 'Fieldwork done', projectId: 'p2', status: 'reached', amount: { amount: '4000.00', currency: 'USD' } }]);
		const output = await run('billing', 'buildInvoiceDrafts', billing({ moreInputs: { milestones, billingTerms: JSON.stringify([{ projectId: 'p1', expenseMarkupPercent: 10 }]) } }), items);
		expect(output.map((item) => [item.json.held, item.json.reference ?? item.json.rule, item.json.subtotalText ?? item.json.reason, paired(item)])).toEqual([
			[false, 'P' + 'p2-2026-03', '4000.00 USD', [5]],
			[false, 'WEB-2026-03', '613.11 USD', [0, 1, 4]],
			[true, 'notApproved', `2 time entries are not approved yet on project "Support", e.g. time entry t3 is submitted, not approved`, [2, 3]],
		]);
		const web = output[1].json;
		expect(web.lines).toEqual([
			{ description: 'Time, March 2026 (3.50 h)', quantity: 3.5, unitPrice: { amountMinor: 15000, currency: 'USD' }, lineAmount: { amountMinor: 52500, currency: 'USD' }, projectId: 'p1', taskId: 'k1', sourceIds: ['t1', 't2'] },
			{ description: 'Travel expenses, March 2026 (cost 80.10 plus 10%)', quantity: 1, unitPrice: { amountMinor: 8811, currency: 'USD' }, lineAmount: { amountMinor: 8811, currency: 'USD' }, projectId: 'p1', sourceIds: ['e1'] },
		]);
		expect(web).toMatchObject({ clientId: 'c1', name: 'Acme Ltd', currency: 'USD', issueDate: '2026-04-01', dueDate: '2026-05-01', status: 'draft', exceptions: [] });
		expect(web.timeEntryPositions).toBeUndefined();
		expectEveryItemOut(items, output);
	});

	it('takes the checks, thresholds and options from its parameters', async () => {
		const items = [time('t1', { hours: 8 }), time('t2', { hours: 4, taskId: 'k2' })];
		const flagged = await run('billing', 'buildInvoiceDrafts', billing({ maxHoursPerDay: 10 }), items);
		expect(flagged[0].json.exceptions).toEqual(['person r1 booked 12.00 h on 2026-03-02 (limit 10 h a day)']);
		const held = await run('billing', 'buildInvoiceDrafts', billing({ maxHoursPerDay: 10, checks: { longDay: 'hold' } }), items);
		expect(json(held).map((item) => [item.held, item.rule])).toEqual([[true, 'longDay']]);
		expect(paired(held[0])).toEqual([0, 1]);
		const perPerson = await run('billing', 'buildInvoiceDrafts', billing({ maxHoursPerDay: 12, billingOptions: { linesPer: 'person', invoicePer: 'client' }, moreInputs: { resources: JSON.stringify([{ id: 'r1', displayName: 'Ada Lovelace' }]) } }), items);
		expect(json(perPerson).map((item) => [item.reference, (item.lines as IDataObject[]).map((line) => line.description)])).toEqual([['Cc1-2026-03', ['Ada Lovelace, March 2026 (12.00 h)']]]);
	});

	it('skips the empty item n8n gives for a list that found nothing, and takes billing terms as one object keyed by project code', async () => {
		const terms = { WEB: { notToExceed: { amount: '400.00', currency: 'USD' } } };
		const output = await run('billing', 'buildInvoiceDrafts', billing({ moreInputs: { billingTerms: JSON.stringify(terms) } }), [{}, time('t1'), time('t2', { date: '2026-03-09' })]);
		expect(output.map((item) => [item.json.reference ?? item.json.rule, item.json.subtotalText ?? item.json.reason, paired(item)])).toEqual([
			['WEB-2026-03', '300.00 USD', [1]],
			['notToExceed', 'time entry t2 would take billing past the not-to-exceed cap of 400.00 USD on project "Website rebuild" (0.00 billed before)', [2]],
		]);
		expect(output[0].json.exceptions).toEqual(['1 time entry (2.00 h) of project "Website rebuild" would take billing past its not-to-exceed cap of 400.00 USD and is held off this invoice']);
		// Nothing but the empty item: fees alone could still fall due, and nothing fails.
		expect(await run('billing', 'buildInvoiceDrafts', billing(), [{}])).toEqual([]);
		await expect(run('billing', 'buildInvoiceDrafts', billing({ moreInputs: { billingTerms: JSON.stringify({ NOPE: { notToExceed: { amount: '1.00', currency: 'USD' } } }) } }), [time('t1')])).rejects.toThrow('Billing Terms: the terms for project code "NOPE": no project has this code');
	});

	it('reads the time entries from a parameter, one invoice run per input item', async () => {
		const output = await run('billing', 'buildInvoiceDrafts', billing({ timeEntriesSource: 'parameter', timeEntries: JSON.stringify([time('t1'), time('t2', { projectId: 'p9' })]) }), [{}]);
		expect(output.map((item) => [item.json.reference ?? item.json.rule, paired(item)])).toEqual([
			['WEB-2026-03', [0]],
			['unknownProject', [0]],
		]);
	});

	it('names the item and the field of a bad record, and under continue-on-fail keeps pricing the others', async () => {
		const items = [time('t1'), time('t2', { hours: -1 }), time('t3', { date: '2026-02-30' }), time('', { date: '2026-03-05' })];
		await expect(run('billing', 'buildInvoiceDrafts', billing(), items)).rejects.toThrow('Time entry in item 1 ("t2"): hours must be more than 0');
		const output = await run('billing', 'buildInvoiceDrafts', billing(), items, true);
		expect(output.map((item) => [item.json.reference ?? item.json.error, paired(item)])).toEqual([
			['Time entry in item 1 ("t2"): hours must be more than 0', [1]],
			['Time entry in item 2 ("t3"): date is not a real calendar date', [2]],
			['Time entry in item 3: id is required', [3]],
			['WEB-2026-03', [0]],
		]);
		expect(output[0].json.input).toEqual(items[1]);
		expectEveryItemOut(items, output);
	});

	it('fails on a list parameter it cannot read, naming the list, record and field; continue-on-fail gives every item the error', async () => {
		const badProjects = JSON.stringify([{ id: 'p1', name: 'Website rebuild', status: 'finished' }]);
		await expect(run('billing', 'buildInvoiceDrafts', billing({ projects: badProjects }), [time('t1')])).rejects.toThrow('Projects: project 1 ("Website rebuild"): status must be one of planned, active, on_hold, completed, cancelled, not "finished"');
		await expect(run('billing', 'buildInvoiceDrafts', billing({ clients: '[{ "id": ' }), [time('t1')])).rejects.toThrow(/Clients is not valid JSON/);
		await expect(run('billing', 'buildInvoiceDrafts', billing({ maxHoursPerDay: -2 }), [time('t1')])).rejects.toThrow('Max Hours per Day must be a number of at least 0 at most 24, not -2');
		const output = await run('billing', 'buildInvoiceDrafts', billing({ projects: badProjects }), [time('t1'), time('t2')], true);
		expect(output.map((item) => [Boolean(item.json.error), paired(item)])).toEqual([
			[true, [0]],
			[true, [1]],
		]);
	});

	it('Check Time Before Invoicing gives each input entry its outcome', async () => {
		const items = [time('t1'), time('t2', { approvalStatus: 'draft' }), time('t3', { projectId: 'p3', rate: undefined })];
		const output = await run('billing', 'checkTimeEntries', billing({ unapprovedHolds: 'record', checks: { missingRate: 'hold' } }), items);
		expect(output.map((item) => [item.json.id, item.json.billingCheck, paired(item)])).toEqual([
			['t1', { outcome: 'invoice', invoiceReference: 'WEB-2026-03', flags: [] }, [0]],
			['t2', { outcome: 'held', rule: 'notApproved', reason: 'time entry t2 is draft, not approved', flags: [] }, [1]],
			['t3', { outcome: 'held', rule: 'missingRate', reason: 'time entry t3 has no bill rate', flags: [] }, [2]],
		]);
	});

	it('Compare Invoice With Draft finds the draft by reference and shows late time', async () => {
		const drafts = await run('billing', 'buildInvoiceDrafts', billing(), [time('t1'), time('t2', { date: '2026-03-09' })]);
		const erpInvoices = [{ id: 'INV-1', number: 'INV-0001', reference: 'WEB-2026-03', clientId: 'x1', status: 'draft', currency: 'USD', issueDate: '2026-04-01', subtotal: { amountMinor: 60000, currency: 'USD' }, lines: drafts[0].json.lines }];
		const output = await run('billing', 'compareInvoiceWithDraft', { drafts: JSON.stringify(json(drafts)) }, erpInvoices);
		expect(output[0].json).toMatchObject({ reference: 'WEB-2026-03', invoiceId: 'INV-1', invoiceNumber: 'INV-0001', matchesDraft: true, differences: [] });
		const late = await run('billing', 'compareInvoiceWithDraft', { drafts: JSON.stringify(json(drafts)) }, [{ ...erpInvoices[0], subtotal: { amountMinor: 30000, currency: 'USD' }, lines: [] }]);
		expect(late[0].json).toMatchObject({ matchesDraft: false, differences: [{ field: 'subtotal', draft: '600.00', invoice: '300.00' }], notOnInvoice: { amountMinor: 30000, currency: 'USD' } });
		const missing = await run('billing', 'compareInvoiceWithDraft', { drafts: '[]' }, [erpInvoices[0], { id: 'bad' }], true);
		expect(json(missing).map((item) => item.error)).toEqual(['Invoice in item 0 (INV-0001): no draft has reference "WEB-2026-03" and there is no draft at position 0', expect.stringMatching(/^Invoice in item 1 \("bad"\): clientId is required/)]);
	});

	it('Summarize Invoice Run gives one item for the run, from the drafts, the compared invoices, the PSA\'s marks and what went no further', async () => {
		const drafts = await run('billing', 'buildInvoiceDrafts', billing(), [time('t1'), time('t2', { projectId: 'p3', approvalStatus: 'submitted' })]);
		const compared = await run('billing', 'compareInvoiceWithDraft', { drafts: JSON.stringify(json(drafts)) }, [{ id: 'INV-1', number: 'INV-0001', reference: 'WEB-2026-03', clientId: 'x1', status: 'draft', currency: 'USD', issueDate: '2026-04-01', subtotal: { amountMinor: 30000, currency: 'USD' }, lines: drafts[0].json.lines }]);
		const keptOff = [{ input: { projectName: 'Audit' }, operation: 'match', message: 'no ERP customer named "Acme Ltd"' }];
		const parameters = { billingPeriod: JSON.stringify({ periodKey: '2026-03', periodEnd: '2026-03-31', issueDate: '2026-04-01' }), drafts: JSON.stringify(json(drafts)), invoices: JSON.stringify(json(compared)), psaMarks: JSON.stringify([{ reference: 'WEB-2026-03', marked: true }]), keptOff: JSON.stringify(keptOff) };
		const output = await run('billing', 'summarizeInvoiceRun', parameters, [{}, {}]);
		expect(output).toHaveLength(1);
		expect(paired(output[0])).toEqual([0, 1]);
		expect(output[0].json).toMatchObject({
			period: '2026-03',
			invoices: [{ reference: 'WEB-2026-03', number: 'INV-0001', project: 'Website rebuild', client: 'Acme Ltd', subtotal: '300.00 USD', hours: 2, lines: 1, timeMarkedInvoiced: true, lateTimeConflict: false }],
			alreadyInvoiced: [],
			totals: { USD: { invoices: 1, amountMinor: 30000, amount: '300.00', hours: 2 } },
			held: [
				{ project: 'Support', rule: 'notApproved', reason: 'time entry t2 is submitted, not approved' },
				{ project: 'Audit', rule: 'notMatched', reason: 'no ERP customer named "Acme Ltd"' },
			],
			readinessLagDays: { afterPeriodEnd: 1, afterLastWorkAverage: 30, afterLastWorkMax: 30 },
		});
		await expect(run('billing', 'summarizeInvoiceRun', { ...parameters, billingPeriod: '{}' }, [{}])).rejects.toThrow('Billing Period: periodEnd must be a date (YYYY-MM-DD), not undefined');
	});
});

const invoice = (id: string, fields: IDataObject = {}): IDataObject => ({ id, number: `INV-${id}`, clientId: 'c1', status: 'authorised', currency: 'USD', issueDate: '2026-02-01', dueDate: '2026-03-01', total: { amount: '1000.00', currency: 'USD' }, balance: { amount: '1000.00', currency: 'USD' }, ...fields });

describe('Process Rules node: collections', () => {
	const invoices = [invoice('1'), invoice('2', { dueDate: '2026-04-20' }), invoice('3', { currency: 'JPY', total: { amountMinor: 50000, currency: 'JPY' }, balance: { amountMinor: 50000, currency: 'JPY' }, issueDate: '2025-11-01', dueDate: '2025-12-01' }), invoice('4', { status: 'paid', balance: { amountMinor: 0, currency: 'USD' } })];

	it('Age Receivables totals by bucket per currency, or gives each invoice its bucket', async () => {
		const summary = await run('collections', 'ageReceivables', { asOf: '2026-04-15' }, invoices);
		expect(summary.map((item) => [item.json.currency, item.json.byAge, paired(item)])).toEqual([
			['JPY', { current: '0', '1-30': '0', '31-60': '0', '61-90': '0', '91+': '50000' }, [2]],
			['USD', { current: '1000.00', '1-30': '0.00', '31-60': '1000.00', '61-90': '0.00', '91+': '0.00' }, [0, 1, 3]],
		]);
		const each = await run('collections', 'ageReceivables', { asOf: '2026-04-15', agingOutput: 'invoices', agingBuckets: '15, 45' }, invoices);
		expect(each.map((item) => (item.json.aging as IDataObject).bucket)).toEqual(['16-45', 'current', '46+', null]);
		await expect(run('collections', 'ageReceivables', { agingBuckets: '30, later' }, invoices)).rejects.toThrow('Aging Buckets: aging bucket "later" is not a whole number of days above 0');
	});

	it('Days Sales Outstanding per currency', async () => {
		const output = await run('collections', 'daysSalesOutstanding', { asOf: '2026-04-15', dsoDays: 90 }, invoices);
		expect(output.map((item) => [item.json.currency, item.json.days, paired(item)])).toEqual([
			['JPY', null, [2]],
			['USD', 60, [0, 1, 3]],
		]);
	});

	it('Prioritize Overdue Invoices scores each invoice with its parts, highest first', async () => {
		const payments = JSON.stringify([{ invoiceId: '4', date: '2026-03-10', amount: { amountMinor: 100000, currency: 'USD' } }]);
		const customers = JSON.stringify([{ id: 'c1', name: 'Acme Ltd', email: 'ap@acme.example', domain: 'acme.example' }]);
		const output = await run('collections', 'prioritizeInvoices', { asOf: '2026-04-15', payments, customers, largeBalance: 2000 }, invoices.slice(0, 2).concat([invoice('4', { status: 'paid', dueDate: '2026-03-01', balance: { amountMinor: 0, currency: 'USD' } })]));
		expect(output.map((item) => [item.json.invoiceId, item.json.daysOverdue, item.json.priority, item.json.priorityParts, paired(item)])).toEqual([
			['1', 45, 60, { amount: 20, daysOverdue: 20, paymentHistory: 20 }, [0]],
			['2', -5, 40, { amount: 20, daysOverdue: 0, paymentHistory: 20 }, [1]],
			['4', 45, 40, { amount: 0, daysOverdue: 20, paymentHistory: 20 }, [2]],
		]);
		expect(output[0].json).toMatchObject({ name: 'Acme Ltd', customerEmail: 'ap@acme.example', balance: '1000.00', paymentHistory: { paidInvoices: 1, paidLate: 1 } });
	});

	it('Decide Dunning Step takes the ladder, history and stops from its parameters', async () => {
		const prioritized = json(await run('collections', 'prioritizeInvoices', { asOf: '2026-04-15' }, [invoice('1'), invoice('5', { dueDate: '2026-04-17' }), invoice('6', { dueDate: '2026-03-30' }), invoice('7', { dueDate: '2026-04-13', clientId: 'c9' })]));
		const ladder = { stage: [
			{ days: -3, action: 'reminder', subject: 'Upcoming: {{invoiceNumber}} due {{dueDate}} (in {{daysUntilDue}} days)', body: '' },
			{ days: 1, action: 'reminder', subject: 'Reminder: {{invoiceNumber}} ({{amount}})', body: 'Dear {{contactName}}' },
			{ days: 30, action: 'escalation', subject: 'Escalation: {{customer}} owes {{amount}}', body: '' },
		] };
		const notes = JSON.stringify([
			{ invoiceId: '1', note: '[p2c dunning] stage 30: escalated on 2026-04-01' },
			{ invoiceId: '6', note: 'Client disputed the March hours' },
			{ invoiceId: '7', stage: 1, sentAt: '2026-04-14', system: 'businessCentral' },
		]);
		const output = await run('collections', 'decideDunningStep', { asOf: '2026-04-15', ladder, notes, notesSystem: 'xero', doNotChase: '' }, prioritized);
		expect(output.map((item) => [item.json.invoiceId, item.json.stage, item.json.due, item.json.stop, item.json.subject, paired(item)])).toEqual([
			['1', 30, false, 'stageAlreadySent', '', [0]],
			['6', 1, false, 'disputed', '', [1]],
			['7', 1, true, null, 'Reminder: INV-7 (1000.00 USD)', [2]],
			['5', -3, true, null, 'Upcoming: INV-5 due 2026-04-17 (in 2 days)', [3]],
		]);
		expect(output[2].json.note).toBe('[p2c dunning] stage 1: reminder sent to billing contact on 2026-04-15 (2 days overdue, 1000.00 USD, priority 12)');
		const stopped = await run('collections', 'decideDunningStep', { asOf: '2026-04-15', ladder, doNotChase: 'INV-7' }, [prioritized[2]]);
		expect(stopped[0].json).toMatchObject({ due: false, stop: 'doNotChase', stopReason: '"INV-7" is on the do-not-chase list' });
	});

	it('Decide Dunning Step takes its ladder as a days list with one text for reminders and one for escalations, as a policy holds them', async () => {
		const prioritized = json(await run('collections', 'prioritizeInvoices', { asOf: '2026-04-15' }, [invoice('1'), invoice('5', { dueDate: '2026-04-17' })]));
		const parameters = { asOf: '2026-04-15', ladderSource: 'days', ladderDays: '-2, 1, 15, 45', escalateFromDays: 45, reminderSubject: 'Please pay {{invoiceNumber}}', escalationSubject: '{{invoiceNumber}}: {{daysOverdue}} days', escalationMessage: 'Owes {{amount}}' };
		const output = await run('collections', 'decideDunningStep', parameters, prioritized);
		expect(output.map((item) => [item.json.invoiceId, item.json.stage, item.json.action, item.json.subject, item.json.body])).toEqual([
			['1', 45, 'escalation', 'INV-1: 45 days', 'Owes 1000.00 USD'],
			['5', -2, 'reminder', 'Please pay INV-5', expect.stringContaining('Our records show invoice INV-5 is -2 days past its due date')],
		]);
		await expect(run('collections', 'decideDunningStep', { ...parameters, ladderDays: '1, 15, soon' }, prioritized)).rejects.toThrow('Stage Days: stage "soon" is not a whole number of days');
	});

	it('Decide Dunning Step reads a matched account\'s billing contact and canonical invoices; a bad item is an error item', async () => {
		const contacts = JSON.stringify([{ id: 'k1', clientId: 'crm-1', firstName: 'Jo', lastName: 'Payer', email: 'jo@acme.example', jobTitle: 'Accounts Payable' }]);
		const items = [{ ...invoice('8'), match: { status: 'matched', candidate: { id: 'crm-1', name: 'Acme (CRM)', ownerId: 'owner-3' } } }, { id: '9', dueDate: '2026-03-01' }];
		const output = await run('collections', 'decideDunningStep', { asOf: '2026-04-15', contacts }, items, true);
		expect(output[0].json).toMatchObject({ invoiceId: '8', stage: 45, action: 'escalation', due: true, accountName: 'Acme (CRM)', accountOwnerId: 'owner-3', billingContact: { name: 'Jo Payer', email: 'jo@acme.example' }, subject: 'Escalation: Acme (CRM) owes 1000.00 USD on INV-8, 45 days overdue' });
		expect(output[1]).toMatchObject({ json: { error: 'Invoice in item 1: currency is required' }, pairedItem: { item: 1 } });
	});
});

describe('Process Rules node: collections summary', () => {
	it('Summarize Collections gives one item: overdue by age and DSO per currency, steps taken, stops, priorities', async () => {
		const overdue = [
			{ invoiceId: '1', invoiceNumber: 'INV-1', name: 'Acme', currency: 'USD', balanceMinor: 100000, daysOverdue: 40, priority: 60 },
			{ invoiceId: '2', invoiceNumber: 'INV-2', name: 'Globex', currency: 'USD', balanceMinor: 2500, daysOverdue: 5, priority: 20 },
		];
		const decisions = [
			{ invoiceId: '1', invoiceNumber: 'INV-1', name: 'Acme', due: true, stage: 30, action: 'reminder', stop: null, stopReason: '', priority: 60 },
			{ invoiceId: '2', invoiceNumber: 'INV-2', name: 'Globex', due: false, stage: 1, action: 'reminder', stop: 'promiseToPay', stopReason: 'promised to pay by 2026-05-01', priority: 20 },
		];
		const invoices = [invoice('1', { issueDate: '2026-02-01', dueDate: '2026-03-06' }), invoice('9', { status: 'paid', issueDate: '2026-03-01', balance: { amount: '0.00', currency: 'USD' } })];
		const parameters = { overdue: JSON.stringify(overdue), decisions: JSON.stringify(decisions), invoices: JSON.stringify(invoices), recorded: JSON.stringify([{ id: 'n1' }, {}]), asOf: '2026-04-15', agingBuckets: '30, 60' };
		const output = await run('collections', 'summarizeCollections', parameters, [{}]);
		expect(output[0].json).toMatchObject({
			asOf: '2026-04-15',
			overdueInvoices: 2,
			overdue: { USD: { total: '1025.00', byAge: { '1-30': '25.00', '31-60': '1000.00', '61+': '0.00' } } },
			daysSalesOutstanding: { USD: { receivable: '1000.00', salesLastDays: '2000.00', days: 45 } },
			remindersSent: 1,
			escalations: 0,
			notesWritten: 1,
			steps: [{ invoice: 'INV-1', customer: 'Acme', stage: 30, action: 'reminder', priority: 60 }],
			stopped: [{ invoice: 'INV-2', customer: 'Globex', rule: 'promiseToPay', reason: 'promised to pay by 2026-05-01' }],
			topPriorities: [{ invoice: 'INV-1', balance: '1000.00 USD' }, { invoice: 'INV-2', balance: '25.00 USD' }],
		});
		await expect(run('collections', 'summarizeCollections', { ...parameters, agingBuckets: '30, x' }, [{}])).rejects.toThrow('Aging Buckets: aging bucket "x" is not a whole number of days above 0');
	});
});

describe('Process Rules node: planning', () => {
	const deals = [
		{ dealId: 'd1', billingModel: 'fixed_fee', amount: { amountMinor: 10001, currency: 'USD' } },
		{ dealId: 'd2', billingModel: 'time_and_materials', amount: { amount: '150000.00', currency: 'GBP' } },
	];

	it('Plan Milestones splits the contract value exactly and tells whether it needs approval', async () => {
		const output = await run('planning', 'planMilestones', { approvalThresholds: '{ "GBP": "100000.00" }' }, deals);
		expect(output[0].json).toMatchObject({ dealId: 'd1', needsApproval: false, milestoneNotes: ['Milestone: Kick-off (30%) 30.00 USD', 'Milestone: Design sign-off (30%) 30.00 USD', 'Milestone: Acceptance (40%) 40.01 USD'] });
		expect(output[1].json).toMatchObject({ dealId: 'd2', milestones: [], needsApproval: true, approvalThreshold: { amountMinor: 10000000, currency: 'GBP' } });
		await expect(run('planning', 'planMilestones', { milestonePlan: 'A: 50, B: 40' }, deals)).rejects.toThrow('Milestone Plan: the milestone percentages add up to 90, not 100');
		const bad = await run('planning', 'planMilestones', {}, [{ amount: { amount: '12.345', currency: 'USD' } }, deals[0]], true);
		expect(bad[0].json.error).toBe('Item 0: Contract Value is not money (amount "12.345" has 3 decimals; USD has 2)');
		expect(bad[1].json.dealId).toBe('d1');
	});

	it('Explain Missing Deal Data gives one notice per deal the checks refused, none for a deal already told', async () => {
		const refused = (nextStep?: string) => ({ input: { id: 'd4', name: 'Data platform', ownerId: 'u9', nextStep, _meta: { system: 'hubspot' } }, issues: [{ path: 'startDate', rule: 'required', message: 'the deal has no start date' }] });
		const output = await run('planning', 'explainMissingDealData', {}, [refused(), refused('Handoff to delivery waits for: startDate. Complete the deal; the next handoff run picks it up.'), { issues: [] }], true);
		expect(output.map((item) => [item.json.dealId ?? item.json.error, item.json.missing, paired(item)])).toEqual([
			['d4', ['startDate'], [0]],
			['Item 2: the deal (under "input") has no id', undefined, [2]],
		]);
		expect(output[0].json).toMatchObject({ crmSystem: 'hubspot', ownerId: 'u9', nextStep: 'Handoff to delivery waits for: startDate. Complete the deal; the next handoff run picks it up.', problems: ['startDate: the deal has no start date'] });
	});

	it('Plan Project From Deal plans each deal\'s project, finds the one an earlier run made, and tells whether the budget needs approval', async () => {
		const deal = (id: string, fields: IDataObject = {}) => ({ id, name: `Deal ${id}`, status: 'won', closeDate: '2026-04-01', billingModel: 'milestone', startDate: '2026-05-04', amount: { amountMinor: 15000001, currency: 'GBP' }, _meta: { system: 'hubspot', entity: 'opportunity', remoteId: id, fetchedAt: '2026-04-01T00:00:00Z' }, ...fields });
		const items = [{ id: 'h1', deal: deal('d1') }, { id: 'h2', match: { status: 'matched', candidate: { id: 'h9' } }, deal: deal('d2', { billingModel: 'time_and_materials' }) }, { id: 'h3', deal: deal('d3', { amount: undefined }) }];
		const psaProjects = JSON.stringify([{ id: 'P7', name: 'Deal d2', externalRefs: { hubspot: 'd2', harvest: 'P7' } }]);
		const parameters = { deal: '={{ $json.deal }}', clientName: 'Acme', erpCustomer: '{ "id": "x1" }', psaProjects, approvalThresholds: '{ "GBP": "100000.00" }' };
		const output = await run('planning', 'planProject', parameters, items, true);
		expect(output.map((item) => [item.json.dealId ?? item.json.error, item.json.existingProjectId, item.json.needsApproval, item.json.psaClientId, ((item.json.milestones as unknown[]) ?? []).length])).toEqual([
			['d1', '', true, 'h1', 3],
			['d2', 'P7', false, 'h9', 0],
			['Deal in item 2 ("Deal d3"): amount is required to plan its project', undefined, undefined, undefined, 0],
		]);
		const project = output[0].json.project as IDataObject;
		expect(project).toMatchObject({ clientId: 'h1', fixedFee: { amountMinor: 15000001, currency: 'GBP' }, externalRefs: { hubspot: 'd1' } });
		// The deterministic business key a second run finds the project by.
		expect((project.externalRefs as IDataObject).key).toBe('hubspot-deal-d1/project');
	});

	it('Summarize Handoff gives one item for the run, counting what each step made', async () => {
		const handoffs = [{ dealId: 'd1', dealName: 'Deal d1', clientName: 'Acme', projectId: 'P1', projectLink: 'https://psa/P1', projectCreated: true, erpCustomerCreated: true, amountDecimal: '100.00', currency: 'USD', billingModel: 'fixed_fee', milestones: [{}, {}], closedAt: new Date(Date.now() - 3_600_000).toISOString() }];
		const parameters = {
			wonDeals: JSON.stringify([{ id: 'd1' }, { id: 'd2' }, { id: 'd3' }]),
			notYetHandedOff: JSON.stringify([{ id: 'd1' }, { id: 'd3' }]),
			handoffs: JSON.stringify(handoffs),
			waitingForData: JSON.stringify([{ input: { id: 'd3', name: 'Deal d3' }, issues: [{ path: 'startDate' }, { path: 'startDate' }] }]),
			created: { erpCustomers: JSON.stringify([{ id: 'c1' }]), tasks: JSON.stringify([{ id: 't1' }, { id: 't2' }, {}]) },
		};
		const output = await run('planning', 'summarizeHandoff', parameters, [{}]);
		expect(output[0].json).toMatchObject({ wonDealsInWindow: 3, alreadyHandedOff: 1, handedOff: 1, projectsCreated: 1, erpCustomersCreated: 1, psaClientsCreated: 0, tasksAdded: 2, staffingAssignments: 0, waitingForData: [{ dealId: 'd3', deal: 'Deal d3', missing: ['startDate'] }], handoffs: [{ dealId: 'd1', budget: '100.00 USD', milestones: 2, cycleTimeHours: 1 }] });
		expect((output[0].json.cycleTimeHours as IDataObject).max).toBe(1);
	});

	it('Plan Standard Tasks lists the tasks to add by PSA id', async () => {
		const output = await run('planning', 'planStandardTasks', { psaTasks: JSON.stringify([{ id: '11', name: 'Discovery' }, { id: '12', name: 'Project Management' }]), tasksOnProjects: JSON.stringify([{ projectId: 'P-2', taskId: '11' }]), standardTasks: 'Discovery, Project Management, Build' }, [{ projectId: 'P-1' }, { projectId: 'P-2' }, { projectId: '' }], true);
		expect(output[0].json.taskAssignments).toEqual([
			{ kind: 'allocation', projectId: 'P-1', taskId: '11', billable: true },
			{ kind: 'allocation', projectId: 'P-1', taskId: '12', billable: false },
		]);
		expect((output[1].json.taskPlan as IDataObject[]).map((task) => task.status)).toEqual(['onProject', 'add', 'unknownTask']);
		expect(output[2].json.error).toBe('Item 2: Project ID is empty');
	});

	it('reads a list parameter whose expression reads the item for each item, and other lists once', async () => {
		const psaTasks = JSON.stringify([{ id: '11', name: 'Discovery' }]);
		const items = [{ projectId: 'P-1', existing: [{ projectId: 'P-1', taskId: '11' }] }, { projectId: 'P-2', existing: [] }, { projectId: 'P-3', existing: [{ projectId: 'P-3', taskId: '11' }] }];
		const output = await run('planning', 'planStandardTasks', { psaTasks, tasksOnProjects: '={{ $json.existing }}', standardTasks: '={{ $json.projectId === "P-2" ? "Discovery" : "Discovery, Build" }}' }, items);
		expect(output.map((item) => (item.json.taskPlan as IDataObject[]).map((task) => `${task.name}:${task.status}`))).toEqual([['Discovery:onProject', 'Build:unknownTask'], ['Discovery:add'], ['Discovery:onProject', 'Build:unknownTask']]);
	});

	it('Propose Staffing picks people by skills and free hours, from availability rows or from capacity less time off', async () => {
		const people = JSON.stringify([
			{ id: 'h1', displayName: 'Ada', email: 'ada@firm.example', skills: ['SQL', 'Data modelling'], weeklyCapacityHours: 40 },
			{ id: 'h2', displayName: 'Bob', email: 'bob@firm.example', skills: ['Kubernetes'], weeklyCapacityHours: 40 },
			{ id: 'h3', displayName: 'Cy', email: 'cy@firm.example', skills: ['Design'], weeklyCapacityHours: 10 },
		]);
		const psaPeople = JSON.stringify([{ id: 'u1', displayName: 'Ada', email: 'ADA@firm.example' }, { id: 'u2', displayName: 'Bob', email: 'bob@firm.example' }, { id: 'u3', displayName: 'Cy', email: 'cy@firm.example' }]);
		const timeOff = JSON.stringify([{ resourceId: 'h2', status: 'approved', startDate: '2026-03-02', endDate: '2026-03-20' }]);
		const projects = [{ projectId: 'P-1', dealName: 'Data warehouse', startDate: '2026-03-02' }];
		const computed = await run('planning', 'proposeStaffing', { people, psaPeople, timeOff, skillsNeeded: 'Kubernetes', teamSize: 2, minAvailableHours: 41 }, projects);
		const staffing = computed[0].json.staffing as IDataObject;
		expect((staffing.team as IDataObject[]).map((pick) => [pick.displayName, pick.freeHours, pick.isProjectManager])).toEqual([['Ada', 160, true]]);
		expect(staffing.gaps).toEqual([
			{ need: 'skill: kubernetes', reason: '1 person has it, but Bob has 40 h free, under 41' },
			{ need: 'team of 2', reason: '1 of 3 people qualify (at least 41 h free from 2026-03-02 to 2026-03-29, a PSA account); 2 have too few free hours, 0 have no PSA account' },
		]);
		expect(computed[0].json.staffingAssignments).toEqual([{ kind: 'allocation', projectId: 'P-1', resourceId: 'u1', isProjectManager: true }]);
		const availability = JSON.stringify([{ resourceId: 'h2', availableHours: 50, weekStart: '2026-03-02' }, { resourceId: 'h3', availableHours: 45, weekStart: '2026-03-09' }]);
		const fromRows = await run('planning', 'proposeStaffing', { people, psaPeople, availability, teamSize: 3 }, [...projects, { projectId: 'P-2', startDate: 'soon' }], true);
		expect(((fromRows[0].json.staffing as IDataObject).team as IDataObject[]).map((pick) => pick.displayName)).toEqual(['Bob', 'Cy']);
		expect(fromRows[1].json.error).toBe('Item 1 (project P-2): Start Date must be a date (YYYY-MM-DD), not "soon"');
	});
});

describe('Process Rules node description', () => {
	it('is a tool-usable node an analyst finds by billing, collections and planning words', () => {
		const { description } = node;
		expect(description).toMatchObject({ displayName: 'Project-to-Cash Process Rules', name: 'processRules', usableAsTool: true });
		expect(description.codex?.categories).toEqual(['Finance & Accounting', 'Productivity']);
		expect(description.codex?.alias).toEqual(expect.arrayContaining(['invoice', 'billing', 'timesheet', 'dunning', 'aging', 'DSO', 'milestone', 'staffing']));
		const operations = description.properties.filter((property) => property.name === 'operation').flatMap((property) => property.options as Array<{ value: string; description?: string }>);
		expect(operations).toHaveLength(16);
		expect(operations.every((option) => (option.description ?? '').length > 40)).toBe(true);
	});
});
