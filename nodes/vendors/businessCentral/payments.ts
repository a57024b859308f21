import { createHash } from 'crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { PaymentQuery, PaymentToRecord } from '../../Erp/connector';
import type { Payment } from '../../shared/canonical';
import { toDecimalString } from '../../shared/canonical';
import type { BcInvoices } from './invoices';
import { currencyOf, fromCanonicalPayment, paymentReceivedOn, toCanonicalInvoice, toCanonicalPayment, type BcCustomerPayment, type BcSalesInvoice } from './records';
import { allOf, compare, date, dateTime, guid, text } from './odata';
import type { BcSession } from './session';

interface PaymentJournal {
	id: string;
	code: string;
	displayName?: string;
	balancingAccountNumber?: string;
}

/**
 * Payments in Business Central API v2.0 are lines of a customer payment journal
 * (resources/dynamics_customerpayment), applied to a posted invoice with `appliesToInvoiceId`.
 * Posting the journal settles the invoice: customerPaymentJournals has no bound action, but the
 * journals entity set finds any journal batch by id and its `Microsoft.NAV.post` posts it
 * (resources/dynamics_journal; APIV2 - Journals page looks the batch up by SystemId).
 * Posted lines leave the journal, and v2.0 has no customer ledger entries: money received on a
 * posted invoice is then read from the invoice's remaining amount.
 */
export class BcPayments {
	private journals?: Promise<PaymentJournal[]>;

	constructor(
		private readonly session: BcSession,
		private readonly invoices: BcInvoices,
	) {}

	private async allJournals(): Promise<PaymentJournal[]> {
		this.journals ??= (async () => {
			const list: PaymentJournal[] = [];
			for await (const page of this.session.list<PaymentJournal & { id: string }>('/customerPaymentJournals')) list.push(...page);
			return list;
		})();
		return await this.journals;
	}

	/** The journal a payment goes to: by balancing account when given, else the credential's journal code, else the first. */
	async journalFor(account?: string): Promise<PaymentJournal> {
		const journals = await this.allJournals();
		const wanted = account?.trim();
		const configured = this.session.settings.paymentJournal?.toUpperCase();
		const byAccount = wanted ? journals.filter((candidate) => candidate.balancingAccountNumber === wanted || candidate.code.toUpperCase() === wanted.toUpperCase()) : journals;
		// Several journals may balance to one bank account: the credential's journal first.
		const journal = (configured ? byAccount.find((candidate) => candidate.code.toUpperCase() === configured) : undefined) ?? (wanted || !configured ? byAccount[0] : undefined);
		if (!journal) {
			const which = wanted ? `with balancing account ${wanted}` : configured ? `with code ${configured}` : 'at all';
			throw new Error(`Business Central has no customer payment journal ${which}; create one (with a bank balancing account) or fix the credential's Payment Journal`);
		}
		return journal;
	}

	private async currencyOfInvoice(invoiceId: string | undefined, cache: Map<string, string>): Promise<string> {
		const context = await this.session.mapContext();
		if (!invoiceId) return context.localCurrency;
		if (!cache.has(invoiceId)) {
			try {
				cache.set(invoiceId, currencyOf((await this.invoices.raw(invoiceId)).currencyCode, context));
			} catch {
				cache.set(invoiceId, context.localCurrency);
			}
		}
		return cache.get(invoiceId)!;
	}

	private async toCanonical(lines: BcCustomerPayment[], cache: Map<string, string>): Promise<Payment[]> {
		const payments: Payment[] = [];
		for (const line of lines) payments.push(toCanonicalPayment(line, await this.currencyOfInvoice(line.appliesToInvoiceId, cache), this.session.context));
		return payments;
	}

	async get(id: string): Promise<Payment> {
		const received = /^([0-9a-f-]{36})@\d+$/i.exec(id);
		if (received) {
			const invoice = toCanonicalInvoice(await this.invoices.raw(received[1]), await this.session.mapContext());
			const payment = paymentReceivedOn(invoice, this.session.context);
			if (!payment || payment.id !== id) throw new Error(`Payment ${id} is no longer current: invoice ${invoice.number ?? invoice.id} has received ${invoice.amountPaid?.amountMinor ?? 0} minor units so far`);
			return payment;
		}
		const line = await this.session.getOne<BcCustomerPayment>(`/customerPayments(${guid(id).value})`);
		return (await this.toCanonical([line], new Map()))[0];
	}

	/**
	 * Journal lines (payments recorded and not yet posted) by invoice or posting date; for one
	 * invoice also the money already posted against it, as one "received to date" payment.
	 */
	async *list(query: PaymentQuery): AsyncIterable<Payment[]> {
		const filters = query.filters ?? {};
		const filter = allOf(
			filters.invoiceId ? compare('appliesToInvoiceId', 'eq', guid(filters.invoiceId)) : undefined,
			filters.fromDate ? compare('postingDate', 'ge', date(filters.fromDate.slice(0, 10))) : undefined,
			filters.toDate ? compare('postingDate', 'le', date(filters.toDate.slice(0, 10))) : undefined,
			query.modifiedSince ? compare('lastModifiedDateTime', 'ge', dateTime(query.modifiedSince)) : undefined,
		);
		const cache = new Map<string, string>();
		// The API lists payment lines only within a journal ("You must specify a journal batch ID").
		for (const journal of await this.allJournals()) {
			for await (const page of this.session.list<BcCustomerPayment>(`/customerPaymentJournals(${journal.id})/customerPayments`, { filter, limit: query.limit })) {
				yield await this.toCanonical(page, cache);
			}
		}
		if (filters.invoiceId) {
			const invoice = toCanonicalInvoice(await this.invoices.raw(filters.invoiceId), await this.session.mapContext());
			const received = paymentReceivedOn(invoice, this.session.context);
			if (received && (!filters.fromDate || received.date >= filters.fromDate.slice(0, 10)) && (!filters.toDate || received.date <= filters.toDate.slice(0, 10))) yield [received];
		}
	}

	/** The reference a payment is recorded under (External Document No., Code[35]): the caller's, or one derived from what it is. */
	static referenceOf(payment: Payment): string {
		if (payment.reference?.trim()) return payment.reference.trim().slice(0, 35);
		const digest = createHash('sha256').update(`${payment.invoiceId}|${payment.date}|${payment.amount.amountMinor}|${payment.amount.currency}`).digest('hex');
		return `P2C-${digest.slice(0, 16).toUpperCase()}`;
	}

	private async findLine(journal: PaymentJournal, reference: string): Promise<BcCustomerPayment | undefined> {
		return await this.session.findOne<BcCustomerPayment>(`/customerPaymentJournals(${journal.id})/customerPayments`, compare('externalDocumentNumber', 'eq', text(reference)));
	}

	/**
	 * Records a payment against a posted invoice: a journal line applied to it (a credit, so a negative
	 * amount), then, when the credential says so, posts the journal so the invoice is settled.
	 * The line is looked up by its reference before it is written and before any retry; the posting
	 * is retried only if the line is still in the journal.
	 */
	async record({ payment, account }: PaymentToRecord): Promise<Payment> {
		const label = `Payment for invoice ${payment.invoiceId}`;
		let invoice: BcSalesInvoice;
		try {
			invoice = await this.invoices.raw(payment.invoiceId);
		} catch (error) {
			throw new NodeOperationError(this.session.client.node, `${label}: invoiceId does not name a Business Central sales invoice (${(error as Error).message})`);
		}
		const context = await this.session.mapContext();
		const canonical = toCanonicalInvoice(invoice, context);
		if (invoice.status !== 'Open') {
			throw new Error(`${label}: invoice ${invoice.number ?? invoice.id} is ${canonical.status}; Business Central takes payments only against posted, unpaid invoices (approve it first)`);
		}
		if (payment.amount.currency !== canonical.currency) {
			throw new Error(`${label}: amount.currency ${payment.amount.currency} differs from the invoice's currency ${canonical.currency}`);
		}
		if (payment.amount.amountMinor <= 0 || payment.amount.amountMinor > (canonical.balance?.amountMinor ?? 0)) {
			const remaining = toDecimalString(canonical.balance?.amountMinor ?? 0, canonical.currency);
			throw new Error(`${label}: amount ${toDecimalString(payment.amount.amountMinor, payment.amount.currency)} must be above 0 and at most the invoice's remaining ${remaining} ${canonical.currency}`);
		}
		const journal = await this.journalFor(account);
		const reference = BcPayments.referenceOf(payment);
		const body = { ...fromCanonicalPayment({ ...payment, clientId: invoice.customerId }, reference), journalId: journal.id };
		const line =
			(await this.findLine(journal, reference)) ??
			(await this.session.client.send<BcCustomerPayment>({
				method: 'POST',
				url: `${this.session.company}/customerPaymentJournals(${journal.id})/customerPayments`,
				body,
				retrySafety: { lookup: async () => await this.findLine(journal, reference) },
			}));
		if (this.session.settings.postPayments) {
			await this.session.client.request({
				method: 'POST',
				url: `${this.session.company}/journals(${journal.id})/Microsoft.NAV.post`,
				retrySafety: { lookup: async () => ((await this.findLine(journal, reference)) ? undefined : { posted: true }) },
			});
		}
		return toCanonicalPayment(line, canonical.currency, this.session.context);
	}

	/** Money received on posted invoices changed at or after `since`, one payment per change of the amount received. */
	async *receivedSince(since: string): AsyncIterable<Payment[]> {
		for await (const page of this.invoices.postedChangedSince(since)) {
			yield page.map((invoice) => paymentReceivedOn(invoice, this.session.context)).filter((payment): payment is Payment => payment !== undefined);
		}
	}
}
