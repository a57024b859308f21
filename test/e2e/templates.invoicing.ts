/**
 * What the time-to-invoice template must leave in the sandbox: one draft invoice per invoiced
 * project in the ERP, referenced `<project code>-<YYYY-MM>`, whose lines match, to the cent, a
 * computation made here from Harvest's records and the staged billing terms (hours x rate per task
 * and rate, a fixed fee by percent complete, milestones reached, block hours and overage, a
 * not-to-exceed cap, expenses at cost or marked up); the same time and expenses marked invoiced
 * in Harvest; the projects held (unapproved time, a fixed fee with nothing due) untouched.
 */
import type { Sandbox } from '../../sandbox/server';
import type { StagedProject, StagedTime, TimeCase } from '../../sandbox/scenarios';
import type { AnyObject } from './templateSupport';
import { cents, lineCents } from './templateSupport';

/** What a correct run does with each staged case: invoice it, after the Approval Gate or not; what it holds, by rule. */
const OUTCOMES: Record<TimeCase, { invoiced: boolean; approval: boolean; held?: string }> = {
	clean: { invoiced: true, approval: false },
	longDay: { invoiced: true, approval: true },
	unapproved: { invoiced: false, approval: false, held: 'notApproved' },
	fixedFee: { invoiced: true, approval: false },
	milestone: { invoiced: true, approval: false },
	coveredByFixedFee: { invoiced: false, approval: false, held: 'coveredByFixedFee' },
	retainer: { invoiced: true, approval: false },
	// Time past the cap stays off the invoice: the draft waits for a person.
	notToExceed: { invoiced: true, approval: true, held: 'notToExceed' },
	checks: { invoiced: true, approval: true },
};

export const invoicedProjects = (staged: StagedTime): StagedProject[] => staged.projects.filter((project) => OUTCOMES[project.case].invoiced);
export const gatedProjects = (staged: StagedTime): StagedProject[] => staged.projects.filter((project) => OUTCOMES[project.case].approval);
/** `[project name, rule]` of every hold the run must report. */
export const expectedHolds = (staged: StagedTime): Array<[string, string]> => staged.projects.flatMap((project) => (OUTCOMES[project.case].held ? [[project.projectName, OUTCOMES[project.case].held!] as [string, string]] : []));

/** The checks each case's draft must carry for its reviewer (every check that flags is reached once); a seeded project may carry more. */
const BILLING_CASE = new Set<TimeCase>(['fixedFee', 'milestone', 'coveredByFixedFee', 'retainer', 'notToExceed', 'checks']);

export const EXPECTED_FLAGS: Partial<Record<TimeCase, string[]>> = {
	longDay: ['longDay'],
	notToExceed: ['notToExceed'],
	checks: ['closedProject', 'duplicate', 'missingRate', 'outsideProjectDates', 'overBudget', 'rateDiffersFromRateCard'],
};

export type InvoicingErp = 'xero' | 'businessCentral';

const state = (sandbox: Sandbox, vendor: string): AnyObject => sandbox.vendors.get(vendor)!.state() as AnyObject;

export const referenceOf = (project: StagedProject, staged: StagedTime): string => `${project.projectCode || `P${project.projectId}`}-${staged.periodKey}`;

/** One ERP invoice in a vendor-neutral shape: reference, currency, lines in cents, subtotal in cents. */
export interface ErpInvoiceView {
	id: string;
	number: string;
	reference: string;
	status: string;
	currency: string;
	customer: string;
	lines: Array<{ quantity: number; unitCents: number; lineCents: number }>;
	subtotalCents: number;
}

export function erpInvoices(sandbox: Sandbox, erp: InvoicingErp): ErpInvoiceView[] {
	if (erp === 'xero') {
		return (state(sandbox, 'xero').invoices as AnyObject[]).map((invoice) => ({
			id: invoice.InvoiceID,
			number: invoice.InvoiceNumber,
			reference: invoice.Reference,
			status: invoice.Status,
			currency: invoice.CurrencyCode,
			customer: invoice.Contact?.Name ?? '',
			lines: (invoice.LineItems as AnyObject[]).map((line) => ({ quantity: line.Quantity, unitCents: cents(line.UnitAmount), lineCents: cents(line.LineAmount) })),
			subtotalCents: cents(invoice.SubTotal),
		}));
	}
	const bc = state(sandbox, 'businesscentral');
	return (bc.salesInvoices as AnyObject[]).map((invoice) => ({
		id: invoice.id,
		number: invoice.number,
		reference: invoice.externalDocumentNumber,
		status: invoice.status,
		currency: invoice.currencyCode || 'GBP',
		customer: (bc.customers as AnyObject[]).find((customer) => customer.id === invoice.customerId)?.displayName ?? '',
		lines: (invoice.salesInvoiceLines as AnyObject[]).map((line) => ({ quantity: line.quantity, unitCents: cents(line.unitPrice), lineCents: cents(line.amountExcludingTax) })),
		subtotalCents: cents(invoice.totalAmountExcludingTax),
	}));
}

type ExpectedLine = { quantity: number; unitCents: number; lineCents: number };
const byLine = (a: ExpectedLine, b: ExpectedLine): number => a.lineCents - b.lineCents || a.quantity - b.quantity || a.unitCents - b.unitCents;
const money = (value: unknown): number => cents(String((value as AnyObject).amount));
/** Half away from zero, as an amount is rounded once; for the whole non-negative numbers these are. */
const rounded = (numerator: number, denominator: number): number => Math.round(numerator / denominator);

/** Hours x rate per task and rate: hundredths of an hour times cents, rounded once per line. */
function timeLines(entries: AnyObject[], rateOf: (entry: AnyObject) => number | null = (entry) => entry.billable_rate): ExpectedLine[] {
	const groups = new Map<string, { hundredths: number; rate: number }>();
	for (const entry of entries) {
		const rate = rateOf(entry) ?? 0;
		const key = `${entry.task_id}|${rate}`;
		const group = groups.get(key) ?? { hundredths: 0, rate };
		group.hundredths += Math.round(entry.hours * 100);
		groups.set(key, group);
	}
	return [...groups.values()].map((group) => ({ quantity: group.hundredths / 100, unitCents: cents(group.rate), lineCents: lineCents(group.hundredths / 100, group.rate) }));
}

/** One line per category, at cost or marked up (the line rounded once). */
function expenseLines(expenses: AnyObject[], markupPercent = 0): ExpectedLine[] {
	const byCategory = new Map<number, number>();
	for (const expense of expenses) byCategory.set(expense.expense_category_id, (byCategory.get(expense.expense_category_id) ?? 0) + cents(expense.total_cost));
	return [...byCategory.values()].map((cost) => {
		const amount = rounded(cost * (100 + markupPercent), 100);
		return { quantity: 1, unitCents: amount, lineCents: amount };
	});
}

const inDateOrder = (entries: AnyObject[]): AnyObject[] => [...entries].sort((a, b) => (a.spent_date === b.spent_date ? a.id - b.id : a.spent_date < b.spent_date ? -1 : 1));

/**
 * The lines an invoice of this project must have, computed here from the PSA's records (Harvest's
 * hours, rates, fee and expenses) and the billing terms the run was given, apart from the pack's rules.
 */
export function expectedLines(sandbox: Sandbox, project: StagedProject, staged?: StagedTime): ExpectedLine[] {
	const harvest = state(sandbox, 'harvest');
	const entries = (harvest.timeEntries as AnyObject[]).filter((candidate) => project.timeEntryIds.includes(String(candidate.id)));
	const expenses = (harvest.expenses as AnyObject[]).filter((expense) => project.expenseIds.includes(String(expense.id)));
	const terms = (staged?.billingTerms?.[project.projectCode] ?? {}) as AnyObject;
	const fee = (harvest.projects as AnyObject[]).find((candidate) => String(candidate.id) === project.projectId)?.fee as number;
	let lines: ExpectedLine[];
	if (project.case === 'fixedFee') {
		// The fee earned by percent complete, less what was billed of it before.
		const due = rounded(cents(fee) * terms.percentComplete, 100) - money(terms.feeBilledToDate);
		lines = [{ quantity: 1, unitCents: due, lineCents: due }, ...expenseLines(expenses, terms.expenseMarkupPercent)];
	} else if (project.case === 'milestone') {
		lines = [...(terms.milestones as AnyObject[]).filter((milestone) => milestone.status === 'reached').map((milestone) => ({ quantity: 1, unitCents: money(milestone.amount), lineCents: money(milestone.amount) })), ...expenseLines(expenses)];
	} else if (project.case === 'retainer') {
		// The balance drawn in date order; what an entry books beyond it is overage.
		const balance = Math.round(terms.retainer.balanceHours * 100);
		const booked = entries.reduce((sum, entry) => sum + Math.round(entry.hours * 100), 0);
		const drawn = Math.min(balance, booked);
		const over = booked - drawn;
		const rate = money(terms.retainer.overageRate);
		lines = [{ quantity: drawn / 100, unitCents: 0, lineCents: 0 }, ...(over > 0 ? [{ quantity: over / 100, unitCents: rate, lineCents: rounded(over * rate, 100) }] : []), ...expenseLines(expenses)];
	} else if (project.case === 'notToExceed') {
		// In date order, time is billed while the running total stays within the cap; from the first entry past it, nothing more.
		const cap = money(terms.notToExceed) * 100;
		let running = 0;
		const kept: AnyObject[] = [];
		for (const entry of inDateOrder(entries)) {
			running += Math.round(entry.hours * 100) * cents(entry.billable_rate);
			if (running > cap) break;
			kept.push(entry);
		}
		lines = [...timeLines(kept), ...expenseLines(expenses)];
	} else {
		lines = [...timeLines(entries), ...expenseLines(expenses)];
	}
	return lines.sort(byLine);
}

export function invoicingSnapshot(sandbox: Sandbox, erp: InvoicingErp): AnyObject {
	const harvest = state(sandbox, 'harvest');
	return {
		erpInvoices: erpInvoices(sandbox, erp).map((invoice) => `${invoice.reference}:${invoice.subtotalCents}`).sort(),
		harvestInvoices: (harvest.invoices as AnyObject[]).length,
		billedEntries: (harvest.timeEntries as AnyObject[]).filter((entry) => entry.is_billed).length,
		billedExpenses: (harvest.expenses as AnyObject[]).filter((expense) => expense.is_billed).length,
	};
}

export function expectInvoicingDone(sandbox: Sandbox, erp: InvoicingErp, staged: StagedTime, erpInvoicesBefore: number): void {
	const harvest = state(sandbox, 'harvest');
	const invoices = erpInvoices(sandbox, erp);
	const invoiced = invoicedProjects(staged);
	// One new draft per invoiced project, nothing else.
	expect(invoices).toHaveLength(erpInvoicesBefore + invoiced.length);

	for (const project of invoiced) {
		const reference = referenceOf(project, staged);
		const found = invoices.filter((invoice) => invoice.reference === reference);
		expect({ reference, invoices: found.length }).toEqual({ reference, invoices: 1 });
		const [invoice] = found;
		expect(invoice.status).toBe(erp === 'xero' ? 'DRAFT' : 'Draft');
		expect(invoice.customer).toBe(project.clientName);
		expect(invoice.currency).toBe(project.currency);
		// The lines, to the cent, as computed here from the PSA's records and the terms.
		const lines = [...invoice.lines].sort(byLine);
		expect({ case: project.case, lines }).toEqual({ case: project.case, lines: expectedLines(sandbox, project, staged) });
		for (const line of lines) expect(line.lineCents).toBe(Math.round((Math.round(line.quantity * 100) * line.unitCents) / 100));
		expect(invoice.subtotalCents).toBe(lines.reduce((sum, line) => sum + line.lineCents, 0));

		// The period's time and expenses marked invoiced in Harvest, by one Harvest invoice under the reference
		// (time held past a not-to-exceed cap too: the period is marked as a whole once the draft is approved).
		const entries = (harvest.timeEntries as AnyObject[]).filter((entry) => project.timeEntryIds.includes(String(entry.id)));
		const expenses = (harvest.expenses as AnyObject[]).filter((expense) => project.expenseIds.includes(String(expense.id)));
		for (const record of [...entries, ...expenses]) expect(record).toMatchObject({ is_billed: true, is_locked: true });
		const harvestInvoice = (harvest.invoices as AnyObject[]).filter((candidate) => candidate.purchase_order === reference);
		expect(harvestInvoice).toHaveLength(1);
		// Harvest prices what it imports at its own rates: the same amount where the invoice is time and expenses at cost.
		if (['clean', 'longDay', 'checks'].includes(project.case)) expect(cents(harvestInvoice[0].amount)).toBe(invoice.subtotalCents);
		expect(new Set(entries.map((entry) => entry.invoice?.id))).toEqual(new Set([harvestInvoice[0].id]));
		if (erp === 'xero') expect(harvestInvoice[0].number).toBe(invoice.number);
	}

	// The projects held as a whole (time still waiting for approval, a fixed fee with nothing due): no invoice, nothing marked.
	for (const held of staged.projects.filter((project) => !OUTCOMES[project.case].invoiced)) {
		expect(invoices.some((invoice) => invoice.reference === referenceOf(held, staged))).toBe(false);
		for (const entry of (harvest.timeEntries as AnyObject[]).filter((candidate) => held.timeEntryIds.includes(String(candidate.id)))) expect({ case: held.case, billed: entry.is_billed }).toEqual({ case: held.case, billed: false });
	}
}

/** Every check that flags, on the draft of its case; and each hold the run reports, by its rule. */
export function expectEveryRuleReached(drafts: AnyObject[], staged: StagedTime): void {
	for (const project of staged.projects) {
		const flags = EXPECTED_FLAGS[project.case];
		if (!flags) continue;
		const draft = drafts.find((candidate) => candidate.held === false && candidate.reference === referenceOf(project, staged));
		const fired = [...new Set(((draft?.flags ?? []) as AnyObject[]).map((flag) => String(flag.rule)))].sort();
		// The projects staged for a case are new: exactly their checks. A seeded one (longDay) may have more (its dates, say).
		expect({ case: project.case, flags: fired }).toEqual({ case: project.case, flags: BILLING_CASE.has(project.case) ? flags : expect.arrayContaining(flags) });
	}
	const holds = drafts.filter((candidate) => candidate.held === true).map((hold) => [String(hold.projectName), String(hold.rule)]);
	expect(holds.sort()).toEqual(expectedHolds(staged).sort());
}
