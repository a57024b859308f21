import { generateBilling } from '../../seed/billing';
import type { FirmData } from '../../seed/firm';

/**
 * One QuickBooks Online company's data, held as the Accounting API's own JSON entities
 * (developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/*): Ids are per-entity
 * counters, amounts decimals in the transaction's currency, MetaData times to the second.
 * A UK company (home currency GBP) with multicurrency on, so the firm's EUR and USD clients are
 * invoiced in their own currencies.
 */
export const QBO_REALM_ID = '9130357865492071';
export const QBO_COMPANY = { CompanyName: 'Meridian Advisory Ltd', LegalName: 'Meridian Advisory Ltd', Country: 'GB', HomeCurrency: 'GBP' };

export type Json = Record<string, unknown>;

export interface StoredRef {
	value: string;
	name?: string;
}

export interface StoredLine extends Json {
	Id?: string;
	LineNum?: number;
	Description?: string;
	Amount: number;
	DetailType: string;
	SalesItemLineDetail?: { ItemRef: StoredRef; Qty?: number; UnitPrice?: number; TaxCodeRef?: StoredRef };
}

export interface StoredInvoice extends Json {
	Id: string;
	SyncToken: string;
	DocNumber?: string;
	TxnDate: string;
	DueDate: string;
	CustomerRef: StoredRef;
	CurrencyRef: StoredRef;
	Line: StoredLine[];
	TxnTaxDetail: { TotalTax: number };
	TotalAmt: number;
	Balance: number;
	PrivateNote?: string;
	LinkedTxn: Array<{ TxnId: string; TxnType: string }>;
	EmailStatus: string;
	MetaData: { CreateTime: string; LastUpdatedTime: string };
}

export interface StoredPayment extends Json {
	Id: string;
	SyncToken: string;
	TxnDate: string;
	CustomerRef: StoredRef;
	CurrencyRef: StoredRef;
	TotalAmt: number;
	UnappliedAmt: number;
	PaymentRefNum?: string;
	PrivateNote?: string;
	DepositToAccountRef: StoredRef;
	Line: Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string; TxnType: string }> }>;
	MetaData: { CreateTime: string; LastUpdatedTime: string };
}

export interface StoredCustomer extends Json {
	Id: string;
	SyncToken: string;
	DisplayName: string;
	Active: boolean;
	CurrencyRef: StoredRef;
	Balance: number;
	MetaData: { CreateTime: string; LastUpdatedTime: string };
}

const CURRENCY_NAMES: Record<string, string> = { GBP: 'British Pound Sterling', EUR: 'Euro', USD: 'United States Dollar' };
const TAX_CODE_BY_RATE: Record<string, string> = { '20': '2', '21': '8', '0': '5' };

/** QuickBooks stamps MetaData times to the second, with the offset. */
export const stamp = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Cents of a JSON decimal, half away from zero, without binary drift. */
export const toCents = (value: number): number => Math.sign(value) * Math.round(Math.abs(Number((value * 100).toPrecision(15))));
export const decimal = (cents: number): number => Number((cents / 100).toFixed(2));
export const currencyRef = (code: string): StoredRef => ({ value: code, name: CURRENCY_NAMES[code] ?? code });

export class QboStore {
	customers = new Map<string, StoredCustomer>();
	invoices = new Map<string, StoredInvoice>();
	payments = new Map<string, StoredPayment>();
	items = new Map<string, Json>();
	accounts = new Map<string, Json>();
	taxCodes = new Map<string, Json & { rate: number }>();
	private counters = new Map<string, number>();
	private docNumber = 1000;

	newId(entity: string): string {
		const next = (this.counters.get(entity) ?? 0) + 1;
		this.counters.set(entity, next);
		return String(next);
	}

	nextDocNumber(): string {
		this.docNumber += 1;
		return String(this.docNumber);
	}

	seed(firm: FirmData): void {
		for (const table of [this.customers, this.invoices, this.payments, this.items, this.accounts, this.taxCodes]) table.clear();
		this.counters.clear();
		this.docNumber = 1000;
		const created = stamp(Date.parse('2024-01-02T09:00:00Z'));
		const meta = { CreateTime: created, LastUpdatedTime: created };
		for (const [Name, AccountType, Classification] of [
			['Services', 'Income', 'Revenue'],
			['Consulting Income', 'Income', 'Revenue'],
			['Undeposited Funds', 'Other Current Asset', 'Asset'],
			['Current Account', 'Bank', 'Asset'],
			['Savings Account', 'Bank', 'Asset'],
			['Accounts Receivable (A/R)', 'Accounts Receivable', 'Asset'],
			['Advertising', 'Expense', 'Expense'],
		]) {
			const Id = this.newId('Account');
			this.accounts.set(Id, { Id, SyncToken: '0', Name, FullyQualifiedName: Name, AccountType, Classification, Active: true, CurrencyRef: currencyRef('GBP'), CurrentBalance: 0, MetaData: meta, domain: 'QBO', sparse: false });
		}
		for (const [Name, Type, income, Description] of [
			['Services', 'Service', '1', 'Services'],
			['Consulting', 'Service', '2', 'Consulting, by the hour'],
			['Workshop facilitation', 'Service', '2', 'Workshop facilitation, by the day'],
			['Software licence (resold)', 'NonInventory', '1', 'Resold software licence'],
		]) {
			const Id = this.newId('Item');
			const account = this.accounts.get(income)!;
			this.items.set(Id, { Id, SyncToken: '0', Name, FullyQualifiedName: Name, Type, Active: true, Description, IncomeAccountRef: { value: income, name: String(account.Name) }, UnitPrice: 0, Taxable: true, MetaData: meta, domain: 'QBO', sparse: false });
		}
		// UK global tax model: tax codes carry the rate applied to the lines that name them.
		for (const [Id, Name, rate] of [['2', '20.0% S', 20], ['5', 'No VAT', 0], ['8', '21.0% EU', 21]] as const) {
			this.taxCodes.set(Id, { Id, SyncToken: '0', Name, Description: Name, Active: true, Taxable: rate > 0, TaxGroup: false, rate, MetaData: meta, domain: 'QBO', sparse: false });
		}

		const customerByClient = new Map<string, StoredCustomer>();
		for (const client of firm.clients) {
			const Id = this.newId('Customer');
			const time = stamp(Date.parse(client.updatedAt));
			const customer: StoredCustomer = {
				Id,
				SyncToken: '0',
				DisplayName: client.name,
				CompanyName: client.name,
				FullyQualifiedName: client.name,
				PrintOnCheckName: client.name,
				PrimaryEmailAddr: { Address: `accounts@${client.domain}` },
				PrimaryPhone: { FreeFormNumber: client.phone },
				WebAddr: { URI: `https://${client.domain}` },
				BillAddr: { Id: this.newId('PhysicalAddress'), City: client.city, Country: client.country },
				Notes: `Project-to-Cash key: ${client.key}`,
				CurrencyRef: currencyRef(client.currency),
				Active: true,
				Job: false,
				BillWithParent: false,
				Taxable: false,
				Balance: 0,
				BalanceWithJobs: 0,
				PreferredDeliveryMethod: 'Email',
				MetaData: { CreateTime: stamp(Date.parse(client.createdAt)), LastUpdatedTime: time },
				domain: 'QBO',
				sparse: false,
			};
			this.customers.set(Id, customer);
			customerByClient.set(client.key, customer);
		}

		const billing = generateBilling(firm);
		const invoiceByKey = new Map<string, StoredInvoice>();
		for (const seed of billing.invoices) {
			// QuickBooks Online has no draft invoices: the firm's drafts were never entered here.
			if (seed.state === 'draft') continue;
			const customer = customerByClient.get(seed.clientKey)!;
			const time = stamp(Date.parse(seed.updatedAt));
			const invoice: StoredInvoice = {
				Id: this.newId('Invoice'),
				SyncToken: '0',
				DocNumber: seed.number,
				TxnDate: seed.issueDate,
				DueDate: seed.dueDate,
				CustomerRef: { value: customer.Id, name: customer.DisplayName },
				CurrencyRef: currencyRef(seed.currency),
				ExchangeRate: 1,
				PrivateNote: seed.reference,
				Line: seed.lines.map((line, index) => ({
					Id: String(index + 1),
					LineNum: index + 1,
					Description: line.description,
					Amount: decimal(Math.round(line.quantity * toCents(Number(line.unitPrice)))),
					DetailType: 'SalesItemLineDetail',
					SalesItemLineDetail: { ItemRef: { value: '2', name: 'Consulting' }, Qty: line.quantity, UnitPrice: Number(line.unitPrice), TaxCodeRef: { value: TAX_CODE_BY_RATE[seed.taxRatePercent] ?? '5' } },
				})),
				TxnTaxDetail: { TotalTax: 0 },
				TotalAmt: 0,
				Balance: 0,
				LinkedTxn: [],
				EmailStatus: 'EmailSent',
				PrintStatus: 'NotSet',
				SalesTermRef: { value: '3', name: 'Net 30' },
				MetaData: { CreateTime: stamp(Date.parse(`${seed.issueDate}T10:00:00Z`)), LastUpdatedTime: time },
				domain: 'QBO',
				sparse: false,
			};
			this.computeTotals(invoice);
			if (seed.state === 'void') this.voidInvoice(invoice, Date.parse(seed.updatedAt));
			this.invoices.set(invoice.Id, invoice);
			invoiceByKey.set(seed.key, invoice);
		}
		for (const seed of billing.payments) {
			const invoice = invoiceByKey.get(seed.invoiceKey);
			if (!invoice) continue;
			const time = stamp(Date.parse(`${seed.date}T09:00:00Z`));
			const amount = Number(seed.amount);
			const payment: StoredPayment = {
				Id: this.newId('Payment'),
				SyncToken: '0',
				TxnDate: seed.date,
				CustomerRef: { ...invoice.CustomerRef },
				CurrencyRef: { ...invoice.CurrencyRef },
				ExchangeRate: 1,
				TotalAmt: amount,
				UnappliedAmt: 0,
				PaymentRefNum: seed.reference.slice(0, 21),
				PrivateNote: seed.reference,
				DepositToAccountRef: { value: '4', name: 'Current Account' },
				ProcessPayment: false,
				Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
				MetaData: { CreateTime: time, LastUpdatedTime: time },
				domain: 'QBO',
				sparse: false,
			};
			this.payments.set(payment.Id, payment);
			this.applyPayment(payment, Date.parse(`${seed.date}T09:00:00Z`));
		}
		this.refreshCustomerBalances();
	}

	taxRate(code: StoredRef | undefined): number {
		return code ? (this.taxCodes.get(code.value)?.rate ?? 0) : 0;
	}

	/** Subtotal line, tax per line rounded half up to the cent, TotalAmt and Balance (less what payments applied). */
	computeTotals(invoice: StoredInvoice): void {
		const lines = invoice.Line.filter((line) => line.DetailType !== 'SubTotalLineDetail');
		let subtotal = 0;
		let tax = 0;
		for (const line of lines) {
			if (line.DetailType !== 'SalesItemLineDetail') continue;
			const cents = toCents(line.Amount);
			subtotal += cents;
			tax += Math.round((cents * this.taxRate(line.SalesItemLineDetail?.TaxCodeRef)) / 100);
		}
		invoice.Line = [...lines, { Amount: decimal(subtotal), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} }];
		invoice.TxnTaxDetail = { TotalTax: decimal(tax) };
		invoice.TotalAmt = decimal(subtotal + tax);
		invoice.Balance = decimal(subtotal + tax - this.appliedTo(invoice.Id));
	}

	/** Cents payments apply to an invoice. */
	appliedTo(invoiceId: string): number {
		let cents = 0;
		for (const payment of this.payments.values()) {
			for (const line of payment.Line) if (line.LinkedTxn.some((linked) => linked.TxnType === 'Invoice' && linked.TxnId === invoiceId)) cents += toCents(line.Amount);
		}
		return cents;
	}

	/** A payment's lines lower their invoices' balances and link the payment on them. */
	applyPayment(payment: StoredPayment, at: number): void {
		for (const line of payment.Line) {
			for (const linked of line.LinkedTxn) {
				const invoice = this.invoices.get(linked.TxnId);
				if (!invoice || linked.TxnType !== 'Invoice') continue;
				if (!invoice.LinkedTxn.some((entry) => entry.TxnId === payment.Id)) invoice.LinkedTxn.push({ TxnId: payment.Id, TxnType: 'Payment' });
				invoice.Balance = decimal(toCents(invoice.TotalAmt) - this.appliedTo(invoice.Id));
				this.touch(invoice, at);
			}
		}
	}

	/** A void keeps the invoice, zeroes its amounts and quantities and prepends "Voided" to its memo (Invoice: void). */
	voidInvoice(invoice: StoredInvoice, at: number): void {
		for (const payment of this.payments.values()) {
			const kept = payment.Line.filter((line) => !line.LinkedTxn.some((linked) => linked.TxnId === invoice.Id));
			if (kept.length === payment.Line.length) continue;
			payment.Line = kept;
			payment.UnappliedAmt = decimal(toCents(payment.TotalAmt) - kept.reduce((sum, line) => sum + toCents(line.Amount), 0));
			this.touch(payment, at);
		}
		invoice.Line = invoice.Line.map((line) => (line.DetailType === 'SalesItemLineDetail' ? { ...line, Amount: 0, SalesItemLineDetail: { ...line.SalesItemLineDetail!, Qty: 0 } } : { ...line, Amount: 0 }));
		invoice.TxnTaxDetail = { TotalTax: 0 };
		invoice.TotalAmt = 0;
		invoice.Balance = 0;
		invoice.LinkedTxn = invoice.LinkedTxn.filter((linked) => linked.TxnType !== 'Payment');
		invoice.PrivateNote = invoice.PrivateNote ? `Voided - ${invoice.PrivateNote}` : 'Voided';
		this.touch(invoice, at);
	}

	/** A change: the SyncToken goes up by one and MetaData.LastUpdatedTime is now. */
	touch(record: { SyncToken: string; MetaData: { LastUpdatedTime: string } }, at = Date.now()): void {
		record.SyncToken = String(Number(record.SyncToken) + 1);
		record.MetaData.LastUpdatedTime = stamp(at);
	}

	refreshCustomerBalances(): void {
		for (const customer of this.customers.values()) {
			const cents = [...this.invoices.values()].filter((invoice) => invoice.CustomerRef.value === customer.Id).reduce((sum, invoice) => sum + toCents(invoice.Balance), 0);
			customer.Balance = decimal(cents);
			customer.BalanceWithJobs = decimal(cents);
		}
	}
}
