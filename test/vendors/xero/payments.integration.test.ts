import type { IDataObject } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { ErpTrigger } from '../../../nodes/Erp/ErpTrigger.node';
import { Payment, Project } from '../../../nodes/shared/canonical';
import { runLoadOptions, runPoll } from '../../harness/n8n';
import { byId, credentials, daysFromToday, erp, xeroHelpers } from './support';
import { json, run, useSandbox } from '../../integration/support';

const node = new Erp();
const trigger = new ErpTrigger();
const sandbox = useSandbox();
const { state, requests, counts, useCustomConnection } = xeroHelpers(sandbox);

beforeEach(() => {
	useCustomConnection();
});

/** An approved invoice with nothing paid yet, as seeded. */
async function openInvoice() {
	return (await state()).invoices.find((invoice) => invoice.Status === 'AUTHORISED' && invoice.AmountPaid === 0 && invoice.CurrencyCode === 'GBP')!;
}

const record = async (invoiceId: string, amount: string, reference: string, continueOnFail = false) =>
	await run(node, erp({ resource: 'payment', operation: 'record', invoiceId, amount, date: daysFromToday(0), account: byId('090'), reference }), { credentials, continueOnFail });

describe('Xero payments', () => {
	it('records a part payment, then the rest: the invoice becomes partially paid, then PAID', async () => {
		const invoice = await openInvoice();
		const half = (Math.round(invoice.Total * 100) / 2 / 100).toFixed(2);
		const [first] = await record(invoice.InvoiceID, `${half} GBP`, 'Remittance 1');
		expect(Payment.parse(first.json)).toMatchObject({ invoiceId: invoice.InvoiceID, amount: { amountMinor: Math.round(Number(half) * 100), currency: 'GBP' }, reference: 'Remittance 1' });
		const [partly] = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: invoice.InvoiceID }), { credentials });
		expect(partly.json.status).toMatch(/partially_paid|overdue/);
		expect((partly.json.amountPaid as IDataObject).amountMinor).toBe(Math.round(Number(half) * 100));

		const rest = ((Math.round(invoice.Total * 100) - Math.round(Number(half) * 100)) / 100).toFixed(2);
		await record(invoice.InvoiceID, `${rest} GBP`, 'Remittance 2');
		const after = (await state()).invoices.find((entry) => entry.InvoiceID === invoice.InvoiceID)!;
		expect(after).toMatchObject({ Status: 'PAID', AmountDue: 0, AmountPaid: invoice.Total });
		const payments = (await state()).payments.filter((payment) => payment.Invoice.InvoiceID === invoice.InvoiceID);
		expect(payments.map((payment) => [payment.Reference, payment.Account.Code])).toEqual([['Remittance 1', '090'], ['Remittance 2', '090']]);
	});

	it('refuses an overpayment with Xero\'s message, naming the amount', async () => {
		const invoice = await openInvoice();
		const [item] = await record(invoice.InvoiceID, `${(invoice.Total + 1).toFixed(2)} GBP`, 'Too much', true);
		expect(item.json.error).toMatch(/amount: Payment amount exceeds the amount outstanding on this document/);
		expect((item.json.errorDetails as IDataObject).field).toBe('amount');
		expect((await state()).payments.filter((payment) => payment.Invoice.InvoiceID === invoice.InvoiceID)).toHaveLength(0);
	});

	it('refuses a payment in another currency than the invoice before writing', async () => {
		const invoice = await openInvoice();
		const [item] = await record(invoice.InvoiceID, '10.00 EUR', 'Wrong currency', true);
		expect(item.json.error).toMatch(/amount: is in EUR; invoice .* is in GBP/);
		expect((await counts())['xero PUT /api.xro/2.0/Payments']).toBeUndefined();
	});

	it('records one payment when Xero commits it but the answer is lost', async () => {
		const invoice = await openInvoice();
		await sandbox.admin('POST', '/faults', { kind: 'dropAfterCommit', vendor: 'xero', method: 'PUT', path: '^/api\\.xro/2\\.0/Payments$' });
		const [item] = await record(invoice.InvoiceID, '100.00 GBP', 'Lost answer');
		const made = (await state()).payments.filter((payment) => payment.Reference === 'Lost answer');
		expect(made).toHaveLength(1);
		expect(item.json.id).toBe(made[0].PaymentID);
		expect((await counts())['xero PUT /api.xro/2.0/Payments']).toBe(1);
	});

	it('lists payments by invoice and by date, and gets one', async () => {
		const current = await state();
		const target = current.payments[0];
		const byInvoice = await run(node, erp({ resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: target.Invoice.InvoiceID } }), { credentials });
		expect(json(byInvoice).map((item) => item.id).sort()).toEqual(current.payments.filter((payment) => payment.Invoice.InvoiceID === target.Invoice.InvoiceID).map((payment) => payment.PaymentID).sort());
		const day = new Date(Number(/\d+/.exec(target.Date)![0])).toISOString().slice(0, 10);
		const byDate = await run(node, erp({ resource: 'payment', operation: 'list', returnAll: true, filters: { fromDate: day, toDate: day } }), { credentials });
		expect(json(byDate).every((item) => item.date === day)).toBe(true);
		expect(json(byDate).map((item) => item.id)).toContain(target.PaymentID);
		const where = (await requests()).filter((request) => request.route === '/api.xro/2.0/Payments').map((request) => request.query.where[0]);
		expect(where[0]).toContain(`Invoice.InvoiceID==Guid("${target.Invoice.InvoiceID}")`);
		expect(where[1]).toContain(`Date>=DateTime(${day.replace(/-/g, ',')})`);
		const [got] = await run(node, erp({ resource: 'payment', operation: 'get', paymentId: target.PaymentID }), { credentials });
		expect(got.json).toMatchObject({ id: target.PaymentID, invoiceId: target.Invoice.InvoiceID, amount: { amountMinor: Math.round(target.Amount * 100) } });
	});
});

describe('Xero projects, pickers and raw requests', () => {
	it('lists and gets Xero Projects from the Projects API next to the Accounting API', async () => {
		const projects = (await state()).projects;
		const active = await run(node, erp({ resource: 'project', operation: 'list', returnAll: true, filters: { status: 'active' } }), { credentials });
		expect(active).toHaveLength(projects.filter((project) => project.status === 'INPROGRESS').length);
		expect(json(active).every((item) => Project.safeParse(item).success && item.status === 'active')).toBe(true);
		const [got] = await run(node, erp({ resource: 'project', operation: 'get', projectId: projects[0].projectId }), { credentials });
		expect(got.json).toMatchObject({ id: projects[0].projectId, name: projects[0].name, clientId: projects[0].contactId });
		expect((await requests()).some((request) => request.path.startsWith('/projects.xro/2.0/Projects') && request.query.pageSize?.[0] === '500')).toBe(true);
	});

	it('lists revenue accounts, bank accounts, tax rates, items and customers for the pickers', async () => {
		const setup = { type: node, parameters: erp({ resource: 'invoice', operation: 'createDraft' }), credentials };
		const values = async (method: string, filter?: string) => ((await runLoadOptions(setup, 'listSearch', method, filter)) as { results: Array<{ value: string; name: string }> }).results;
		expect((await values('searchRevenueAccounts')).map((option) => option.value)).toEqual(['200', '260']);
		expect((await values('searchBankAccounts')).map((option) => option.value)).toEqual(['090', '091', '880']);
		expect((await values('searchTaxRates')).map((option) => option.value)).toEqual(['OUTPUT2', 'TAX001', 'NONE']);
		expect((await values('searchItems')).map((option) => option.value)).toEqual(['CONSULT-DAY', 'WORKSHOP']);
		const customer = (await state()).contacts[7];
		const found = await values('searchCustomers', customer.Name.slice(0, 8));
		expect(found.map((option) => option.value)).toContain(customer.ContactID);
	});

	it('sends a raw request with the credential', async () => {
		const [item] = await run(node, erp({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/Organisation', query: '{}' }), { credentials });
		expect(item.json.statusCode).toBe(200);
		expect(((item.json.body as IDataObject).Organisations as IDataObject[])[0]).toMatchObject({ Name: 'Meridian Advisory Ltd', BaseCurrency: 'GBP' });
	});
});

describe('Xero ERP trigger', () => {
	const poll = async (event: string, staticData: IDataObject) => await runPoll({ type: trigger, parameters: erp({ event }), credentials, staticData });

	it('emits an invoice that became overdue once, not the ones long overdue, and nothing on the next poll', async () => {
		const staticData: IDataObject = {};
		expect(await poll('invoiceOverdue', staticData)).toBeNull();
		const customer = (await state()).contacts[2];
		const [created] = await run(node, erp({ resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			items: [{ clientId: customer.ContactID, reference: 'PRJ-7001-1', currency: 'GBP', issueDate: daysFromToday(-31), dueDate: daysFromToday(-1), lines: [{ description: 'Build', quantity: 4, unitPrice: '120.00', accountCode: '200' }] }],
		});
		await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: String(created.json.id) }), { credentials });
		const emitted = await poll('invoiceOverdue', staticData);
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([created.json.id]);
		expect(emitted?.[0][0].json).toMatchObject({ status: 'overdue', dueDate: daysFromToday(-1), balance: { amountMinor: 48_000 } });
		expect(await poll('invoiceOverdue', staticData)).toBeNull();
	});

	it('emits each payment received once across polls', async () => {
		const staticData: IDataObject = {};
		expect(await poll('paymentReceived', staticData)).toBeNull();
		const invoice = await openInvoice();
		const [payment] = await record(invoice.InvoiceID, '50.00 GBP', 'Trigger test');
		const emitted = await poll('paymentReceived', staticData);
		expect(emitted?.[0].map((item) => item.json.id)).toEqual([payment.json.id]);
		expect(await poll('paymentReceived', staticData)).toBeNull();
		const [second] = await record(invoice.InvoiceID, '25.00 GBP', 'Trigger test 2');
		expect((await poll('paymentReceived', staticData))?.[0].map((item) => item.json.id)).toEqual([second.json.id]);
		const logged = (await requests()).filter((request) => request.route === '/api.xro/2.0/Payments' && request.method === 'GET');
		expect(logged.every((request) => typeof request.headers['if-modified-since'] === 'string')).toBe(true);
	});
});
