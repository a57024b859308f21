import { requestId } from '../../core/ids';
import { generateBilling, type SeedInvoice } from '../../seed/billing';
import type { FirmData } from '../../seed/firm';
import { DAY_MS } from '../../core/time';

/**
 * One Xero organisation's data, held as Xero's Accounting API records (developer.xero.com/
 * documentation/api/accounting): amounts in cents and dates in epoch milliseconds inside, rendered
 * in Xero's JSON (decimal numbers, `/Date(ms+0000)/`) by `render*`.
 */
export const XERO_TENANT_ID = '5c1b6f3e-8e0a-4a39-9d1c-2f7c0d6a4b11';
export const XERO_ORGANISATION = { Name: 'Meridian Advisory Ltd', BaseCurrency: 'GBP', CountryCode: 'GB' };

export interface StoredContact {
	ContactID: string;
	ContactNumber?: string;
	AccountNumber?: string;
	ContactStatus: 'ACTIVE' | 'ARCHIVED';
	Name: string;
	EmailAddress?: string;
	TaxNumber?: string;
	DefaultCurrency?: string;
	Website?: string;
	Addresses: Array<Record<string, string | undefined>>;
	Phones: Array<Record<string, string | undefined>>;
	IsCustomer: boolean;
	updatedAt: number;
}

export interface StoredLine {
	LineItemID: string;
	Description: string;
	/** Quantity in ten-thousandths (Xero keeps four decimals). */
	quantity4: number;
	unitCents: number;
	AccountCode?: string;
	ItemCode?: string;
	TaxType: string;
}

export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface StoredInvoice {
	InvoiceID: string;
	InvoiceNumber: string;
	Type: 'ACCREC';
	Reference?: string;
	ContactID: string;
	date: number;
	dueDate?: number;
	Status: InvoiceStatus;
	CurrencyCode: string;
	LineItems: StoredLine[];
	updatedAt: number;
}

export interface StoredPayment {
	PaymentID: string;
	InvoiceID: string;
	AccountID: string;
	date: number;
	cents: number;
	Reference?: string;
	Status: 'AUTHORISED' | 'DELETED';
	updatedAt: number;
}

export interface StoredHistory {
	DateUTC: number;
	User: string;
	Changes: string;
	Details: string;
}

export interface StoredAccount {
	AccountID: string;
	Code: string;
	Name: string;
	Type: string;
	Class: string;
	Status: 'ACTIVE' | 'ARCHIVED';
	EnablePaymentsToAccount: boolean;
}

export interface StoredTaxRate {
	Name: string;
	TaxType: string;
	EffectiveRate: number;
	Status: 'ACTIVE';
	CanApplyToRevenue: boolean;
}

export interface StoredProject {
	projectId: string;
	contactId: string;
	name: string;
	currencyCode: string;
	estimateCents: number;
	deadline: number;
	status: 'INPROGRESS' | 'CLOSED';
}

const TAX_TYPE_BY_RATE: Record<string, string> = { '20': 'OUTPUT2', '21': 'TAX001', '0': 'NONE' };

export const xeroDate = (ms: number): string => `/Date(${ms}+0000)/`;
const dateString = (ms: number): string => new Date(ms).toISOString().slice(0, 19);
export const decimal = (cents: number): number => Number((cents / 100).toFixed(2));
/** Parses a JSON amount to cents, half away from zero, without binary floating-point drift. */
export const toCents = (value: number): number => Math.sign(value) * Math.round(Math.abs(Number((value * 100).toPrecision(15))));
export const midnight = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

export class XeroStore {
	contacts = new Map<string, StoredContact>();
	invoices = new Map<string, StoredInvoice>();
	payments = new Map<string, StoredPayment>();
	history = new Map<string, StoredHistory[]>();
	accounts: StoredAccount[] = [];
	taxRates: StoredTaxRate[] = [];
	items: Array<{ ItemID: string; Code: string; Name: string; IsSold: boolean }> = [];
	projects = new Map<string, StoredProject>();
	private counter = 0;
	private invoiceSequence = 0;

	newId(kind: string): string {
		this.counter += 1;
		return requestId(this.counter, `xero-${kind}`);
	}

	nextInvoiceNumber(): string {
		this.invoiceSequence += 1;
		return `INV-${String(this.invoiceSequence).padStart(4, '0')}`;
	}

	seed(firm: FirmData): void {
		this.contacts.clear();
		this.invoices.clear();
		this.payments.clear();
		this.history.clear();
		this.projects.clear();
		this.counter = 0;
		this.accounts = [
			{ Code: '090', Name: 'Business Bank Account', Type: 'BANK', Class: 'ASSET', EnablePaymentsToAccount: false },
			{ Code: '091', Name: 'Business Savings Account', Type: 'BANK', Class: 'ASSET', EnablePaymentsToAccount: false },
			{ Code: '200', Name: 'Sales - Consulting', Type: 'REVENUE', Class: 'REVENUE', EnablePaymentsToAccount: false },
			{ Code: '260', Name: 'Other Revenue', Type: 'OTHERINCOME', Class: 'REVENUE', EnablePaymentsToAccount: false },
			{ Code: '400', Name: 'Advertising', Type: 'EXPENSE', Class: 'EXPENSE', EnablePaymentsToAccount: false },
			{ Code: '610', Name: 'Accounts Receivable', Type: 'CURRENT', Class: 'ASSET', EnablePaymentsToAccount: false },
			{ Code: '880', Name: 'Owner Drawings', Type: 'EQUITY', Class: 'EQUITY', EnablePaymentsToAccount: true },
		].map((account) => ({ ...account, AccountID: this.newId('account'), Status: 'ACTIVE' as const }));
		this.taxRates = [
			{ Name: '20% (VAT on Income)', TaxType: 'OUTPUT2', EffectiveRate: 20, Status: 'ACTIVE', CanApplyToRevenue: true },
			{ Name: '21% EU VAT', TaxType: 'TAX001', EffectiveRate: 21, Status: 'ACTIVE', CanApplyToRevenue: true },
			{ Name: 'No VAT', TaxType: 'NONE', EffectiveRate: 0, Status: 'ACTIVE', CanApplyToRevenue: true },
			{ Name: '20% (VAT on Expenses)', TaxType: 'INPUT2', EffectiveRate: 20, Status: 'ACTIVE', CanApplyToRevenue: false },
		];
		this.items = [
			{ Code: 'CONSULT-DAY', Name: 'Consulting day', IsSold: true },
			{ Code: 'WORKSHOP', Name: 'Workshop facilitation', IsSold: true },
			{ Code: 'LICENCE', Name: 'Software licence (resold)', IsSold: false },
		].map((item) => ({ ...item, ItemID: this.newId('item') }));

		const contactByClient = new Map<string, string>();
		for (const client of firm.clients) {
			const contact: StoredContact = {
				ContactID: this.newId('contact'),
				ContactNumber: client.key,
				ContactStatus: 'ACTIVE',
				Name: client.name,
				EmailAddress: `accounts@${client.domain}`,
				DefaultCurrency: client.currency,
				Website: `https://${client.domain}`,
				Addresses: [{ AddressType: 'POBOX', City: client.city, Country: client.country }],
				Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: client.phone }],
				IsCustomer: true,
				updatedAt: Date.parse(client.updatedAt),
			};
			this.contacts.set(contact.ContactID, contact);
			contactByClient.set(client.key, contact.ContactID);
		}
		for (const project of firm.projects) {
			const stored: StoredProject = {
				projectId: this.newId('project'),
				contactId: contactByClient.get(project.clientKey)!,
				name: project.name,
				currencyCode: project.currency,
				estimateCents: Math.round(Number(project.budgetAmount) * 100),
				deadline: midnight(project.endDate),
				status: project.active ? 'INPROGRESS' : 'CLOSED',
			};
			this.projects.set(stored.projectId, stored);
		}

		const billing = generateBilling(firm);
		const invoiceByKey = new Map<string, StoredInvoice>();
		for (const seed of billing.invoices) {
			const invoice = this.seedInvoice(seed, contactByClient.get(seed.clientKey)!);
			this.invoices.set(invoice.InvoiceID, invoice);
			invoiceByKey.set(seed.key, invoice);
			this.history.set(invoice.InvoiceID, [{ DateUTC: invoice.date, User: 'System Generated', Changes: 'Created', Details: `INV created for ${decimal(this.totals(invoice).total)}` }]);
		}
		this.invoiceSequence = billing.invoices.length;
		const bank = this.accounts.find((account) => account.Code === '090')!;
		for (const seed of billing.payments) {
			const invoice = invoiceByKey.get(seed.invoiceKey)!;
			const payment: StoredPayment = { PaymentID: this.newId('payment'), InvoiceID: invoice.InvoiceID, AccountID: bank.AccountID, date: midnight(seed.date), cents: Math.round(Number(seed.amount) * 100), Reference: seed.reference, Status: 'AUTHORISED', updatedAt: midnight(seed.date) + 9 * 3_600_000 };
			this.payments.set(payment.PaymentID, payment);
			this.settle(invoice, payment.updatedAt);
		}
	}

	private seedInvoice(seed: SeedInvoice, contactId: string): StoredInvoice {
		return {
			InvoiceID: this.newId('invoice'),
			InvoiceNumber: seed.number,
			Type: 'ACCREC',
			Reference: seed.reference,
			ContactID: contactId,
			date: midnight(seed.issueDate),
			dueDate: midnight(seed.dueDate),
			Status: seed.state === 'draft' ? 'DRAFT' : seed.state === 'void' ? 'VOIDED' : 'AUTHORISED',
			CurrencyCode: seed.currency,
			LineItems: seed.lines.map((line) => ({
				LineItemID: this.newId('line'),
				Description: line.description,
				quantity4: Math.round(line.quantity * 10_000),
				unitCents: Math.round(Number(line.unitPrice) * 100),
				AccountCode: '200',
				TaxType: TAX_TYPE_BY_RATE[seed.taxRatePercent] ?? 'NONE',
			})),
			updatedAt: Date.parse(seed.updatedAt),
		};
	}

	taxRate(taxType: string): number | undefined {
		return this.taxRates.find((rate) => rate.TaxType === taxType)?.EffectiveRate;
	}

	/** Line amount: quantity x unit amount, rounded half up to the cent. */
	lineCents(line: StoredLine): number {
		return Math.round((line.quantity4 * line.unitCents) / 10_000);
	}

	/** Totals exact to the cent: tax per line, rounded half up (amounts exclusive of tax). */
	totals(invoice: StoredInvoice): { subtotal: number; tax: number; total: number; paid: number; due: number } {
		let subtotal = 0;
		let tax = 0;
		for (const line of invoice.LineItems) {
			const cents = this.lineCents(line);
			subtotal += cents;
			tax += Math.round((cents * (this.taxRate(line.TaxType) ?? 0)) / 100);
		}
		const paid = [...this.payments.values()].filter((payment) => payment.InvoiceID === invoice.InvoiceID && payment.Status === 'AUTHORISED').reduce((sum, payment) => sum + payment.cents, 0);
		return { subtotal, tax, total: subtotal + tax, paid, due: subtotal + tax - paid };
	}

	/** Xero marks an approved invoice PAID when payments cover it. */
	settle(invoice: StoredInvoice, at: number): void {
		if (invoice.Status === 'AUTHORISED' && this.totals(invoice).due <= 0) invoice.Status = 'PAID';
		invoice.updatedAt = Math.max(invoice.updatedAt, at);
	}

	findContact(idOrNumber: string): StoredContact | undefined {
		return this.contacts.get(idOrNumber.toLowerCase()) ?? [...this.contacts.values()].find((contact) => contact.ContactNumber === idOrNumber);
	}

	findInvoice(idOrNumber: string): StoredInvoice | undefined {
		return this.invoices.get(idOrNumber.toLowerCase()) ?? [...this.invoices.values()].find((invoice) => invoice.InvoiceNumber === idOrNumber);
	}

	renderContact(contact: StoredContact): Record<string, unknown> {
		const { updatedAt, ...fields } = contact;
		return { ...fields, UpdatedDateUTC: xeroDate(updatedAt), HasValidationErrors: false };
	}

	renderInvoice(invoice: StoredInvoice): Record<string, unknown> {
		const totals = this.totals(invoice);
		const contact = this.contacts.get(invoice.ContactID);
		return {
			Type: invoice.Type,
			InvoiceID: invoice.InvoiceID,
			InvoiceNumber: invoice.InvoiceNumber,
			Reference: invoice.Reference ?? '',
			Payments: [...this.payments.values()].filter((payment) => payment.InvoiceID === invoice.InvoiceID && payment.Status === 'AUTHORISED').map((payment) => ({ PaymentID: payment.PaymentID, Date: xeroDate(payment.date), Amount: decimal(payment.cents) })),
			AmountDue: decimal(totals.due),
			AmountPaid: decimal(totals.paid),
			AmountCredited: 0,
			HasErrors: false,
			Contact: { ContactID: invoice.ContactID, Name: contact?.Name },
			DateString: dateString(invoice.date),
			Date: xeroDate(invoice.date),
			...(invoice.dueDate !== undefined ? { DueDateString: dateString(invoice.dueDate), DueDate: xeroDate(invoice.dueDate) } : {}),
			Status: invoice.Status,
			LineAmountTypes: 'Exclusive',
			LineItems: invoice.LineItems.map((line) => ({
				LineItemID: line.LineItemID,
				Description: line.Description,
				Quantity: line.quantity4 / 10_000,
				UnitAmount: decimal(line.unitCents),
				LineAmount: decimal(this.lineCents(line)),
				TaxType: line.TaxType,
				TaxAmount: decimal(Math.round((this.lineCents(line) * (this.taxRate(line.TaxType) ?? 0)) / 100)),
				...(line.AccountCode ? { AccountCode: line.AccountCode } : {}),
				...(line.ItemCode ? { ItemCode: line.ItemCode } : {}),
			})),
			SubTotal: decimal(totals.subtotal),
			TotalTax: decimal(totals.tax),
			Total: decimal(totals.total),
			UpdatedDateUTC: xeroDate(invoice.updatedAt),
			CurrencyCode: invoice.CurrencyCode,
		};
	}

	renderPayment(payment: StoredPayment): Record<string, unknown> {
		const invoice = this.invoices.get(payment.InvoiceID)!;
		const account = this.accounts.find((candidate) => candidate.AccountID === payment.AccountID)!;
		return {
			PaymentID: payment.PaymentID,
			Date: xeroDate(payment.date),
			Amount: decimal(payment.cents),
			Reference: payment.Reference ?? '',
			CurrencyRate: 1,
			PaymentType: 'ACCRECPAYMENT',
			Status: payment.Status,
			UpdatedDateUTC: xeroDate(payment.updatedAt),
			HasAccount: true,
			IsReconciled: false,
			Account: { AccountID: account.AccountID, Code: account.Code },
			Invoice: { Type: 'ACCREC', InvoiceID: invoice.InvoiceID, InvoiceNumber: invoice.InvoiceNumber, Contact: { ContactID: invoice.ContactID, Name: this.contacts.get(invoice.ContactID)?.Name }, CurrencyCode: invoice.CurrencyCode },
		};
	}

	renderProject(project: StoredProject): Record<string, unknown> {
		return {
			projectId: project.projectId,
			contactId: project.contactId,
			name: project.name,
			currencyCode: project.currencyCode,
			minutesLogged: 0,
			estimate: { currency: project.currencyCode, value: decimal(project.estimateCents) },
			deadlineUtc: new Date(project.deadline).toISOString(),
			status: project.status,
		};
	}

	/** Due-date default Xero applies when none is given: the organisation's terms, 30 days here. */
	defaultDueDate(date: number): number {
		return date + 30 * DAY_MS;
	}
}
