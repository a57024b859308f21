import { Client, Invoice, mapContext, Payment, Project } from '../../../nodes/shared/canonical';
import {
	canonicalFieldForXeroMessage,
	fromCanonicalClient,
	fromCanonicalInvoice,
	fromCanonicalPayment,
	invoiceProblems,
	parseXeroDate,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalInvoiceStatus,
	toCanonicalPayment,
	toCanonicalProject,
	toInvoiceNote,
	xeroStatusesFor,
	xeroWhereDate,
	xeroWhereString,
	type XeroContact,
	type XeroInvoice,
	type XeroPayment,
} from '../../../nodes/vendors/xero/records';
import { xeroTransport, xeroProjectsBaseUrl } from '../../../nodes/vendors/xero/transport';

// Read on 2026-11-22: the day "overdue" is judged against.
const context = mapContext({ fetchedAt: '2026-11-22T09:00:00.000Z', correlationId: 'run-7' });

// Shaped like the GET /Invoices example of Xero's Accounting API reference (INV-0002, paid in full).
const paidInvoice: XeroInvoice = {
	Type: 'ACCREC',
	InvoiceID: '046d8a6d-1ae1-4b4d-9340-5601bdf41b87',
	InvoiceNumber: 'INV-0002',
	Reference: 'Red Fish, Blue Fish',
	AmountDue: 0.0,
	AmountPaid: 46.0,
	AmountCredited: 0.0,
	Contact: { ContactID: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7', Name: 'Barney Rubble-83203' },
	Date: '/Date(1539993600000+0000)/',
	DueDate: '/Date(1546128000000+0000)/',
	Status: 'PAID',
	LineAmountTypes: 'Exclusive',
	LineItems: [{ Description: 'Fish', Quantity: 2.0, UnitAmount: 20.0, LineAmount: 40.0, AccountCode: '400', TaxType: 'OUTPUT2', TaxAmount: 6.0, LineItemID: 'f2dd3a6e-4b28-4c9a-b3f6-2f6e2dc3b5a1' }],
	SubTotal: 40.0,
	TotalTax: 6.0,
	Total: 46.0,
	UpdatedDateUTC: '/Date(1541176592690+0000)/',
	CurrencyCode: 'NZD',
};

const approved = (overrides: Partial<XeroInvoice>): XeroInvoice => ({ ...paidInvoice, Status: 'AUTHORISED', AmountPaid: 0, AmountDue: 46, ...overrides });

describe('Xero dates', () => {
	it('reads /Date(ms+0000)/, /Date(ms)/ and zone-less ISO (UTC)', () => {
		expect(new Date(parseXeroDate('/Date(1539993600000+0000)/')!).toISOString()).toBe('2018-10-20T00:00:00.000Z');
		expect(parseXeroDate('/Date(1552326816230)/')).toBe(1552326816230);
		expect(new Date(parseXeroDate('2018-11-02T16:31:30')!).toISOString()).toBe('2018-11-02T16:31:30.000Z');
		expect(new Date(parseXeroDate('2020-03-03T15:00:00Z')!).toISOString()).toBe('2020-03-03T15:00:00.000Z');
		expect(parseXeroDate('not a date')).toBeUndefined();
		expect(parseXeroDate('')).toBeUndefined();
	});

	it('writes where-filter dates and strings Xero can parse', () => {
		expect(xeroWhereDate('2026-01-05')).toBe('DateTime(2026,01,05)');
		expect(xeroWhereDate('2026-01-05T23:10:00.000Z')).toBe('DateTime(2026,01,05)');
		expect(xeroWhereString('Say "hi" \\ bye')).toBe('"Say \\"hi\\" \\\\ bye"');
	});
});

describe('Xero invoices', () => {
	it('maps the documented invoice to a canonical invoice, money in minor units', () => {
		const invoice = Invoice.parse(toCanonicalInvoice(paidInvoice, context));
		expect(invoice).toMatchObject({
			id: paidInvoice.InvoiceID,
			number: 'INV-0002',
			reference: 'Red Fish, Blue Fish',
			clientId: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7',
			status: 'paid',
			currency: 'NZD',
			issueDate: '2018-10-20',
			dueDate: '2018-12-30',
			subtotal: { amountMinor: 4000, currency: 'NZD' },
			tax: { amountMinor: 600, currency: 'NZD' },
			total: { amountMinor: 4600, currency: 'NZD' },
			amountPaid: { amountMinor: 4600, currency: 'NZD' },
			balance: { amountMinor: 0, currency: 'NZD' },
			updatedAt: '2018-11-02T16:36:32.690Z',
			externalRefs: { xero: paidInvoice.InvoiceID, key: 'Red Fish, Blue Fish' },
		});
		expect(invoice.lines[0]).toMatchObject({ description: 'Fish', quantity: 2, unitPrice: { amountMinor: 2000 }, lineAmount: { amountMinor: 4000 }, accountCode: '400', taxCode: 'OUTPUT2' });
		expect(invoice._meta).toMatchObject({ system: 'xero', entity: 'invoice', remoteId: paidInvoice.InvoiceID, correlationId: 'run-7' });
	});

	it('derives overdue and partially paid from AUTHORISED, overdue first', () => {
		const today = '2026-11-22';
		expect(toCanonicalInvoiceStatus(approved({ DueDate: '/Date(1795219200000+0000)/' }), today)).toBe('overdue'); // due 2026-11-21
		expect(toCanonicalInvoiceStatus(approved({ DueDate: '/Date(1795305600000+0000)/' }), today)).toBe('authorised'); // due today: not yet
		expect(toCanonicalInvoiceStatus(approved({ DueDate: '/Date(1798675200000+0000)/', AmountPaid: 10, AmountDue: 36 }), today)).toBe('partially_paid');
		expect(toCanonicalInvoiceStatus(approved({ DueDate: '/Date(1795219200000+0000)/', AmountPaid: 10, AmountDue: 36 }), today)).toBe('overdue');
		expect(toCanonicalInvoiceStatus(approved({ DueDate: '/Date(1795219200000+0000)/', AmountDue: 0 }), today)).toBe('authorised');
		expect(['DRAFT', 'SUBMITTED', 'VOIDED', 'DELETED'].map((Status) => toCanonicalInvoiceStatus({ ...paidInvoice, Status: Status as XeroInvoice['Status'] }, today))).toEqual(['draft', 'submitted', 'void', 'void']);
		expect(xeroStatusesFor(['overdue', 'partially_paid', 'void'])).toEqual(['AUTHORISED', 'VOIDED', 'DELETED']);
	});

	it('keeps currencies without minor units exact (JPY)', () => {
		const invoice = toCanonicalInvoice({ ...paidInvoice, CurrencyCode: 'JPY', Total: 12345, SubTotal: 11223, TotalTax: 1122, LineItems: [] }, context);
		expect([invoice.total?.amountMinor, invoice.subtotal?.amountMinor, invoice.tax?.amountMinor]).toEqual([12345, 11223, 1122]);
	});

	it('writes a canonical invoice as a Xero draft, amounts exclusive of tax, no line amounts of its own', () => {
		const canonical = Invoice.parse({
			clientId: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7',
			reference: 'PRJ-0042-3',
			status: 'draft',
			currency: 'GBP',
			issueDate: '2026-11-01',
			dueDate: '2026-12-01',
			lines: [{ description: 'Build', quantity: 7.5, unitPrice: { amountMinor: 15033, currency: 'GBP' }, lineAmount: { amountMinor: 112748, currency: 'GBP' }, accountCode: '200', taxCode: 'OUTPUT2' }],
		});
		expect(invoiceProblems(canonical)).toEqual([]);
		expect(fromCanonicalInvoice(canonical)).toEqual({
			Type: 'ACCREC',
			Contact: { ContactID: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7' },
			Date: '2026-11-01',
			DueDate: '2026-12-01',
			Reference: 'PRJ-0042-3',
			CurrencyCode: 'GBP',
			Status: 'DRAFT',
			LineAmountTypes: 'Exclusive',
			LineItems: [{ Description: 'Build', Quantity: 7.5, UnitAmount: 150.33, AccountCode: '200', TaxType: 'OUTPUT2' }],
		});
	});

	it('names what is wrong with an invoice before it is sent', () => {
		const base = { clientId: 'c', status: 'draft', currency: 'GBP', issueDate: '2026-11-01' };
		const line = { description: 'Build', quantity: 2, unitPrice: { amountMinor: 10000, currency: 'EUR' }, lineAmount: { amountMinor: 15000, currency: 'GBP' } };
		const problems = invoiceProblems(Invoice.parse({ ...base, lines: [line] }));
		expect(problems.map((problem) => problem.field)).toEqual(['reference', 'lines[0].unitPrice', 'lines[0].lineAmount']);
		expect(problems[2].message).toBe('is 150.00 but quantity x unit price is 200.00');
		expect(invoiceProblems(Invoice.parse({ ...base, reference: 'R', lines: [] })).map((problem) => problem.field)).toEqual(['lines']);
	});
});

describe('Xero contacts, payments, projects, notes', () => {
	// Shaped like the contact of Xero's Contacts reference example (Buzz Lightyear).
	const contact: XeroContact = {
		ContactID: '3ff6d40c-af9a-40a3-89ce-3c1556a25591',
		ContactNumber: 'CRM-0042',
		ContactStatus: 'ACTIVE',
		Name: 'Buzz Lightyear',
		EmailAddress: 'buzzlightyear@email.com',
		Website: 'https://www.starcommand.example/about',
		TaxNumber: 'GB123456789',
		DefaultCurrency: 'USD',
		Addresses: [
			{ AddressType: 'STREET', AddressLine1: '1 Infinity Way', City: 'Anaheim' },
			{ AddressType: 'POBOX', AddressLine1: '101 Green St', AddressLine2: '5th floor', City: 'San Francisco', Region: 'CA', PostalCode: '94041', Country: 'US' },
		],
		Phones: [{ PhoneType: 'MOBILE', PhoneNumber: '555-0000' }, { PhoneType: 'DEFAULT', PhoneNumber: '555-1212', PhoneAreaCode: '415', PhoneCountryCode: '1' }],
		UpdatedDateUTC: '/Date(1551399321043+0000)/',
	};

	it('maps a contact to a canonical client: postal address, default phone, firm key from ContactNumber', () => {
		const client = Client.parse(toCanonicalClient(contact, context));
		expect(client).toMatchObject({
			id: contact.ContactID,
			name: 'Buzz Lightyear',
			email: 'buzzlightyear@email.com',
			domain: 'www.starcommand.example',
			phone: '1 415 555-1212',
			taxNumber: 'GB123456789',
			currency: 'USD',
			billingAddress: { line1: '101 Green St', line2: '5th floor', city: 'San Francisco', region: 'CA', postalCode: '94041', country: 'US' },
			isActive: true,
			externalRefs: { xero: contact.ContactID, key: 'CRM-0042' },
		});
		expect(toCanonicalClient({ ...contact, ContactStatus: 'ARCHIVED' }, context).isActive).toBe(false);
	});

	it('writes only the fields a client sets', () => {
		expect(fromCanonicalClient({ name: 'Acme', domain: 'acme.example', billingAddress: { city: 'Leeds' } })).toEqual({ Name: 'Acme', Website: 'https://acme.example', Addresses: [{ AddressType: 'POBOX', City: 'Leeds' }] });
		expect(fromCanonicalClient({ isActive: false })).toEqual({ ContactStatus: 'ARCHIVED' });
	});

	// Shaped like the GET /Payments example (payment on INV-0002).
	const payment: XeroPayment = {
		PaymentID: '99ea7f6b-c513-4066-bc27-b7c65dcd76c2',
		Date: '/Date(1543449600000+0000)/',
		Amount: 46.0,
		Reference: '',
		PaymentType: 'ACCRECPAYMENT',
		Status: 'AUTHORISED',
		UpdatedDateUTC: '/Date(1541176592690+0000)/',
		Account: { AccountID: '5690f1e8-1d02-4893-90c2-ee1a69eff942', Code: '970' },
		Invoice: { InvoiceID: '046d8a6d-1ae1-4b4d-9340-5601bdf41b87', InvoiceNumber: 'INV-0002', Contact: { ContactID: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7' }, CurrencyCode: 'NZD' },
	};

	it('maps payments both ways; the account is a code or an AccountID', () => {
		const canonical = Payment.parse(toCanonicalPayment(payment, context));
		expect(canonical).toMatchObject({ id: payment.PaymentID, invoiceId: '046d8a6d-1ae1-4b4d-9340-5601bdf41b87', clientId: 'a3675fc4-f8dd-4f03-ba5b-f1870566bcd7', date: '2018-11-29', amount: { amountMinor: 4600, currency: 'NZD' } });
		expect(canonical.reference).toBeUndefined();
		const out = Payment.parse({ invoiceId: 'inv-1', date: '2026-11-22', amount: { amountMinor: 123456, currency: 'GBP' }, reference: 'BACS 991' });
		expect(fromCanonicalPayment(out, '090')).toEqual({ Invoice: { InvoiceID: 'inv-1' }, Account: { Code: '090' }, Date: '2026-11-22', Amount: 1234.56, Reference: 'BACS 991' });
		expect(fromCanonicalPayment(out, '5690F1E8-1D02-4893-90C2-EE1A69EFF942').Account).toEqual({ AccountID: '5690F1E8-1D02-4893-90C2-EE1A69EFF942' });
	});

	it('maps a Xero Projects project (camelCase API) and a history record', () => {
		const project = Project.parse(
			toCanonicalProject({ projectId: 'b021e7cb-1903-4292-b48b-5b27b4271e3e', contactId: '216830cb-9a68-487e-928b-c1a7ccc4fc81', name: 'FooProject28916', currencyCode: 'AUD', minutesLogged: 180, deadlineUtc: '2020-03-03T15:00:00Z', estimate: { currency: 'AUD', value: 99.99 }, status: 'INPROGRESS' }, context),
		);
		expect(project).toMatchObject({ name: 'FooProject28916', clientId: '216830cb-9a68-487e-928b-c1a7ccc4fc81', status: 'active', budgetAmount: { amountMinor: 9999, currency: 'AUD' }, endDate: '2020-03-03' });
		expect(toInvoiceNote('inv-1', { Changes: 'Note', DateUTC: '/Date(1550899400362)/', Details: 'Hello World', User: 'System Generated' })).toEqual({ invoiceId: 'inv-1', note: 'Hello World', createdAt: '2019-02-23T05:23:20.362Z', user: 'System Generated' });
		expect(xeroProjectsBaseUrl({ baseUrl: 'http://127.0.0.1:4010/xero/api.xro/2.0/' })).toBe('http://127.0.0.1:4010/xero/projects.xro/2.0');
	});
});

describe('Xero errors', () => {
	it('names the canonical field of Xero\'s validation messages, per entity', () => {
		expect(canonicalFieldForXeroMessage("Account code '9999' is not a valid code for this document.")).toBe('lines.accountCode');
		expect(canonicalFieldForXeroMessage('The Contact must contain at least 1 of the following elements to identify the contact: Name, ContactID, ContactNumber')).toBe('clientId');
		expect(canonicalFieldForXeroMessage('Invoice # must be unique.')).toBe('number');
		expect(canonicalFieldForXeroMessage('The contact name Acme is already assigned to another contact.', 'client')).toBe('name');
		expect(canonicalFieldForXeroMessage('Payment amount exceeds the amount outstanding on this document', 'payment')).toBe('amount');
		expect(canonicalFieldForXeroMessage('The document with the supplied id was not found for this endpoint.', 'payment')).toBe('invoiceId');
	});

	it('reads a ValidationException body (the documented shape) and the OAuth 2.0 problem bodies', () => {
		const validation = xeroTransport.parseError({
			statusCode: 400,
			headers: {},
			body: { ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred', Elements: [{ ValidationErrors: [{ Message: "Account code '9999' is not a valid code for this document." }] }, { ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }] },
		});
		expect(validation).toEqual({ message: "Account code '9999' is not a valid code for this document.; Invoice # must be unique.", code: 'ValidationException', field: 'lines.accountCode', description: 'A validation exception occurred' });
		const unauthorized = xeroTransport.parseError({ statusCode: 401, headers: {}, body: { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at 04/09/2023 05:16:59', Instance: '6489df60-8891-470e-9268-a9a43f5da71e', Extensions: {} } });
		expect(unauthorized).toEqual({ message: 'Unauthorized: TokenExpired: token expired at 04/09/2023 05:16:59', code: 'Unauthorized', requestId: '6489df60-8891-470e-9268-a9a43f5da71e' });
		const forbidden = xeroTransport.parseError({ statusCode: 403, headers: {}, body: { Type: null, Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful', Instance: 'x' } });
		expect(forbidden.message).toMatch(/^Forbidden: AuthenticationUnsuccessful \(check the Tenant ID/);
	});

	it('sends the tenant header only when the credential names a tenant', () => {
		expect(xeroTransport.defaultHeaders!({ tenantId: ' 5c1b6f3e-8e0a-4a39-9d1c-2f7c0d6a4b11 ' })).toEqual({ 'xero-tenant-id': '5c1b6f3e-8e0a-4a39-9d1c-2f7c0d6a4b11' });
		expect(xeroTransport.defaultHeaders!({ tenantId: '' })).toEqual({});
		expect(xeroTransport.baseUrl({})).toBe('https://api.xero.com/api.xro/2.0');
	});
});
