import type { IDataObject } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { Client, Invoice } from '../../../nodes/shared/canonical';
import { byId, credentials, daysFromToday, erp, today, xeroHelpers } from './support';
import { json, run, useSandbox } from '../../integration/support';

const node = new Erp();
const sandbox = useSandbox();
const { state, requests, counts, useCustomConnection, overdueIds } = xeroHelpers(sandbox);

beforeEach(() => {
	useCustomConnection();
});

const line = (description: string, quantity: number, unitPrice: string) => ({ description, quantity, unitPrice });

/** A canonical draft invoice for the first seeded customer. */
async function draft(reference: string, extra: IDataObject = {}): Promise<IDataObject> {
	const customer = (await state()).contacts[0];
	return {
		clientId: customer.ContactID,
		reference,
		currency: 'GBP',
		issueDate: daysFromToday(-10),
		dueDate: daysFromToday(20),
		lines: [{ ...line('Discovery workshop', 7.5, '150.33'), accountCode: '200', taxCode: 'OUTPUT2' }],
		...extra,
	};
}

const createDrafts = async (records: IDataObject[], continueOnFail = false) =>
	await run(node, erp({ resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: records, continueOnFail });

describe('Xero customers', () => {
	it('lists customers with a limit as canonical clients, one page of that size', async () => {
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'xero', entity: 'client' });
			expect((item.externalRefs as IDataObject).xero).toBe(item.id);
		}
		const [list] = (await requests()).filter((request) => request.route === '/api.xro/2.0/Contacts');
		expect(list.query).toMatchObject({ page: ['1'], pageSize: ['5'] });
		// A custom connection is bound to one organisation: no tenant header is needed.
		expect(list.headers['xero-tenant-id']).toBeUndefined();
	});

	it('gets a customer, and lists only those changed since a time through If-Modified-Since', async () => {
		const contact = (await state()).contacts[3];
		const [got] = await run(node, erp({ resource: 'customer', operation: 'get', customerId: contact.ContactID }), { credentials });
		expect(got.json).toMatchObject({ id: contact.ContactID, name: contact.Name, email: contact.EmailAddress, externalRefs: { key: contact.ContactNumber } });
		await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: contact.ContactNumber, inputMode: 'fields', name: contact.Name, fields: { phone: '+44 161 000 0000' } }), { credentials });
		const since = new Date(Date.now() - 60_000).toISOString();
		const changed = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: true, filters: { modifiedSince: since } }), { credentials });
		expect(json(changed).map((item) => item.id)).toEqual([contact.ContactID]);
		expect(changed[0].json.phone).toBe('+44 161 000 0000');
		const logged = (await requests()).filter((request) => request.route === '/api.xro/2.0/Contacts' && request.method === 'GET').pop()!;
		expect(logged.headers['if-modified-since']).toBe(since.slice(0, 19));
	});

	it('upserts by ContactNumber: the second run updates the same contact, never a duplicate', async () => {
		const upsert = async (name: string, email: string) =>
			await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: 'CRM-ACME-1', inputMode: 'json', record: '={{ $json }}' }), {
				credentials,
				items: [{ name, email, billingAddress: { line1: '1 Main St', city: 'Leeds', country: 'GB' } }],
			});
		const [first] = await upsert('Acme Advisory', 'ap@acme.example');
		const [second] = await upsert('Acme Advisory Group', 'billing@acme.example');
		expect(second.json.id).toBe(first.json.id);
		expect(second.json).toMatchObject({ name: 'Acme Advisory Group', email: 'billing@acme.example', externalRefs: { key: 'CRM-ACME-1', xero: first.json.id }, billingAddress: { city: 'Leeds' } });
		const stored = (await state()).contacts.filter((contact) => contact.ContactNumber === 'CRM-ACME-1');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ Name: 'Acme Advisory Group', EmailAddress: 'billing@acme.example' });
	});

	it('pins Xero\'s duplicate-name refusal on the one customer that caused it', async () => {
		const taken = (await state()).contacts[1].Name;
		const items = await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'json', record: '={{ { name: $json.name } }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ key: 'NEW-1', name: 'Brand New Ltd' }, { key: 'NEW-2', name: taken }],
		});
		expect(items[0].json.name).toBe('Brand New Ltd');
		expect(items[1].json.error).toMatch(/Customer "NEW-2": name: The contact name .* is already assigned to another contact/);
		expect((items[1].json.errorDetails as IDataObject).field).toBe('name');
		const stored = await state();
		expect(stored.contacts.filter((contact) => contact.ContactNumber === 'NEW-1')).toHaveLength(1);
		expect(stored.contacts.filter((contact) => contact.ContactNumber === 'NEW-2')).toHaveLength(0);
		// Both are new: created with PUT, which refuses a taken name (POST would update the other contact).
		expect((await counts())['xero PUT /api.xro/2.0/Contacts']).toBe(1);
		expect((await counts())['xero POST /api.xro/2.0/Contacts']).toBeUndefined();
	});
});

describe('Xero invoices: create', () => {
	it('creates a draft from the field editor, with totals exact to the cent', async () => {
		const customer = (await state()).contacts[0];
		const [item] = await run(
			node,
			erp({
				resource: 'invoice',
				operation: 'createDraft',
				inputMode: 'fields',
				clientId: byId(customer.ContactID),
				reference: 'PRJ-9001-1',
				currency: 'GBP',
				issueDate: '2026-11-01',
				fields: { dueDate: '2026-12-01' },
				lines: JSON.stringify([line('Discovery workshop', 7.5, '150.33'), line('Travel', 1, '0.10'), line('Analysis', 3, '0.35')]),
				lineDefaults: { accountCode: byId('200'), taxCode: byId('OUTPUT2') },
			}),
			{ credentials },
		);
		const invoice = Invoice.parse(item.json);
		// 7.5 x 150.33 = 1127.475 -> 1127.48; tax 20% per line: 225.496 -> 225.50, 0.02, 0.21.
		expect(invoice).toMatchObject({ status: 'draft', reference: 'PRJ-9001-1', clientId: customer.ContactID, issueDate: '2026-11-01', dueDate: '2026-12-01' });
		expect(invoice.lines.map((entry) => entry.lineAmount.amountMinor)).toEqual([112_748, 10, 105]);
		expect([invoice.subtotal?.amountMinor, invoice.tax?.amountMinor, invoice.total?.amountMinor]).toEqual([112_863, 22_573, 135_436]);
		const stored = (await state()).invoices.find((entry) => entry.Reference === 'PRJ-9001-1')!;
		expect(stored).toMatchObject({ Status: 'DRAFT', SubTotal: 1128.63, TotalTax: 225.73, Total: 1354.36, CurrencyCode: 'GBP' });
		expect(stored.LineItems.map((entry) => [entry.AccountCode, entry.TaxType])).toEqual([['200', 'OUTPUT2'], ['200', 'OUTPUT2'], ['200', 'OUTPUT2']]);
		const put = (await requests()).find((request) => request.method === 'PUT' && request.route === '/api.xro/2.0/Invoices')!;
		expect(put.query.summarizeErrors).toEqual(['false']);
		expect(put.headers['idempotency-key']).toMatch(/^p2c-invoices-[0-9a-f]{48}$/);
	});

	it('is idempotent by reference: the same invoice sent twice (or twice in one run) makes one invoice', async () => {
		const record = await draft('PRJ-9002-1');
		const first = await createDrafts([record, record]);
		expect(first[0].json.id).toBe(first[1].json.id);
		const second = await createDrafts([record]);
		expect(second[0].json.id).toBe(first[0].json.id);
		expect((await state()).invoices.filter((invoice) => invoice.Reference === 'PRJ-9002-1')).toHaveLength(1);
		expect((await counts())['xero PUT /api.xro/2.0/Invoices']).toBe(1);
	});

	it('makes one invoice when Xero commits the create but the answer is lost', async () => {
		await sandbox.admin('POST', '/faults', { kind: 'dropAfterCommit', vendor: 'xero', method: 'PUT', path: '^/api\\.xro/2\\.0/Invoices$' });
		const [item] = await createDrafts([await draft('PRJ-9003-1')]);
		expect(item.json).toMatchObject({ reference: 'PRJ-9003-1', status: 'draft' });
		const made = (await state()).invoices.filter((invoice) => invoice.Reference === 'PRJ-9003-1');
		expect(made).toHaveLength(1);
		expect(item.json.id).toBe(made[0].InvoiceID);
		// The lookup before the retry found the invoice: no second create was sent.
		expect((await counts())['xero PUT /api.xro/2.0/Invoices']).toBe(1);
	});

	it('sends a batch in one request and gives each refused invoice its own error, naming the field', async () => {
		const good = await draft('PRJ-9004-1');
		const badAccount = await draft('PRJ-9004-2', { lines: [{ ...line('Build', 10, '95.00'), accountCode: '9999' }] });
		const alsoGood = await draft('PRJ-9004-3');
		const items = await createDrafts([good, badAccount, alsoGood], true);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect([items[0].json.reference, items[2].json.reference]).toEqual(['PRJ-9004-1', 'PRJ-9004-3']);
		expect(items[1].json.error).toMatch(/Invoice "PRJ-9004-2": lines\.accountCode: Account code '9999' is not a valid code/);
		expect((items[1].json.errorDetails as IDataObject).field).toBe('lines.accountCode');
		const references = (await state()).invoices.map((invoice) => invoice.Reference);
		expect(references).toEqual(expect.arrayContaining(['PRJ-9004-1', 'PRJ-9004-3']));
		expect(references).not.toContain('PRJ-9004-2');
		expect((await counts())['xero PUT /api.xro/2.0/Invoices']).toBe(1);
	});

	it('refuses an invoice without a reference or with a wrong line amount before any call', async () => {
		const noReference = await draft('unused');
		delete noReference.reference;
		const wrongAmount = await draft('PRJ-9005-2', { lines: [{ ...line('Build', 2, '100.00'), lineAmount: '150.00', accountCode: '200' }] });
		const items = await createDrafts([noReference, wrongAmount], true);
		expect(items[0].json.error).toMatch(/reference: reference is required: it is the idempotency key/);
		expect(items[1].json.error).toMatch(/Invoice "PRJ-9005-2": lines\[0\]\.lineAmount: .* is 150\.00 but quantity x unit price is 200\.00/);
		expect((await counts())['xero PUT /api.xro/2.0/Invoices']).toBeUndefined();
	});

	it('refuses a canonical invoice that fails the schema, naming the item and the field', async () => {
		await expect(createDrafts([await draft('PRJ-9006-1', { currency: 'pounds' })])).rejects.toThrow(/Invoice in item 0 \("PRJ-9006-1"\): currency must be a three-letter ISO 4217/);
	});
});

describe('Xero invoices: read and change', () => {
	it('lists overdue invoices exactly as Xero\'s numbers say, with Statuses and a DueDate filter', async () => {
		const items = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } }), { credentials });
		const expected = overdueIds(await state());
		expect(expected.length).toBeGreaterThan(3);
		expect(json(items).map((item) => item.id).sort()).toEqual([...expected].sort());
		expect(json(items).every((item) => item.status === 'overdue')).toBe(true);
		const [list] = (await requests()).filter((request) => request.route === '/api.xro/2.0/Invoices');
		expect(list.query.Statuses).toEqual(['AUTHORISED']);
		expect(list.query.where[0]).toContain(`DueDate<DateTime(${today().replace(/-/g, ',')})`);
	});

	it('lists by canonical status, customer and reference', async () => {
		const current = await state();
		const paid = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { statuses: ['paid'] } }), { credentials });
		expect(paid.length).toBe(current.invoices.filter((invoice) => invoice.Status === 'PAID').length);
		const target = current.invoices[4];
		const byReference = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { reference: target.Reference } }), { credentials });
		expect(json(byReference).map((item) => item.id)).toEqual([target.InvoiceID]);
		const byCustomer = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { clientId: target.Contact.ContactID } }), { credentials });
		expect(byCustomer.length).toBe(current.invoices.filter((invoice) => invoice.Contact.ContactID === target.Contact.ContactID).length);
	});

	it('pages through every invoice with page and pageSize up to 1,000', async () => {
		sandbox.sandbox.reset({ scale: 10 });
		const items = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true }), { credentials });
		const total = (await state()).invoices.length;
		expect(total).toBeGreaterThan(1000);
		expect(items).toHaveLength(total);
		const pages = (await requests()).filter((request) => request.route === '/api.xro/2.0/Invoices');
		expect(pages.map((request) => [request.query.page[0], request.query.pageSize[0]])).toEqual([['1', '1000'], ['2', '1000']]);
	}, 60_000);

	it('approves a draft (AUTHORISED), and approving again changes nothing', async () => {
		const [created] = await createDrafts([await draft('PRJ-9007-1')]);
		const [approved] = await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: String(created.json.id) }), { credentials });
		expect(approved.json.status).toBe('authorised');
		await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: String(created.json.id) }), { credentials });
		expect((await state()).invoices.find((invoice) => invoice.InvoiceID === created.json.id)!.Status).toBe('AUTHORISED');
		expect((await counts())['xero POST /api.xro/2.0/Invoices/:id']).toBe(1);
	});

	it('voids: a draft is deleted, an approved invoice voided, a part-paid one refused by Xero', async () => {
		const [first, second] = await createDrafts([await draft('PRJ-9008-1'), await draft('PRJ-9008-2')]);
		const [deleted] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: String(first.json.id) }), { credentials });
		await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: String(second.json.id) }), { credentials });
		const [voided] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: String(second.json.id) }), { credentials });
		expect([deleted.json.status, voided.json.status]).toEqual(['void', 'void']);
		const byId = new Map((await state()).invoices.map((invoice) => [invoice.InvoiceID, invoice.Status]));
		expect([byId.get(String(first.json.id)), byId.get(String(second.json.id))]).toEqual(['DELETED', 'VOIDED']);

		const partPaid = (await state()).invoices.find((invoice) => invoice.Status === 'AUTHORISED' && invoice.AmountPaid > 0)!;
		const error = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: partPaid.InvoiceID }), { credentials }).catch((caught: Error) => caught);
		expect((error as Error).message).toMatch(/cannot be voided as it has payments applied/);
		expect((error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('adds a dunning note to the invoice history and reads it back', async () => {
		const invoice = (await state()).invoices.find((entry) => entry.Status === 'AUTHORISED')!;
		const [note] = await run(node, erp({ resource: 'invoice', operation: 'addNote', invoiceId: invoice.InvoiceID, note: 'Reminder 1 sent to accounts@client.example' }), { credentials });
		expect(note.json).toMatchObject({ invoiceId: invoice.InvoiceID, note: 'Reminder 1 sent to accounts@client.example' });
		expect((await state()).history[invoice.InvoiceID].map((record) => record.Details)).toContain('Reminder 1 sent to accounts@client.example');
		const notes = await run(node, erp({ resource: 'invoice', operation: 'getNotes', invoiceId: invoice.InvoiceID }), { credentials });
		expect(json(notes).map((entry) => entry.note)).toContain('Reminder 1 sent to accounts@client.example');
	});

	it('answers an unknown invoice with Xero\'s 404, as an error item under continue-on-fail', async () => {
		const items = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: '={{ $json.id }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ id: (await state()).invoices[0].InvoiceID }, { id: '00000000-0000-0000-0000-000000000000' }],
		});
		expect(items[0].json.status).toBeDefined();
		expect(items[1].json.error).toMatch(/Xero: The resource you're looking for cannot be found/);
		expect(items[1].json.errorDetails).toMatchObject({ httpCode: '404' });
	});
});
