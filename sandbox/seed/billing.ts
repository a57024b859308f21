import { seededRandom } from '../core/ids';
import { SEED_ANCHOR, type FirmData } from './firm';
import { DAY_MS } from '../core/time';

/**
 * The firm's customer invoices and the payments received on them, vendor-neutral: every ERP fake
 * (Xero, Business Central) renders the same invoices in its own shapes. Drawn from its own random
 * stream, so it changes none of the firm's other records.
 */
export interface SeedInvoiceLine {
	description: string;
	/** Hours, at most two decimals. */
	quantity: number;
	/** Decimal string, excluding tax. */
	unitPrice: string;
}

export type SeedInvoiceState = 'draft' | 'approved' | 'void';

export interface SeedInvoice {
	key: string;
	number: string;
	/** The business reference (`<project code>-<n>`): the idempotency key of the invoice run that made it. */
	reference: string;
	projectKey: string;
	clientKey: string;
	currency: string;
	/** Sales tax rate applied to every line, in percent ("20" for UK VAT). */
	taxRatePercent: string;
	issueDate: string;
	dueDate: string;
	state: SeedInvoiceState;
	lines: SeedInvoiceLine[];
	updatedAt: string;
}

export interface SeedPayment {
	key: string;
	invoiceKey: string;
	date: string;
	/** Decimal string in the invoice's currency. */
	amount: string;
	reference: string;
}

export interface BillingData {
	invoices: SeedInvoice[];
	payments: SeedPayment[];
}

const TAX_BY_CURRENCY: Record<string, string> = { GBP: '20', EUR: '21', USD: '0' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

const toCents = (decimal: string): number => {
	const [whole, fraction = ''] = decimal.split('.');
	return Number(whole) * 100 + Number((fraction + '00').slice(0, 2));
};
const fromCents = (cents: number): string => `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Line amounts (quantity x price) and tax per line, each rounded half up to the cent, as the ERPs do. */
export function seedInvoiceTotals(invoice: Pick<SeedInvoice, 'lines' | 'taxRatePercent'>): { subtotal: string; tax: string; total: string } {
	let subtotal = 0;
	let tax = 0;
	for (const line of invoice.lines) {
		const amount = Math.round(line.quantity * 100 * toCents(line.unitPrice)) / 100;
		const lineCents = Math.round(amount);
		subtotal += lineCents;
		tax += Math.round((lineCents * Number(invoice.taxRatePercent)) / 100);
	}
	return { subtotal: fromCents(subtotal), tax: fromCents(tax), total: fromCents(subtotal + tax) };
}

export function generateBilling(firm: FirmData): BillingData {
	const random = seededRandom(firm.options.seed + 104_729);
	const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
	const invoices: SeedInvoice[] = [];
	const payments: SeedPayment[] = [];
	const tasks = ['Discovery', 'Design', 'Build', 'Testing', 'Project Management'];

	firm.projects.forEach((project, projectIndex) => {
		const count = 1 + (projectIndex % 3);
		for (let sequence = 1; sequence <= count; sequence++) {
			const issued = SEED_ANCHOR - (10 + 30 * (count - sequence) + between(0, 12)) * DAY_MS;
			const due = issued + 30 * DAY_MS;
			const lineCount = between(1, 3);
			const lines: SeedInvoiceLine[] = Array.from({ length: lineCount }, (_value, lineIndex) => ({
				description: `${tasks[(projectIndex + lineIndex) % tasks.length]} - ${MONTHS[new Date(issued).getUTCMonth()]} ${new Date(issued).getUTCFullYear()}`,
				quantity: between(8, 80) / 2,
				unitPrice: project.hourlyRate,
			}));
			const roll = random();
			// Older invoices are mostly settled; the newest ones are open, some already past due.
			const state: SeedInvoiceState = roll < 0.06 ? 'void' : roll < 0.12 && sequence === count ? 'draft' : 'approved';
			const invoice: SeedInvoice = {
				key: `invoice-${invoices.length + 1}`,
				number: `INV-${String(invoices.length + 1).padStart(4, '0')}`,
				reference: `${project.code}-${sequence}`,
				projectKey: project.key,
				clientKey: project.clientKey,
				currency: project.currency,
				taxRatePercent: TAX_BY_CURRENCY[project.currency] ?? '0',
				issueDate: isoDate(issued),
				dueDate: isoDate(due),
				state,
				lines,
				updatedAt: new Date(issued + DAY_MS).toISOString(),
			};
			invoices.push(invoice);
			if (state !== 'approved') continue;
			const paymentRoll = random();
			const total = toCents(seedInvoiceTotals(invoice).total);
			const paidOn = Math.min(due + between(-20, 10) * DAY_MS, SEED_ANCHOR - DAY_MS);
			if (paymentRoll < 0.55 && paidOn > issued) {
				payments.push({ key: `payment-${payments.length + 1}`, invoiceKey: invoice.key, date: isoDate(paidOn), amount: fromCents(total), reference: `Remittance ${invoice.number}` });
				invoice.updatedAt = new Date(paidOn).toISOString();
			} else if (paymentRoll < 0.7 && paidOn > issued) {
				payments.push({ key: `payment-${payments.length + 1}`, invoiceKey: invoice.key, date: isoDate(paidOn), amount: fromCents(Math.floor(total / 2)), reference: `Part payment ${invoice.number}` });
				invoice.updatedAt = new Date(paidOn).toISOString();
			}
		}
	});
	return { invoices, payments };
}
