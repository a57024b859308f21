import { ageInvoices, ageReceivables, agingBucketOf, agingBuckets, parseAgingBounds } from '../../nodes/ProcessRules/rules/collections/aging';
import { daysSalesOutstanding } from '../../nodes/ProcessRules/rules/collections/dso';
import { DEFAULT_DUNNING_LADDER, DEFAULT_LADDER_TEXTS, dunningLadder, dunningNote, freeTextNotes, ladderFromDays, stageDue, stepsAlreadySent } from '../../nodes/ProcessRules/rules/collections/dunning';
import { placeholdersOf, renderMessage } from '../../nodes/ProcessRules/rules/collections/message';
import { DEFAULT_PRIORITY_POLICY, lastPaymentByInvoice, paymentHistoryByClient, priorityScore } from '../../nodes/ProcessRules/rules/collections/priority';
import { daysOverdue, openBalance } from '../../nodes/ProcessRules/rules/collections/receivables';
import { billingContact, decideDunningStep } from '../../nodes/ProcessRules/rules/collections/steps';
import { DEFAULT_STOP_POLICY, stopReason, wordList } from '../../nodes/ProcessRules/rules/collections/stops';
import { Contact } from '../../nodes/shared/canonical';
import { invoice, money, payment, usd } from './processRules.fixtures';

const ASOF = '2026-04-15';

describe('receivables', () => {
	it('owes the balance, else total less paid; nothing once paid, void or draft', () => {
		expect(openBalance(invoice('1', { balance: usd(300) }))).toEqual(usd(300));
		expect(openBalance(invoice('1', { total: usd(1000), amountPaid: usd(250) }))).toEqual(usd(750));
		expect(openBalance(invoice('1', { status: 'paid', balance: usd(5) }))).toEqual(usd(0));
		expect(openBalance(invoice('1', { status: 'void' }))).toEqual(usd(0));
		expect(openBalance(invoice('1', { total: undefined }))).toEqual(usd(0));
	});
	it('counts days from the due date, negative before it, from the issue date without one', () => {
		expect(daysOverdue({ dueDate: '2026-04-01', issueDate: '2026-03-01' }, ASOF)).toBe(14);
		expect(daysOverdue({ dueDate: '2026-04-20', issueDate: '2026-03-01' }, ASOF)).toBe(-5);
		expect(daysOverdue({ issueDate: '2026-04-10' }, ASOF)).toBe(5);
	});
});

describe('aging buckets', () => {
	it('reads the bounds and names the buckets', () => {
		expect(parseAgingBounds('60, 30 ,90,30')).toEqual([30, 60, 90]);
		expect(() => parseAgingBounds('30, soon')).toThrow('"soon" is not a whole number');
		expect(() => parseAgingBounds('0')).toThrow('above 0');
		const buckets = agingBuckets([30, 60, 90]);
		expect(buckets.map((bucket) => bucket.label)).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
		expect([-3, 0, 1, 30, 31, 90, 91, 400].map((days) => agingBucketOf(days, buckets))).toEqual(['current', 'current', '1-30', '1-30', '31-60', '61-90', '91+', '91+']);
		expect(agingBuckets([], false).map((bucket) => bucket.label)).toEqual(['1+']);
	});

	it('totals the open balances by bucket, per currency, with every bucket shown', () => {
		const invoices = [
			invoice('a', { dueDate: '2026-04-10', balance: usd(10000) }),
			invoice('b', { dueDate: '2026-02-01', balance: usd(5050) }),
			invoice('c', { dueDate: '2026-04-30', balance: usd(700) }),
			invoice('d', { dueDate: '2026-01-01', currency: 'JPY', total: money(50000, 'JPY') }),
			invoice('e', { status: 'paid', balance: usd(0) }),
			invoice('f', { issueDate: '2026-05-01', dueDate: '2026-05-30', balance: usd(1) }),
		];
		const aged = ageReceivables(invoices, ASOF, agingBuckets([30, 60, 90]));
		expect(aged.map((entry) => [entry.currency, entry.totalDecimal, entry.invoices, entry.buckets.map((bucket) => `${bucket.bucket}=${bucket.amountDecimal}/${bucket.invoices}`)])).toEqual([
			['JPY', '50000', 1, ['current=0/0', '1-30=0/0', '31-60=0/0', '61-90=0/0', '91+=50000/1']],
			['USD', '157.50', 3, ['current=7.00/1', '1-30=100.00/1', '31-60=0.00/0', '61-90=50.50/1', '91+=0.00/0']],
		]);
		expect(ageReceivables([], ASOF, agingBuckets([30]))).toEqual([]);
		expect(ageReceivables([invoice('p', { currency: 'EUR', status: 'paid', total: money(5, 'EUR') })], ASOF, agingBuckets([30]))).toMatchObject([{ currency: 'EUR', totalDecimal: '0.00', invoices: 0, invoiceIds: [] }]);
		expect(ageInvoices([invoices[2]], ASOF, agingBuckets([30], false))).toEqual([undefined]);
	});
});

describe('days sales outstanding', () => {
	it('is receivables over the window sales times the window, per currency', () => {
		const invoices = [
			invoice('1', { issueDate: '2026-03-01', total: usd(100000), balance: usd(100000) }),
			invoice('2', { issueDate: '2026-02-01', status: 'paid', total: usd(200000), balance: usd(0) }),
			invoice('3', { issueDate: '2025-10-01', total: usd(50000), balance: usd(50000) }),
			invoice('4', { issueDate: '2026-04-01', status: 'void', total: usd(999999) }),
			invoice('5', { issueDate: '2025-10-01', currency: 'KWD', total: money(1000, 'KWD'), balance: money(1000, 'KWD') }),
		];
		// USD: receivable 1500.00, sales in 90 days 3000.00 -> 45.0 days; KWD: no sales in the window.
		expect(daysSalesOutstanding(invoices, ASOF, 90).map((entry) => [entry.currency, entry.receivableDecimal, entry.salesDecimal, entry.days])).toEqual([
			['KWD', '1.000', '0.000', null],
			['USD', '1500.00', '3000.00', 45],
		]);
		expect(daysSalesOutstanding([invoice('x', { issueDate: '2026-04-01', total: usd(300), balance: usd(100) })], ASOF, 30)[0].days).toBe(10);
		expect(() => daysSalesOutstanding([], ASOF, 0)).toThrow('DSO window');
		expect(daysSalesOutstanding([invoice('v', { currency: 'EUR', status: 'void', total: money(5, 'EUR') })], ASOF, 30)).toMatchObject([{ currency: 'EUR', days: null, invoiceIds: [] }]);
	});
});

describe('priority', () => {
	it('scores amount, days overdue and paying late before, with the parts shown', () => {
		const history = [invoice('h1', { status: 'paid', dueDate: '2026-01-31' }), invoice('h2', { status: 'paid', dueDate: '2026-02-28' }), invoice('h3', { status: 'paid', clientId: 'c2' })];
		const payments = [payment('h1', '2026-02-10'), payment('h1', '2026-01-20'), payment('h2', '2026-02-20')];
		const byClient = paymentHistoryByClient(history, payments);
		expect(byClient.get('c1')).toEqual({ paidInvoices: 2, paidLate: 1 });
		expect(lastPaymentByInvoice(payments).get('h1')).toBe('2026-02-10');
		// 25000.00 of 50000 -> 20; 45 of 90 days -> 20; half paid late -> 10.
		const score = priorityScore(usd(2500000), 45, byClient.get('c1'));
		expect(score).toMatchObject({ score: 50, parts: { amount: 20, daysOverdue: 20, paymentHistory: 10 }, lateShare: 0.5 });
		expect(score.explanation).toContain('1 of 2 paid invoices paid late');
		expect(priorityScore(usd(999999999), 400, { paidInvoices: 4, paidLate: 4 }).score).toBe(100);
		expect(priorityScore(usd(0), -10, { paidInvoices: 3, paidLate: 0 }).score).toBe(0);
		expect(priorityScore(usd(100), 1, undefined).parts.paymentHistory).toBe(10);
		// The large balance is read in each currency's own units.
		expect(priorityScore(money(50000, 'JPY'), 0, { paidInvoices: 1, paidLate: 0 }).parts.amount).toBe(40);
		expect(priorityScore(money(25000, 'KWD'), 0, { paidInvoices: 1, paidLate: 0 }, { ...DEFAULT_PRIORITY_POLICY, largeBalance: '50' }).parts.amount).toBe(20);
	});
});

describe('dunning ladder and memory', () => {
	it('finds the latest stage reached, reminders before the due date included', () => {
		const ladder = dunningLadder([...DEFAULT_DUNNING_LADDER, { days: -3, action: 'reminder', subject: 'Upcoming', body: '' }]);
		expect(ladder.map((stage) => stage.days)).toEqual([-3, 1, 15, 30, 45, 60]);
		expect([-5, -3, 0, 14, 15, 59, 200].map((days) => stageDue(days, ladder)?.days)).toEqual([undefined, -3, -3, 1, 15, 45, 60]);
		expect(() => dunningLadder([DEFAULT_DUNNING_LADDER[0], DEFAULT_DUNNING_LADDER[0]])).toThrow('two stages of the ladder are at 1 days');
	});

	it('reads steps already sent from invoice notes and from ledger rows alike', () => {
		const records = [
			{ invoiceId: 'i1', note: dunningNote(15, 'reminder sent to ap@acme.example on 2026-03-16') },
			{ invoiceId: 'i1', note: '[P2C DUNNING] stage 1: reminder sent', date: '2026-03-02' },
			{ invoiceId: 'i1', note: 'Customer promised to pay by 2026-04-30' },
			{ invoiceId: 'i2', stage: -3, sentAt: '2026-03-27T07:00:00Z' },
			{ invoiceId: 'i2', note: 'no marker here' },
		];
		const sent = stepsAlreadySent(records);
		expect(sent.get('i1')).toEqual([
			{ invoiceId: 'i1', stage: 1, sentAt: '2026-03-02' },
			{ invoiceId: 'i1', stage: 15 },
		]);
		expect(sent.get('i2')).toEqual([{ invoiceId: 'i2', stage: -3, sentAt: '2026-03-27T07:00:00Z' }]);
		expect(freeTextNotes(records).get('i1')).toEqual(['Customer promised to pay by 2026-04-30']);
		expect(stepsAlreadySent([])).toEqual(new Map());
	});
});

describe('a ladder written as days', () => {
	it('reminds before the escalation day and escalates from it, in order of days; the policy\'s days are today\'s ladder', () => {
		expect(ladderFromDays('1, 15, 30, 45, 60', 45)).toEqual(DEFAULT_DUNNING_LADDER);
		const ladder = ladderFromDays(' 30, -3,1 ', 30, { ...DEFAULT_LADDER_TEXTS, reminderSubject: 'Soon', escalationSubject: 'Now' });
		expect(ladder.map((stage) => [stage.days, stage.action, stage.subject])).toEqual([[-3, 'reminder', 'Soon'], [1, 'reminder', 'Soon'], [30, 'escalation', 'Now']]);
	});

	it('refuses a stage that is not a whole number, an empty ladder and a day given twice', () => {
		expect(() => ladderFromDays('1, 1.5', 45)).toThrow('stage "1.5" is not a whole number of days');
		expect(() => ladderFromDays(' , ', 45)).toThrow('the ladder names no stage');
		expect(() => ladderFromDays('1, 15, 15', 45)).toThrow('two stages of the ladder are at 15 days');
	});
});

describe('stop conditions', () => {
	const chase = { invoiceId: 'i1', invoiceNumber: 'INV-1', clientId: 'c1', customerName: 'Acme Ltd', customerEmail: 'ap@acme.example', balanceMinor: 1000, lastPaymentDate: null as string | null };
	const stage = DEFAULT_DUNNING_LADDER[1];
	const stop = (fields: Partial<typeof chase> = {}, notes: string[] = [], sent: number[] = [], policy = DEFAULT_STOP_POLICY) =>
		stopReason({ ...chase, ...fields }, stage, sent.map((days) => ({ invoiceId: 'i1', stage: days })), notes, ASOF, policy);

	it('each stop has its rule and reason, in order', () => {
		expect(stop()).toBeUndefined();
		expect(stop({ balanceMinor: 0 })).toMatchObject({ rule: 'nothingOwed' });
		expect(stop({}, [], [], { ...DEFAULT_STOP_POLICY, doNotChase: ['ACME LTD'] })).toEqual({ rule: 'doNotChase', reason: '"ACME LTD" is on the do-not-chase list' });
		expect(stop({}, [], [], { ...DEFAULT_STOP_POLICY, doNotChase: ['inv-1'] })?.rule).toBe('doNotChase');
		expect(stop({}, ['Sent a copy to AP'])).toBeUndefined();
		expect(stop({}, ['Customer DISPUTES the hours'])?.rule).toBe('disputed');
		expect(stop({}, ['They disputed line 2'])).toEqual({ rule: 'disputed', reason: 'a note on the invoice says "dispute"' });
		expect(stop({}, ['Promised to pay by 2026-04-30, then 2026-04-20'])).toEqual({ rule: 'promiseToPay', reason: 'promised to pay by 2026-04-30', promisedBy: '2026-04-30' });
		expect(stop({}, ['promised 2026-04-01'])).toBeUndefined();
		expect(stop({}, ['promised soon'])).toBeUndefined();
		expect(stop({ lastPaymentDate: '2026-04-08' })).toMatchObject({ rule: 'recentPayment', reason: 'payment received on 2026-04-08 (dunning pauses 7 days)' });
		expect(stop({ lastPaymentDate: '2026-04-07' })).toBeUndefined();
		expect(stop({}, [], [15])).toEqual({ rule: 'stageAlreadySent', reason: 'stage 15 (or a later one) was already taken' });
		expect(stop({}, [], [1])).toBeUndefined();
		expect(stopReason(chase, undefined, [], [], ASOF, DEFAULT_STOP_POLICY)?.rule).toBe('noStageReached');
		expect(wordList(' A, b ,,c ')).toEqual(['a', 'b', 'c']);
	});
});

describe('messages', () => {
	it('fills {{placeholders}} and leaves unknown ones as written, reported', () => {
		expect(renderMessage('Invoice {{invoiceNumber}} ({{ amount }}) for {{customer.name}}: {{missing}} {{customer.__proto__}}', { invoiceNumber: 'INV-7', amount: '12.50 USD', customer: { name: 'Acme' } })).toEqual({
			text: 'Invoice INV-7 (12.50 USD) for Acme: {{missing}} {{customer.__proto__}}',
			unknownPlaceholders: ['missing', 'customer.__proto__'],
		});
		expect(renderMessage('{{constructor}} {{toString}} {{n}} {{flag}}', { n: 3, flag: false })).toEqual({ text: '{{constructor}} {{toString}} 3 false', unknownPlaceholders: ['constructor', 'toString'] });
		expect(renderMessage('{{ a }} ${"{{"}} {a}', { a: '{{b}}', b: 'no' }).text).toBe('{{b}} ${"{{"}} {a}');
		expect(placeholdersOf('{{a}} {{ b.c }} {{a}}')).toEqual(['a', 'b.c']);
	});
});

describe('the dunning step', () => {
	const values = { invoiceNumber: 'INV-9', amount: '1250.00 USD', dueDate: '2026-03-01', daysOverdue: 45, customer: 'Acme Ltd', contactEmail: 'ap@acme.example', contactName: 'Jo Payer', accountOwnerId: 'owner-7', priority: 62 };
	const inputs = { ladder: DEFAULT_DUNNING_LADDER, stops: DEFAULT_STOP_POLICY, asOf: ASOF, sent: [], notes: [], values };
	const chase = { invoiceId: 'i9', balanceMinor: 125000 };

	it('escalates at 45 days with the analyst text and the note marker', () => {
		const decision = decideDunningStep({ ...chase, daysOverdue: 45 }, inputs);
		expect(decision).toEqual({
			stage: 45,
			action: 'escalation',
			due: true,
			stop: null,
			stepsAlreadySent: [],
			subject: 'Escalation: Acme Ltd owes 1250.00 USD on INV-9, 45 days overdue',
			body: 'Acme Ltd owes 1250.00 USD on invoice INV-9, due on 2026-03-01 and now 45 days overdue. Billing contact: Jo Payer ap@acme.example.',
			note: '[p2c dunning] stage 45: escalated to account owner owner-7 on 2026-04-15 (45 days overdue, 1250.00 USD, priority 62)',
			unknownPlaceholders: [],
		});
	});

	it('reminds at an earlier stage, says when a stage is already sent, and reports unknown placeholders', () => {
		const reminder = decideDunningStep({ ...chase, daysOverdue: 20 }, { ...inputs, values: { ...values, daysOverdue: 20 } });
		expect(reminder).toMatchObject({ stage: 15, action: 'reminder', due: true, subject: 'Reminder: invoice INV-9 (1250.00 USD) was due on 2026-03-01' });
		expect(reminder.note).toBe('[p2c dunning] stage 15: reminder sent to ap@acme.example on 2026-04-15 (20 days overdue, 1250.00 USD, priority 62)');
		const sent = decideDunningStep({ ...chase, daysOverdue: 20 }, { ...inputs, sent: [{ invoiceId: 'i9', stage: 15 }] });
		expect(sent).toMatchObject({ due: false, stage: 15, stop: { rule: 'stageAlreadySent' }, stepsAlreadySent: [15], note: '' });
		const typo = decideDunningStep({ ...chase, daysOverdue: 2 }, { ...inputs, ladder: [{ days: 1, action: 'reminder', subject: 'Hi {{contactFirstName}}', body: '' }] });
		expect(typo.unknownPlaceholders).toEqual(['contactFirstName']);
		expect(decideDunningStep({ ...chase, daysOverdue: -9 }, inputs)).toMatchObject({ due: false, stage: null, action: null, stop: { rule: 'noStageReached' } });
	});

	it('finds the billing contact by job title', () => {
		const contacts = [Contact.parse({ id: '1', clientId: 'a', email: 'ceo@a.example', jobTitle: 'CEO' }), Contact.parse({ id: '2', clientId: 'a', email: 'ap@a.example', jobTitle: 'Accounts Payable' }), Contact.parse({ id: '3', clientId: 'b' })];
		expect(billingContact(contacts, 'a')?.id).toBe('2');
		expect(billingContact(contacts, 'a', ['ceo'])?.id).toBe('1');
		expect(billingContact(contacts, 'b')).toBeUndefined();
		expect(billingContact(contacts, undefined)).toBeUndefined();
	});
});
