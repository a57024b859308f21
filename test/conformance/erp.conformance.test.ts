import type { IDataObject } from 'n8n-workflow';
import { Client, Invoice, Payment, Project } from '../../nodes/shared/canonical';
import { CANONICAL_READS, supports } from '../support/systems';
import { capabilityTests, errorPathTests, expectPaging, firm, holding, idList, pickerValues, poller, row, runOn, runOne, stored, storedRecord, triggerTests, unique, useConformance, valuesIn, withId, type ErrorPathSpec, type SystemUnderTest } from './support';

/**
 * The ERP contract, run on every registered ERP system with the same inputs and the same canonical
 * outcomes, asserted on the fake's stored records: customers, draft invoices (idempotent by
 * reference), approval, voiding, notes, payments, projects, the trigger's polls, the error paths
 * and the capabilities. What truly differs per ledger (its bank accounts) is read from the system.
 */
const { sandbox, rows } = useConformance('erp');

const DAY = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const json = { inputMode: 'json', record: '={{ $json.record }}' };

/** The ERP customer of the seeded firm's first client, found by name, with the currency it is invoiced in. */
async function seededCustomer(system: SystemUnderTest): Promise<Client> {
	const customers = await runOn(system, { resource: 'customer', operation: 'list', returnAll: true });
	const found = customers.find((customer) => customer.name === firm.clients[0].name);
	if (!found) throw new Error(`${system.displayName} has no customer ${firm.clients[0].name}`);
	return Client.parse(found);
}

/** A canonical draft for the customer, in its currency: two lines, 1,200.00 and 300.00 before tax. */
const draftFor = (customer: Client, reference: string): IDataObject => ({
	clientId: customer.id,
	reference,
	currency: customer.currency ?? 'GBP',
	issueDate: day(0),
	dueDate: day(30),
	lines: [
		{ description: 'Conformance workshop', quantity: 8, unitPrice: '150.00' },
		{ description: 'Conformance report', quantity: 2, unitPrice: '150.00' },
	],
});

async function createDraft(system: SystemUnderTest, reference = unique('CONF-INV').replace(/\s/g, '-')): Promise<Invoice> {
	const customer = await seededCustomer(system);
	return Invoice.parse(await runOne(system, { resource: 'invoice', operation: 'createDraft', ...json, lineDefaults: {} }, { record: draftFor(customer, reference) }));
}

/** What Create Draft makes: a draft where the system has a draft-then-approve cycle, else an invoice final at once. */
const createdStatus = (system: SystemUnderTest): string => (supports(system, 'invoice', 'approve') ? 'draft' : 'authorised');

/** A final invoice: a draft, approved where the system has an approval cycle. */
async function finalInvoice(system: SystemUnderTest): Promise<Invoice> {
	const draft = await createDraft(system);
	if (!supports(system, 'invoice', 'approve')) return draft;
	return Invoice.parse(await runOne(system, { resource: 'invoice', operation: 'approve', invoiceId: draft.id }));
}

async function getInvoice(system: SystemUnderTest, id: string | undefined): Promise<Invoice> {
	return Invoice.parse(await runOne(system, { resource: 'invoice', operation: 'get', invoiceId: id }));
}

/** Records 25.00 against the invoice into the ledger's first bank account (as the picker lists them). */
async function recordPayment(system: SystemUnderTest, invoice: Invoice, reference: string): Promise<Payment> {
	const [account] = await pickerValues(system, 'searchBankAccounts');
	expect(account).toBeDefined();
	return Payment.parse(
		await runOne(system, { resource: 'payment', operation: 'record', invoiceId: invoice.id, amount: `25.00 ${invoice.currency}`, date: day(0), account: { __rl: true, mode: 'id', value: account }, reference }),
	);
}

const errorPaths: ErrorPathSpec = {
	read: CANONICAL_READS.erp,
	get: { parameters: { resource: 'customer', operation: 'get' }, entity: 'client', id: (id) => ({ customerId: id }) },
	async badInput(system) {
		const customer = await seededCustomer(system);
		const good = () => ({ record: draftFor(customer, unique('CONF-BAD').replace(/\s/g, '-')) });
		const noCurrency = { ...draftFor(customer, unique('CONF-BAD').replace(/\s/g, '-')), currency: undefined };
		return { parameters: { resource: 'invoice', operation: 'createDraft', ...json, lineDefaults: {} }, items: [good(), { record: noCurrency }, good()], field: 'currency' };
	},
};

describe.each(rows)('%s', (_name, system: SystemUnderTest) => {
	const name = system.displayName;

	describe('customers', () => {
		test(`${name}: customer list pages, and lists the seeded firm's clients`, async () => {
			const all = await expectPaging(system, { resource: 'customer', operation: 'list' });
			expect(all.map((record) => String(record.name))).toEqual(expect.arrayContaining(firm.clients.map((client) => client.name)));
			for (const record of all) expect(withId(stored(sandbox, system, 'client'), record.id)).toHaveLength(1);
		});

		test(`${name}: customer get returns the stored customer`, async () => {
			const customer = await seededCustomer(system);
			const got = Client.parse(await runOne(system, { resource: 'customer', operation: 'get', customerId: customer.id }));
			expect({ id: got.id, name: got.name, currency: got.currency }).toEqual({ id: customer.id, name: customer.name, currency: customer.currency });
			expect(holding([storedRecord(sandbox, system, 'client', customer.id)], customer.name)).toHaveLength(1);
		});

		test(`${name}: customer upsert twice by one external ID leaves one customer, updated`, async () => {
			const externalId = `CONF-${Date.now().toString(36).toUpperCase()}`;
			const customerName = unique('Conformance Customer');
			const upsert = { resource: 'customer', operation: 'upsert', externalId, ...json };
			const first = Client.parse(await runOne(system, upsert, { record: { name: customerName, email: 'ap@conformance.example' } }));
			const second = Client.parse(await runOne(system, upsert, { record: { name: customerName, email: 'finance@conformance.example' } }));
			expect(second.id).toBe(first.id);
			expect({ name: second.name, email: second.email, key: second.externalRefs.key }).toEqual({ name: customerName, email: 'finance@conformance.example', key: externalId });
			expect(holding(stored(sandbox, system, 'client'), customerName)).toHaveLength(1);
			expect(holding([storedRecord(sandbox, system, 'client', first.id)], 'finance@conformance.example')).toHaveLength(1);
		});
	});

	describe('invoices', () => {
		test(`${name}: invoice createDraft twice with one reference makes one invoice, with exact totals`, async () => {
			const reference = unique('CONF-IDEM').replace(/\s/g, '-');
			const first = await createDraft(system, reference);
			const second = await createDraft(system, reference);
			expect(second.id).toBe(first.id);
			expect({ reference: first.reference, status: first.status, subtotal: first.subtotal?.amountMinor }).toEqual({ reference, status: createdStatus(system), subtotal: 150_000 });
			expect(first.lines.map((line) => line.lineAmount?.amountMinor)).toEqual([120_000, 30_000]);
			expect(holding(stored(sandbox, system, 'invoice'), reference)).toHaveLength(1);
			expect(holding([storedRecord(sandbox, system, 'invoice', first.id)], reference)).toHaveLength(1);
		});

		test(`${name}: invoice get returns the stored invoice`, async () => {
			const draft = await createDraft(system);
			const got = await getInvoice(system, draft.id);
			expect({ id: got.id, reference: got.reference, total: got.total, clientId: got.clientId }).toEqual({ id: draft.id, reference: draft.reference, total: draft.total, clientId: draft.clientId });
		});

		test(`${name}: invoice list pages, and filters by reference, customer, status and overdue`, async () => {
			const draft = await createDraft(system);
			await expectPaging(system, { resource: 'invoice', operation: 'list' });
			expect(idList(await runOn(system, { resource: 'invoice', operation: 'list', returnAll: true, filters: { reference: draft.reference } }))).toEqual([draft.id]);
			const ofCustomer = (await runOn(system, { resource: 'invoice', operation: 'list', returnAll: true, filters: { clientId: draft.clientId } })).map((record) => Invoice.parse(record));
			expect(ofCustomer.map((invoice) => invoice.id)).toContain(draft.id);
			expect(ofCustomer.every((invoice) => invoice.clientId === draft.clientId)).toBe(true);
			const status = createdStatus(system);
			const inStatus = (await runOn(system, { resource: 'invoice', operation: 'list', returnAll: true, filters: { statuses: [status] } })).map((record) => Invoice.parse(record));
			expect(inStatus.map((invoice) => invoice.id)).toContain(draft.id);
			expect(inStatus.every((invoice) => invoice.status === status)).toBe(true);
			const overdue = (await runOn(system, { resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } })).map((record) => Invoice.parse(record));
			expect(overdue.length).toBeGreaterThan(0);
			expect(overdue.every((invoice) => String(invoice.dueDate) < day(0) && (invoice.balance?.amountMinor ?? 0) > 0)).toBe(true);
		});

		if (supports(system, 'invoice', 'approve')) {
			test(`${name}: invoice approve makes the draft final`, async () => {
				const draft = await createDraft(system);
				const before = JSON.stringify(storedRecord(sandbox, system, 'invoice', draft.id));
				const approved = Invoice.parse(await runOne(system, { resource: 'invoice', operation: 'approve', invoiceId: draft.id }));
				expect({ id: approved.id, status: approved.status, balance: approved.balance?.amountMinor }).toEqual({ id: draft.id, status: 'authorised', balance: approved.total?.amountMinor });
				expect((await getInvoice(system, approved.id)).status).toBe('authorised');
				expect(JSON.stringify(storedRecord(sandbox, system, 'invoice', approved.id))).not.toBe(before);
			});
		}

		test(`${name}: invoice void cancels a final invoice`, async () => {
			const invoice = await finalInvoice(system);
			const voided = Invoice.parse(await runOne(system, { resource: 'invoice', operation: 'void', invoiceId: invoice.id }));
			expect(voided.status).toBe('void');
			expect((await getInvoice(system, invoice.id)).status).toBe('void');
		});

		if (supports(system, 'invoice', 'addNote')) {
			test(`${name}: invoice addNote is read back by getNotes`, async () => {
				const invoice = await finalInvoice(system);
				const note = unique('Reminder 1 sent to ap@conformance.example');
				const added = await runOne(system, { resource: 'invoice', operation: 'addNote', invoiceId: invoice.id, note });
				expect(added).toMatchObject({ invoiceId: invoice.id, note });
				const notes = await runOn(system, { resource: 'invoice', operation: 'getNotes', invoiceId: invoice.id });
				expect(notes.filter((entry) => entry.note === note)).toHaveLength(1);
				expect(valuesIn(system.liveFake(sandbox).state()).filter((value) => value.includes(note))).toHaveLength(1);
			});
		}
	});

	describe('payments', () => {
		test(`${name}: payment record settles part of a final invoice, stored once`, async () => {
			const invoice = await finalInvoice(system);
			const reference = unique('CONF-PAY').replace(/\s/g, '-');
			const payment = await recordPayment(system, invoice, reference);
			expect({ invoiceId: payment.invoiceId, amount: payment.amount, date: payment.date, reference: payment.reference }).toEqual({ invoiceId: invoice.id, amount: { amountMinor: 2500, currency: invoice.currency }, date: day(0), reference });
			const after = await getInvoice(system, invoice.id);
			expect({ paid: after.amountPaid?.amountMinor, balance: after.balance?.amountMinor }).toEqual({ paid: 2500, balance: (invoice.total?.amountMinor ?? 0) - 2500 });
			expect(holding(stored(sandbox, system, 'payment'), reference)).toHaveLength(1);
		});

		test(`${name}: payment list filters by invoice`, async () => {
			const invoice = await finalInvoice(system);
			const payment = await recordPayment(system, invoice, unique('CONF-PAY').replace(/\s/g, '-'));
			const listed = (await runOn(system, { resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: invoice.id } })).map((record) => Payment.parse(record));
			expect(listed.length).toBeGreaterThan(0);
			expect(listed.every((entry) => entry.invoiceId === invoice.id)).toBe(true);
			expect(listed.reduce((sum, entry) => sum + entry.amount.amountMinor, 0)).toBe(payment.amount.amountMinor);
		});

		test(`${name}: payment get of a listed payment`, async () => {
			const invoice = await finalInvoice(system);
			await recordPayment(system, invoice, unique('CONF-PAY').replace(/\s/g, '-'));
			const [listed] = (await runOn(system, { resource: 'payment', operation: 'list', returnAll: true, filters: { invoiceId: invoice.id } })).map((record) => Payment.parse(record));
			const got = Payment.parse(await runOne(system, { resource: 'payment', operation: 'get', paymentId: listed.id }));
			expect({ id: got.id, invoiceId: got.invoiceId, amount: got.amount }).toEqual({ id: listed.id, invoiceId: invoice.id, amount: listed.amount });
		});

		row(system, 'payment get recorded')(`${name}: payment get of the payment just recorded`, async () => {
			const invoice = await finalInvoice(system);
			const payment = await recordPayment(system, invoice, unique('CONF-PAY').replace(/\s/g, '-'));
			const got = Payment.parse(await runOne(system, { resource: 'payment', operation: 'get', paymentId: payment.id }));
			expect({ invoiceId: got.invoiceId, amount: got.amount }).toEqual({ invoiceId: invoice.id, amount: payment.amount });
		});
	});

	if (supports(system, 'project', 'list')) {
		describe('projects', () => {
			test(`${name}: project list pages, and lists the seeded firm's projects`, async () => {
				const all = await expectPaging(system, { resource: 'project', operation: 'list' });
				expect(all.map((record) => String(record.name))).toEqual(expect.arrayContaining(firm.projects.map((project) => project.name)));
				for (const record of all) expect(withId(stored(sandbox, system, 'project'), record.id)).toHaveLength(1);
			});

			test(`${name}: project get returns the stored project`, async () => {
				const [listed] = await runOn(system, { resource: 'project', operation: 'list', returnAll: false, limit: 1 });
				const got = Project.parse(await runOne(system, { resource: 'project', operation: 'get', projectId: String(listed.id) }));
				expect({ id: got.id, name: got.name }).toEqual({ id: String(listed.id), name: listed.name });
				expect(holding([storedRecord(sandbox, system, 'project', got.id)], got.name)).toHaveLength(1);
			});
		});
	}

	describe('trigger', () => {
		triggerTests(system);

		test(`${name}: trigger paymentReceived emits a payment recorded between polls, once`, async () => {
			const invoice = await finalInvoice(system);
			const trigger = poller(system, 'paymentReceived');
			expect(await trigger.poll()).toEqual([]);
			await recordPayment(system, invoice, unique('CONF-POLL').replace(/\s/g, '-'));
			const onInvoice = (records: IDataObject[]) => records.filter((record) => record.invoiceId === invoice.id);
			expect(onInvoice(await trigger.poll())).toHaveLength(1);
			expect(onInvoice(await trigger.poll())).toEqual([]);
		});
	});

	describe('errors', () => errorPathTests(sandbox, system, errorPaths));
	describe('capabilities', () => capabilityTests(sandbox, system));
});
