import { json } from '../../core/http';
import type { XeroFake } from './index';
import { elementsOf, parseDate, registerInvoiceRoutes, writeAnswer } from './invoices.routes';
import { listAnswer } from './listing';
import { toCents, XERO_ORGANISATION, XERO_TENANT_ID, type StoredContact, type StoredPayment } from './store';

const API = '/api.xro/2.0';
const PROJECTS = '/projects.xro/2.0';
const CONTACT_FIELDS = ['ContactID', 'ContactNumber', 'AccountNumber', 'ContactStatus', 'Name', 'EmailAddress', 'IsCustomer', 'DefaultCurrency', 'TaxNumber', 'UpdatedDateUTC'];
const PAYMENT_FIELDS = ['PaymentID', 'PaymentType', 'Status', 'Date', 'Amount', 'Reference', 'Invoice', 'Account', 'UpdatedDateUTC', 'IsReconciled'];
// Xero's message when a document id matches nothing (Accounting API history and notes example).
const DOCUMENT_NOT_FOUND = 'The document with the supplied id was not found for this endpoint.';

type Body = Record<string, unknown>;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function nameTaken(contacts: Iterable<StoredContact>, name: string, selfId?: string): boolean {
	for (const contact of contacts) {
		if (contact.ContactStatus === 'ACTIVE' && contact.ContactID !== selfId && contact.Name.toLowerCase() === name.toLowerCase()) return true;
	}
	return false;
}

function registerContactRoutes(fake: XeroFake): void {
	const { router, store } = fake;
	router.on('GET', `${API}/Contacts`, (request) => {
		const archived = request.query.get('includeArchived') === 'true';
		const records = [...store.contacts.values()].filter((contact) => archived || contact.ContactStatus !== 'ARCHIVED');
		return listAnswer(request, { key: 'Contacts', typeName: 'Contact', fields: CONTACT_FIELDS, records, render: (contact) => store.renderContact(contact), updatedAt: (contact) => contact.updatedAt }, (body) => fake.envelope(body));
	});

	router.on('GET', `${API}/Contacts/:id`, (request, params) => {
		const contact = store.findContact(params.id);
		return contact ? fake.envelope({ Contacts: [store.renderContact(contact)] }) : fake.missing();
	});

	/** PUT creates only; POST updates the contact named by ContactID, ContactNumber or Name, or creates one. */
	const writeContacts = (update: boolean) =>
		fake.idempotent((request) => {
			const pending: Array<() => void> = [];
			const results = elementsOf(request.body, 'Contacts').map((raw) => {
				const errors: string[] = [];
				const byId = str(raw.ContactID) ? store.contacts.get(String(raw.ContactID).toLowerCase()) : undefined;
				if (str(raw.ContactID) && !byId) errors.push(`The contact with the supplied ContactID '${String(raw.ContactID)}' was not found.`);
				const byNumber = !str(raw.ContactID) && str(raw.ContactNumber) ? [...store.contacts.values()].find((contact) => contact.ContactNumber === raw.ContactNumber) : undefined;
				const byName = !str(raw.ContactID) && !byNumber && str(raw.Name) ? [...store.contacts.values()].find((contact) => contact.ContactStatus === 'ACTIVE' && contact.Name.toLowerCase() === String(raw.Name).toLowerCase()) : undefined;
				const existing = update ? (byId ?? byNumber ?? byName) : undefined;
				if (!update && byNumber) errors.push(`The contact number ${String(raw.ContactNumber)} is already assigned to another contact.`);
				const name = str(raw.Name) ?? existing?.Name;
				if (!name) errors.push('The contact name must be specified.');
				else if (nameTaken(store.contacts.values(), name, existing?.ContactID)) errors.push(`The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`);
				if (str(raw.EmailAddress) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(raw.EmailAddress))) errors.push('Email address must be valid.');
				if (errors.length > 0) return { ok: false, raw, element: { ...raw, HasValidationErrors: true, ValidationErrors: errors.map((Message) => ({ Message })) } };
				const target: StoredContact = existing ?? { ContactID: store.newId('contact'), ContactStatus: 'ACTIVE', Name: name!, Addresses: [], Phones: [], IsCustomer: false, updatedAt: Date.now() };
				pending.push(() => {
					for (const field of ['ContactNumber', 'AccountNumber', 'Name', 'EmailAddress', 'TaxNumber', 'DefaultCurrency', 'Website'] as const) if (str(raw[field])) target[field] = String(raw[field]);
					if (raw.ContactStatus === 'ARCHIVED' || raw.ContactStatus === 'ACTIVE') target.ContactStatus = raw.ContactStatus;
					if (Array.isArray(raw.Addresses)) target.Addresses = raw.Addresses as StoredContact['Addresses'];
					if (Array.isArray(raw.Phones)) target.Phones = raw.Phones as StoredContact['Phones'];
					target.updatedAt = Date.now();
					store.contacts.set(target.ContactID, target);
				});
				return { ok: true, raw, element: target as unknown as Body };
			});
			return writeAnswer(fake, request, 'Contacts', results, () => {
				for (const apply of pending) apply();
				for (const result of results) if (result.ok) result.element = store.renderContact(result.element as unknown as StoredContact);
			});
		});
	router.on('PUT', `${API}/Contacts`, writeContacts(false));
	router.on('POST', `${API}/Contacts`, writeContacts(true));
}

function registerPaymentRoutes(fake: XeroFake): void {
	const { router, store } = fake;
	router.on('GET', `${API}/Payments`, (request) =>
		listAnswer(request, { key: 'Payments', typeName: 'Payment', fields: PAYMENT_FIELDS, records: [...store.payments.values()], render: (payment) => store.renderPayment(payment), updatedAt: (payment) => payment.updatedAt }, (body) => fake.envelope(body)),
	);

	router.on('GET', `${API}/Payments/:id`, (request, params) => {
		const payment = store.payments.get(params.id.toLowerCase());
		return payment ? fake.envelope({ Payments: [store.renderPayment(payment)] }) : fake.missing();
	});

	router.on('PUT', `${API}/Payments`, fake.idempotent((request) => {
		const created: StoredPayment[] = [];
		const results = elementsOf(request.body, 'Payments').map((raw) => {
			const errors: string[] = [];
			const invoiceRef = (raw.Invoice ?? {}) as Body;
			const invoice = str(invoiceRef.InvoiceID) ? store.invoices.get(String(invoiceRef.InvoiceID).toLowerCase()) : str(invoiceRef.InvoiceNumber) ? store.findInvoice(String(invoiceRef.InvoiceNumber)) : undefined;
			if (!invoice) errors.push(DOCUMENT_NOT_FOUND);
			else if (invoice.Status !== 'AUTHORISED') errors.push('Payments can only be made against Authorised documents');
			const accountRef = (raw.Account ?? {}) as Body;
			const account = store.accounts.find((candidate) => (str(accountRef.AccountID) ? candidate.AccountID === String(accountRef.AccountID).toLowerCase() : candidate.Code === accountRef.Code));
			if (!account) errors.push('Account code must be specified and valid.');
			else if (account.Type !== 'BANK' && !account.EnablePaymentsToAccount) errors.push(`Account type is invalid for making a payment to/from: ${account.Code}`);
			const date = parseDate(raw.Date);
			if (date === undefined) errors.push('Payment date must be specified.');
			const cents = typeof raw.Amount === 'number' ? toCents(raw.Amount) : Number.NaN;
			if (!(cents > 0)) errors.push('Payment amount must be greater than zero.');
			else if (invoice && invoice.Status === 'AUTHORISED' && cents > store.totals(invoice).due) errors.push('Payment amount exceeds the amount outstanding on this document');
			if (errors.length > 0) return { ok: false, raw, element: { ...raw, ValidationErrors: errors.map((Message) => ({ Message })) } };
			const payment: StoredPayment = { PaymentID: store.newId('payment'), InvoiceID: invoice!.InvoiceID, AccountID: account!.AccountID, date: date!, cents, Reference: str(raw.Reference), Status: 'AUTHORISED', updatedAt: Date.now() };
			created.push(payment);
			return { ok: true, raw, element: payment as unknown as Body };
		});
		return writeAnswer(fake, request, 'Payments', results, () => {
			for (const payment of created) {
				store.payments.set(payment.PaymentID, payment);
				const invoice = store.invoices.get(payment.InvoiceID)!;
				store.settle(invoice, payment.updatedAt);
				store.history.get(invoice.InvoiceID)?.push({ DateUTC: payment.updatedAt, User: 'Project-to-Cash Sandbox', Changes: 'Payment Received', Details: `Payment received for ${(payment.cents / 100).toFixed(2)}` });
			}
			for (const result of results) if (result.ok) result.element = store.renderPayment(result.element as unknown as StoredPayment);
		});
	}));
}

function registerSettingsRoutes(fake: XeroFake): void {
	const { router, store } = fake;
	router.on('GET', `${API}/Organisation`, () => fake.envelope({ Organisations: [{ OrganisationID: XERO_TENANT_ID, ...XERO_ORGANISATION, IsDemoCompany: false, OrganisationStatus: 'ACTIVE' }] }));
	router.on('GET', `${API}/Accounts`, (request) =>
		listAnswer(request, { key: 'Accounts', typeName: 'Account', fields: ['AccountID', 'Code', 'Name', 'Type', 'Class', 'Status', 'EnablePaymentsToAccount'], records: store.accounts, render: (account) => ({ ...account }) }, (body) => fake.envelope(body)),
	);
	router.on('GET', `${API}/TaxRates`, (request) =>
		listAnswer(request, { key: 'TaxRates', typeName: 'TaxRate', fields: ['Name', 'TaxType', 'Status', 'EffectiveRate', 'CanApplyToRevenue'], records: store.taxRates, render: (rate) => ({ ...rate, DisplayTaxRate: rate.EffectiveRate }) }, (body) => fake.envelope(body)),
	);
	router.on('GET', `${API}/Items`, (request) =>
		listAnswer(request, { key: 'Items', typeName: 'Item', fields: ['ItemID', 'Code', 'Name', 'IsSold'], records: store.items, render: (item) => ({ ...item }) }, (body) => fake.envelope(body)),
	);
}

/** Xero Projects API: camelCase, always paged, 50 a page by default and at most 500. */
function registerProjectRoutes(fake: XeroFake): void {
	const { router, store } = fake;
	router.on('GET', `${PROJECTS}/Projects`, (request) => {
		const contact = request.query.get('contactID')?.toLowerCase();
		const states = (request.query.get('states') ?? '').split(',').filter(Boolean);
		const records = [...store.projects.values()].filter((project) => (!contact || project.contactId === contact) && (states.length === 0 || states.includes(project.status)));
		return listAnswer(request, { key: 'items', typeName: 'Project', fields: [], records, render: (project) => store.renderProject(project), paging: { defaultSize: 50, maxSize: 500, always: true } }, (body) => json(200, body));
	});
	router.on('GET', `${PROJECTS}/Projects/:projectId`, (request, params) => {
		const project = store.projects.get(params.projectId.toLowerCase());
		return project ? json(200, store.renderProject(project)) : fake.missing();
	});
}

export function registerAccountingRoutes(fake: XeroFake): void {
	registerContactRoutes(fake);
	registerInvoiceRoutes(fake);
	registerPaymentRoutes(fake);
	registerSettingsRoutes(fake);
	registerProjectRoutes(fake);
}
