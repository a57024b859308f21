import type { Client, Invoice, InvoiceLine, InvoiceStatus, MapContext, Payment } from '../../shared/canonical';
import { money, provenance, toDecimalString } from '../../shared/canonical';

/**
 * QuickBooks Online Accounting API v3 entities (developer.intuit.com/app/developer/qbo/docs/api/
 * accounting/all-entities/*), as far as the pack reads them. Amounts are JSON decimals in the
 * transaction's currency; dates `YYYY-MM-DD`; every entity has `Id`, `SyncToken` and `MetaData`.
 */
export interface QboRef {
	value: string;
	name?: string;
}

export interface QboEntity {
	Id: string;
	SyncToken?: string;
	MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
	domain?: string;
	sparse?: boolean;
}

export interface QboAddress {
	Id?: string;
	Line1?: string;
	Line2?: string;
	City?: string;
	CountrySubDivisionCode?: string;
	PostalCode?: string;
	Country?: string;
}

export interface QboCustomer extends QboEntity {
	/** Unique across customers, vendors and employees (customer: DisplayName). */
	DisplayName?: string;
	CompanyName?: string;
	PrimaryEmailAddr?: { Address?: string };
	PrimaryPhone?: { FreeFormNumber?: string };
	WebAddr?: { URI?: string };
	BillAddr?: QboAddress;
	CurrencyRef?: QboRef;
	Active?: boolean;
	/** Free form text describing the customer (max 2000): the pack keeps the firm's key on one line of it. */
	Notes?: string;
	PrimaryTaxIdentifier?: string;
	Balance?: number;
	Job?: boolean;
	IsProject?: boolean;
}

export interface QboSalesItemLineDetail {
	ItemRef?: QboRef;
	Qty?: number;
	UnitPrice?: number;
	TaxCodeRef?: QboRef;
	ServiceDate?: string;
}

export interface QboInvoiceLine {
	Id?: string;
	LineNum?: number;
	Description?: string;
	Amount?: number;
	DetailType: 'SalesItemLineDetail' | 'SubTotalLineDetail' | 'DescriptionOnly' | 'DiscountLineDetail' | 'GroupLineDetail';
	SalesItemLineDetail?: QboSalesItemLineDetail;
	SubTotalLineDetail?: Record<string, never>;
}

export interface QboLinkedTxn {
	TxnId: string;
	TxnType: string;
}

export interface QboInvoice extends QboEntity {
	DocNumber?: string;
	TxnDate?: string;
	DueDate?: string;
	CustomerRef: QboRef;
	CurrencyRef?: QboRef;
	ProjectRef?: QboRef;
	Line: QboInvoiceLine[];
	TxnTaxDetail?: { TotalTax?: number };
	TotalAmt?: number;
	Balance?: number;
	/** Statement memo, private to the company (max 4000): its first line is the pack's invoice reference. */
	PrivateNote?: string;
	CustomerMemo?: { value?: string };
	EmailStatus?: string;
	LinkedTxn?: QboLinkedTxn[];
}

export interface QboPaymentLine {
	Amount: number;
	LinkedTxn: QboLinkedTxn[];
}

export interface QboPayment extends QboEntity {
	TxnDate?: string;
	CustomerRef: QboRef;
	CurrencyRef?: QboRef;
	TotalAmt?: number;
	UnappliedAmt?: number;
	/** Reference number shown on the payment (max 21). */
	PaymentRefNum?: string;
	/** The pack keeps the whole payment reference as the first line here (PaymentRefNum holds 21 characters). */
	PrivateNote?: string;
	DepositToAccountRef?: QboRef;
	PaymentMethodRef?: QboRef;
	Line?: QboPaymentLine[];
}

export interface QboItem extends QboEntity {
	Name?: string;
	Sku?: string;
	Type?: string;
	Active?: boolean;
	IncomeAccountRef?: QboRef;
	Description?: string;
	UnitPrice?: number;
}

export interface QboAccount extends QboEntity {
	Name?: string;
	AcctNum?: string;
	AccountType?: string;
	Classification?: string;
	Active?: boolean;
	CurrencyRef?: QboRef;
}

export interface QboTaxCode extends QboEntity {
	Name?: string;
	Description?: string;
	Active?: boolean;
	Taxable?: boolean;
}

/** What the invoice and payment mappers need besides the record: the company's home currency and today. */
export interface QboMapContext extends MapContext {
	/** ISO 4217 code of the company's home currency (Preferences.CurrencyPrefs.HomeCurrency). */
	homeCurrency: string;
	/** ISO date the overdue rule compares due dates with. */
	today: string;
}

export const SYSTEM = 'quickBooksOnline';

/** PaymentRefNum takes at most 21 characters (Payment entity reference). */
export const PAYMENT_REF_MAX = 21;
/** The key line the pack writes into a customer's Notes. */
const KEY_LINE = /^Project-to-Cash key: (.+)$/m;
// A void zeroes the invoice and prepends "Voided" to PrivateNote (Invoice entity, "Void an invoice").
const VOIDED_PREFIX = /^Voided\b\s*[-:]?\s*/;

const present = (value: string | undefined | null): string | undefined => (value === undefined || value === null || value.trim() === '' ? undefined : value.trim());

const instant = (value: string | undefined): string | undefined => {
	if (!present(value)) return undefined;
	const time = Date.parse(value!);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** The firm's key kept on a customer's Notes, if any. */
export function keyInNotes(notes: string | undefined): string | undefined {
	return present(KEY_LINE.exec(notes ?? '')?.[1]);
}

/** Notes with the key line set to `key`, the rest of the text kept as the firm wrote it. */
export function notesWithKey(notes: string | undefined, key: string): string {
	const line = `Project-to-Cash key: ${key}`;
	const current = notes ?? '';
	if (KEY_LINE.test(current)) return current.replace(KEY_LINE, line);
	return current.trim() === '' ? line : `${line}\n${current}`;
}

/** The first line of a memo, past the "Voided" QuickBooks prepends on a void: the pack's reference. */
export function referenceInMemo(memo: string | undefined): string | undefined {
	const firstLine = (memo ?? '').replace(VOIDED_PREFIX, '').split(/\r?\n/)[0];
	return present(firstLine);
}

/** A voided invoice keeps its lines at zero and "Voided" at the start of its memo. */
export function isVoided(invoice: Pick<QboInvoice, 'PrivateNote' | 'TotalAmt'>): boolean {
	return VOIDED_PREFIX.test(invoice.PrivateNote ?? '') && (invoice.TotalAmt ?? 0) === 0;
}

export function currencyOf(ref: QboRef | undefined, context: Pick<QboMapContext, 'homeCurrency'>): string {
	return (present(ref?.value) ?? context.homeCurrency).toUpperCase();
}

function meta(context: MapContext, entity: string, record: QboEntity) {
	return provenance(context, { system: SYSTEM, entity, remoteId: record.Id, remoteUpdatedAt: record.MetaData?.LastUpdatedTime }, record);
}

export function toCanonicalClient(customer: QboCustomer, context: QboMapContext): Client {
	const address = customer.BillAddr ?? {};
	const billing = {
		line1: present(address.Line1),
		line2: present(address.Line2),
		city: present(address.City),
		region: present(address.CountrySubDivisionCode),
		postalCode: present(address.PostalCode),
		country: present(address.Country),
	};
	const website = present(customer.WebAddr?.URI);
	const key = keyInNotes(customer.Notes);
	return {
		schemaVersion: 1,
		id: customer.Id,
		name: present(customer.DisplayName) ?? present(customer.CompanyName) ?? '',
		email: present(customer.PrimaryEmailAddr?.Address),
		phone: present(customer.PrimaryPhone?.FreeFormNumber),
		domain: website ? website.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase() : undefined,
		currency: currencyOf(customer.CurrencyRef, context),
		billingAddress: Object.values(billing).some(Boolean) ? billing : undefined,
		isActive: customer.Active !== false,
		createdAt: instant(customer.MetaData?.CreateTime),
		updatedAt: instant(customer.MetaData?.LastUpdatedTime),
		externalRefs: { quickBooksOnline: customer.Id, ...(key ? { key } : {}) },
		...meta(context, 'client', customer),
	};
}

/**
 * Writable customer fields. CurrencyRef is set on create only ("once set, it cannot be changed"),
 * the key line of Notes by the connector; the tax id is write-only (QuickBooks masks it in answers).
 */
export function fromCanonicalClient(client: Partial<Client>, options: { create: boolean }): Partial<QboCustomer> {
	const customer: Partial<QboCustomer> = {};
	if (client.name !== undefined) {
		customer.DisplayName = client.name;
		customer.CompanyName = client.name.slice(0, 100);
	}
	if (client.email !== undefined) customer.PrimaryEmailAddr = { Address: client.email };
	if (client.phone !== undefined) customer.PrimaryPhone = { FreeFormNumber: client.phone };
	if (client.domain !== undefined) customer.WebAddr = { URI: /^https?:\/\//i.test(client.domain) ? client.domain : `https://${client.domain}` };
	if (client.taxNumber !== undefined) customer.PrimaryTaxIdentifier = client.taxNumber;
	if (options.create && client.currency !== undefined) customer.CurrencyRef = { value: client.currency };
	if (client.isActive !== undefined) customer.Active = client.isActive;
	const address = client.billingAddress;
	if (address) {
		customer.BillAddr = {
			...(address.line1 !== undefined ? { Line1: address.line1 } : {}),
			...(address.line2 !== undefined ? { Line2: address.line2 } : {}),
			...(address.city !== undefined ? { City: address.city } : {}),
			...(address.region !== undefined ? { CountrySubDivisionCode: address.region } : {}),
			...(address.postalCode !== undefined ? { PostalCode: address.postalCode } : {}),
			...(address.country !== undefined ? { Country: address.country } : {}),
		};
	}
	return customer;
}

function toCanonicalLine(line: QboInvoiceLine, currency: string): InvoiceLine {
	const detail = line.SalesItemLineDetail ?? {};
	const amount = money(line.Amount ?? 0, currency);
	return {
		description: present(line.Description) ?? present(detail.ItemRef?.name) ?? `line ${line.LineNum ?? ''}`.trim(),
		quantity: detail.Qty ?? 1,
		unitPrice: detail.UnitPrice !== undefined ? money(detail.UnitPrice, currency) : amount,
		lineAmount: amount,
		itemCode: present(detail.ItemRef?.value),
		taxCode: present(detail.TaxCodeRef?.value),
		sourceIds: [],
	};
}

/**
 * QuickBooks keeps no invoice status: an invoice is final (in accounts receivable) once created.
 * The canonical status is read from its amounts: void when voided, paid at a zero balance,
 * overdue when money is due past the due date, partially paid when some is paid, else authorised.
 */
export function toCanonicalStatus(invoice: Pick<QboInvoice, 'PrivateNote' | 'TotalAmt' | 'Balance' | 'DueDate'>, today: string): InvoiceStatus {
	if (isVoided(invoice)) return 'void';
	const total = invoice.TotalAmt ?? 0;
	const balance = invoice.Balance ?? total;
	if (balance <= 0) return 'paid';
	if (invoice.DueDate && invoice.DueDate < today) return 'overdue';
	return balance < total ? 'partially_paid' : 'authorised';
}

export function toCanonicalInvoice(invoice: QboInvoice, context: QboMapContext): Invoice {
	const currency = currencyOf(invoice.CurrencyRef, context);
	const lines = (invoice.Line ?? []).filter((line) => line.DetailType === 'SalesItemLineDetail');
	const subtotalLine = (invoice.Line ?? []).find((line) => line.DetailType === 'SubTotalLineDetail');
	const subtotal = subtotalLine?.Amount !== undefined ? money(subtotalLine.Amount, currency) : { amountMinor: lines.reduce((sum, line) => sum + money(line.Amount ?? 0, currency).amountMinor, 0), currency };
	const total = money(invoice.TotalAmt ?? 0, currency);
	const balance = money(invoice.Balance ?? invoice.TotalAmt ?? 0, currency);
	return {
		schemaVersion: 1,
		id: invoice.Id,
		number: present(invoice.DocNumber),
		reference: referenceInMemo(invoice.PrivateNote),
		clientId: invoice.CustomerRef?.value ?? '',
		projectId: present(invoice.ProjectRef?.value),
		status: toCanonicalStatus(invoice, context.today),
		currency,
		issueDate: present(invoice.TxnDate) ?? context.today,
		dueDate: present(invoice.DueDate),
		lines: lines.map((line) => toCanonicalLine(line, currency)),
		subtotal,
		tax: money(invoice.TxnTaxDetail?.TotalTax ?? 0, currency),
		total,
		amountPaid: { amountMinor: Math.max(0, total.amountMinor - balance.amountMinor), currency },
		balance,
		updatedAt: instant(invoice.MetaData?.LastUpdatedTime),
		externalRefs: { quickBooksOnline: invoice.Id },
		...meta(context, 'invoice', invoice),
	};
}

/** Decimal amount of a canonical money value, as a JSON number (exact to the minor unit). */
export const decimal = (amountMinor: number, currency: string): number => Number(toDecimalString(amountMinor, currency));

/**
 * An invoice to create: a sales item line per canonical line (the item decides the income account),
 * the reference as the memo's first line, the number as DocNumber when one is given.
 */
export function fromCanonicalInvoice(invoice: Invoice, itemOf: (line: InvoiceLine, index: number) => QboRef): Omit<QboInvoice, 'Id'> {
	return {
		CustomerRef: { value: invoice.clientId },
		TxnDate: invoice.issueDate,
		...(invoice.dueDate ? { DueDate: invoice.dueDate } : {}),
		...(invoice.number ? { DocNumber: invoice.number } : {}),
		...(invoice.projectId ? { ProjectRef: { value: invoice.projectId } } : {}),
		CurrencyRef: { value: invoice.currency },
		...(invoice.reference ? { PrivateNote: invoice.reference } : {}),
		Line: invoice.lines.map((line, index) => ({
			LineNum: index + 1,
			Description: line.description,
			Amount: decimal(line.lineAmount.amountMinor, line.lineAmount.currency),
			DetailType: 'SalesItemLineDetail' as const,
			SalesItemLineDetail: {
				ItemRef: itemOf(line, index),
				Qty: line.quantity,
				UnitPrice: decimal(line.unitPrice.amountMinor, line.unitPrice.currency),
				...(line.taxCode ? { TaxCodeRef: { value: line.taxCode } } : {}),
			},
		})),
	};
}

/** The invoices a payment's lines are applied to. */
export const linkedInvoices = (payment: QboPayment): string[] =>
	(payment.Line ?? []).flatMap((line) => (line.LinkedTxn ?? []).filter((linked) => linked.TxnType === 'Invoice').map((linked) => linked.TxnId));

/**
 * A payment as the canonical payment against one invoice (the given one, else the first it is
 * applied to): the amount is what its lines apply to that invoice. Undefined for a payment applied
 * to no invoice (an unapplied credit), which is no payment against an invoice.
 */
export function toCanonicalPayment(payment: QboPayment, context: QboMapContext, invoiceId?: string): Payment | undefined {
	const target = invoiceId ?? linkedInvoices(payment)[0];
	if (!target) return undefined;
	const currency = currencyOf(payment.CurrencyRef, context);
	const applied = (payment.Line ?? [])
		.filter((line) => (line.LinkedTxn ?? []).some((linked) => linked.TxnType === 'Invoice' && linked.TxnId === target))
		.reduce((sum, line) => sum + money(line.Amount ?? 0, currency).amountMinor, 0);
	return {
		schemaVersion: 1,
		id: payment.Id,
		invoiceId: target,
		clientId: present(payment.CustomerRef?.value),
		date: present(payment.TxnDate) ?? context.today,
		amount: { amountMinor: applied, currency },
		reference: referenceInMemo(payment.PrivateNote) ?? present(payment.PaymentRefNum),
		method: present(payment.PaymentMethodRef?.name),
		externalRefs: { quickBooksOnline: payment.Id },
		...meta(context, 'payment', payment),
	};
}

/** A payment applied to one invoice: the reference whole in the memo, cut to 21 characters as PaymentRefNum. */
export function fromCanonicalPayment(payment: Payment, options: { customerId: string; reference: string; depositAccount?: string }): Omit<QboPayment, 'Id'> {
	const amount = decimal(payment.amount.amountMinor, payment.amount.currency);
	return {
		CustomerRef: { value: options.customerId },
		TxnDate: payment.date,
		CurrencyRef: { value: payment.amount.currency },
		TotalAmt: amount,
		PaymentRefNum: options.reference.slice(0, PAYMENT_REF_MAX),
		PrivateNote: options.reference,
		...(options.depositAccount ? { DepositToAccountRef: { value: options.depositAccount } } : {}),
		Line: [{ Amount: amount, LinkedTxn: [{ TxnId: payment.invoiceId, TxnType: 'Invoice' }] }],
	};
}
