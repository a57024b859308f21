import { Client, Invoice, mapContext, Payment } from '../../../nodes/shared/canonical';
import { clause, dateTimeValue, literal, statement } from '../../../nodes/vendors/quickBooksOnline/query';
import { invoiceWhere } from '../../../nodes/vendors/quickBooksOnline/invoices';
import {
	fromCanonicalClient,
	fromCanonicalInvoice,
	fromCanonicalPayment,
	keyInNotes,
	notesWithKey,
	referenceInMemo,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalPayment,
	toCanonicalStatus,
	type QboMapContext,
} from '../../../nodes/vendors/quickBooksOnline/records';
import { companyBaseUrl, parseQboFault, quickBooksOnlineTransport } from '../../../nodes/vendors/quickBooksOnline/transport';
import { customer, invoice, payment, voidedInvoice } from './fixtures/examples';

const context: QboMapContext = { ...mapContext({ fetchedAt: '2015-08-01T08:00:00.000Z', includeRaw: false, defaultCurrency: 'GBP' }), homeCurrency: 'USD', today: '2015-08-01' };

describe('QuickBooks Online customers', () => {
	it('maps the reference sample to a canonical client, the key read from its Notes', () => {
		const client = Client.parse(toCanonicalClient(customer, context));
		expect(client).toMatchObject({
			id: '2',
			name: "Bill's Windsurf Shop",
			email: 'Surf@Intuit.com',
			phone: '(415) 444-6538',
			domain: 'www.billswindsurfshop.example',
			currency: 'USD',
			isActive: true,
			billingAddress: { line1: '12 Ocean Dr.', city: 'Half Moon Bay', region: 'CA', postalCode: '94213' },
			externalRefs: { quickBooksOnline: '2', key: 'CRM-BILLS-1' },
			_meta: { system: 'quickBooksOnline', entity: 'client', remoteId: '2', remoteUpdatedAt: '2014-09-18T19:56:01.000Z' },
		});
		expect(client.updatedAt).toBe('2014-09-18T19:56:01.000Z');
	});

	it('keeps the firm\'s own notes when the key line is set or replaced', () => {
		expect(notesWithKey(undefined, 'K-1')).toBe('Project-to-Cash key: K-1');
		expect(notesWithKey('Pays by check', 'K-1')).toBe('Project-to-Cash key: K-1\nPays by check');
		expect(notesWithKey(customer.Notes, 'K-2')).toBe('Project-to-Cash key: K-2\nPays by check, ask for Bill.');
		expect(keyInNotes('Pays by check')).toBeUndefined();
	});

	it('writes the currency only on create (QuickBooks refuses to change it) and the tax id write-only', () => {
		const client: Partial<Client> = { name: 'Acme Advisory', email: 'ap@acme.example', domain: 'acme.example', currency: 'EUR', taxNumber: 'GB123456789', billingAddress: { city: 'Leeds', country: 'GB' } };
		expect(fromCanonicalClient(client, { create: true })).toEqual({
			DisplayName: 'Acme Advisory',
			CompanyName: 'Acme Advisory',
			PrimaryEmailAddr: { Address: 'ap@acme.example' },
			WebAddr: { URI: 'https://acme.example' },
			PrimaryTaxIdentifier: 'GB123456789',
			CurrencyRef: { value: 'EUR' },
			BillAddr: { City: 'Leeds', Country: 'GB' },
		});
		expect(fromCanonicalClient(client, { create: false }).CurrencyRef).toBeUndefined();
	});
});

describe('QuickBooks Online invoices', () => {
	it('maps the reference sample: lines, exact totals, the memo as reference, no draft status', () => {
		const canonical = Invoice.parse(toCanonicalInvoice(invoice, context));
		expect(canonical).toMatchObject({ id: '239', number: '1070', reference: 'PRJ-0042-2015-07', clientId: '1', currency: 'USD', issueDate: '2015-07-24', dueDate: '2015-08-23', status: 'authorised' });
		expect(canonical.lines).toEqual([{ description: 'Weekly gardening service', quantity: 2, unitPrice: { amountMinor: 7500, currency: 'USD' }, lineAmount: { amountMinor: 15000, currency: 'USD' }, itemCode: '1', taxCode: 'NON', sourceIds: [] }]);
		expect([canonical.subtotal, canonical.tax, canonical.total, canonical.amountPaid, canonical.balance].map((amount) => amount?.amountMinor)).toEqual([15000, 0, 15000, 0, 15000]);
	});

	it('derives the status from the amounts: QuickBooks keeps none', () => {
		const base = { TotalAmt: 150, Balance: 150, DueDate: '2015-08-23', PrivateNote: 'R' };
		expect(toCanonicalStatus(base, '2015-08-01')).toBe('authorised');
		expect(toCanonicalStatus({ ...base, Balance: 50 }, '2015-08-01')).toBe('partially_paid');
		expect(toCanonicalStatus({ ...base, Balance: 50 }, '2015-09-01')).toBe('overdue');
		expect(toCanonicalStatus({ ...base, Balance: 0 }, '2015-09-01')).toBe('paid');
		expect(toCanonicalStatus({ ...base, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - R' }, '2015-09-01')).toBe('void');
		// "Voided" typed by a person on an invoice with money on it is no void.
		expect(toCanonicalStatus({ ...base, PrivateNote: 'Voided by mistake?' }, '2015-08-01')).toBe('authorised');
	});

	it('reads a voided invoice as void, zero, its reference kept past the "Voided" QuickBooks prepends', () => {
		const canonical = toCanonicalInvoice(voidedInvoice, context);
		expect({ status: canonical.status, reference: canonical.reference, total: canonical.total?.amountMinor, balance: canonical.balance?.amountMinor }).toEqual({ status: 'void', reference: 'PRJ-0042-2015-07', total: 0, balance: 0 });
		expect(referenceInMemo('Voided')).toBeUndefined();
		expect(referenceInMemo('REF-1\nsecond line by a person')).toBe('REF-1');
	});

	it('writes a sales item line per canonical line, decimals exact, and the reference as the memo', () => {
		const draft = Invoice.parse({ clientId: '1', reference: 'PRJ-0042-2026-11', status: 'draft', currency: 'USD', issueDate: '2026-11-01', dueDate: '2026-12-01', lines: [{ description: 'Discovery workshop', quantity: 7.5, unitPrice: { amountMinor: 15033, currency: 'USD' }, lineAmount: { amountMinor: 112748, currency: 'USD' }, taxCode: 'TAX' }] });
		const body = fromCanonicalInvoice(draft, () => ({ value: '2', name: 'Consulting' }));
		expect(body).toEqual({
			CustomerRef: { value: '1' },
			TxnDate: '2026-11-01',
			DueDate: '2026-12-01',
			CurrencyRef: { value: 'USD' },
			PrivateNote: 'PRJ-0042-2026-11',
			Line: [{ LineNum: 1, Description: 'Discovery workshop', Amount: 1127.48, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '2', name: 'Consulting' }, Qty: 7.5, UnitPrice: 150.33, TaxCodeRef: { value: 'TAX' } } }],
		});
	});

	it('narrows a list server-side only where the query language can (no OR: statuses by balance)', () => {
		expect(invoiceWhere({ overdueOnly: true, clientId: '58' }, undefined, '2026-11-01').map((entry) => entry.property)).toEqual(['Balance', 'DueDate', 'CustomerRef']);
		expect(invoiceWhere({ statuses: ['authorised', 'overdue'] }, undefined, '2026-11-01')).toEqual([clause('Balance', '>', 0)]);
		expect(invoiceWhere({ statuses: ['paid', 'overdue'] }, undefined, '2026-11-01')).toEqual([]);
	});
});

describe('QuickBooks Online payments', () => {
	it('maps the reference sample to the payment against its invoice, the applied amount only', () => {
		const canonical = Payment.parse(toCanonicalPayment(payment, context));
		expect(canonical).toMatchObject({ id: '163', invoiceId: '71', clientId: '20', date: '2014-12-30', amount: { amountMinor: 5500, currency: 'USD' }, reference: 'Remittance 1037' });
		expect(toCanonicalPayment({ ...payment, Line: [] }, context)).toBeUndefined();
	});

	it('writes the whole reference in the memo and 21 characters of it as PaymentRefNum', () => {
		const body = fromCanonicalPayment(Payment.parse({ invoiceId: '71', date: '2026-11-03', amount: { amountMinor: 2500, currency: 'GBP' } }), { customerId: '20', reference: 'CONF-POLL-mjd8q2xk1a9z', depositAccount: '35' });
		expect(body).toEqual({ CustomerRef: { value: '20' }, TxnDate: '2026-11-03', CurrencyRef: { value: 'GBP' }, TotalAmt: 25, PaymentRefNum: 'CONF-POLL-mjd8q2xk1a9', PrivateNote: 'CONF-POLL-mjd8q2xk1a9z', DepositToAccountRef: { value: '35' }, Line: [{ Amount: 25, LinkedTxn: [{ TxnId: '71', TxnType: 'Invoice' }] }] });
	});
});

describe('QuickBooks Online query statements', () => {
	it('quotes values so that none can break out of its literal', () => {
		expect(literal("King's Groceries")).toBe("'King\\'s Groceries'");
		expect(literal("a\\' OR 1=1")).toBe("'a\\\\\\' OR 1=1'");
		expect(literal(0)).toBe("'0'");
		expect(literal(true)).toBe('true');
		expect(() => statement({ entity: 'Invoice; DROP', where: [] })).toThrow('not an entity name');
		expect(() => statement({ entity: 'Invoice', where: [clause('Balance > 0 OR Id', '=', 1)] })).toThrow('not a property name');
	});

	it('pages with STARTPOSITION and at most 1000 results', () => {
		expect(statement({ entity: 'Customer', where: [clause('Active', 'IN', [true, false]), undefined], orderBy: 'Id', startPosition: 1001, maxResults: 5000 })).toBe('SELECT * FROM Customer WHERE Active IN (true, false) ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000');
		expect(dateTimeValue('2026-11-01T08:30:15.250Z')).toBe('2026-11-01T08:30:15+00:00');
	});
});

describe('QuickBooks Online transport', () => {
	it('reads the company base URL from the credential', () => {
		expect(companyBaseUrl({ baseUrl: 'https://sandbox-quickbooks.api.intuit.com/', realmId: '9130357865492071' })).toBe('https://sandbox-quickbooks.api.intuit.com/v3/company/9130357865492071');
		expect(() => companyBaseUrl({ realmId: '' })).toThrow('Realm ID');
	});

	it('reads Fault.Error[] bodies (error codes page) and the lower-case 401 envelope', () => {
		const stale = parseQboFault(400, { Fault: { Error: [{ Message: 'Stale Object Error', Detail: 'Stale Object Error : You and Jane were working on this at the same time.', code: '5010', element: '' }], type: 'ValidationFault' }, time: '2015-07-24T10:35:08.000-07:00' });
		expect(stale).toMatchObject({ message: 'Stale Object Error: Stale Object Error : You and Jane were working on this at the same time.', code: '5010' });
		expect(stale.description).toContain('SyncToken');
		const required = parseQboFault(400, { Fault: { Error: [{ Message: 'Required param missing, need to supply the required value for the API', Detail: 'Required parameter Line.Amount is missing in the request', code: '2020', element: 'Line.Amount' }], type: 'ValidationFault' } });
		expect(required).toMatchObject({ code: '2020', field: 'Line.Amount' });
		const unauthorized = quickBooksOnlineTransport.parseError({ statusCode: 401, headers: {}, body: { fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired', code: '3200' }], type: 'AUTHENTICATION' } } });
		expect(unauthorized).toMatchObject({ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401: Token expired', code: '3200' });
	});
});
