import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { Client, Invoice, Payment } from '../../../nodes/shared/canonical';
import { sandboxCredential } from '../../../sandbox/credentials';
import type { LoggedRequest } from '../../../sandbox/server';
import { json, run, useCredential, useSandbox } from '../../integration/support';

/**
 * The ERP node on QuickBooks Online, over HTTP against the sandbox's fake, through n8n's OAuth2
 * helper (the credential's access token has expired: the first call refreshes it). Every test
 * checks the fake's stored entities afterwards.
 */
const node = new Erp();
const sandbox = useSandbox();
const TYPE = 'p2cQuickBooksOnlineOAuth2Api';
const credentials = { [TYPE]: 'qbo-test' };
const erp = (parameters: INodeParameters): INodeParameters => ({ system: 'quickBooksOnline', quickBooksOnlineAuthentication: 'oAuth2', options: {}, ...parameters });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Stored {
	customers: Array<IDataObject & { Id: string; DisplayName: string; Notes?: string; SyncToken: string; CurrencyRef: { value: string }; PrimaryEmailAddr?: { Address: string } }>;
	invoices: Array<IDataObject & { Id: string; PrivateNote?: string; TotalAmt: number; Balance: number; DueDate: string; CustomerRef: { value: string }; Line: IDataObject[]; LinkedTxn: IDataObject[] }>;
	payments: Array<IDataObject & { Id: string; TotalAmt: number; PrivateNote?: string; PaymentRefNum?: string; Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string }> }> }>;
	accounts: Array<IDataObject & { Id: string; AccountType: string }>;
}
const state = async () => await sandbox.admin<Stored>('GET', '/state/quickbooks');
const requests = async () => (await sandbox.admin<{ requests: LoggedRequest[] }>('GET', '/requests?vendor=quickbooks')).requests;
const apiCalls = async (route: string, method = 'POST') => (await requests()).filter((request) => request.method === method && request.route === `/v3/company/:realm/${route}`);

beforeEach(() => {
	useCredential('qbo-test', TYPE, structuredClone(sandboxCredential(sandbox.sandbox.url, TYPE).data) as never);
});

async function firstCustomer(currency = 'GBP') {
	return (await state()).customers.find((customer) => customer.CurrencyRef.value === currency)!;
}

async function draft(reference: string, extra: IDataObject = {}): Promise<IDataObject> {
	const customer = await firstCustomer();
	return {
		clientId: customer.Id,
		reference,
		currency: 'GBP',
		issueDate: day(-10),
		dueDate: day(20),
		lines: [
			{ description: 'Discovery workshop', quantity: 7.5, unitPrice: '150.33', itemCode: '2', taxCode: '2' },
			{ description: 'Travel', quantity: 1, unitPrice: '0.10' },
		],
		...extra,
	};
}

const createDrafts = async (records: IDataObject[], continueOnFail = false) =>
	await run(node, erp({ resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}', lineDefaults: {} }), { credentials, items: records, continueOnFail });

describe('QuickBooks Online customers', () => {
	it('lists the active customers as canonical clients, paged by STARTPOSITION, after refreshing the expired token', async () => {
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			const client = Client.parse(item);
			expect(client._meta).toMatchObject({ system: 'quickBooksOnline', entity: 'client' });
			expect(client.externalRefs).toMatchObject({ quickBooksOnline: client.id, key: expect.stringMatching(/^client-\d+$/) });
		}
		const log = await requests();
		const calls = log.map((request) => `${request.status} ${request.method} ${request.route}`);
		// The stale token is refused with Intuit's 401, refreshed once at the token endpoint, and the call repeated.
		expect(calls[0]).toMatch(/^401 GET \/v3\/company\/:realm\//);
		expect(calls.filter((call) => call === '200 POST /oauth2/v1/tokens/bearer')).toHaveLength(1);
		expect(calls.filter((call) => call.startsWith('401'))).toHaveLength(1);
		const query = log.find((request) => request.status === 200 && request.route.endsWith('/query'))!;
		expect(query.query.query[0]).toBe('SELECT * FROM Customer ORDERBY Id STARTPOSITION 1 MAXRESULTS 5');
		expect(query.query.minorversion).toEqual(['75']);
	});

	it('upserts twice by one external ID: one customer, updated sparse with its SyncToken, the key on its Notes', async () => {
		const upsert = async (email: string) =>
			await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: 'CRM-ACME-1', inputMode: 'json', record: '={{ $json }}' }), {
				credentials,
				items: [{ name: 'Acme Advisory', email, currency: 'EUR', billingAddress: { line1: '1 Main St', city: 'Leeds', country: 'GB' } }],
			});
		const [first] = await upsert('ap@acme.example');
		const [second] = await upsert('billing@acme.example');
		expect(second.json.id).toBe(first.json.id);
		expect(second.json).toMatchObject({ name: 'Acme Advisory', email: 'billing@acme.example', currency: 'EUR', externalRefs: { key: 'CRM-ACME-1', quickBooksOnline: first.json.id } });
		const stored = (await state()).customers.filter((customer) => customer.Notes?.includes('Project-to-Cash key: CRM-ACME-1'));
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ DisplayName: 'Acme Advisory', PrimaryEmailAddr: { Address: 'billing@acme.example' }, CurrencyRef: { value: 'EUR' }, SyncToken: '1' });
		// Both writes went through /batch: a create, then a sparse update naming the SyncToken read.
		const batches = await apiCalls('batch');
		expect(batches.map((request) => (request.body as { BatchItemRequest: IDataObject[] }).BatchItemRequest[0].operation)).toEqual(['create', 'update']);
		expect((batches[1].body as { BatchItemRequest: Array<{ Customer: IDataObject }> }).BatchItemRequest[0].Customer).toMatchObject({ Id: first.json.id, SyncToken: '0', sparse: true });
		expect(batches.every((request) => /^[0-9a-f-]{36}$/.test(request.query.requestid[0]))).toBe(true);
	});

	it('refuses a name another customer has (DisplayName is unique), on that item only', async () => {
		const taken = (await state()).customers[1].DisplayName;
		const items = await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'json', record: '={{ { name: $json.name } }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ key: 'NEW-1', name: 'Brand New Ltd' }, { key: 'NEW-2', name: taken }],
		});
		expect(items[0].json.name).toBe('Brand New Ltd');
		expect(String(items[1].json.error)).toMatch(/Duplicate Name Exists Error/);
		expect((await state()).customers.filter((customer) => customer.DisplayName === taken)).toHaveLength(1);
	});
});

describe('QuickBooks Online invoices', () => {
	it('creates an invoice final at once, exact to the cent with tax per line, and a second run returns it', async () => {
		const [first] = await createDrafts([await draft('PRJ-9001-2026-11')]);
		const invoice = Invoice.parse(first.json);
		// 7.5 x 150.33 = 1127.475 -> 1127.48; 20% VAT on that line 225.50; the travel line takes no tax code.
		expect(invoice).toMatchObject({ status: 'authorised', reference: 'PRJ-9001-2026-11', currency: 'GBP' });
		expect(invoice.lines.map((line) => line.lineAmount.amountMinor)).toEqual([112_748, 10]);
		expect([invoice.subtotal?.amountMinor, invoice.tax?.amountMinor, invoice.total?.amountMinor, invoice.balance?.amountMinor]).toEqual([112_758, 22_550, 135_308, 135_308]);
		const [again] = await createDrafts([await draft('PRJ-9001-2026-11')]);
		expect(again.json.id).toBe(invoice.id);
		const stored = (await state()).invoices.filter((entry) => entry.PrivateNote === 'PRJ-9001-2026-11');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ TotalAmt: 1353.08, Balance: 1353.08 });
		// The line without an item went to the company's "Services" item.
		expect((stored[0].Line[1] as { SalesItemLineDetail: { ItemRef: { value: string } } }).SalesItemLineDetail.ItemRef.value).toBe('1');
		expect(await apiCalls('invoice')).toHaveLength(1);
	});

	it('creates several invoices in one /batch call, each reference once, a repeated item answered with the same invoice', async () => {
		const records = [await draft('PRJ-B-1'), await draft('PRJ-B-2'), await draft('PRJ-B-3'), await draft('PRJ-B-1')];
		const items = await createDrafts(records);
		expect(items.map((item) => item.json.reference)).toEqual(['PRJ-B-1', 'PRJ-B-2', 'PRJ-B-3', 'PRJ-B-1']);
		expect(items[3].json.id).toBe(items[0].json.id);
		expect(await apiCalls('batch')).toHaveLength(1);
		const stored = (await state()).invoices.filter((entry) => /^PRJ-B-/.test(entry.PrivateNote ?? ''));
		expect(stored.map((entry) => entry.PrivateNote).sort()).toEqual(['PRJ-B-1', 'PRJ-B-2', 'PRJ-B-3']);
	});

	it('makes one invoice when the answer to the create is lost after QuickBooks committed it', async () => {
		await sandbox.admin('POST', '/faults', { kind: 'dropAfterCommit', vendor: 'quickbooks', method: 'POST', path: '/invoice$', count: 1 });
		const [item] = await createDrafts([await draft('PRJ-LOST-1')]);
		expect(item.json).toMatchObject({ reference: 'PRJ-LOST-1', status: 'authorised' });
		expect((await state()).invoices.filter((entry) => entry.PrivateNote === 'PRJ-LOST-1')).toHaveLength(1);
		// The lookup by reference found it: nothing was posted a second time.
		expect(await apiCalls('invoice')).toHaveLength(1);
	});

	it('answers a lost batch again from its requestid, creating nothing twice', async () => {
		await sandbox.admin('POST', '/faults', { kind: 'dropAfterCommit', vendor: 'quickbooks', method: 'POST', path: '/batch$', count: 1 });
		const items = await createDrafts([await draft('PRJ-LOSTB-1'), await draft('PRJ-LOSTB-2')]);
		expect(items.map((item) => item.json.reference)).toEqual(['PRJ-LOSTB-1', 'PRJ-LOSTB-2']);
		const batches = await apiCalls('batch');
		expect(batches).toHaveLength(2);
		expect(batches[1].query.requestid).toEqual(batches[0].query.requestid);
		expect((await state()).invoices.filter((entry) => /^PRJ-LOSTB-/.test(entry.PrivateNote ?? ''))).toHaveLength(2);
	});

	it('refuses a line QuickBooks would refuse, naming the item and the field, and writes nothing for it', async () => {
		const items = await createDrafts([await draft('PRJ-OK-1'), await draft('PRJ-BAD-1', { lines: [{ description: 'Licence', quantity: 1, unitPrice: '10.00', itemCode: '999' }] })], true);
		expect(items[0].json.reference).toBe('PRJ-OK-1');
		expect(String(items[1].json.error)).toMatch(/lines\.0\.itemCode is invalid: itemCode "999" names no active QuickBooks Online item/);
		expect((await state()).invoices.filter((entry) => entry.PrivateNote === 'PRJ-BAD-1')).toHaveLength(0);
	});

	it('lists overdue invoices (due before today, with a balance) and one by its reference', async () => {
		const current = await state();
		const today = day(0);
		const expected = current.invoices.filter((invoice) => invoice.Balance > 0 && invoice.DueDate < today).map((invoice) => invoice.Id).sort();
		expect(expected.length).toBeGreaterThan(0);
		const overdue = json(await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } }), { credentials }));
		expect(overdue.map((invoice) => String(invoice.id)).sort()).toEqual(expected);
		expect(overdue.every((invoice) => invoice.status === 'overdue')).toBe(true);
		const seeded = current.invoices.find((invoice) => invoice.Balance > 0)!;
		const byReference = json(await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { reference: seeded.PrivateNote } }), { credentials }));
		expect(byReference.map((invoice) => invoice.id)).toEqual([seeded.Id]);
		const query = (await requests()).filter((request) => request.route.endsWith('/query')).map((request) => request.query.query[0]);
		expect(query).toContain(`SELECT * FROM Invoice WHERE Balance > '0' AND DueDate < '${today}' ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000`);
	});

	it('voids an invoice with its SyncToken: amounts zeroed, "Voided" before the memo, status void', async () => {
		const [created] = await createDrafts([await draft('PRJ-VOID-1')]);
		const [voided] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: String(created.json.id) }), { credentials });
		expect(voided.json).toMatchObject({ id: created.json.id, status: 'void', reference: 'PRJ-VOID-1', balance: { amountMinor: 0 } });
		const stored = (await state()).invoices.find((entry) => entry.Id === created.json.id)!;
		expect(stored).toMatchObject({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - PRJ-VOID-1', SyncToken: '1' });
		const [call] = await apiCalls('invoice');
		expect(call.query.operation).toBeUndefined();
		const [voidCall] = (await apiCalls('invoice')).filter((request) => request.query.operation?.[0] === 'void');
		expect(voidCall.body).toEqual({ Id: created.json.id, SyncToken: '0', sparse: true });
	});

	it('refuses Approve, Add Note and Get Notes before any request, naming QuickBooks Online and the capability', async () => {
		for (const [operation, capability] of [['approve', 'invoiceApproval'], ['addNote', 'invoiceNotes'], ['getNotes', 'invoiceNotes']]) {
			const [item] = await run(node, erp({ resource: 'invoice', operation, invoiceId: '1', note: 'Reminder 1 sent' }), { credentials, continueOnFail: true });
			expect(String(item.json.error)).toContain('QuickBooks Online');
			expect(String(item.json.error)).toContain(`"${capability}"`);
		}
		expect(await requests()).toEqual([]);
	});

	it('answers a missing invoice id with 404, from QuickBooks\' 400 "Object Not Found" (code 610)', async () => {
		const error = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: '987654' }), { credentials }).catch((caught: Error) => caught);
		expect(error).toMatchObject({ httpCode: '404', message: expect.stringContaining('QuickBooks Online has no invoice with id "987654"') });
		const [answer] = (await requests()).filter((request) => request.route === '/v3/company/:realm/:entity/:id' && request.status !== 401);
		expect(answer.status).toBe(400);
	});
});

describe('QuickBooks Online payments', () => {
	it('records a payment against an invoice: linked by LinkedTxn, the balance lowered, stored once after a lost answer', async () => {
		const [created] = await createDrafts([await draft('PRJ-PAY-1')]);
		const bank = (await state()).accounts.find((account) => account.AccountType === 'Bank')!;
		await sandbox.admin('POST', '/faults', { kind: 'dropAfterCommit', vendor: 'quickbooks', method: 'POST', path: '/payment$', count: 1 });
		const [item] = await run(node, erp({ resource: 'payment', operation: 'record', invoiceId: String(created.json.id), amount: '100.00 GBP', date: day(0), account: byId(bank.Id), reference: 'Remittance 2026-11-03 Acme' }), { credentials });
		const payment = Payment.parse(item.json);
		expect(payment).toMatchObject({ invoiceId: created.json.id, amount: { amountMinor: 10_000, currency: 'GBP' }, reference: 'Remittance 2026-11-03 Acme', date: day(0) });
		const current = await state();
		const stored = current.payments.filter((entry) => entry.PrivateNote === 'Remittance 2026-11-03 Acme');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ TotalAmt: 100, PaymentRefNum: 'Remittance 2026-11-03', DepositToAccountRef: { value: bank.Id }, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: created.json.id, TxnType: 'Invoice' }] }] });
		expect(current.invoices.find((entry) => entry.Id === created.json.id)).toMatchObject({ Balance: 1253.08 });
		const [got] = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: String(created.json.id) }), { credentials });
		expect(got.json).toMatchObject({ status: 'partially_paid', amountPaid: { amountMinor: 10_000 }, balance: { amountMinor: 125_308 } });
		const listed = json(await run(node, erp({ resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: String(created.json.id) } }), { credentials }));
		expect(listed.map((entry) => entry.id)).toEqual([stored[0].Id]);
	});

	it('refuses more than the balance before writing anything', async () => {
		const [created] = await createDrafts([await draft('PRJ-PAY-2')]);
		const error = await run(node, erp({ resource: 'payment', operation: 'record', invoiceId: String(created.json.id), amount: '9999.00 GBP', date: day(0), account: byId('4') }), { credentials }).catch((caught: Error) => caught);
		expect(String((error as Error).message)).toMatch(/must be above 0 and at most the invoice's balance 1353\.08 GBP/);
		expect(await apiCalls('payment')).toEqual([]);
	});
});

describe('QuickBooks Online fake', () => {
	it('refuses a stale SyncToken with Fault 5010 "Stale Object Error"', async () => {
		const customer = await firstCustomer();
		await sandbox.admin('POST', '/vendors/quickbooks/touch', { entity: 'Customer', id: customer.Id });
		const error = await run(node, erp({ resource: 'rawRequest', operation: 'send', method: 'POST', path: '/customer', query: JSON.stringify({ minorversion: '75' }), body: JSON.stringify({ Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'x' }), retryWrites: true }), { credentials }).catch((caught: Error) => caught);
		expect(error).toMatchObject({ httpCode: '400' });
		expect(String((error as Error).message)).toContain('Stale Object Error');
		expect((await state()).customers.find((entry) => entry.Id === customer.Id)!.Notes).not.toBe('x');
	});

	it('throttles at its per-second limit with Intuit\'s ThrottleExceeded 429, which the transport rides out', async () => {
		await sandbox.admin('POST', '/vendors/quickbooks/limits', { second: 1, intervalMs: 1000 });
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 3 }), { credentials });
		expect(items).toHaveLength(3);
		const throttled = (await requests()).filter((request) => request.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
	});
});
