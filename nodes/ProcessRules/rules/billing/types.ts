import type { Client, Expense, InvoiceLine, Milestone, Money, Project, Resource, Task, TimeEntry } from '../../../shared/canonical';
import type { BillingPeriod } from './period';
import type { RateCardRate } from './price';
import type { BillingTerms } from './terms';

/** The checks before invoicing, by name. */
export const CHECK_RULES = ['duplicate', 'notApproved', 'closedProject', 'outsideProjectDates', 'missingRate', 'rateDiffersFromRateCard', 'longDay', 'overBudget'] as const;
export type CheckRule = (typeof CHECK_RULES)[number];

/** Rules that hold without a choice: the record cannot be billed as it is. */
export type FixedHoldRule = 'duplicateId' | 'unknownProject' | 'unknownClient' | 'noCurrency' | 'notToExceed' | 'coveredByFixedFee';
export type HoldRule = CheckRule | FixedHoldRule;

/** What a check does when it fires: keep the record off the invoice, list it for review on the draft, or nothing. */
export type CheckAction = 'hold' | 'flag' | 'ignore';

export interface BillingPolicy {
	checks: Record<CheckRule, CheckAction>;
	/** More hours than this by one person on one day, across projects, fires `longDay`. */
	maxHoursPerDay: number;
	/** `project`: time not approved holds the whole project (marking the period invoiced would lock that time too). */
	unapprovedHolds: 'project' | 'record';
	/** One invoice per project and currency, or per client and currency. */
	invoicePer: 'project' | 'client';
	/** Time lines per task, per person, or per task and person (always also per rate: two rates never average). */
	linesPer: 'task' | 'person' | 'taskAndPerson';
	/** `entry`: the time entry's own rate (rate card if it has none); `rateCard`: the rate card first. */
	rateSource: 'entry' | 'rateCard';
	/** Expenses billed at cost (0) or marked up by this percentage; a project's terms may say otherwise. */
	expenseMarkupPercent: number;
	expenseLinesPer: 'category' | 'expense';
}

/** Today's Invoicing Policy: what the template did before these rules were a node. */
export const DEFAULT_BILLING_POLICY: BillingPolicy = {
	checks: {
		duplicate: 'flag',
		notApproved: 'hold',
		closedProject: 'flag',
		outsideProjectDates: 'flag',
		missingRate: 'flag',
		rateDiffersFromRateCard: 'flag',
		longDay: 'flag',
		overBudget: 'flag',
	},
	maxHoursPerDay: 10,
	unapprovedHolds: 'project',
	invoicePer: 'project',
	linesPer: 'task',
	rateSource: 'entry',
	expenseMarkupPercent: 0,
	expenseLinesPer: 'category',
};

export interface BillingInput {
	period: BillingPeriod;
	/** Every record needs an id: it is how the invoice line names what it bills. */
	timeEntries: TimeEntry[];
	expenses: Expense[];
	projects: Project[];
	clients: Client[];
	tasks?: Task[];
	resources?: Resource[];
	/** Time already invoiced on these projects, for the budget and not-to-exceed checks. */
	billedTime?: TimeEntry[];
	/** Fixed-fee and milestone projects bill their milestones with status `reached`. */
	milestones?: Milestone[];
	rateCard?: RateCardRate[];
	terms?: BillingTerms[];
}

export type RecordType = 'timeEntry' | 'expense';

/** A check that fired on one record. */
export interface Finding {
	rule: HoldRule;
	reason: string;
	recordType: RecordType;
	recordId: string;
	/** Position in the input list of its type (time entries, expenses). */
	position: number;
}

/** What a draft says a person should look at before it goes out. */
export interface DraftFlag {
	rule: string;
	reason: string;
	projectId: string;
	sourceIds: string[];
}

export interface HeldRecord {
	recordType: RecordType;
	id: string;
	reason: string;
}

/** Records kept off every invoice for one rule, on one project. */
export interface HoldGroup {
	held: true;
	rule: HoldRule;
	reason: string;
	projectId: string;
	projectName: string;
	projectCode: string;
	clientId: string;
	clientName: string;
	periodKey: string;
	records: HeldRecord[];
	timeEntryIds: string[];
	expenseIds: string[];
	/** Hours held, in hundredths. */
	hoursHundredths: number;
	timeEntryPositions: number[];
	expensePositions: number[];
}

export interface RetainerDrawdown {
	includedHours: number;
	drawnHours: number;
	overageHours: number;
	remainingHours: number;
}

export interface NotToExceedOutcome {
	cap: Money;
	billedBefore: Money;
	billedNow: Money;
	remainingAfter: Money;
	heldTimeEntryIds: string[];
}

/** One invoice draft: a canonical invoice (status draft) and what a reviewer needs to approve it. */
export interface InvoiceDraft {
	held: false;
	reference: string;
	status: 'draft';
	clientId: string;
	projectId?: string;
	currency: string;
	issueDate: string;
	dueDate: string;
	lines: InvoiceLine[];
	subtotal: Money;
	total: Money;
	/** The client's name (what the ERP customer is matched by). */
	name: string;
	clientName: string;
	psaClientId: string;
	projectIds: string[];
	projectName: string;
	projectCode: string;
	periodKey: string;
	periodStart: string;
	periodEnd: string;
	subtotalMinor: number;
	amountDecimal: string;
	/** "1234.50 USD". */
	subtotalText: string;
	hoursHundredths: number;
	/** What a person reviews before the invoice goes out, one sentence each. */
	exceptions: string[];
	flags: DraftFlag[];
	timeEntryIds: string[];
	expenseIds: string[];
	milestoneIds: string[];
	firstWorkDate?: string;
	lastWorkDate?: string;
	retainer?: Record<string, RetainerDrawdown>;
	notToExceed?: Record<string, NotToExceedOutcome>;
	timeEntryPositions: number[];
	expensePositions: number[];
}

export interface BillingResult {
	drafts: InvoiceDraft[];
	holds: HoldGroup[];
}
