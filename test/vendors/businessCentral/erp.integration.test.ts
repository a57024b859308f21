/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
import type { IDataObject } from 'n8n-workflow';
import { Erp } from '../../../nodes/Erp/Erp.node';
import { Client, Invoice, Project } from '../../../nodes/shared/canonical';
import { bcCredentials as credentials, bcDaysFromToday, bcErp as erp, bcOverdueIds, businessCentralHelpers } from './support';
import { json, run, useSandbox } from '../../integration/support';

const node = new Erp();
const sandbox = useSandbox();
const { state, requests, requestsTo, vendorAdmin, useApp } = businessCentralHelpers(sandbox);

beforeEach(() => {
	useApp();
});

const SALES_INVOICES = /\/salesInvoices$/;
const BATCH = /\/\$batch$/;

async function draft(reference: string, extra: IDataObject = {}): Promise<IDataObject> {
	const customer = (await state()).customers.find((candidate) => candidate.currencyCode === '')!;
	return {
		clientId: customer.id,
		reference,
		currency: 'GBP',
		issueDate: bcDaysFromToday(-10),
		dueDate: bcDaysFromToday(20),
		lines: [
			{ description: 'Discovery workshop', quantity: 7.5, unitPrice: '150.33' },
			{ description: 'Travel', quantity: 1, unitPrice: '89.99', accountCode: '40200' },
		],
		...extra,
	};
}

const createDrafts = async (records: IDataObject[], continueOnFail = false) =>
	await run(node, erp({ resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: records, continueOnFail });

describe('Business Central customers', () => {
	it('lists customers with a limit: one request with that page size, canonical clients', async () => {
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: false, limit: 5 }), { credentials });
		expect(items).toHaveLength(5);
		for (const item of json(items)) {
			expect(Client.safeParse(item).success).toBe(true);
			expect(item._meta).toMatchObject({ system: 'businessCentral', entity: 'client' });
			expect((item.externalRefs as IDataObject).businessCentral).toBe(item.id);
		}
		const lists = await requestsTo('GET', /\/customers$/);
		expect(lists).toHaveLength(1);
		expect(lists[0].headers.prefer).toBe('odata.maxpagesize=5');
		expect(lists[0].path).toMatch(/^\/v2\.0\/[0-9a-f-]+\/production\/api\/v2\.0\/companies\([0-9a-f-]+\)\/customers$/);
	});

	it('returns all customers by following @odata.nextLink, page after page', async () => {
		await vendorAdmin('setLimits', { serverPageSize: 7 });
		const items = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: true }), { credentials });
		const current = await state();
		expect(json(items).map((item) => item.id).sort()).toEqual(current.customers.map((customer) => customer.id).sort());
		const pages = await requestsTo('GET', /\/customers$/);
		expect(pages).toHaveLength(Math.ceil(current.customers.length / 7));
		expect(pages[1].query.$skiptoken).toEqual(['7']);
	});

	it('gets a customer by id or by customer No., and lists only those changed since a time', async () => {
		const customer = (await state()).customers[4];
		const [byId] = await run(node, erp({ resource: 'customer', operation: 'get', customerId: customer.id }), { credentials });
		expect(byId.json).toMatchObject({ id: customer.id, name: customer.displayName, externalRefs: { key: customer.number } });
		const [byNumber] = await run(node, erp({ resource: 'customer', operation: 'get', customerId: customer.number.toLowerCase() }), { credentials });
		expect(byNumber.json.id).toBe(customer.id);

		const since = new Date(Date.now() - 1000).toISOString();
		await vendorAdmin('editCustomer', { id: customer.id, changes: { phoneNumber: '+44 161 000 0000' } });
		const changed = await run(node, erp({ resource: 'customer', operation: 'list', returnAll: true, filters: { modifiedSince: since } }), { credentials });
		expect(json(changed).map((item) => item.id)).toEqual([customer.id]);
		expect(changed[0].json.phone).toBe('+44 161 000 0000');
		const [filtered] = (await requestsTo('GET', /\/customers$/)).slice(-1);
		expect(filtered.query.$filter).toEqual([`lastModifiedDateTime ge ${since}`]);
	});

	it('upserts by customer No. in one $batch: new ones created, the existing one PATCHed with its ETag', async () => {
		const existing = (await state()).customers[2];
		const items = await run(
			node,
			erp({ resource: 'customer', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'fields', name: '={{ $json.name }}', fields: { email: '={{ $json.email }}', currency: '={{ $json.currency }}' } }),
			{
				credentials,
				items: [
					{ key: 'acme-01', name: 'Acme Advisory', email: 'ap@acme.example', currency: 'EUR' },
					{ key: existing.number, name: `${existing.displayName} Group`, email: 'finance@renamed.example', currency: 'GBP' },
					{ key: 'globex-7', name: 'Globex Partners', email: 'ap@globex.example', currency: 'GBP' },
				],
			},
		);
		expect(json(items).map((item) => item.name)).toEqual(['Acme Advisory', `${existing.displayName} Group`, 'Globex Partners']);
		const current = await state();
		const acme = current.customers.find((customer) => customer.number === 'ACME-01')!;
		expect(acme).toMatchObject({ displayName: 'Acme Advisory', currencyCode: 'EUR', email: 'ap@acme.example' });
		// GBP is the company's local currency: BC keeps it as a blank code.
		expect(current.customers.find((customer) => customer.number === 'GLOBEX-7')!.currencyCode).toBe('');
		expect(current.customers.find((customer) => customer.id === existing.id)!.displayName).toBe(`${existing.displayName} Group`);
		const batches = await requestsTo('POST', BATCH);
		expect(batches).toHaveLength(1);
		const inner = (batches[0].body as { requests: Array<{ method: string; url: string; headers: Record<string, string> }> }).requests;
		expect(inner.map((request) => request.method)).toEqual(['POST', 'PATCH', 'POST']);
		expect(inner[1].headers['If-Match']).toBe(existing['@odata.etag']);
		// Upsert again with the same keys: nothing new is created.
		await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: 'ACME-01', inputMode: 'fields', name: 'Acme Advisory' }), { credentials });
		expect((await state()).customers.filter((customer) => customer.number === 'ACME-01')).toHaveLength(1);
	});

	it('surfaces an ETag conflict as a clear error on that item and keeps the other user\'s change', async () => {
		const customer = (await state()).customers[6];
		await sandbox.admin('POST', '/faults', { vendor: 'businesscentral', method: 'POST', path: '\\$batch$', kind: 'latency', latencyMs: 600 });
		const running = run(node, erp({ resource: 'customer', operation: 'upsert', externalId: customer.number, inputMode: 'fields', name: 'Overwritten by the workflow' }), { credentials, continueOnFail: true });
		// Once the batch (carrying the ETag read a moment ago) is in flight, a user edits the customer in BC.
		for (let waited = 0; waited < 50 && (await requestsTo('POST', BATCH)).length === 0; waited++) await new Promise((resolve) => setTimeout(resolve, 20));
		await vendorAdmin('editCustomer', { id: customer.id, changes: { displayName: 'Edited by a user' } });
		const [item] = await running;
		expect(item.json.error).toMatch(/Another user has already changed the record/);
		expect((item.json.errorDetails as IDataObject).httpCode).toBe('412');
		expect(String((item.json.errorDetails as IDataObject).description)).toMatch(/ETag/);
		expect((await state()).customers.find((candidate) => candidate.id === customer.id)!.displayName).toBe('Edited by a user');
	});

	it('refuses an external id that cannot be a customer No., naming it, and still writes the others', async () => {
		const items = await run(node, erp({ resource: 'customer', operation: 'upsert', externalId: '={{ $json.key }}', inputMode: 'fields', name: '={{ $json.name }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ key: 'a-key-that-is-much-too-long-for-bc', name: 'Too Long' }, { key: 'OK-1', name: 'Fine Ltd' }],
		});
		expect(items[0].json.error).toMatch(/externalId "a-key-that-is-much-too-long-for-bc" cannot be a Business Central customer No\./);
		expect(items[1].json).toMatchObject({ name: 'Fine Ltd', externalRefs: { key: 'OK-1' } });
		expect((await state()).customers.some((customer) => customer.displayName === 'Too Long')).toBe(false);
	});
});

describe('Business Central projects', () => {
	it('lists and gets projects', async () => {
		const items = await run(node, erp({ resource: 'project', operation: 'list', returnAll: true }), { credentials });
		const current = await state();
		expect(items).toHaveLength(current.projects.length);
		expect(Project.safeParse(items[0].json).success).toBe(true);
		const [got] = await run(node, erp({ resource: 'project', operation: 'get', projectId: current.projects[1].id }), { credentials });
		expect(got.json).toMatchObject({ name: current.projects[1].displayName, code: current.projects[1].number });
	});
});

describe('Business Central invoices', () => {
	it('creates a draft with its lines in one deep insert, amounts exact in minor units', async () => {
		const [item] = await createDrafts([await draft('PRJ-9001-1')]);
		const invoice = Invoice.parse(item.json);
		expect(invoice).toMatchObject({ status: 'draft', reference: 'PRJ-9001-1', currency: 'GBP' });
		// 7.5 x 150.33 = 1127.475 -> 1127.48; + 89.99
		expect(invoice.lines.map((line) => line.lineAmount.amountMinor)).toEqual([112748, 8999]);
		expect(invoice.total).toEqual({ amountMinor: 121747, currency: 'GBP' });
		const stored = (await state()).salesInvoices.find((candidate) => candidate.externalDocumentNumber === 'PRJ-9001-1')!;
		expect(stored).toMatchObject({ status: 'Draft', currencyCode: '', totalAmountIncludingTax: 1217.47 });
		expect(stored.salesInvoiceLines.map((line) => [line.lineType, line.lineObjectNumber, line.quantity, line.unitPrice])).toEqual([
			['Account', '40100', 7.5, 150.33],
			['Account', '40200', 1, 89.99],
		]);
		expect(await requestsTo('POST', SALES_INVOICES)).toHaveLength(1);
	});

	it('returns the existing invoice for a reference already invoiced, without a second POST', async () => {
		await createDrafts([await draft('PRJ-9001-2')]);
		const [again] = await createDrafts([await draft('PRJ-9001-2', { lines: [{ description: 'Different', quantity: 1, unitPrice: '1.00' }] })]);
		expect(again.json.reference).toBe('PRJ-9001-2');
		expect((await state()).salesInvoices.filter((invoice) => invoice.externalDocumentNumber === 'PRJ-9001-2')).toHaveLength(1);
		expect(await requestsTo('POST', SALES_INVOICES)).toHaveLength(1);
	});

	it('makes one invoice when the answer to the create is lost (looked up before the retry)', async () => {
		await sandbox.admin('POST', '/faults', { vendor: 'businesscentral', method: 'POST', path: 'salesInvoices$', kind: 'dropAfterCommit' });
		const [item] = await createDrafts([await draft('PRJ-9001-3')]);
		expect(item.json).toMatchObject({ reference: 'PRJ-9001-3', status: 'draft' });
		expect((await state()).salesInvoices.filter((invoice) => invoice.externalDocumentNumber === 'PRJ-9001-3')).toHaveLength(1);
		expect(await requestsTo('POST', SALES_INVOICES)).toHaveLength(1);
	});

	it('creates several drafts in one $batch; a bad line fails only its own item, naming the account', async () => {
		const items = await createDrafts(
			[await draft('PRJ-9002-1'), await draft('PRJ-9002-2', { lines: [{ description: 'Bad', quantity: 1, unitPrice: '10.00', accountCode: '99999' }] }), await draft('PRJ-9002-3')],
			true,
		);
		expect(items[0].json.reference).toBe('PRJ-9002-1');
		expect(items[1].json.error).toMatch(/contains a value \(99999\) that cannot be found in the related table \(G\/L Account\)/);
		expect(items[2].json.reference).toBe('PRJ-9002-3');
		const references = (await state()).salesInvoices.map((invoice) => invoice.externalDocumentNumber);
		expect(references.filter((reference) => reference.startsWith('PRJ-9002-')).sort()).toEqual(['PRJ-9002-1', 'PRJ-9002-3']);
		expect(await requestsTo('POST', BATCH)).toHaveLength(1);
	});

	it('creates each draft once when the $batch answer is lost', async () => {
		await sandbox.admin('POST', '/faults', { vendor: 'businesscentral', method: 'POST', path: '\\$batch$', kind: 'dropAfterCommit' });
		const items = await createDrafts([await draft('PRJ-9003-1'), await draft('PRJ-9003-2')]);
		expect(json(items).map((item) => item.reference)).toEqual(['PRJ-9003-1', 'PRJ-9003-2']);
		const stored = (await state()).salesInvoices.filter((invoice) => invoice.externalDocumentNumber.startsWith('PRJ-9003-'));
		expect(stored).toHaveLength(2);
		expect(await requestsTo('POST', BATCH)).toHaveLength(1);
		expect(await requestsTo('POST', SALES_INVOICES)).toHaveLength(0);
	});

	it('refuses an invoice without a reference, naming the field', async () => {
		const [item] = await createDrafts([await draft('')], true);
		expect(item.json.error).toMatch(/reference is required/);
	});

	it('lists overdue invoices exactly as BC\'s numbers say, and by reference, with lines', async () => {
		const overdue = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } }), { credentials });
		const current = await state();
		expect(json(overdue).map((item) => item.id).sort()).toEqual(bcOverdueIds(current).sort());
		expect(overdue.length).toBeGreaterThan(0);
		for (const item of json(overdue)) expect(item.status).toBe('overdue');
		const seeded = current.salesInvoices[0];
		const [byReference] = await run(node, erp({ resource: 'invoice', operation: 'list', returnAll: true, filters: { reference: seeded.externalDocumentNumber } }), { credentials });
		const invoice = Invoice.parse(byReference.json);
		expect(invoice.id).toBe(seeded.id);
		expect(invoice.total?.amountMinor).toBe(Math.round(seeded.totalAmountIncludingTax * 100));
		expect(invoice.lines).toHaveLength(seeded.salesInvoiceLines.length);
		const [filtered] = (await requestsTo('GET', SALES_INVOICES)).slice(-1);
		expect(filtered.query.$expand).toEqual(['salesInvoiceLines']);
	});

	it('approves (posts) a draft once, and voids: a posted invoice is cancelled, a draft deleted', async () => {
		const [created] = await createDrafts([await draft('PRJ-9004-1')]);
		const id = String(created.json.id);
		const [posted] = await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: id }), { credentials });
		expect(posted.json).toMatchObject({ id, status: 'authorised' });
		expect(String(posted.json.number)).toMatch(/^PS-INV/);
		await run(node, erp({ resource: 'invoice', operation: 'approve', invoiceId: id }), { credentials });
		expect(await requestsTo('POST', /Microsoft\.NAV\.post$/)).toHaveLength(1);
		const [voided] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: id }), { credentials });
		expect(voided.json).toMatchObject({ status: 'void', balance: { amountMinor: 0 } });
		expect((await state()).salesInvoices.find((invoice) => invoice.id === id)!.status).toBe('Canceled');

		const [other] = await createDrafts([await draft('PRJ-9004-2')]);
		const [deleted] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: String(other.json.id) }), { credentials });
		expect(deleted.json.status).toBe('void');
		expect((await state()).salesInvoices.some((invoice) => invoice.id === other.json.id)).toBe(false);
	});

	it('says which invoice BC refuses to cancel, and why', async () => {
		const paid = (await state()).salesInvoices.find((invoice) => invoice.status === 'Paid')!;
		const [item] = await run(node, erp({ resource: 'invoice', operation: 'void', invoiceId: paid.id }), { credentials, continueOnFail: true });
		expect(item.json.error).toMatch(new RegExp(`${paid.number}.*fully or partially paid`));
		expect((await state()).salesInvoices.find((invoice) => invoice.id === paid.id)!.status).toBe('Paid');
	});

	it('answers an unknown invoice with BC\'s 404, its code and correlation id', async () => {
		const [item] = await run(node, erp({ resource: 'invoice', operation: 'get', invoiceId: '00000000-0000-4000-8000-000000000001' }), { credentials, continueOnFail: true });
		const details = item.json.errorDetails as IDataObject;
		expect(details.httpCode).toBe('404');
		expect(String(details.description)).toMatch(/code BadRequest_NotFound/);
		expect(details.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect((await requests()).at(-1)!.status).toBe(404);
	});
});
