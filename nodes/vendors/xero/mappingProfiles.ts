import type { IDataObject } from 'n8n-workflow';
import type { FieldIssue } from '../../shared/canonical/validate';
import type { Invoice } from '../../shared/canonical';
import { multiplyMoney, money, toDecimalString } from '../../shared/canonical';
import { defineProfile, inspectVendorRecord, VendorRecordError, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	fromCanonicalClient,
	fromCanonicalInvoice,
	invoiceProblems,
	parseXeroDate,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalPayment,
	toCanonicalProject,
	type XeroContact,
	type XeroInvoice,
	type XeroLineItem,
	type XeroPayment,
	type XeroProject,
} from './records';

const XERO = { system: 'xero', systemName: 'Xero' } as const;

/**
 * A Xero record with its id, and its dates readable: Xero writes `/Date(1539993600000+0000)/` or
 * ISO 8601 without a zone (developer.xero.com/documentation/api/accounting/requests-and-responses).
 */
function xeroRecord<T>(raw: unknown, what: string, idField: string, dates: string[], numbers: string[] = []): T {
	const record = inspectVendorRecord(raw, { what: `Xero ${what}`, idField, numbers });
	const issues: FieldIssue[] = dates.flatMap((path) => {
		const value = record[path];
		if (value === undefined || value === null || value === '') return [];
		return typeof value === 'string' && parseXeroDate(value) !== undefined ? [] : [{ path, rule: 'date', message: `${path} is ${JSON.stringify(value)}, which is neither /Date(ms)/ nor an ISO 8601 date` }];
	});
	if (issues.length > 0) throw new VendorRecordError(issues);
	return record as T;
}

export const xeroClientProfile = defineProfile({
	...XERO,
	entity: 'client',
	vendorObject: 'Contact',
	toCanonical: (raw: unknown, context) => toCanonicalClient(xeroRecord<XeroContact>(raw, 'contact', 'ContactID', ['UpdatedDateUTC']), context),
	write: {
		// ContactNumber holds externalRefs.key, the firm's key the connector upserts by.
		fromCanonical: (record) => ({ ...fromCanonicalClient(record), ...(record.externalRefs?.key ? { ContactNumber: record.externalRefs.key } : {}) }) as IDataObject,
		writableFields: ['name', 'email', 'taxNumber', 'currency', 'domain', 'phone', 'billingAddress', 'isActive', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ ...payload, ContactID: remoteId }) as XeroContact,
	},
});

/** Xero computes each line's LineAmount (quantity x unit amount, exclusive of tax) and the totals of a draft. */
function draftAsXeroReturnsIt(payload: IDataObject, remoteId: string): XeroInvoice {
	const invoice = payload as XeroInvoice;
	const currency = invoice.CurrencyCode ?? 'USD';
	const decimal = (minor: number): number => Number(toDecimalString(minor, currency));
	let subtotal = 0;
	const lines = (invoice.LineItems ?? []).map((line: XeroLineItem) => {
		const amount = multiplyMoney(money(line.UnitAmount ?? 0, currency), line.Quantity ?? 1);
		subtotal += amount.amountMinor;
		return { ...line, LineAmount: decimal(amount.amountMinor) };
	});
	return { ...invoice, InvoiceID: remoteId, LineItems: lines, SubTotal: decimal(subtotal), TotalTax: 0, Total: decimal(subtotal), AmountDue: decimal(subtotal), AmountPaid: 0 };
}

export const xeroInvoiceProfile = defineProfile({
	...XERO,
	entity: 'invoice',
	vendorObject: 'Invoice',
	toCanonical: (raw: unknown, context) =>
		toCanonicalInvoice(xeroRecord<XeroInvoice>(raw, 'invoice', 'InvoiceID', ['Date', 'DueDate', 'UpdatedDateUTC'], ['SubTotal', 'TotalTax', 'Total', 'AmountDue', 'AmountPaid']), context),
	write: {
		// The checks the ERP node makes before it writes: a reference (the idempotency key) and line amounts Xero will agree with.
		fromCanonical: (record) => {
			const invoice = record as Invoice;
			const problems = invoiceProblems(invoice);
			if (problems.length > 0) {
				throw new VendorRecordError(problems.map((problem) => {
					const path = problem.field.replace(/\[(\d+)\]/g, '.$1');
					return { path, rule: 'xero', message: `${path} ${problem.message}` };
				}));
			}
			return fromCanonicalInvoice(invoice) as IDataObject;
		},
		writableFields: ['number', 'reference', 'clientId', 'currency', 'issueDate', 'dueDate', 'lines', 'externalRefs'],
		recordFromPayload: draftAsXeroReturnsIt,
	},
});

export const xeroPaymentProfile = defineProfile({
	...XERO,
	entity: 'payment',
	vendorObject: 'Payment',
	// Read only here: a Xero payment needs the bank account it was paid into, which the ERP node asks for.
	toCanonical: (raw: unknown, context) => toCanonicalPayment(xeroRecord<XeroPayment>(raw, 'payment', 'PaymentID', ['Date', 'UpdatedDateUTC'], ['Amount']), context),
});

export const xeroProjectProfile = defineProfile({
	...XERO,
	entity: 'project',
	vendorObject: 'project',
	toCanonical: (raw: unknown, context) => {
		const project = inspectVendorRecord(raw, { what: 'Xero project (Projects API)', idField: 'projectId', numbers: ['estimate.value'] });
		return toCanonicalProject(project as unknown as XeroProject, context);
	},
});

/** Xero's built-in mappings: contacts, invoices, payments (read only) and projects (read only). */
export const xeroMappingProfiles: RegisteredProfile[] = [xeroClientProfile, xeroInvoiceProfile, xeroPaymentProfile, xeroProjectProfile];
