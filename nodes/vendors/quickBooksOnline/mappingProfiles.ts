import type { IDataObject } from 'n8n-workflow';
import type { Invoice, MapContext, Payment } from '../../shared/canonical';
import { money, multiplyMoney, sumMoney } from '../../shared/canonical';
import { defineProfile, inspectVendorRecord, VendorRecordError, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	decimal,
	fromCanonicalClient,
	fromCanonicalInvoice,
	fromCanonicalPayment,
	notesWithKey,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalPayment,
	type QboCustomer,
	type QboInvoice,
	type QboMapContext,
	type QboPayment,
} from './records';

const QUICKBOOKS = { system: 'quickBooksOnline', systemName: 'QuickBooks Online' } as const;

/**
 * The mapping node knows no company: the Default Currency option stands for the home currency
 * (of records without a CurrencyRef), and the run's date for "today" (overdue invoices).
 */
const qboContext = (context: MapContext): QboMapContext => ({ ...context, homeCurrency: context.defaultCurrency, today: context.fetchedAt.slice(0, 10) });

const entity = <T>(raw: unknown, what: string, extra: { dates?: string[]; numbers?: string[]; required?: string[] } = {}): T =>
	inspectVendorRecord(raw, { what: `QuickBooks Online ${what} (an Accounting API entity with Id)`, idField: 'Id', required: extra.required, dates: ['MetaData.LastUpdatedTime', ...(extra.dates ?? [])], numbers: extra.numbers }) as T;

export const quickBooksOnlineClientProfile = defineProfile({
	...QUICKBOOKS,
	entity: 'client',
	vendorObject: 'Customer',
	toCanonical: (raw: unknown, context) => toCanonicalClient(entity<QboCustomer>(raw, 'Customer'), qboContext(context)),
	write: {
		// The firm's key goes on a line of Notes: QuickBooks has no external-id field on a customer.
		fromCanonical: (record) => ({ ...fromCanonicalClient(record, { create: true }), ...(record.externalRefs?.key ? { Notes: notesWithKey(undefined, record.externalRefs.key) } : {}) }) as IDataObject,
		// taxNumber is left out: QuickBooks masks PrimaryTaxIdentifier in every answer, so it cannot be read back.
		writableFields: ['name', 'email', 'phone', 'domain', 'currency', 'billingAddress', 'isActive', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ Id: remoteId, ...payload }) as QboCustomer,
	},
});

/** QuickBooks computes totals and the balance itself; this is what it answers for a tax-free invoice. */
function invoiceAsQuickBooksReturnsIt(payload: IDataObject, remoteId: string): QboInvoice {
	const invoice = payload as unknown as QboInvoice;
	const currency = invoice.CurrencyRef?.value || 'USD';
	const lines = invoice.Line ?? [];
	const total = sumMoney(lines.map((line) => money(line.Amount ?? 0, currency)), currency);
	const amount = decimal(total.amountMinor, currency);
	return { ...invoice, Id: remoteId, Line: [...lines, { DetailType: 'SubTotalLineDetail', Amount: amount, SubTotalLineDetail: {} }], TxnTaxDetail: { TotalTax: 0 }, TotalAmt: amount, Balance: amount };
}

export const quickBooksOnlineInvoiceProfile = defineProfile({
	...QUICKBOOKS,
	entity: 'invoice',
	vendorObject: 'Invoice',
	toCanonical: (raw: unknown, context) => toCanonicalInvoice(entity<QboInvoice>(raw, 'Invoice', { dates: ['TxnDate', 'DueDate'], numbers: ['TotalAmt', 'Balance'], required: ['CustomerRef.value'] }), qboContext(context)),
	write: {
		fromCanonical: (record) => {
			const invoice = record as Invoice;
			const missing = (invoice.lines ?? []).flatMap((line, index) =>
				line.itemCode ? [] : [{ path: `lines.${index}.itemCode`, rule: 'required', message: `lines.${index}.itemCode is required: QuickBooks Online needs an item (id) on every line` }],
			);
			if (missing.length > 0) throw new VendorRecordError(missing);
			const lines = invoice.lines.map((line) => ({ ...line, lineAmount: line.lineAmount ?? multiplyMoney(line.unitPrice, line.quantity) }));
			return fromCanonicalInvoice({ ...invoice, lines }, (line) => ({ value: line.itemCode! })) as unknown as IDataObject;
		},
		writableFields: ['reference', 'number', 'issueDate', 'dueDate', 'clientId', 'projectId', 'currency', 'lines'],
		recordFromPayload: invoiceAsQuickBooksReturnsIt,
	},
});

export const quickBooksOnlinePaymentProfile = defineProfile({
	...QUICKBOOKS,
	entity: 'payment',
	vendorObject: 'Payment',
	toCanonical: (raw: unknown, context) => {
		const payment = toCanonicalPayment(entity<QboPayment>(raw, 'Payment', { dates: ['TxnDate'], numbers: ['TotalAmt'], required: ['CustomerRef.value'] }), qboContext(context));
		if (!payment) throw new VendorRecordError([{ path: 'Line', rule: 'vendorShape', message: 'Line is required: a QuickBooks Online Payment against an invoice links it in Line[].LinkedTxn (TxnType "Invoice")' }]);
		return payment;
	},
	write: {
		fromCanonical: (record) => {
			const payment = record as Payment;
			return fromCanonicalPayment(payment, { customerId: payment.clientId ?? '', reference: payment.reference ?? payment.externalRefs?.key ?? payment.id ?? '' }) as unknown as IDataObject;
		},
		writableFields: ['invoiceId', 'clientId', 'date', 'amount', 'reference'],
		recordFromPayload: (payload, remoteId) => ({ Id: remoteId, ...payload }) as QboPayment,
	},
});

/** QuickBooks Online's built-in mappings: customers, invoices, payments. */
export const quickBooksOnlineMappingProfiles: RegisteredProfile[] = [quickBooksOnlineClientProfile, quickBooksOnlineInvoiceProfile, quickBooksOnlinePaymentProfile];
