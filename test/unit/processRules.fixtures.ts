/** Canonical records for the process-rules tests, parsed by their schemas so defaults are as the nodes give them. */
import { Client, Expense, Invoice, Milestone, Payment, Project, Resource, TimeEntry, type Money } from '../../nodes/shared/canonical';
import { billingPeriod } from '../../nodes/ProcessRules/rules/billing/period';

export const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
export const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

export const MARCH = billingPeriod({ billingMonth: '2026-03', today: '2026-04-01', paymentTermsDays: 30 });

export const client = (id: string, fields: Partial<Client> = {}): Client => Client.parse({ id, name: `Client ${id}`, ...fields });
export const project = (id: string, fields: Partial<Project> = {}): Project => Project.parse({ id, name: `Project ${id}`, clientId: 'c1', status: 'active', billingModel: 'time_and_materials', ...fields });

let nextEntry = 1;
export const entry = (fields: Partial<TimeEntry> = {}): TimeEntry =>
	TimeEntry.parse({ id: `t${nextEntry++}`, date: '2026-03-02', hours: 1, billable: true, approvalStatus: 'approved', projectId: 'p1', taskId: 'k1', resourceId: 'r1', rate: usd(10000), ...fields });

let nextExpense = 1;
export const expense = (fields: Partial<Expense> = {}): Expense =>
	Expense.parse({ id: `e${nextExpense++}`, date: '2026-03-03', amount: usd(5000), category: 'Travel', billable: true, approvalStatus: 'approved', projectId: 'p1', ...fields });

export const milestone = (id: string, fields: Partial<Milestone> = {}): Milestone => Milestone.parse({ id, name: `Milestone ${id}`, projectId: 'p1', status: 'reached', ...fields });
export const resource = (id: string, fields: Partial<Resource> = {}): Resource => Resource.parse({ id, displayName: `Person ${id}`, ...fields });
export const invoice = (id: string, fields: Partial<Invoice> = {}): Invoice =>
	Invoice.parse({ id, number: `INV-${id}`, clientId: 'c1', status: 'authorised', currency: 'USD', issueDate: '2026-02-01', dueDate: '2026-03-01', total: usd(100000), ...fields });
export const payment = (invoiceId: string, date: string, amountMinor = 1000): Payment => Payment.parse({ invoiceId, date, amount: usd(amountMinor) });

/** A small deterministic PRNG (mulberry32): the same seed gives the same cases on every run. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** hundredths of an hour x a rate in minor units, rounded half away from zero: computed apart from the rules, in BigInt. */
export function independentPrice(hundredths: number, rateMinor: number): number {
	const product = BigInt(hundredths) * BigInt(rateMinor);
	const negative = product < 0n;
	const magnitude = negative ? -product : product;
	let rounded = magnitude / 100n;
	if ((magnitude % 100n) * 2n >= 100n) rounded += 1n;
	return Number(negative ? -rounded : rounded);
}
