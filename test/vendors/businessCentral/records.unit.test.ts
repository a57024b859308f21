import { Client, Invoice, mapContext, Payment, Project } from '../../../nodes/shared/canonical';
import {
	fromCanonicalClient,
	fromCanonicalInvoice,
	fromCanonicalPayment,
	paymentReceivedOn,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalPayment,
	toCanonicalProject,
	toCanonicalStatus,
	type BcCustomer,
	type BcMapContext,
	type BcSalesInvoice,
} from '../../../nodes/vendors/businessCentral/records';
import { businessCentralTransport, splitCorrelationId } from '../../../nodes/vendors/businessCentral/transport';
import { BcPayments } from '../../../nodes/vendors/businessCentral/payments';

const context: BcMapContext = { ...mapContext({ fetchedAt: '2026-11-01T08:00:00.000Z', includeRaw: false, defaultCurrency: 'USD' }), localCurrency: 'USD', today: '2026-11-01' };

// Shaped like the v2.0 reference examples (api-reference/v2.0/api/dynamics_customer_get, dynamics_salesinvoice_get).
const customer: BcCustomer = {
	'@odata.etag': 'W/"JzQ0O0VnQUFBQUo3LzBNQUFBQUFBQT09MTswMDsn"',
	id: 'f3a5738a-44e3-ea11-bb43-000d3a2feca1',
	number: '20000',
	displayName: 'Trey Research',
	type: 'Company',
	addressLine1: '153 Thomas Drive',
	addressLine2: '',
	city: 'Chicago',
	state: 'IL',
	country: 'US',
	postalCode: '61236',
	phoneNumber: '',
	email: 'helen.ray@treyresearch.net',
	website: 'https://www.treyresearch.net/',
	taxLiable: true,
	taxRegistrationNumber: '',
	currencyCode: '',
	blocked: ' ',
	lastModifiedDateTime: '2020-08-21T00:24:31.777Z',
};

const invoice: BcSalesInvoice = {
	id: '5d115c9c-44e3-ea11-bb43-000d3a2feca1',
	number: '103001',
	externalDocumentNumber: 'PRJ-0042-3',
	invoiceDate: '2026-09-15',
	postingDate: '2026-09-15',
	dueDate: '2026-10-15',
	customerId: 'f3a5738a-44e3-ea11-bb43-000d3a2feca1',
	customerNumber: '20000',
	currencyCode: 'EUR',
	status: 'Open',
	totalAmountExcludingTax: 1234.5,
	totalTaxAmount: 259.25,
	totalAmountIncludingTax: 1493.75,
	remainingAmount: 500.1,
	lastModifiedDateTime: '2026-10-20T10:00:00Z',
	salesInvoiceLines: [
		{ id: 'l2', sequence: 20000, lineType: 'Item', lineObjectNumber: 'CONSULTING', description: 'Design', quantity: 2.5, unitPrice: 200.2, amountExcludingTax: 500.5, taxCode: 'VAT21' },
		{ id: 'l1', sequence: 10000, lineType: 'Account', lineObjectNumber: '40100', description: 'Discovery', quantity: 4, unitPrice: 183.5, amountExcludingTax: 734, taxCode: 'VAT21' },
		{ id: 'l3', sequence: 30000, lineType: 'Comment', description: 'Thank you for your business' },
	],
};

describe('Business Central customers', () => {
	it('maps a customer to a canonical client; the customer No. is the business key', () => {
		const client = Client.parse(toCanonicalClient(customer, context));
		expect(client).toMatchObject({
			id: customer.id,
			name: 'Trey Research',
			email: 'helen.ray@treyresearch.net',
			domain: 'www.treyresearch.net',
			currency: 'USD',
			isActive: true,
			billingAddress: { line1: '153 Thomas Drive', city: 'Chicago', region: 'IL', postalCode: '61236', country: 'US' },
			externalRefs: { businessCentral: customer.id, key: '20000' },
			_meta: { system: 'businessCentral', entity: 'client', remoteId: customer.id, remoteUpdatedAt: '2020-08-21T00:24:31.777Z' },
		});
		expect(client.phone).toBeUndefined();
		expect(toCanonicalClient({ ...customer, blocked: 'All', currencyCode: 'EUR' }, context)).toMatchObject({ isActive: false, currency: 'EUR' });
	});

	it('writes the local currency as a blank currency code, as BC keeps it', () => {
		expect(fromCanonicalClient({ name: 'Acme', currency: 'USD' }, context)).toEqual({ displayName: 'Acme', currencyCode: '' });
		expect(fromCanonicalClient({ currency: 'EUR', billingAddress: { city: 'Paris' } }, context)).toEqual({ currencyCode: 'EUR', city: 'Paris' });
	});

	it('keeps the raw record only when asked', () => {
		expect(toCanonicalClient(customer, context).remoteData).toBeUndefined();
		expect(toCanonicalClient(customer, { ...context, includeRaw: true }).remoteData).toBe(customer);
	});
});

describe('Business Central sales invoices', () => {
	it('maps amounts to exact minor units in the invoice currency, lines in sequence, comments left out', () => {
		const canonical = Invoice.parse(toCanonicalInvoice(invoice, context));
		expect(canonical.currency).toBe('EUR');
		expect(canonical.subtotal).toEqual({ amountMinor: 123450, currency: 'EUR' });
		expect(canonical.tax).toEqual({ amountMinor: 25925, currency: 'EUR' });
		expect(canonical.total).toEqual({ amountMinor: 149375, currency: 'EUR' });
		expect(canonical.balance).toEqual({ amountMinor: 50010, currency: 'EUR' });
		expect(canonical.amountPaid).toEqual({ amountMinor: 99365, currency: 'EUR' });
		expect(canonical.lines.map((line) => [line.description, line.accountCode, line.itemCode, line.lineAmount.amountMinor])).toEqual([
			['Discovery', '40100', undefined, 73400],
			['Design', undefined, 'CONSULTING', 50050],
		]);
		expect(canonical.lines[1].unitPrice).toEqual({ amountMinor: 20020, currency: 'EUR' });
		expect(canonical).toMatchObject({ number: '103001', reference: 'PRJ-0042-3', clientId: customer.id, issueDate: '2026-09-15', dueDate: '2026-10-15' });
	});

	it('derives overdue, partially paid, paid and void from status, due date and remaining amount', () => {
		const open = { ...invoice, totalAmountIncludingTax: 100, remainingAmount: 100 };
		expect(toCanonicalStatus({ ...open, dueDate: '2026-11-02' }, '2026-11-01')).toBe('authorised');
		expect(toCanonicalStatus({ ...open, dueDate: '2026-10-31' }, '2026-11-01')).toBe('overdue');
		expect(toCanonicalStatus({ ...open, dueDate: '2026-11-01' }, '2026-11-01')).toBe('authorised');
		expect(toCanonicalStatus({ ...open, dueDate: '2026-11-02', remainingAmount: 40 }, '2026-11-01')).toBe('partially_paid');
		// Overdue wins over partially paid: collections chase both.
		expect(toCanonicalStatus({ ...open, dueDate: '2026-10-01', remainingAmount: 40 }, '2026-11-01')).toBe('overdue');
		expect(toCanonicalStatus({ ...open, remainingAmount: 0 }, '2026-11-01')).toBe('paid');
		expect(toCanonicalStatus({ ...open, status: 'Paid', remainingAmount: 0 }, '2026-11-01')).toBe('paid');
		expect(toCanonicalStatus({ ...open, status: 'Draft' }, '2026-11-01')).toBe('draft');
		expect(toCanonicalStatus({ ...open, status: 'In Review' }, '2026-11-01')).toBe('submitted');
		expect(toCanonicalStatus({ ...open, status: 'Canceled' }, '2026-11-01')).toBe('void');
		expect(toCanonicalStatus({ ...open, status: 'Corrective' }, '2026-11-01')).toBe('void');
	});

	it('gives a draft a balance of its whole total and nothing paid; a cancelled invoice owes nothing', () => {
		const draft = toCanonicalInvoice({ ...invoice, status: 'Draft', remainingAmount: 0 }, context);
		expect(draft.balance).toEqual(draft.total);
		expect(draft.amountPaid).toEqual({ amountMinor: 0, currency: 'EUR' });
		const cancelled = toCanonicalInvoice({ ...invoice, status: 'Canceled', remainingAmount: 0 }, context);
		expect(cancelled).toMatchObject({ status: 'void', balance: { amountMinor: 0 }, amountPaid: { amountMinor: 0 } });
	});

	it('reads a blank currency code as the company currency and the 0001-01-01 blank date as absent', () => {
		const local = toCanonicalInvoice({ ...invoice, currencyCode: '', dueDate: '0001-01-01' }, context);
		expect(local.currency).toBe('USD');
		expect(local.dueDate).toBeUndefined();
	});

	it('writes a draft as one deep insert: local currency blank, lines on an item or a G/L account', () => {
		const canonical = Invoice.parse({
			clientId: customer.id,
			reference: 'PRJ-0042-4',
			status: 'draft',
			currency: 'USD',
			issueDate: '2026-11-01',
			lines: [
				{ description: 'Build', quantity: 7.5, unitPrice: { amountMinor: 18050, currency: 'USD' }, lineAmount: { amountMinor: 135375, currency: 'USD' } },
				{ description: 'Licence', quantity: 1, unitPrice: { amountMinor: 9900, currency: 'USD' }, lineAmount: { amountMinor: 9900, currency: 'USD' }, itemCode: 'LIC', taxCode: 'TAXABLE' },
			],
		});
		expect(fromCanonicalInvoice(canonical, { localCurrency: 'USD', revenueAccount: '40100' })).toEqual({
			externalDocumentNumber: 'PRJ-0042-4',
			invoiceDate: '2026-11-01',
			customerId: customer.id,
			currencyCode: '',
			salesInvoiceLines: [
				{ sequence: 10000, lineType: 'Account', lineObjectNumber: '40100', description: 'Build', quantity: 7.5, unitPrice: 180.5 },
				{ sequence: 20000, lineType: 'Item', lineObjectNumber: 'LIC', description: 'Licence', quantity: 1, unitPrice: 99, taxCode: 'TAXABLE' },
			],
		});
		expect(fromCanonicalInvoice({ ...canonical, clientId: '20000', currency: 'EUR' }, { localCurrency: 'USD', revenueAccount: '40100' })).toMatchObject({ customerNumber: '20000', currencyCode: 'EUR' });
		expect(() => fromCanonicalInvoice(canonical, { localCurrency: 'USD' })).toThrow('lines.0.accountCode is required');
	});
});

describe('Business Central payments and projects', () => {
	// api-reference/v2.0/api/dynamics_customerpayment_get example, as a credit applied to an invoice.
	const line = {
		id: '17cce948-c6a5-4861-8ff5-30428ed83207',
		journalId: 'dc1b6a90-44e3-ea11-bb43-000d3a2feca1',
		lineNumber: 10000,
		customerId: customer.id,
		customerNumber: '10400',
		postingDate: '2015-12-31',
		documentNumber: '1234',
		externalDocumentNumber: 'REMIT-77',
		amount: -1500,
		appliesToInvoiceId: invoice.id,
		appliesToInvoiceNumber: '100000',
		description: '',
		lastModifiedDateTime: '2017-03-17T19:02:22.043Z',
	};

	it('maps a journal credit to a positive canonical payment and back to a negative line', () => {
		const payment = Payment.parse(toCanonicalPayment(line, 'EUR', context));
		expect(payment).toMatchObject({ id: line.id, invoiceId: invoice.id, clientId: customer.id, date: '2015-12-31', amount: { amountMinor: 150000, currency: 'EUR' }, reference: 'REMIT-77' });
		expect(fromCanonicalPayment(payment, 'REMIT-77')).toMatchObject({ amount: -1500, appliesToInvoiceId: invoice.id, postingDate: '2015-12-31', externalDocumentNumber: 'REMIT-77' });
	});

	it('derives a stable payment reference from what the payment is when none is given', () => {
		const payment = Payment.parse({ invoiceId: invoice.id, date: '2026-11-01', amount: { amountMinor: 1000, currency: 'EUR' } });
		const reference = BcPayments.referenceOf(payment);
		expect(reference).toMatch(/^P2C-[0-9A-F]{16}$/);
		expect(BcPayments.referenceOf({ ...payment })).toBe(reference);
		expect(BcPayments.referenceOf({ ...payment, amount: { amountMinor: 1001, currency: 'EUR' } })).not.toBe(reference);
		expect(BcPayments.referenceOf({ ...payment, reference: 'R'.repeat(50) })).toHaveLength(35);
	});

	it('reads money received on a posted invoice as one payment whose id changes with the amount', () => {
		const received = paymentReceivedOn(toCanonicalInvoice(invoice, context), context)!;
		expect(received).toMatchObject({ id: `${invoice.id}@99365`, invoiceId: invoice.id, amount: { amountMinor: 99365, currency: 'EUR' }, date: '2026-10-20' });
		expect(Payment.safeParse(received).success).toBe(true);
		expect(paymentReceivedOn(toCanonicalInvoice({ ...invoice, remainingAmount: 1493.75 }, context), context)).toBeUndefined();
	});

	it('maps a project (id, number, displayName only in API v2.0)', () => {
		expect(Project.parse(toCanonicalProject({ id: 'p1', number: 'PRJ-0001', displayName: 'Data platform' }, context))).toMatchObject({ name: 'Data platform', code: 'PRJ-0001', status: 'active', externalRefs: { businessCentral: 'p1' } });
	});
});

describe('Business Central error bodies', () => {
	it('splits the correlation id from the message and names the code and field', () => {
		expect(splitCorrelationId("Field 'taxable' must not be blank or empty.  CorrelationId:  a1b2c3d4-0000-4000-8000-123456789abc.")).toEqual({
			message: "Field 'taxable' must not be blank or empty.",
			correlationId: 'a1b2c3d4-0000-4000-8000-123456789abc',
		});
		const details = businessCentralTransport.parseError({
			statusCode: 400,
			headers: {},
			body: { error: { code: 'BadRequest_RequiredParamNotProvided', message: "Field 'taxable' must not be blank or empty.  CorrelationId:  a1b2c3d4-0000-4000-8000-123456789abc." } },
		});
		expect(details).toMatchObject({ code: 'BadRequest_RequiredParamNotProvided', field: 'taxable', requestId: 'a1b2c3d4-0000-4000-8000-123456789abc' });
		const conflict = businessCentralTransport.parseError({ statusCode: 412, headers: {}, body: { error: { code: 'Request_EntityChanged', message: 'Another user has already changed the record.' } } });
		expect(conflict.description).toMatch(/ETag/);
	});
});
