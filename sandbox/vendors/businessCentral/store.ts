import { createHash } from 'node:crypto';
import { generateBilling, seedInvoiceTotals } from '../../seed/billing';
import type { FirmData } from '../../seed/firm';

/** One Business Central company as the API v2.0 shows it; amounts are JSON decimals, as BC sends them. */
export type Row = Record<string, unknown> & { id: string; '@odata.etag'?: string; lastModifiedDateTime?: string };

export const BC_TENANT_ID = '7d3a5f0e-2b6c-4c1d-9e8f-0a1b2c3d4e5f';
export const BC_COMPANY_ID = '5d115c9c-44e3-ea11-bb43-000d3a2feca1';
export const BC_ENVIRONMENTS = ['production', 'sandbox'];
export const BC_LOCAL_CURRENCY = 'GBP';
/** Foreign currencies set up in the company (the local one is never in the Currency table). */
export const BC_CURRENCIES = ['USD', 'EUR'];
export const BC_REVENUE_ACCOUNT = '40100';
export const BC_BANK_ACCOUNT = '10100';
/** Journal the pack writes payments to: balanced against the bank account, so it can be posted. */
export const BC_PAYMENT_JOURNAL = 'P2C';
/** Tax groups and their rates in the fake (BC computes tax from its own setup). */
export const BC_TAX_RATES: Record<string, number> = { VAT20: 20, VAT21: 21, NOVAT: 0 };
const TAX_CODE_BY_RATE: Record<string, string> = { '20': 'VAT20', '21': 'VAT21', '0': 'NOVAT' };

/** A deterministic GUID, as BC ids are GUIDs (systemId). */
export function bcGuid(...parts: Array<string | number>): string {
	const hex = createHash('sha1').update(parts.join(':')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Decimal arithmetic in cents, rounded half away from zero as BC's amount rounding precision 0.01 does. */
export const toCents = (value: unknown): number => Math.round(Number(value ?? 0) * 100 + (Number(value ?? 0) >= 0 ? 1e-7 : -1e-7));
export const fromCents = (cents: number): number => Number((cents / 100).toFixed(2));
const roundCents = (value: number): number => (value >= 0 ? Math.floor(value + 0.5) : -Math.floor(-value + 0.5));

export class BusinessCentralStore {
	company: Row = { id: BC_COMPANY_ID };
	customers = new Map<string, Row>();
	projects = new Map<string, Row>();
	invoices = new Map<string, Row>();
	invoiceLines = new Map<string, Row[]>();
	paymentJournals = new Map<string, Row>();
	payments = new Map<string, Row>();
	accounts: Row[] = [];
	taxGroups: Row[] = [];
	items: Row[] = [];
	/** Posted payments (customer ledger entries): not exposed by API v2.0, kept for tests. */
	ledger: Array<{ invoiceId: string; amount: number; postingDate: string; externalDocumentNumber?: string }> = [];
	private counters = { customer: 0, draft: 0, posted: 0, document: 0, version: 0, record: 0 };

	now(): string {
		return new Date().toISOString();
	}

	newId(kind: string): string {
		this.counters.record += 1;
		return bcGuid('bc', kind, this.counters.record, Date.now());
	}

	/** A fresh weak ETag, as BC changes it on every modification. */
	touch(row: Row, at = this.now()): Row {
		this.counters.version += 1;
		row['@odata.etag'] = `W/"JzE5OzE${Buffer.from(`${row.id}:${this.counters.version}`).toString('base64')}Jw=="`;
		row.lastModifiedDateTime = at;
		return row;
	}

	nextCustomerNumber(): string {
		this.counters.customer += 10;
		return `C${String(this.counters.customer).padStart(5, '0')}`;
	}

	nextDraftNumber(): string {
		this.counters.draft += 1;
		return `S-INV${100000 + this.counters.draft}`;
	}

	nextPostedNumber(): string {
		this.counters.posted += 1;
		return `PS-INV${103000 + this.counters.posted}`;
	}

	nextDocumentNumber(): string {
		this.counters.document += 1;
		return `G${String(this.counters.document).padStart(5, '0')}`;
	}

	seed(firm: FirmData): void {
		this.customers.clear();
		this.projects.clear();
		this.invoices.clear();
		this.invoiceLines.clear();
		this.paymentJournals.clear();
		this.payments.clear();
		this.ledger = [];
		this.counters = { customer: 0, draft: 0, posted: 0, document: 0, version: 0, record: 0 };
		this.company = { id: BC_COMPANY_ID, systemVersion: '24.0', name: 'Meridian Advisory', displayName: 'Meridian Advisory Ltd', businessProfileId: '' };
		this.accounts = [
			{ id: bcGuid('account', BC_BANK_ACCOUNT), number: BC_BANK_ACCOUNT, displayName: 'Business Current Account', category: 'Assets', subCategory: 'Cash', blocked: false, accountType: 'Posting', directPosting: true },
			{ id: bcGuid('account', '13100'), number: '13100', displayName: 'Accounts Receivable', category: 'Assets', subCategory: 'Accounts Receivable', blocked: false, accountType: 'Posting', directPosting: false },
			{ id: bcGuid('account', BC_REVENUE_ACCOUNT), number: BC_REVENUE_ACCOUNT, displayName: 'Consulting Revenue', category: 'Income', subCategory: 'Income, Services', blocked: false, accountType: 'Posting', directPosting: true },
			{ id: bcGuid('account', '40200'), number: '40200', displayName: 'Re-billed Expenses', category: 'Income', subCategory: 'Income, Services', blocked: false, accountType: 'Posting', directPosting: true },
		];
		this.taxGroups = Object.entries(BC_TAX_RATES).map(([code, rate]) => ({ id: bcGuid('taxGroup', code), code, displayName: `${code} (${rate}%)`, taxType: 'VAT' }));
		this.items = [{ id: bcGuid('item', 'CONSULTING'), number: 'CONSULTING', displayName: 'Consulting hour', type: 'Service', unitPrice: 200, blocked: false }];
		for (const [code, balancing] of [[BC_PAYMENT_JOURNAL, BC_BANK_ACCOUNT], ['GENERAL', '']] as const) {
			const journal: Row = { id: bcGuid('customerPaymentJournal', code), code, displayName: code === 'GENERAL' ? 'Default journal' : 'Project-to-Cash payments', balancingAccountId: balancing ? bcGuid('account', balancing) : '00000000-0000-0000-0000-000000000000', balancingAccountNumber: balancing };
			this.paymentJournals.set(journal.id, this.touch(journal, '2026-01-01T00:00:00.000Z'));
		}

		const customerIds = new Map<string, string>();
		for (const client of firm.clients) {
			const customer: Row = {
				id: bcGuid('customer', client.key),
				number: this.nextCustomerNumber(),
				displayName: client.name,
				type: 'Company',
				addressLine1: '', addressLine2: '', city: client.city, state: '', country: client.country, postalCode: '',
				phoneNumber: client.phone,
				email: `accounts@${client.domain}`,
				website: client.domain,
				salespersonCode: '', balanceDue: 0, creditLimit: 0, taxLiable: false,
				taxRegistrationNumber: '',
				currencyId: '00000000-0000-0000-0000-000000000000',
				currencyCode: client.currency === BC_LOCAL_CURRENCY ? '' : client.currency,
				blocked: ' ',
			};
			this.customers.set(customer.id, this.touch(customer, client.updatedAt));
			customerIds.set(client.key, customer.id);
		}
		for (const project of firm.projects) {
			const row: Row = { id: bcGuid('project', project.key), number: project.code, displayName: project.name };
			this.projects.set(row.id, this.touch(row, project.startDate + 'T00:00:00.000Z'));
		}

		const billing = generateBilling(firm);
		const invoiceIds = new Map<string, string>();
		for (const seed of billing.invoices) {
			const customer = this.customers.get(customerIds.get(seed.clientKey)!)!;
			const invoice: Row = {
				id: bcGuid('salesInvoice', seed.key),
				number: seed.number,
				externalDocumentNumber: seed.reference,
				invoiceDate: seed.issueDate,
				postingDate: seed.issueDate,
				dueDate: seed.dueDate,
				customerId: customer.id,
				customerNumber: customer.number,
				customerName: customer.displayName,
				currencyCode: seed.currency === BC_LOCAL_CURRENCY ? '' : seed.currency,
				status: seed.state === 'draft' ? 'Draft' : seed.state === 'void' ? 'Canceled' : 'Open',
			};
			const lines = seed.lines.map((line, index) => ({
				sequence: (index + 1) * 10000,
				lineType: 'Account',
				lineObjectNumber: BC_REVENUE_ACCOUNT,
				description: line.description,
				quantity: line.quantity,
				unitPrice: Number(line.unitPrice),
				taxCode: TAX_CODE_BY_RATE[seed.taxRatePercent] ?? 'NOVAT',
			}));
			this.insertInvoice(invoice, lines, seed.updatedAt);
			const totals = seedInvoiceTotals(seed);
			if (toCents(totals.total) !== toCents(invoice.totalAmountIncludingTax)) throw new Error(`seed totals differ for ${seed.key}`);
			if (seed.state === 'void') invoice.remainingAmount = 0;
			invoiceIds.set(seed.key, invoice.id);
		}
		for (const payment of billing.payments) {
			const invoice = this.invoices.get(invoiceIds.get(payment.invoiceKey)!)!;
			this.applyPayment(invoice, toCents(payment.amount), payment.date, payment.reference, new Date(`${payment.date}T12:00:00Z`).toISOString());
		}
	}

	/** Creates an invoice with its lines and computes every amount BC computes (read-only fields). */
	insertInvoice(invoice: Row, lines: Array<Record<string, unknown>>, at = this.now()): Row {
		this.invoices.set(invoice.id, invoice);
		this.invoiceLines.set(
			invoice.id,
			lines.map((line, index) => ({ ...line, id: this.newId('salesInvoiceLine'), documentId: invoice.id, sequence: line.sequence ?? (index + 1) * 10000 }) as Row),
		);
		this.recalculate(invoice, at);
		return invoice;
	}

	/** Line amounts and tax per line, each rounded to the cent, then the header totals. */
	recalculate(invoice: Row, at = this.now()): void {
		let subtotal = 0;
		let tax = 0;
		for (const line of this.invoiceLines.get(invoice.id) ?? []) {
			const lineCents = line.lineType === 'Comment' ? 0 : roundCents((toCents(line.unitPrice) * Math.round(Number(line.quantity ?? 0) * 10_000)) / 10_000);
			const rate = BC_TAX_RATES[String(line.taxCode ?? '')] ?? 0;
			const taxCents = roundCents((lineCents * rate) / 100);
			Object.assign(line, {
				amountExcludingTax: fromCents(lineCents),
				taxPercent: rate,
				totalTaxAmount: fromCents(taxCents),
				amountIncludingTax: fromCents(lineCents + taxCents),
				netAmount: fromCents(lineCents),
				netTaxAmount: fromCents(taxCents),
				netAmountIncludingTax: fromCents(lineCents + taxCents),
			});
			this.touch(line, at);
			subtotal += lineCents;
			tax += taxCents;
		}
		Object.assign(invoice, {
			totalAmountExcludingTax: fromCents(subtotal),
			totalTaxAmount: fromCents(tax),
			totalAmountIncludingTax: fromCents(subtotal + tax),
			discountAmount: 0,
			pricesIncludeTax: false,
		});
		// An unposted invoice owes its whole total; a posted one what its ledger entry still has open.
		if (invoice.status === 'Draft' || invoice.status === 'In Review' || invoice.remainingAmount === undefined) invoice.remainingAmount = fromCents(subtotal + tax);
		this.touch(invoice, at);
	}

	/** Posts money received against an invoice (a customer ledger payment applied to it). */
	applyPayment(invoice: Row, cents: number, postingDate: string, externalDocumentNumber?: string, at = this.now()): void {
		const remaining = Math.max(0, toCents(invoice.remainingAmount) - cents);
		invoice.remainingAmount = fromCents(remaining);
		if (remaining === 0) invoice.status = 'Paid';
		this.ledger.push({ invoiceId: invoice.id, amount: fromCents(cents), postingDate, externalDocumentNumber });
		this.touch(invoice, at);
	}

	invoiceWithLines(invoice: Row): Row {
		return { ...invoice, salesInvoiceLines: [...(this.invoiceLines.get(invoice.id) ?? [])].sort((a, b) => Number(a.sequence) - Number(b.sequence)) };
	}
}
