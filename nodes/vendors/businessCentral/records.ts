import type { Client, Invoice, InvoiceLine, InvoiceStatus, MapContext, Payment, Project } from '../../shared/canonical';
import { money, provenance, toDecimalString } from '../../shared/canonical';

/**
 * Business Central API v2.0 records (api-reference/v2.0/resources/dynamics_*), as far as the pack
 * reads them. Amounts are JSON decimals; dates `YYYY-MM-DD`; `@odata.etag` on every entity.
 */
export interface BcEntity {
	id: string;
	'@odata.etag'?: string;
	lastModifiedDateTime?: string;
}

export interface BcCustomer extends BcEntity {
	number?: string;
	displayName?: string;
	type?: 'Company' | 'Person';
	addressLine1?: string;
	addressLine2?: string;
	city?: string;
	state?: string;
	country?: string;
	postalCode?: string;
	phoneNumber?: string;
	email?: string;
	website?: string;
	taxLiable?: boolean;
	taxRegistrationNumber?: string;
	currencyCode?: string;
	blocked?: string;
}

export interface BcProject extends BcEntity {
	number?: string;
	displayName?: string;
}

export type BcLineType = 'Comment' | 'Account' | 'Item' | 'Resource' | 'Value' | 'Fixed Asset' | 'Charge';

export interface BcSalesInvoiceLine extends BcEntity {
	documentId?: string;
	sequence?: number;
	lineType?: BcLineType;
	lineObjectNumber?: string;
	description?: string;
	quantity?: number;
	unitPrice?: number;
	taxCode?: string;
	amountExcludingTax?: number;
	totalTaxAmount?: number;
	amountIncludingTax?: number;
}

/** `status`: " ", "Draft", "In Review", "Open", "Paid", "Canceled" or "Corrective" (resources/dynamics_salesinvoice). */
export interface BcSalesInvoice extends BcEntity {
	number?: string;
	externalDocumentNumber?: string;
	invoiceDate?: string;
	postingDate?: string;
	dueDate?: string;
	customerId?: string;
	customerNumber?: string;
	customerName?: string;
	currencyCode?: string;
	status?: string;
	totalAmountExcludingTax?: number;
	totalTaxAmount?: number;
	totalAmountIncludingTax?: number;
	remainingAmount?: number;
	salesInvoiceLines?: BcSalesInvoiceLine[];
}

export interface BcCustomerPayment extends BcEntity {
	journalId?: string;
	journalDisplayName?: string;
	lineNumber?: number;
	customerId?: string;
	customerNumber?: string;
	postingDate?: string;
	documentNumber?: string;
	externalDocumentNumber?: string;
	amount?: number;
	appliesToInvoiceId?: string;
	appliesToInvoiceNumber?: string;
	description?: string;
	comment?: string;
}

/** What invoice and payment mappers need besides the record: the company's local currency and today. */
export interface BcMapContext extends MapContext {
	/** ISO 4217 code of the company's local currency: BC leaves `currencyCode` empty for it. */
	localCurrency: string;
	/** ISO date the overdue rule compares due dates with. */
	today: string;
}

const SYSTEM = 'businessCentral';
const NULL_GUID = '00000000-0000-0000-0000-000000000000';

const present = (value: string | undefined | null): string | undefined => (value === undefined || value === null || value.trim() === '' ? undefined : value);
const guidOrUndefined = (value: string | undefined): string | undefined => (present(value) && value !== NULL_GUID ? value : undefined);
const dateOrUndefined = (value: string | undefined): string | undefined => (present(value) && value !== '0001-01-01' ? value : undefined);
const instant = (value: string | undefined): string | undefined => {
	if (!present(value) || value!.startsWith('0001-01-01')) return undefined;
	const time = Date.parse(value!);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** The currency an amount is in: BC leaves `currencyCode` blank for the local currency. */
export function currencyOf(currencyCode: string | undefined, context: Pick<BcMapContext, 'localCurrency'>): string {
	return (present(currencyCode) ?? context.localCurrency).toUpperCase();
}

function meta(context: MapContext, entity: string, record: BcEntity) {
	return provenance(context, { system: SYSTEM, entity, remoteId: record.id, remoteUpdatedAt: record.lastModifiedDateTime }, record);
}

export function toCanonicalClient(customer: BcCustomer, context: BcMapContext): Client {
	const address = {
		line1: present(customer.addressLine1),
		line2: present(customer.addressLine2),
		city: present(customer.city),
		region: present(customer.state),
		postalCode: present(customer.postalCode),
		country: present(customer.country),
	};
	const website = present(customer.website);
	return {
		schemaVersion: 1,
		id: customer.id,
		name: present(customer.displayName) ?? '',
		email: present(customer.email),
		phone: present(customer.phoneNumber),
		domain: website ? website.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').toLowerCase() : undefined,
		taxNumber: present(customer.taxRegistrationNumber),
		currency: currencyOf(customer.currencyCode, context),
		billingAddress: Object.values(address).some(Boolean) ? address : undefined,
		// blocked "All" stops every transaction with the customer (resources/dynamics_customer).
		isActive: customer.blocked !== 'All',
		updatedAt: instant(customer.lastModifiedDateTime),
		externalRefs: { businessCentral: customer.id, ...(present(customer.number) ? { key: customer.number! } : {}) },
		...meta(context, 'client', customer),
	};
}

/** Writable customer fields; `number` is the upsert key and is set by the connector. */
export function fromCanonicalClient(client: Partial<Client>, context: Pick<BcMapContext, 'localCurrency'>): Partial<BcCustomer> {
	const customer: Partial<BcCustomer> = {};
	if (client.name !== undefined) customer.displayName = client.name;
	if (client.email !== undefined) customer.email = client.email;
	if (client.phone !== undefined) customer.phoneNumber = client.phone;
	if (client.domain !== undefined) customer.website = client.domain;
	if (client.taxNumber !== undefined) customer.taxRegistrationNumber = client.taxNumber;
	if (client.currency !== undefined) customer.currencyCode = client.currency === context.localCurrency ? '' : client.currency;
	if (client.isActive !== undefined && client.isActive === false) customer.blocked = 'All';
	const address = client.billingAddress;
	if (address) {
		if (address.line1 !== undefined) customer.addressLine1 = address.line1;
		if (address.line2 !== undefined) customer.addressLine2 = address.line2;
		if (address.city !== undefined) customer.city = address.city;
		if (address.region !== undefined) customer.state = address.region;
		if (address.postalCode !== undefined) customer.postalCode = address.postalCode;
		if (address.country !== undefined) customer.country = address.country;
	}
	return customer;
}

/** BC API v2.0 projects carry only id, number and displayName (resources/dynamics_project). */
export function toCanonicalProject(project: BcProject, context: MapContext): Project {
	return {
		schemaVersion: 1,
		id: project.id,
		name: present(project.displayName) ?? present(project.number) ?? project.id,
		code: present(project.number),
		status: 'active',
		externalRefs: { businessCentral: project.id },
		...meta(context, 'project', project),
	};
}

function toCanonicalLine(line: BcSalesInvoiceLine, currency: string): InvoiceLine {
	const objectNumber = present(line.lineObjectNumber);
	return {
		description: present(line.description) ?? objectNumber ?? `line ${line.sequence ?? ''}`.trim(),
		quantity: line.quantity ?? 0,
		unitPrice: money(line.unitPrice ?? 0, currency),
		lineAmount: money(line.amountExcludingTax ?? 0, currency),
		itemCode: line.lineType === 'Item' ? objectNumber : undefined,
		accountCode: line.lineType === 'Account' ? objectNumber : undefined,
		taxCode: present(line.taxCode),
		sourceIds: [],
	};
}

/**
 * BC status to canonical. "Open" is a posted invoice with money due: overdue once the due date is
 * past, partially paid when some but not all is paid; "Corrective" means a corrective credit memo
 * reversed it, which the pack treats as void like "Canceled".
 */
export function toCanonicalStatus(invoice: BcSalesInvoice, today: string): InvoiceStatus {
	const total = invoice.totalAmountIncludingTax ?? 0;
	const remaining = invoice.remainingAmount ?? total;
	switch (invoice.status) {
		case 'In Review':
			return 'submitted';
		case 'Open': {
			if (remaining <= 0) return 'paid';
			const due = dateOrUndefined(invoice.dueDate);
			if (due !== undefined && due < today) return 'overdue';
			return remaining < total ? 'partially_paid' : 'authorised';
		}
		case 'Paid':
			return 'paid';
		case 'Canceled':
		case 'Corrective':
			return 'void';
		default:
			return 'draft';
	}
}

export function toCanonicalInvoice(invoice: BcSalesInvoice, context: BcMapContext): Invoice {
	const currency = currencyOf(invoice.currencyCode, context);
	const status = toCanonicalStatus(invoice, context.today);
	const total = money(invoice.totalAmountIncludingTax ?? 0, currency);
	const posted = !['draft', 'submitted', 'void'].includes(status);
	// A draft owes its total once posted; a cancelled invoice owes nothing and was paid nothing.
	const balance = status === 'void' ? money(0, currency) : posted ? money(invoice.remainingAmount ?? 0, currency) : total;
	const amountPaid = posted ? { amountMinor: total.amountMinor - balance.amountMinor, currency } : money(0, currency);
	return {
		schemaVersion: 1,
		id: invoice.id,
		number: present(invoice.number),
		reference: present(invoice.externalDocumentNumber),
		clientId: guidOrUndefined(invoice.customerId) ?? present(invoice.customerNumber) ?? '',
		status,
		currency,
		issueDate: dateOrUndefined(invoice.invoiceDate) ?? dateOrUndefined(invoice.postingDate) ?? context.today,
		dueDate: dateOrUndefined(invoice.dueDate),
		lines: (invoice.salesInvoiceLines ?? [])
			.filter((line) => line.lineType !== 'Comment')
			.sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))
			.map((line) => toCanonicalLine(line, currency)),
		subtotal: money(invoice.totalAmountExcludingTax ?? 0, currency),
		tax: money(invoice.totalTaxAmount ?? 0, currency),
		total,
		amountPaid,
		balance,
		updatedAt: instant(invoice.lastModifiedDateTime),
		externalRefs: { businessCentral: invoice.id },
		...meta(context, 'invoice', invoice),
	};
}

export interface InvoiceWriteDefaults {
	localCurrency: string;
	/** G/L account number for lines that name neither an item nor an account. */
	revenueAccount?: string;
}

/**
 * A draft sales invoice with its lines, for one deep-insert POST. Lines name an item
 * (`itemCode`) or a G/L account (`accountCode`, else the credential's revenue account).
 */
export function fromCanonicalInvoice(invoice: Invoice, defaults: InvoiceWriteDefaults): Partial<BcSalesInvoice> {
	const lines: Array<Partial<BcSalesInvoiceLine>> = invoice.lines.map((line, index) => {
		const account = line.accountCode ?? defaults.revenueAccount;
		if (!line.itemCode && !account) {
			throw new Error(`lines.${index}.accountCode is required: Business Central needs an item or a G/L account on every priced line (or set the credential's revenue account)`);
		}
		return {
			sequence: (index + 1) * 10000,
			lineType: line.itemCode ? 'Item' : 'Account',
			lineObjectNumber: line.itemCode ?? account,
			description: line.description,
			quantity: line.quantity,
			unitPrice: Number(toDecimalString(line.unitPrice.amountMinor, line.unitPrice.currency)),
			...(line.taxCode ? { taxCode: line.taxCode } : {}),
		};
	});
	return {
		externalDocumentNumber: invoice.reference,
		invoiceDate: invoice.issueDate,
		...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
		...(/^[0-9a-f-]{36}$/i.test(invoice.clientId) ? { customerId: invoice.clientId } : { customerNumber: invoice.clientId }),
		currencyCode: invoice.currency === defaults.localCurrency ? '' : invoice.currency,
		salesInvoiceLines: lines as BcSalesInvoiceLine[],
	};
}

/**
 * A customer payment journal line as a canonical payment. BC books customer payments as credits
 * (negative amounts); the canonical amount is the money received, positive.
 */
export function toCanonicalPayment(payment: BcCustomerPayment, currency: string, context: MapContext): Payment {
	return {
		schemaVersion: 1,
		id: payment.id,
		invoiceId: guidOrUndefined(payment.appliesToInvoiceId) ?? present(payment.appliesToInvoiceNumber) ?? '',
		clientId: guidOrUndefined(payment.customerId),
		date: dateOrUndefined(payment.postingDate) ?? context.fetchedAt.slice(0, 10),
		amount: money(Math.abs(payment.amount ?? 0), currency),
		reference: present(payment.externalDocumentNumber),
		externalRefs: { businessCentral: payment.id },
		...meta(context, 'payment', payment),
	};
}

export function fromCanonicalPayment(payment: Payment, reference: string): Partial<BcCustomerPayment> {
	return {
		postingDate: payment.date,
		appliesToInvoiceId: payment.invoiceId,
		...(payment.clientId && /^[0-9a-f-]{36}$/i.test(payment.clientId) ? { customerId: payment.clientId } : {}),
		amount: -Number(toDecimalString(payment.amount.amountMinor, payment.amount.currency)),
		externalDocumentNumber: reference,
		description: `Payment ${reference}`.slice(0, 100),
	};
}

/**
 * BC API v2.0 exposes no posted customer ledger entries: money received on a posted invoice shows
 * as its remaining amount going down. This is that fact as a canonical payment (the amount received
 * so far), with an id that changes whenever more money arrives, for the "payment received" trigger.
 */
export function paymentReceivedOn(invoice: Invoice, context: MapContext): Payment | undefined {
	if (!invoice.id || !invoice.amountPaid || invoice.amountPaid.amountMinor <= 0) return undefined;
	return {
		schemaVersion: 1,
		id: `${invoice.id}@${invoice.amountPaid.amountMinor}`,
		invoiceId: invoice.id,
		clientId: invoice.clientId,
		date: (invoice.updatedAt ?? context.fetchedAt).slice(0, 10),
		amount: invoice.amountPaid,
		reference: invoice.number,
		method: 'received to date',
		externalRefs: { businessCentral: invoice.id },
		_meta: { ...invoice._meta!, entity: 'payment' },
	};
}
