import type { IDataObject } from 'n8n-workflow';
import type { Invoice, MapContext } from '../../shared/canonical';
import { minorUnitExponent, money, multiplyMoney, toDecimalString } from '../../shared/canonical';
import { defineProfile, inspectVendorRecord, VendorRecordError, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	fromCanonicalClient,
	fromCanonicalInvoice,
	fromCanonicalPayment,
	toCanonicalClient,
	toCanonicalInvoice,
	toCanonicalPayment,
	toCanonicalProject,
	type BcCustomer,
	type BcCustomerPayment,
	type BcMapContext,
	type BcProject,
	type BcSalesInvoice,
	type BcSalesInvoiceLine,
} from './records';

const BUSINESS_CENTRAL = { system: 'businessCentral', systemName: 'Business Central' } as const;

/**
 * The mapping node knows no company: the Default Currency option stands for the company's local
 * currency (which BC leaves blank on records), and the run's date for "today" (overdue invoices).
 */
const bcContext = (context: MapContext): BcMapContext => ({ ...context, localCurrency: context.defaultCurrency, today: context.fetchedAt.slice(0, 10) });

const entity = <T>(raw: unknown, what: string, extra: { dates?: string[]; numbers?: string[] } = {}): T =>
	inspectVendorRecord(raw, { what: `Business Central ${what} (an API v2.0 entity with id)`, idField: 'id', dates: ['lastModifiedDateTime', ...(extra.dates ?? [])], numbers: extra.numbers }) as T;

export const businessCentralClientProfile = defineProfile({
	...BUSINESS_CENTRAL,
	entity: 'client',
	vendorObject: 'customer',
	toCanonical: (raw: unknown, context) => toCanonicalClient(entity<BcCustomer>(raw, 'customer'), bcContext(context)),
	write: {
		// The customer No. is the upsert key: externalRefs.key, upper case as BC keeps a Code[20].
		fromCanonical: (record, options) => ({
			...fromCanonicalClient(record, { localCurrency: options.defaultCurrency }),
			...(record.externalRefs?.key ? { number: record.externalRefs.key.toUpperCase() } : {}),
		}),
		writableFields: ['name', 'email', 'phone', 'domain', 'taxNumber', 'currency', 'billingAddress', 'isActive', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ id: remoteId, ...payload }) as BcCustomer,
	},
});

export const businessCentralProjectProfile = defineProfile({
	...BUSINESS_CENTRAL,
	entity: 'project',
	vendorObject: 'project',
	toCanonical: (raw: unknown, context) => toCanonicalProject(entity<BcProject>(raw, 'project'), context),
});

/** BC fills line and document totals itself; this is what it computes for a tax-free draft. */
function draftAsBcReturnsIt(payload: IDataObject, remoteId: string): BcSalesInvoice {
	const invoice = payload as Partial<BcSalesInvoice>;
	const currency = invoice.currencyCode || 'USD';
	const lines = (invoice.salesInvoiceLines ?? []).map((line: BcSalesInvoiceLine) => {
		const amount = multiplyMoney(money(line.unitPrice ?? 0, currency), line.quantity ?? 0);
		return { ...line, amountExcludingTax: Number(toDecimalString(amount.amountMinor, currency)) };
	});
	const total = lines.reduce((sum, line) => sum + Math.round(line.amountExcludingTax * 10 ** minorUnitExponent(currency)), 0) / 10 ** minorUnitExponent(currency);
	return { ...invoice, id: remoteId, status: 'Draft', salesInvoiceLines: lines, totalAmountExcludingTax: total, totalTaxAmount: 0, totalAmountIncludingTax: total, remainingAmount: total };
}

export const businessCentralInvoiceProfile = defineProfile({
	...BUSINESS_CENTRAL,
	entity: 'invoice',
	vendorObject: 'salesInvoice',
	toCanonical: (raw: unknown, context) =>
		toCanonicalInvoice(
			entity<BcSalesInvoice>(raw, 'sales invoice', {
				dates: ['invoiceDate', 'postingDate', 'dueDate'],
				numbers: ['totalAmountExcludingTax', 'totalTaxAmount', 'totalAmountIncludingTax', 'remainingAmount'],
			}),
			bcContext(context),
		),
	write: {
		fromCanonical: (record, options) => {
			const invoice = record as Invoice;
			const missing = (invoice.lines ?? []).flatMap((line, index) =>
				line.itemCode || line.accountCode ? [] : [{ path: `lines.${index}.accountCode`, rule: 'required', message: `lines.${index}.accountCode is required: Business Central needs an item or a G/L account on every line` }],
			);
			if (missing.length > 0) throw new VendorRecordError(missing);
			return fromCanonicalInvoice(invoice, { localCurrency: options.defaultCurrency }) as IDataObject;
		},
		writableFields: ['reference', 'issueDate', 'dueDate', 'clientId', 'currency', 'lines'],
		recordFromPayload: draftAsBcReturnsIt,
	},
});

export const businessCentralPaymentProfile = defineProfile({
	...BUSINESS_CENTRAL,
	entity: 'payment',
	vendorObject: 'customerPayment',
	// Journal lines carry no currency: they are in the company's local currency (the Default Currency option).
	toCanonical: (raw: unknown, context) =>
		toCanonicalPayment(entity<BcCustomerPayment>(raw, 'customer payment', { dates: ['postingDate'], numbers: ['amount'] }), context.defaultCurrency, context),
	write: {
		fromCanonical: (record) => fromCanonicalPayment(record as Parameters<typeof fromCanonicalPayment>[0], record.reference ?? record.externalRefs?.key ?? record.id ?? '') as IDataObject,
		writableFields: ['invoiceId', 'clientId', 'date', 'amount', 'reference'],
		recordFromPayload: (payload, remoteId) => ({ id: remoteId, ...payload }) as BcCustomerPayment,
	},
});

/** Business Central's built-in mappings: customers, projects (read only), sales invoices, customer payments. */
export const businessCentralMappingProfiles: RegisteredProfile[] = [
	businessCentralClientProfile,
	businessCentralProjectProfile,
	businessCentralInvoiceProfile,
	businessCentralPaymentProfile,
];
