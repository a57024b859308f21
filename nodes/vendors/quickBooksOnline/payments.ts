import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { ErpPaymentApi, PaymentQuery, PaymentToRecord } from '../../Erp/connector';
import type { Payment } from '../../shared/canonical';
import { toDecimalString } from '../../shared/canonical';
import type { QboInvoices } from './invoices';
import { clause, dateTimeValue, dateValue, type QboClause } from './query';
import { fromCanonicalPayment, linkedInvoices, toCanonicalInvoice, toCanonicalPayment, type QboPayment } from './records';
import type { QboSession } from './session';

const isPayment = (payment: Payment | undefined): payment is Payment => payment !== undefined;

/**
 * Payments received (Payment entity): money from a customer applied to invoices by lines that link
 * them (`Line[].LinkedTxn[{TxnId, TxnType: "Invoice"}]`). The pack records one payment per invoice.
 */
export class QboPayments implements ErpPaymentApi {
	constructor(
		private readonly session: QboSession,
		private readonly invoices: QboInvoices,
	) {}

	async get(id: string): Promise<Payment> {
		const payment = toCanonicalPayment(await this.session.read<QboPayment>('Payment', id), await this.session.mapContext());
		if (!payment) throw new Error(`QuickBooks Online payment ${id} is applied to no invoice (an unapplied credit)`);
		return payment;
	}

	/** Payments by invoice (those of its customer that are applied to it) or by date; LinkedTxn cannot be filtered on. */
	async *list(query: PaymentQuery): AsyncIterable<Payment[]> {
		const context = await this.session.mapContext();
		const filters = query.filters ?? {};
		const invoice = filters.invoiceId ? await this.invoices.raw(filters.invoiceId) : undefined;
		const where: Array<QboClause | undefined> = [
			invoice ? clause('CustomerRef', '=', invoice.CustomerRef.value) : undefined,
			filters.fromDate ? clause('TxnDate', '>=', dateValue(filters.fromDate.slice(0, 10))) : undefined,
			filters.toDate ? clause('TxnDate', '<=', dateValue(filters.toDate.slice(0, 10))) : undefined,
			query.modifiedSince ? clause('MetaData.LastUpdatedTime', '>=', dateTimeValue(query.modifiedSince)) : undefined,
		];
		for await (const page of this.session.pages<QboPayment>('Payment', where, { orderBy: 'Id', limit: invoice ? undefined : query.limit })) {
			yield page
				.filter((payment) => !invoice || linkedInvoices(payment).includes(invoice.Id))
				.map((payment) => toCanonicalPayment(payment, context, invoice?.Id))
				.filter(isPayment);
		}
	}

	/** Payments created at or after `since`, oldest first: what the "payment received" trigger emits. */
	async *receivedSince(since: string): AsyncIterable<Payment[]> {
		const context = await this.session.mapContext();
		for await (const page of this.session.pages<QboPayment>('Payment', [clause('MetaData.CreateTime', '>=', dateTimeValue(since))], { orderBy: 'MetaData.CreateTime' })) {
			yield page.map((payment) => toCanonicalPayment(payment, context)).filter(isPayment);
		}
	}

	/** The reference a payment is recorded under: the caller's, or one derived from what it is. */
	static referenceOf(payment: Payment): string {
		if (payment.reference?.trim()) return payment.reference.trim();
		const digest = createHash('sha256').update(`${payment.invoiceId}|${payment.date}|${payment.amount.amountMinor}|${payment.amount.currency}`).digest('hex');
		return `P2C-${digest.slice(0, 16).toUpperCase()}`;
	}

	/** The payment already recorded for this invoice, date, amount and reference, if any. */
	private async findRecorded(customerId: string, payment: Payment, reference: string): Promise<QboPayment | undefined> {
		const context = await this.session.mapContext();
		const candidates = await this.session.all<QboPayment>('Payment', [clause('CustomerRef', '=', customerId), clause('TxnDate', '=', dateValue(payment.date))], 'Id');
		return candidates.find((candidate) => {
			const canonical = toCanonicalPayment(candidate, context, payment.invoiceId);
			return canonical !== undefined && canonical.amount.amountMinor === payment.amount.amountMinor && canonical.reference === reference;
		});
	}

	/**
	 * Records a payment against an invoice, into the given deposit account (else the credential's,
	 * else QuickBooks' Undeposited Funds). The payment is looked up before it is written and before
	 * any retry, and the write carries a requestid: it is never made twice.
	 */
	async record({ payment, account }: PaymentToRecord): Promise<Payment> {
		const label = `Payment for invoice ${payment.invoiceId}`;
		const context = await this.session.mapContext();
		let invoice;
		try {
			invoice = await this.invoices.raw(payment.invoiceId);
		} catch (error) {
			throw new NodeOperationError(this.session.client.node, `${label}: invoiceId does not name a QuickBooks Online invoice (${(error as Error).message})`);
		}
		const canonical = toCanonicalInvoice(invoice, context);
		if (canonical.status === 'void' || canonical.status === 'paid') throw new Error(`${label}: invoice ${canonical.number ?? canonical.id} is ${canonical.status}; it takes no payment`);
		if (payment.amount.currency !== canonical.currency) throw new Error(`${label}: amount.currency ${payment.amount.currency} differs from the invoice's currency ${canonical.currency}`);
		const balance = canonical.balance?.amountMinor ?? 0;
		if (payment.amount.amountMinor <= 0 || payment.amount.amountMinor > balance) {
			throw new Error(`${label}: amount ${toDecimalString(payment.amount.amountMinor, payment.amount.currency)} must be above 0 and at most the invoice's balance ${toDecimalString(balance, canonical.currency)} ${canonical.currency}`);
		}
		const reference = QboPayments.referenceOf(payment);
		const customerId = invoice.CustomerRef.value;
		const body = fromCanonicalPayment(payment, { customerId, reference, depositAccount: account?.trim() || this.session.settings.depositAccount });
		const recorded =
			(await this.findRecorded(customerId, payment, reference)) ??
			(await this.session.write<QboPayment>('Payment', body as never, {
				requestId: this.session.requestId('payment', body),
				lookup: async () => await this.findRecorded(customerId, payment, reference),
			}));
		return toCanonicalPayment(recorded, context, payment.invoiceId)!;
	}
}
