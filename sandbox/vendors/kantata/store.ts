import type { FirmData, SeedProject } from '../../seed/firm';

/**
 * Kantata OX API v1 records as the fake keeps them: the attributes its reference lists for each
 * object (developer.kantata.com/kantata/specification; mavenlink/mavenlink_gem lib/config/specification.yml),
 * ids as strings of digits, amounts as integer cents of the currency's base unit. Associations that
 * Kantata only shows when included (a workspace's participations, a group's workspaces) are derived
 * when presented.
 */
export interface UserRecord { id: string; full_name: string; email_address: string; headline: string; disabled: boolean; account_id: string; photo_path: string | null; created_at: string; updated_at: string }
export interface WorkspaceGroupRecord { id: string; name: string; company: boolean; contact_name: string | null; email: string | null; phone_number: string | null; address: string | null; website: string | null; notes: string | null }
export interface WorkspaceRecord {
	id: string; title: string; description: string | null; archived: boolean; budgeted: boolean; price_in_cents: number | null; currency: string; currency_base_unit: number;
	currency_symbol: string; start_date: string | null; due_date: string | null; stories_are_fixed_fee_by_default: boolean; status: { color: string; key: number; message: string };
	workspace_group_ids: string[]; primary_workspace_group_id: string | null; primary_maven_id: string | null; require_time_approvals: boolean; require_expense_approvals: boolean;
	creator_id: string; created_at: string; updated_at: string;
}
export interface ParticipationRecord { id: string; workspace_id: string; user_id: string; role: 'maven' | 'buyer'; is_team_lead: boolean; rate_in_cents: number | null; access_level: string; created_at: string; updated_at: string }
export interface StoryRecord {
	id: string; title: string; workspace_id: string; story_type: 'task' | 'deliverable' | 'milestone' | 'issue'; billable: boolean; archived: boolean; state: string;
	time_estimate_in_minutes: number | null; start_date: string | null; due_date: string | null; description: string | null; creator_id: string; created_at: string; updated_at: string;
}
export interface TimeEntryRecord {
	id: string; workspace_id: string; story_id: string | null; user_id: string; date_performed: string; time_in_minutes: number; billable: boolean; notes: string | null;
	rate_in_cents: number; cost_rate_in_cents: number; currency: string; currency_base_unit: number; currency_symbol: string; approved: boolean; is_invoiced: boolean; invoice_id: string | null;
	active_submission_id: string | null; recent_submission_id: string | null; created_at: string; updated_at: string;
}
export interface ExpenseRecord {
	id: string; workspace_id: string; user_id: string; date: string; category: string; amount_in_cents: number; currency: string; currency_base_unit: number; currency_symbol: string;
	notes: string | null; is_billable: boolean; is_invoiced: boolean; reimbursable: boolean; invoice_id: string | null; active_submission_id: string | null; recent_submission_id: string | null;
	created_at: string; updated_at: string;
}
export interface SubmissionRecord { id: string; workspace_id: string; user_id: string; status: 'pending' | 'approved' | 'rejected'; title: string; start_date?: string; end_date?: string; time_entry_ids?: string[]; expense_ids?: string[]; created_at: string; updated_at: string }
export interface InvoiceRecord {
	id: string; workspace_ids: string[]; user_id: string; title: string; draft: boolean; status: string; invoice_date: string; due_date: string; payment_schedule: number; message: string | null;
	purchase_order: string | null; user_invoice_number: string | null; balance_in_cents: number; currency: string; currency_base_unit: number; time_entry_ids: string[]; expense_ids: string[];
	created_at: string; updated_at: string;
}

export interface KantataTables {
	users: Map<string, UserRecord>;
	workspaceGroups: Map<string, WorkspaceGroupRecord>;
	workspaces: Map<string, WorkspaceRecord>;
	participations: Map<string, ParticipationRecord>;
	stories: Map<string, StoryRecord>;
	timeEntries: Map<string, TimeEntryRecord>;
	expenses: Map<string, ExpenseRecord>;
	timesheetSubmissions: Map<string, SubmissionRecord>;
	expenseReportSubmissions: Map<string, SubmissionRecord>;
	invoices: Map<string, InvoiceRecord>;
}

/** Each table's ids in a range of its own, so no record's id is another table's. */
const ID_BASE: Record<keyof KantataTables, number> = {
	users: 4_100_000, workspaceGroups: 5_200_000, workspaces: 7_300_000, participations: 12_400_000, stories: 15_500_000, timeEntries: 31_600_000,
	expenses: 41_700_000, timesheetSubmissions: 51_800_000, expenseReportSubmissions: 61_900_000, invoices: 72_000_000,
};

export const ACCOUNT_ID = '9101112';
const SYMBOLS: Record<string, string> = { USD: '$', GBP: '£', EUR: '€', JPY: '¥' };
/** Kantata's base unit of a currency: 100 cents to the dollar, 1 for the yen. */
export const baseUnitOf = (currency: string): number => (['JPY', 'KRW', 'ISK', 'CLP', 'VND'].includes(currency) ? 1 : 100);
export const symbolOf = (currency: string): string => SYMBOLS[currency] ?? currency;
/** Kantata's timestamps: ISO 8601 with a UTC offset, whole seconds. */
export const stamp = (instant: string | number | Date): string => new Date(instant).toISOString().replace(/\.\d{3}Z$/, '+00:00');
export const kantataNow = (): string => stamp(Date.now());
const at = (date: string, time = '09:00:00'): string => `${date}T${time}+00:00`;
/** A decimal in a currency's major unit as Kantata cents ("1234.50" -> 123450), by string arithmetic. */
export function centsOf(decimal: string, currency: string): number {
	const digits = baseUnitOf(currency) === 1 ? 0 : 2;
	const [whole, fraction = ''] = decimal.trim().split('.');
	const sign = whole.startsWith('-') ? -1 : 1;
	return sign * Number(`${whole.replace('-', '') || '0'}${(fraction + '00').slice(0, digits)}`);
}

const emptyTables = (): KantataTables => ({
	users: new Map(), workspaceGroups: new Map(), workspaces: new Map(), participations: new Map(), stories: new Map(),
	timeEntries: new Map(), expenses: new Map(), timesheetSubmissions: new Map(), expenseReportSubmissions: new Map(), invoices: new Map(),
});

const TASKS = ['Discovery', 'Design', 'Build', 'Testing', 'Project Management'];
/** The monday of a date's week, for grouping time into weekly timesheets. */
const weekOf = (date: string): string => {
	const time = Date.parse(`${date}T00:00:00Z`);
	const day = (new Date(time).getUTCDay() + 6) % 7;
	return new Date(time - day * 86_400_000).toISOString().slice(0, 10);
};

export class KantataStore {
	tables: KantataTables = emptyTables();
	private counters = new Map<keyof KantataTables, number>();

	newId(table: keyof KantataTables): string {
		const next = (this.counters.get(table) ?? 0) + 1;
		this.counters.set(table, next);
		return String(ID_BASE[table] + next);
	}

	/** The user the fake's tokens act as (the account administrator who registered the application). */
	get tokenUserId(): string {
		return [...this.tables.users.keys()][0];
	}

	seed(firm: FirmData): void {
		this.tables = emptyTables();
		this.counters.clear();
		const t = this.tables;
		const userIds = new Map<string, string>();
		for (const person of firm.people) {
			const id = this.newId('users');
			userIds.set(person.key, id);
			t.users.set(id, {
				id, full_name: `${person.firstName} ${person.lastName}`, email_address: person.email, headline: person.jobTitle, disabled: Boolean(person.terminationDate),
				account_id: ACCOUNT_ID, photo_path: null, created_at: at(person.hireDate), updated_at: at(person.terminationDate ?? person.hireDate),
			});
		}
		const billRates = new Map(firm.people.map((person) => [person.key, person.billRate]));
		const groupIds = new Map<string, string>();
		for (const client of firm.clients) {
			const id = this.newId('workspaceGroups');
			groupIds.set(client.key, id);
			t.workspaceGroups.set(id, { id, name: client.name, company: true, contact_name: null, email: null, phone_number: client.phone, address: `${client.city}\n${client.country}`, website: client.domain, notes: null });
		}
		// A group that is not a company: how firms file internal work, left out of the clients.
		const internal = this.newId('workspaceGroups');
		t.workspaceGroups.set(internal, { id: internal, name: 'Internal Initiatives', company: false, contact_name: null, email: null, phone_number: null, address: null, website: null, notes: null });

		const workspaceIds = new Map<string, string>();
		const storyIds = new Map<string, string>();
		const projects = new Map(firm.projects.map((project) => [project.key, project]));
		for (const project of firm.projects) {
			const id = this.newId('workspaces');
			workspaceIds.set(project.key, id);
			t.workspaces.set(id, this.workspaceOf(id, project, groupIds.get(project.clientKey)!, userIds.get(project.managerKey)!));
			this.participate(id, userIds.get(project.managerKey)!, true, centsOf(billRates.get(project.managerKey)!, project.currency), at(project.startDate));
			for (const name of TASKS) {
				const storyId = this.newId('stories');
				storyIds.set(`${project.key}|${name}`, storyId);
				t.stories.set(storyId, {
					id: storyId, title: name, workspace_id: id, story_type: 'task', billable: name !== 'Project Management', archived: false, state: project.active ? 'started' : 'completed',
					time_estimate_in_minutes: null, start_date: project.startDate, due_date: project.endDate, description: null, creator_id: userIds.get(project.managerKey)!,
					created_at: at(project.startDate), updated_at: at(project.startDate),
				});
			}
			if (project.billingModel === 'milestone') {
				const storyId = this.newId('stories');
				t.stories.set(storyId, {
					id: storyId, title: 'Acceptance', workspace_id: id, story_type: 'milestone', billable: true, archived: false, state: 'not started', time_estimate_in_minutes: null,
					start_date: project.endDate, due_date: project.endDate, description: null, creator_id: userIds.get(project.managerKey)!, created_at: at(project.startDate), updated_at: at(project.startDate),
				});
			}
		}

		const invoiceOf = new Map<string, InvoiceRecord>();
		const invoiceFor = (projectKey: string): InvoiceRecord => {
			const existing = invoiceOf.get(projectKey);
			if (existing) return existing;
			const project = projects.get(projectKey)!;
			const id = this.newId('invoices');
			const invoice: InvoiceRecord = {
				id, workspace_ids: [workspaceIds.get(projectKey)!], user_id: userIds.get(project.managerKey)!, title: `Invoice #${1000 + invoiceOf.size + 1}`, draft: false, status: 'paid',
				invoice_date: '2026-09-01', due_date: '2026-10-01', payment_schedule: 30, message: null, purchase_order: `${project.code}-seed`, user_invoice_number: String(1000 + invoiceOf.size + 1),
				balance_in_cents: 0, currency: project.currency, currency_base_unit: baseUnitOf(project.currency), time_entry_ids: [], expense_ids: [], created_at: at('2026-09-01'), updated_at: at('2026-09-01'),
			};
			invoiceOf.set(projectKey, invoice);
			t.invoices.set(id, invoice);
			return invoice;
		};
		const timesheets = new Map<string, SubmissionRecord>();
		for (const entry of firm.timeEntries) {
			const project = projects.get(entry.projectKey)!;
			const workspaceId = workspaceIds.get(entry.projectKey)!;
			const userId = userIds.get(entry.personKey)!;
			const rate = centsOf(project.hourlyRate, project.currency);
			this.participate(workspaceId, userId, false, centsOf(billRates.get(entry.personKey)!, project.currency), at(project.startDate));
			const id = this.newId('timeEntries');
			const stamped = at(entry.date, '18:00:00');
			const record: TimeEntryRecord = {
				id, workspace_id: workspaceId, story_id: storyIds.get(`${entry.projectKey}|${entry.task}`) ?? null, user_id: userId, date_performed: entry.date, time_in_minutes: Math.round(entry.hours * 60),
				billable: entry.billable, notes: entry.notes, rate_in_cents: rate, cost_rate_in_cents: Math.round(rate * 0.45), currency: project.currency, currency_base_unit: baseUnitOf(project.currency),
				currency_symbol: symbolOf(project.currency), approved: entry.approved, is_invoiced: entry.invoiced, invoice_id: null, active_submission_id: null, recent_submission_id: null,
				created_at: stamped, updated_at: stamped,
			};
			if (entry.invoiced) {
				const invoice = invoiceFor(entry.projectKey);
				record.invoice_id = invoice.id;
				invoice.time_entry_ids.push(id);
			}
			if (entry.approved) {
				const key = `${workspaceId}|${userId}|${weekOf(entry.date)}`;
				let sheet = timesheets.get(key);
				if (!sheet) {
					const sheetId = this.newId('timesheetSubmissions');
					const start = weekOf(entry.date);
					const approvedAt = at(new Date(Date.parse(`${start}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10), '10:00:00');
					sheet = { id: sheetId, workspace_id: workspaceId, user_id: userId, status: 'approved', title: `Timesheet for week of ${start}`, start_date: start, end_date: new Date(Date.parse(`${start}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10), time_entry_ids: [], created_at: approvedAt, updated_at: approvedAt };
					timesheets.set(key, sheet);
					t.timesheetSubmissions.set(sheetId, sheet);
				}
				sheet.time_entry_ids!.push(id);
				record.recent_submission_id = sheet.id;
			}
			t.timeEntries.set(id, record);
		}
		const reports = new Map<string, SubmissionRecord>();
		for (const expense of firm.expenses) {
			const project = projects.get(expense.projectKey)!;
			const workspaceId = workspaceIds.get(expense.projectKey)!;
			const userId = userIds.get(expense.personKey)!;
			// Only a participant files expenses on a workspace.
			this.participate(workspaceId, userId, false, centsOf(billRates.get(expense.personKey)!, project.currency), at(project.startDate));
			const id = this.newId('expenses');
			const stamped = at(expense.date, '19:00:00');
			const record: ExpenseRecord = {
				id, workspace_id: workspaceId, user_id: userId, date: expense.date, category: expense.category, amount_in_cents: centsOf(expense.amount, project.currency), currency: project.currency,
				currency_base_unit: baseUnitOf(project.currency), currency_symbol: symbolOf(project.currency), notes: expense.notes, is_billable: expense.billable, is_invoiced: expense.invoiced,
				reimbursable: true, invoice_id: null, active_submission_id: null, recent_submission_id: null, created_at: stamped, updated_at: stamped,
			};
			if (expense.invoiced) {
				const invoice = invoiceFor(expense.projectKey);
				record.invoice_id = invoice.id;
				invoice.expense_ids.push(id);
			}
			if (expense.approved) {
				const key = `${workspaceId}|${userId}`;
				let report = reports.get(key);
				if (!report) {
					const reportId = this.newId('expenseReportSubmissions');
					report = { id: reportId, workspace_id: workspaceId, user_id: userId, status: 'approved', title: `Expenses for ${project.name}`, expense_ids: [], created_at: stamped, updated_at: stamped };
					reports.set(key, report);
					t.expenseReportSubmissions.set(reportId, report);
				}
				report.expense_ids!.push(id);
				record.recent_submission_id = report.id;
			}
			t.expenses.set(id, record);
		}
	}

	private workspaceOf(id: string, project: SeedProject, groupId: string, managerId: string): WorkspaceRecord {
		const created = at(project.startDate);
		// Kantata has no project code and no retainer or milestone model: the seed's are not in its workspaces.
		return {
			id, title: project.name, description: null, archived: !project.active, budgeted: true, price_in_cents: centsOf(project.budgetAmount, project.currency),
			currency: project.currency, currency_base_unit: baseUnitOf(project.currency), currency_symbol: symbolOf(project.currency), start_date: project.startDate, due_date: project.endDate,
			stories_are_fixed_fee_by_default: project.billingModel === 'fixed_fee' || project.billingModel === 'milestone',
			status: project.active ? { color: 'green', key: 400, message: 'Active' } : { color: 'grey', key: 500, message: 'Completed' },
			workspace_group_ids: [groupId], primary_workspace_group_id: groupId, primary_maven_id: managerId, require_time_approvals: true, require_expense_approvals: true,
			creator_id: managerId, created_at: created, updated_at: created,
		};
	}

	/** Puts a user on a workspace's provider team once (managers first, so they keep the lead). */
	participate(workspaceId: string, userId: string, lead: boolean, rate: number | null, createdAt: string): ParticipationRecord {
		for (const existing of this.tables.participations.values()) if (existing.workspace_id === workspaceId && existing.user_id === userId) return existing;
		const id = this.newId('participations');
		const record: ParticipationRecord = { id, workspace_id: workspaceId, user_id: userId, role: 'maven', is_team_lead: lead, rate_in_cents: rate, access_level: lead ? 'project_lead' : 'financial', created_at: createdAt, updated_at: createdAt };
		this.tables.participations.set(id, record);
		return record;
	}
}
