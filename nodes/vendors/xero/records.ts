import type { Address, Client, Invoice, InvoiceLine, InvoiceStatus, MapContext, Payment, Project } from '../../shared/canonical';
import { money, multiplyMoney, provenance, toDecimalString } from '../../shared/canonical';
import type { InvoiceNote } from '../../Erp/connector';
import type { XeroAddress, XeroPhone, XeroContact, XeroLineItem, XeroInvoiceStatus, XeroInvoice, XeroPayment, XeroHistoryRecord, XeroProject } from './types';

export type { XeroValidationError, XeroAddress, XeroPhone, XeroContact, XeroLineItem, XeroInvoiceStatus, XeroInvoice, XeroPayment, XeroHistoryRecord, XeroProject } from './types';

const SYSTEM = 'xero';
const text = (value: string | undefined | null): string | undefined => (value === undefined || value === null || value.trim() === '' ? undefined : value);

/**
 * Xero's JSON dates: `/Date(1539993600000+0000)/` (milliseconds since the epoch, the offset is
 * informational) or, in newer fields, ISO 8601 without a zone, which Xero means as UTC.
 */
export function parseXeroDate(value: string | undefined | null): number | undefined {
	const raw = text(value);
	if (!raw) return undefined;
	const wrapped = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(raw);
	if (wrapped) return Number(wrapped[1]);
	const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(raw) ? raw : `${raw}Z`;
	const time = Date.parse(iso);
	return Number.isNaN(time) ? undefined : time;
}

export const xeroInstant = (value: string | undefined | null): string | undefined => {
	const time = parseXeroDate(value);
	return time === undefined ? undefined : new Date(time).toISOString();
};

export const xeroDateOnly = (value: string | undefined | null): string | undefined => xeroInstant(value)?.slice(0, 10);

/** An ISO date or instant as the `DateTime(yyyy,mm,dd)` of a Xero `where` filter. */
export function xeroWhereDate(isoDate: string): string {
	const [year, month, day] = isoDate.slice(0, 10).split('-');
	return `DateTime(${year},${month},${day})`;
}

/** A string literal of a Xero `where` filter. */
export const xeroWhereString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export const isXeroId = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

const amount = (value: number | undefined, currency: string) => money(value ?? 0, currency);

// ---------------------------------------------------------------- contacts -> clients

function toAddress(addresses: XeroAddress[] | undefined): Address | undefined {
	// Xero's POBOX address is the postal (billing) address; STREET the physical one.
	const source = addresses?.find((entry) => entry.AddressType === 'POBOX' && entry.AddressLine1) ?? addresses?.find((entry) => entry.AddressLine1 || entry.City);
	if (!source) return undefined;
	const address = { line1: text(source.AddressLine1), line2: text(source.AddressLine2), city: text(source.City), region: text(source.Region), postalCode: text(source.PostalCode), country: text(source.Country) };
	return Object.values(address).some(Boolean) ? address : undefined;
}

function toPhone(phones: XeroPhone[] | undefined): string | undefined {
	const phone = phones?.find((entry) => entry.PhoneType === 'DEFAULT' && entry.PhoneNumber) ?? phones?.find((entry) => entry.PhoneNumber);
	if (!phone) return undefined;
	return [phone.PhoneCountryCode, phone.PhoneAreaCode, phone.PhoneNumber].map((part) => text(part)).filter(Boolean).join(' ');
}

export function toCanonicalClient(contact: XeroContact, context: MapContext): Client {
	const id = String(contact.ContactID);
	const website = text(contact.Website);
	return {
		schemaVersion: 1,
		id,
		name: text(contact.Name) ?? '',
		domain: website ? website.replace(/^https?:\/\//i, '').replace(/\/.*$/, '') : undefined,
		email: text(contact.EmailAddress),
		phone: toPhone(contact.Phones),
		taxNumber: text(contact.TaxNumber),
		currency: text(contact.DefaultCurrency),
		billingAddress: toAddress(contact.Addresses),
		isActive: contact.ContactStatus !== 'ARCHIVED',
		updatedAt: xeroInstant(contact.UpdatedDateUTC),
		externalRefs: { xero: id, ...(text(contact.ContactNumber) ? { key: String(contact.ContactNumber) } : {}) },
		...provenance(context, { system: SYSTEM, entity: 'client', remoteId: id, remoteUpdatedAt: xeroInstant(contact.UpdatedDateUTC) }, contact),
	};
}

/** The writable contact fields of a canonical client; ContactNumber (the firm's key) is set by the connector. */
export function fromCanonicalClient(client: Partial<Client>): XeroContact {
	const contact: XeroContact = {};
	if (client.name !== undefined) contact.Name = client.name;
	if (client.email !== undefined) contact.EmailAddress = client.email;
	if (client.taxNumber !== undefined) contact.TaxNumber = client.taxNumber;
	if (client.currency !== undefined) contact.DefaultCurrency = client.currency;
	if (client.domain !== undefined) contact.Website = /^https?:\/\//i.test(client.domain) ? client.domain : `https://${client.domain}`;
	if (client.phone !== undefined) contact.Phones = [{ PhoneType: 'DEFAULT', PhoneNumber: client.phone }];
	const address = client.billingAddress;
	if (address) {
		contact.Addresses = [{ AddressType: 'POBOX', AddressLine1: address.line1, AddressLine2: address.line2, City: address.city, Region: address.region, PostalCode: address.postalCode, Country: address.country }];
	}
	if (client.isActive === false) contact.ContactStatus = 'ARCHIVED';
	return contact;
}

// ---------------------------------------------------------------- invoices

/**
 * Xero status -> canonical status. Xero keeps an approved invoice AUTHORISED until it is paid in
 * full; overdue (past due with a balance) and partially paid are derived, overdue first.
 */
export function toCanonicalInvoiceStatus(invoice: XeroInvoice, today: string): InvoiceStatus {
	switch (invoice.Status) {
		case 'DRAFT':
			return 'draft';
		case 'SUBMITTED':
			return 'submitted';
		case 'PAID':
			return 'paid';
		case 'VOIDED':
		case 'DELETED':
			return 'void';
		default: {
			const due = xeroDateOnly(invoice.DueDate);
			const balance = invoice.AmountDue ?? 0;
			if (balance > 0 && due !== undefined && due < today) return 'overdue';
			if ((invoice.AmountPaid ?? 0) > 0 && balance > 0) return 'partially_paid';
			return 'authorised';
		}
	}
}

/** Canonical statuses -> the Xero statuses that can hold them (for the `Statuses` list filter). */
export function xeroStatusesFor(statuses: InvoiceStatus[]): XeroInvoiceStatus[] {
	const map: Record<InvoiceStatus, XeroInvoiceStatus[]> = {
		draft: ['DRAFT'],
		submitted: ['SUBMITTED'],
		authorised: ['AUTHORISED'],
		partially_paid: ['AUTHORISED'],
		overdue: ['AUTHORISED'],
		paid: ['PAID'],
		void: ['VOIDED', 'DELETED'],
	};
	return [...new Set(statuses.flatMap((status) => map[status]))];
}

function toCanonicalLine(line: XeroLineItem, currency: string): InvoiceLine {
	const quantity = line.Quantity ?? 1;
	const unitPrice = amount(line.UnitAmount, currency);
	return {
		description: line.Description ?? '',
		quantity,
		unitPrice,
		lineAmount: line.LineAmount !== undefined ? amount(line.LineAmount, currency) : multiplyMoney(unitPrice, quantity),
		itemCode: text(line.ItemCode),
		accountCode: text(line.AccountCode),
		taxCode: text(line.TaxType),
		sourceIds: [],
	};
}

export function toCanonicalInvoice(invoice: XeroInvoice, context: MapContext): Invoice {
	const id = String(invoice.InvoiceID);
	const currency = text(invoice.CurrencyCode) ?? context.defaultCurrency;
	const reference = text(invoice.Reference);
	return {
		schemaVersion: 1,
		id,
		number: text(invoice.InvoiceNumber),
		reference,
		clientId: invoice.Contact?.ContactID ?? '',
		status: toCanonicalInvoiceStatus(invoice, context.fetchedAt.slice(0, 10)),
		currency,
		issueDate: xeroDateOnly(invoice.Date) ?? context.fetchedAt.slice(0, 10),
		dueDate: xeroDateOnly(invoice.DueDate),
		lines: (invoice.LineItems ?? []).map((line) => toCanonicalLine(line, currency)),
		subtotal: amount(invoice.SubTotal, currency),
		tax: amount(invoice.TotalTax, currency),
		total: amount(invoice.Total, currency),
		amountPaid: amount(invoice.AmountPaid, currency),
		balance: amount(invoice.AmountDue, currency),
		updatedAt: xeroInstant(invoice.UpdatedDateUTC),
		externalRefs: { xero: id, ...(reference ? { key: reference } : {}) },
		...provenance(context, { system: SYSTEM, entity: 'invoice', remoteId: id, remoteUpdatedAt: xeroInstant(invoice.UpdatedDateUTC) }, invoice),
	};
}

/** Checks a canonical invoice against what Xero will compute, so a wrong amount is refused before any call. */
export function invoiceProblems(invoice: Invoice): Array<{ field: string; message: string }> {
	const problems: Array<{ field: string; message: string }> = [];
	if (!invoice.reference) problems.push({ field: 'reference', message: 'is required: it is the idempotency key that keeps a re-run from creating a second invoice' });
	if (invoice.lines.length === 0) problems.push({ field: 'lines', message: 'needs at least one line' });
	invoice.lines.forEach((line, index) => {
		for (const [name, value] of [['unitPrice', line.unitPrice], ['lineAmount', line.lineAmount]] as const) {
			if (value.currency !== invoice.currency) problems.push({ field: `lines[${index}].${name}`, message: `is in ${value.currency}, the invoice in ${invoice.currency}` });
		}
		const expected = multiplyMoney(line.unitPrice, line.quantity);
		if (expected.amountMinor !== line.lineAmount.amountMinor) {
			problems.push({ field: `lines[${index}].lineAmount`, message: `is ${toDecimalString(line.lineAmount.amountMinor, invoice.currency)} but quantity x unit price is ${toDecimalString(expected.amountMinor, invoice.currency)}` });
		}
	});
	return problems;
}

/** A canonical invoice as a new Xero draft sales invoice (ACCREC). Amounts are exclusive of tax. */
export function fromCanonicalInvoice(invoice: Invoice): XeroInvoice {
	const decimal = (minor: number): number => Number(toDecimalString(minor, invoice.currency));
	return {
		Type: 'ACCREC',
		Contact: { ContactID: invoice.clientId },
		Date: invoice.issueDate,
		...(invoice.dueDate ? { DueDate: invoice.dueDate } : {}),
		...(invoice.number ? { InvoiceNumber: invoice.number } : {}),
		Reference: invoice.reference,
		CurrencyCode: invoice.currency,
		Status: 'DRAFT',
		LineAmountTypes: 'Exclusive',
		LineItems: invoice.lines.map((line) => ({
			Description: line.description,
			Quantity: line.quantity,
			UnitAmount: decimal(line.unitPrice.amountMinor),
			...(line.accountCode ? { AccountCode: line.accountCode } : {}),
			...(line.itemCode ? { ItemCode: line.itemCode } : {}),
			...(line.taxCode ? { TaxType: line.taxCode } : {}),
		})),
	};
}

// ---------------------------------------------------------------- payments, notes, projects

export function toCanonicalPayment(payment: XeroPayment, context: MapContext): Payment {
	const id = String(payment.PaymentID);
	const currency = text(payment.Invoice?.CurrencyCode) ?? context.defaultCurrency;
	return {
		schemaVersion: 1,
		id,
		invoiceId: payment.Invoice?.InvoiceID ?? '',
		clientId: payment.Invoice?.Contact?.ContactID,
		date: xeroDateOnly(payment.Date) ?? '',
		amount: amount(payment.Amount, currency),
		reference: text(payment.Reference),
		externalRefs: { xero: id },
		...provenance(context, { system: SYSTEM, entity: 'payment', remoteId: id, remoteUpdatedAt: xeroInstant(payment.UpdatedDateUTC) }, payment),
	};
}

/** A canonical payment against an invoice; the account is a Xero account code or AccountID. */
export function fromCanonicalPayment(payment: Payment, account: string): XeroPayment {
	return {
		Invoice: { InvoiceID: payment.invoiceId },
		Account: isXeroId(account) ? { AccountID: account } : { Code: account },
		Date: payment.date,
		Amount: Number(toDecimalString(payment.amount.amountMinor, payment.amount.currency)),
		...(payment.reference ? { Reference: payment.reference } : {}),
	};
}

export function toInvoiceNote(invoiceId: string, record: XeroHistoryRecord): InvoiceNote {
	return { invoiceId, note: record.Details ?? record.Changes ?? '', createdAt: xeroInstant(record.DateUTC), user: text(record.User) };
}

export function toCanonicalProject(project: XeroProject, context: MapContext): Project {
	const currency = text(project.currencyCode) ?? context.defaultCurrency;
	return {
		schemaVersion: 1,
		id: project.projectId,
		name: project.name,
		clientId: text(project.contactId),
		status: project.status === 'CLOSED' ? 'completed' : 'active',
		budgetAmount: project.estimate?.value !== undefined ? money(project.estimate.value, text(project.estimate.currency) ?? currency) : undefined,
		endDate: xeroDateOnly(project.deadlineUtc),
		externalRefs: { xero: project.projectId },
		...provenance(context, { system: SYSTEM, entity: 'project', remoteId: project.projectId }, project),
	};
}

// ---------------------------------------------------------------- errors

export type XeroEntity = 'invoice' | 'client' | 'payment';

// Message patterns per canonical entity, most specific first. Xero's messages are prose
// (developer.xero.com/documentation/api/accounting/invoices, contacts, payments: validation errors).
const FIELD_RULES: Record<XeroEntity, Array<[RegExp, string]>> = {
	invoice: [
		[/account code|AccountCode/i, 'lines.accountCode'],
		[/tax ?type|tax rate/i, 'lines.taxCode'],
		[/item code|ItemCode/i, 'lines.itemCode'],
		[/description/i, 'lines.description'],
		[/unit ?amount|unit price/i, 'lines.unitPrice'],
		[/quantity/i, 'lines.quantity'],
		[/line item/i, 'lines'],
		[/due ?date/i, 'dueDate'],
		[/currency/i, 'currency'],
		[/reference/i, 'reference'],
		[/invoice ?#|invoice ?number/i, 'number'],
		[/contact/i, 'clientId'],
		[/\bdate\b/i, 'issueDate'],
	],
	client: [
		[/contact number|ContactNumber|account number/i, 'externalId'],
		[/email/i, 'email'],
		[/tax number/i, 'taxNumber'],
		[/currency/i, 'currency'],
		[/phone/i, 'phone'],
		[/address/i, 'billingAddress'],
		[/\bname\b/i, 'name'],
	],
	payment: [
		[/account/i, 'account'],
		[/amount|outstanding/i, 'amount'],
		[/document|invoice/i, 'invoiceId'],
		[/currency/i, 'amount'],
		[/\bdate\b/i, 'date'],
		[/reference/i, 'reference'],
	],
};

/** The canonical field a Xero validation message is about, so an error can name it. */
export function canonicalFieldForXeroMessage(message: string, entity: XeroEntity = 'invoice'): string | undefined {
	return FIELD_RULES[entity].find(([pattern]) => pattern.test(message))?.[1];
}
