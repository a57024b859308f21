import type { IDataObject } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { ErpTrigger } from '../../../nodes/Erp/ErpTrigger.node';
import { Payment } from '../../../nodes/shared/canonical';
import { BC_CLIENT } from '../../../sandbox/vendors/businessCentral';
import { runLoadOptions, runPoll, testCredential } from '../../harness/n8n';
import { bcCredentials as credentials, bcDaysFromToday, bcErp as erp, bcToday, businessCentralHelpers, type BcState } from './support';
import { json, run, useSandbox } from '../../integration/support';

const node = new Erp();
const trigger = new ErpTrigger();
const sandbox = useSandbox();
const { state, requests, requestsTo, vendorAdmin, useApp } = businessCentralHelpers(sandbox);

beforeEach(() => {
	useApp();
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
/** An open (posted, unpaid) local-currency invoice of the seed. */
const openInvoice = (current: BcState) => current.salesInvoices.find((invoice) => invoice.status === 'Open' && invoice.currencyCode === '' && invoice.remainingAmount === invoice.totalAmountIncludingTax)!;

const record = async (invoiceId: string, amount: string, extra: IDataObject = {}, continueOnFail = false) =>
	await run(node, erp({ resource: 'payment', operation: 'record', invoiceId, amount, date: bcToday(), account: byId('10100'), reference: '', ...extra }), { credentials, continueOnFail });

describe('Business Central payments', () => {
	it('records a part payment: a journal credit applied to the invoice, posted, the invoice settled by that much', async () => {
		const invoice = openInvoice(await state());
		const [item] = await record(invoice.id, '100.10 GBP', { reference: 'REMIT-1' });
		expect(Payment.parse(item.json)).toMatchObject({ invoiceId: invoice.id, amount: { amountMinor: 10010, currency: 'GBP' }, reference: 'REMIT-1', date: bcToday() });
		const current = await state();
		expect(current.salesInvoices.find((candidate) => candidate.id === invoice.id)!.remainingAmount).toBe(Number((invoice.remainingAmount - 100.1).toFixed(2)));
		expect(current.postedPayments.filter((payment) => payment.externalDocumentNumber === 'REMIT-1')).toEqual([{ invoiceId: invoice.id, amount: 100.1, postingDate: bcToday(), externalDocumentNumber: 'REMIT-1' }]);
		// Posted lines leave the journal.
		expect(current.customerPayments).toHaveLength(0);
		const [line] = await requestsTo('POST', /\/customerPayments$/);
		expect(line.body).toMatchObject({ amount: -100.1, appliesToInvoiceId: invoice.id, externalDocumentNumber: 'REMIT-1' });
		expect(line.path).toContain(`customerPaymentJournals(${current.customerPaymentJournals.find((journal) => journal.code === 'P2C')!.id})`);
		expect(await requestsTo('POST', /\/journals\([0-9a-f-]+\)\/Microsoft\.NAV\.post$/)).toHaveLength(1);

		const [after] = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: invoice.id }), { credentials });
		expect(after.json.amountPaid).toEqual({ amountMinor: 10010, currency: 'GBP' });
	});

	it('pays an invoice in full: BC marks it Paid and the canonical status is paid', async () => {
		const invoice = openInvoice(await state());
		const amount = `${invoice.remainingAmount.toFixed(2)} GBP`;
		await record(invoice.id, amount, { reference: 'REMIT-FULL' });
		expect((await state()).salesInvoices.find((candidate) => candidate.id === invoice.id)).toMatchObject({ status: 'Paid', remainingAmount: 0 });
		const [after] = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: invoice.id }), { credentials });
		expect(after.json).toMatchObject({ status: 'paid', balance: { amountMinor: 0 } });
	});

	it('leaves the line in the journal when the credential says not to post, and lists it by invoice', async () => {
		useApp({ postPayments: false });
		const invoice = openInvoice(await state());
		await record(invoice.id, '50.00 GBP', { reference: 'REMIT-UNPOSTED' });
		const current = await state();
		expect(current.customerPayments).toHaveLength(1);
		expect(current.salesInvoices.find((candidate) => candidate.id === invoice.id)!.remainingAmount).toBe(invoice.remainingAmount);
		const listed = await run(node, erp({ resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: invoice.id } }), { credentials });
		expect(json(listed).map((payment) => [payment.reference, (payment.amount as IDataObject).amountMinor])).toEqual([['REMIT-UNPOSTED', 5000]]);
		const [got] = await run(node, erp({ resource: 'payment', operation: 'get', paymentId: String(listed[0].json.id) }), { credentials });
		expect(got.json.reference).toBe('REMIT-UNPOSTED');
	});

	it('records one payment when the answer to the journal line is lost', async () => {
		const invoice = openInvoice(await state());
		await sandbox.admin('POST', '/faults', { vendor: 'businesscentral', method: 'POST', path: 'customerPayments$', kind: 'dropAfterCommit' });
		const [item] = await record(invoice.id, '20.00 GBP', { reference: 'REMIT-LOST' });
		expect(item.json.reference).toBe('REMIT-LOST');
		const current = await state();
		expect(current.postedPayments.filter((payment) => payment.externalDocumentNumber === 'REMIT-LOST')).toHaveLength(1);
		expect(await requestsTo('POST', /\/customerPayments$/)).toHaveLength(1);
	});

	it('refuses a payment on a draft, in another currency, or above what is owed, naming the field', async () => {
		const current = await state();
		const draftInvoice = current.salesInvoices.find((invoice) => invoice.status === 'Draft')!;
		const open = openInvoice(current);
		const [onDraft] = await record(draftInvoice.id, '10.00 GBP', {}, true);
		expect(onDraft.json.error).toMatch(/is draft; Business Central takes payments only against posted/);
		const [otherCurrency] = await record(open.id, '10.00 EUR', {}, true);
		expect(otherCurrency.json.error).toMatch(/amount.currency EUR differs from the invoice's currency GBP/);
		const [tooMuch] = await record(open.id, `${(open.remainingAmount + 1).toFixed(2)} GBP`, {}, true);
		expect(tooMuch.json.error).toMatch(/must be above 0 and at most the invoice's remaining/);
		expect((await state()).postedPayments).toHaveLength(current.postedPayments.length);
	});

	it('lists the money received on an invoice posted by an accountant', async () => {
		const invoice = (await state()).salesInvoices.find((candidate) => candidate.status === 'Open' && candidate.remainingAmount < candidate.totalAmountIncludingTax && candidate.remainingAmount > 0)!;
		const listed = await run(node, erp({ resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: invoice.id } }), { credentials });
		expect(json(listed)).toHaveLength(1);
		expect((listed[0].json.amount as IDataObject).amountMinor).toBe(Math.round((invoice.totalAmountIncludingTax - invoice.remainingAmount) * 100));
		expect(listed[0].json.method).toBe('received to date');
	});
});

describe('Business Central authentication and limits', () => {
	it('tests the credential: a good app passes, a wrong secret says what Entra answered', async () => {
		const base = { tenantId: (await import('../../../sandbox/vendors/businessCentral')).BC_TENANT_ID, environment: 'production', companyId: (await import('../../../sandbox/vendors/businessCentral')).BC_COMPANY_ID, clientId: BC_CLIENT.clientId, apiBaseUrl: `${sandbox.sandbox.url}/businesscentral` };
		const tokenUrl = `${sandbox.sandbox.url}/businesscentral/login/${base.tenantId}/oauth2/v2.0/token`;
		expect(await testCredential('p2cBusinessCentralClientCredentialsApi', { ...base, clientSecret: BC_CLIENT.clientSecret, tokenUrl })).toEqual({ status: 'OK', message: 'Connection successful' });
		await expect(testCredential('p2cBusinessCentralClientCredentialsApi', { ...base, clientSecret: 'wrong', tokenUrl })).rejects.toThrow(/AADSTS7000215: Invalid client secret/);
	});

	it('fetches a new token when BC answers 401 for an expired one, and carries on', async () => {
		await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 1 }), { credentials });
		await vendorAdmin('expireTokens');
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 2 }), { credentials });
		expect(items).toHaveLength(2);
		const log = await requests();
		expect(log.filter((request) => request.route.startsWith('/login/'))).toHaveLength(2);
		expect(log.filter((request) => request.status === 401)).toHaveLength(1);
		expect((await state()).tokens).toBe(2);
	});

	it('waits out a 429 with Retry-After and still returns every page', async () => {
		await vendorAdmin('setLimits', { requestsPer5Minutes: 3, intervalMs: 1000, serverPageSize: 10 });
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: true }), { credentials });
		const current = await state();
		expect(items).toHaveLength(current.customers.length);
		const log = await requests();
		const throttled = log.filter((request) => request.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
	}, 30_000);

	it('offers bank accounts, revenue accounts and tax groups in the pickers', async () => {
		const setup = { type: node, parameters: erp({ resource: 'payment', operation: 'record' }), credentials };
		const banks = (await runLoadOptions(setup, 'listSearch', 'searchBankAccounts')) as { results: Array<{ value: string }> };
		expect(banks.results.map((option) => option.value)).toEqual(['10100']);
		const revenue = (await runLoadOptions(setup, 'listSearch', 'searchRevenueAccounts')) as { results: Array<{ value: string }> };
		expect(revenue.results.map((option) => option.value)).toEqual(['40100', '40200']);
		const taxes = (await runLoadOptions(setup, 'listSearch', 'searchTaxRates', 'vat2')) as { results: Array<{ value: string }> };
		expect(taxes.results.map((option) => option.value)).toEqual(['VAT20', 'VAT21']);
	});
});

describe('Business Central trigger', () => {
	const poll = async (event: string, staticData: IDataObject) => await runPoll({ type: trigger, parameters: erp({ event }), credentials, staticData });

	it('emits an invoice that became overdue once, then not again', async () => {
		const staticData: IDataObject = {};
		expect(await poll('invoiceOverdue', staticData)).toBeNull();
		const customer = (await state()).customers[0];
		const [created] = await run(node, erp({ resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			items: [{ clientId: customer.id, reference: 'PRJ-LATE-1', currency: customer.currencyCode || 'GBP', issueDate: bcDaysFromToday(-31), dueDate: bcDaysFromToday(-1), lines: [{ description: 'Build', quantity: 2, unitPrice: '100.00' }] }],
		});
		await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: String(created.json.id) }), { credentials });
		const emitted = await poll('invoiceOverdue', staticData);
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([created.json.id]);
		expect(emitted?.[0][0].json.status).toBe('overdue');
		expect(await poll('invoiceOverdue', staticData)).toBeNull();
	});

	it('emits money received on an invoice, once per change of the amount received', async () => {
		const staticData: IDataObject = {};
		expect(await poll('paymentReceived', staticData)).toBeNull();
		const invoice = openInvoice(await state());
		await vendorAdmin('receivePayment', { invoiceId: invoice.id, amount: 40, date: bcToday() });
		const first = await poll('paymentReceived', staticData);
		expect(first?.[0].map((item) => [item.json.invoiceId, (item.json.amount as IDataObject).amountMinor])).toEqual([[invoice.id, 4000]]);
		expect(await poll('paymentReceived', staticData)).toBeNull();
		await vendorAdmin('receivePayment', { invoiceId: invoice.id, amount: 10, date: bcToday() });
		const second = await poll('paymentReceived', staticData);
		expect(second?.[0].map((item) => (item.json.amount as IDataObject).amountMinor)).toEqual([5000]);
	});
});
