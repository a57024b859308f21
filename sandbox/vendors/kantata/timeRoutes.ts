import { json, type Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { create, route, update } from './accountRoutes';
import { booleanFilter, byId, envelope, errors, includes, instantFilter, invalid, isDate, isResponse, listOf, missingParameters, notFound, postedRecords, showOf } from './present';
import { kantataNow, type ExpenseRecord, type InvoiceRecord, type KantataStore, type SubmissionRecord, type TimeEntryRecord } from './store';

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));
const ids = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : value === undefined ? undefined : [String(value)]);
const changedAfter = (after: number | undefined, record: { updated_at: string }): boolean => after === undefined || Date.parse(record.updated_at) > after;

/** Time entries, expenses, their submissions, and invoices made from them (developer.kantata.com/kantata/specification). */
export function timeRoutes(router: Router, store: KantataStore): void {
	const t = () => store.tables;
	const participates = (workspace: string, user: string): boolean => [...t().participations.values()].some((p) => p.workspace_id === workspace && p.user_id === user);

	// ---- Time entries: newest first by the day performed (the reference's default order).
	route(router, 'GET', '/api/v1/time_entries', (request) => {
		const after = instantFilter(request, 'updated_after');
		if (isResponse(after)) return after;
		const between = request.query.get('date_performed_between');
		const [from, to] = between?.split(':') ?? [];
		if (between !== null && (!isDate(from) || !isDate(to))) return errors(400, 'syntax', 'date_performed_between must be two dates as YYYY-MM-DD:YYYY-MM-DD');
		const workspace = request.query.get('workspace_id');
		const users = request.query.get('with_user_ids')?.split(',').map((id) => id.trim());
		const billable = booleanFilter(request, 'billable');
		// GET /time_entries, `approved`: "always processed as true; the actual value you provide is ignored".
		const approvedOnly = request.query.get('approved') !== null;
		const rows = [...t().timeEntries.values()]
			.filter((entry) =>
				(!workspace || entry.workspace_id === workspace) &&
				(!users || users.includes(entry.user_id)) &&
				(!between || (entry.date_performed >= from && entry.date_performed <= to)) &&
				(billable === undefined || entry.billable === billable) &&
				(!approvedOnly || entry.approved || t().workspaces.get(entry.workspace_id)?.require_time_approvals === false) &&
				changedAfter(after, entry))
			.sort((a, b) => b.date_performed.localeCompare(a.date_performed) || Number(b.id) - Number(a.id));
		return listOf(request, 'time_entries', rows);
	});
	route(router, 'GET', '/api/v1/time_entries/:id', (_request, params) => showOf('time_entries', t().timeEntries.get(params.id)));
	const timeFields = (input: Record<string, unknown>, current?: TimeEntryRecord): TimeEntryRecord | SandboxResponse => {
		const workspaceId = input.workspace_id !== undefined ? text(input.workspace_id) : (current?.workspace_id ?? null);
		const workspace = workspaceId ? t().workspaces.get(workspaceId) : undefined;
		if (!workspace) return invalid('workspace_id', 'Workspace was not found');
		const date = input.date_performed !== undefined ? input.date_performed : current?.date_performed;
		if (!isDate(date)) return invalid('date_performed', "Date performed can't be blank");
		const minutes = input.time_in_minutes !== undefined ? Number(input.time_in_minutes) : current?.time_in_minutes;
		if (minutes === undefined || !Number.isInteger(minutes) || minutes <= 0 || minutes > 1440) return invalid('time_in_minutes', 'Time in minutes must be a whole number between 1 and 1440');
		const storyId = input.story_id !== undefined ? text(input.story_id) : (current?.story_id ?? null);
		const story = storyId ? t().stories.get(storyId) : undefined;
		if (storyId && (!story || story.workspace_id !== workspace.id)) return invalid('story_id', 'Story must belong to the workspace');
		const user = input.user_id !== undefined ? text(input.user_id) ?? store.tokenUserId : (current?.user_id ?? store.tokenUserId);
		if (!participates(workspace.id, user)) return invalid('user_id', 'User is not a participant in this workspace');
		const participation = [...t().participations.values()].find((p) => p.workspace_id === workspace.id && p.user_id === user);
		const now = kantataNow();
		return {
			id: current?.id ?? '', workspace_id: workspace.id, story_id: storyId, user_id: user, date_performed: date, time_in_minutes: minutes,
			billable: input.billable !== undefined ? input.billable === true || input.billable === 'true' : (current?.billable ?? story?.billable ?? true),
			notes: input.notes !== undefined ? text(input.notes) : (current?.notes ?? null), rate_in_cents: current?.rate_in_cents ?? participation?.rate_in_cents ?? 0, cost_rate_in_cents: current?.cost_rate_in_cents ?? 0,
			currency: workspace.currency, currency_base_unit: workspace.currency_base_unit, currency_symbol: workspace.currency_symbol, approved: current?.approved ?? !workspace.require_time_approvals,
			is_invoiced: current?.is_invoiced ?? false, invoice_id: current?.invoice_id ?? null, active_submission_id: current?.active_submission_id ?? null, recent_submission_id: current?.recent_submission_id ?? null,
			created_at: current?.created_at ?? now, updated_at: now,
		};
	};
	route(router, 'POST', '/api/v1/time_entries', (request) => create(request, 'time_entries', 'time_entry', (input) => timeFields(input), (record) => {
		record.id = store.newId('timeEntries');
		t().timeEntries.set(record.id, record);
	}));
	route(router, 'PUT', '/api/v1/time_entries/:id', (request, params) => {
		const current = t().timeEntries.get(params.id);
		if (current?.is_invoiced) return invalid('base', 'This time entry has been invoiced and cannot be changed');
		if (current?.approved && t().workspaces.get(current.workspace_id)?.require_time_approvals) return invalid('base', 'This time entry is on an approved timesheet and cannot be changed');
		return update(request, 'time_entries', 'time_entry', current, (changes, existing) => timeFields(changes, existing), (record) => t().timeEntries.set(record.id, record));
	});

	// ---- Expenses: in their workspace's currency; their expense report submission when included.
	const withSubmission = (request: SandboxRequest) => (page: ExpenseRecord[]): Record<string, Array<{ id: string }>> =>
		includes(request).has('recent_submission') ? { expense_report_submissions: page.flatMap((expense) => (expense.recent_submission_id ? [t().expenseReportSubmissions.get(expense.recent_submission_id)!] : [])) } : {};
	route(router, 'GET', '/api/v1/expenses', (request) => {
		const after = instantFilter(request, 'updated_after');
		if (isResponse(after)) return after;
		const workspace = request.query.get('workspace_id');
		const rows = [...t().expenses.values()].filter((expense) => (!workspace || expense.workspace_id === workspace) && changedAfter(after, expense)).sort((a, b) => b.date.localeCompare(a.date) || Number(b.id) - Number(a.id));
		return listOf(request, 'expenses', rows, { included: withSubmission(request) });
	});
	route(router, 'GET', '/api/v1/expenses/:id', (request, params) => {
		const expense = t().expenses.get(params.id);
		return expense ? showOf('expenses', expense, withSubmission(request)([expense])) : notFound();
	});
	route(router, 'POST', '/api/v1/expenses', (request) => create(request, 'expenses', 'expense', (input) => {
		const workspace = t().workspaces.get(String(input.workspace_id ?? ''));
		if (!workspace) return invalid('workspace_id', 'Workspace was not found');
		if (!isDate(input.date)) return invalid('date', "Date can't be blank");
		if (!text(input.category)) return invalid('category', "Category can't be blank");
		const cents = Number(input.amount_in_cents);
		if (!Number.isInteger(cents) || cents < 0) return invalid('amount_in_cents', 'Amount in cents must be a whole number');
		const user = text(input.user_id) ?? store.tokenUserId;
		if (!participates(workspace.id, user)) return invalid('user_id', 'User is not a participant in this workspace');
		const now = kantataNow();
		return {
			id: '', workspace_id: workspace.id, user_id: user, date: input.date, category: String(input.category), amount_in_cents: cents, currency: workspace.currency, currency_base_unit: workspace.currency_base_unit,
			currency_symbol: workspace.currency_symbol, notes: text(input.notes), is_billable: input.billable === undefined ? true : input.billable === true || input.billable === 'true', is_invoiced: false,
			reimbursable: input.reimbursable !== false, invoice_id: null, active_submission_id: null, recent_submission_id: null, created_at: now, updated_at: now,
		} satisfies ExpenseRecord;
	}, (record) => {
		record.id = store.newId('expenses');
		t().expenses.set(record.id, record);
	}));

	// ---- Submissions: approval happens on them.
	route(router, 'GET', '/api/v1/timesheet_submissions', (request) => {
		const after = instantFilter(request, 'updated_after');
		if (isResponse(after)) return after;
		const workspace = request.query.get('workspace_id');
		return listOf(request, 'timesheet_submissions', byId(t().timesheetSubmissions.values()).filter((sheet) => (!workspace || sheet.workspace_id === workspace) && changedAfter(after, sheet)));
	});
	route(router, 'GET', '/api/v1/timesheet_submissions/:id', (_request, params) => showOf('timesheet_submissions', t().timesheetSubmissions.get(params.id)));
	route(router, 'GET', '/api/v1/expense_report_submissions/:id', (_request, params) => showOf('expense_report_submissions', t().expenseReportSubmissions.get(params.id)));

	// ---- Invoices: made from uninvoiced billable time entry and expense ids of one workspace.
	route(router, 'GET', '/api/v1/invoices', (request) => {
		const workspace = request.query.get('workspace_id');
		return listOf(request, 'invoices', byId(t().invoices.values()).filter((invoice) => !workspace || invoice.workspace_ids.includes(workspace)));
	});
	route(router, 'GET', '/api/v1/invoices/:id', (_request, params) => showOf('invoices', t().invoices.get(params.id)));
	route(router, 'POST', '/api/v1/invoices', (request) => createInvoices(request, store));
}

function createInvoices(request: SandboxRequest, store: KantataStore): SandboxResponse {
	const t = store.tables;
	const inputs = postedRecords(request, 'invoices', 'invoice');
	if (!inputs || inputs.length === 0) return missingParameters();
	const made: InvoiceRecord[] = [];
	const plans: Array<{ invoice: InvoiceRecord; entries: TimeEntryRecord[]; expenses: ExpenseRecord[] }> = [];
	for (const input of inputs) {
		const workspace = t.workspaces.get(String(input.workspace_id ?? ''));
		if (!workspace) return invalid('workspace_id', 'Workspace was not found');
		const timeIds = ids(input.time_entry_ids);
		const expenseIds = ids(input.expense_ids);
		if (!timeIds || !expenseIds) return missingParameters();
		if (timeIds.length + expenseIds.length === 0) return invalid('base', 'An invoice needs at least one time entry or expense');
		const schedule = Number(input.payment_schedule);
		if (!Number.isInteger(schedule) || schedule < 0) return invalid('payment_schedule', "Payment schedule can't be blank");
		const entries: TimeEntryRecord[] = [];
		for (const id of timeIds) {
			const entry = t.timeEntries.get(id);
			if (!entry || entry.workspace_id !== workspace.id) return invalid('time_entry_ids', `Time entry ${id} is not in this workspace`);
			if (entry.is_invoiced || !entry.billable) return invalid('time_entry_ids', `Time entry ${id} is not billable or has been invoiced`);
			entries.push(entry);
		}
		const expenses: ExpenseRecord[] = [];
		for (const id of expenseIds) {
			const expense = t.expenses.get(id);
			if (!expense || expense.workspace_id !== workspace.id) return invalid('expense_ids', `Expense ${id} is not in this workspace`);
			if (expense.is_invoiced || !expense.is_billable) return invalid('expense_ids', `Expense ${id} is not billable or has been invoiced`);
			expenses.push(expense);
		}
		const date = isDate(input.invoice_date) ? input.invoice_date : kantataNow().slice(0, 10);
		const number = text(input.user_invoice_number) ?? String(1000 + t.invoices.size + made.length + 1);
		const balance = entries.reduce((sum, entry) => sum + Math.round((entry.time_in_minutes * entry.rate_in_cents) / 60), 0) + expenses.reduce((sum, expense) => sum + expense.amount_in_cents, 0);
		const now = kantataNow();
		const invoice: InvoiceRecord = {
			id: '', workspace_ids: [workspace.id], user_id: store.tokenUserId, title: `${input.draft === true ? 'Draft ' : ''}Invoice #${number}`, draft: input.draft === true, status: input.draft === true ? 'draft' : 'new',
			invoice_date: date, due_date: new Date(Date.parse(`${date}T00:00:00Z`) + schedule * 86_400_000).toISOString().slice(0, 10), payment_schedule: schedule, message: text(input.message),
			purchase_order: text(input.purchase_order), user_invoice_number: number, balance_in_cents: balance, currency: workspace.currency, currency_base_unit: workspace.currency_base_unit,
			time_entry_ids: timeIds, expense_ids: expenseIds, created_at: now, updated_at: now,
		};
		plans.push({ invoice, entries, expenses });
	}
	for (const { invoice, entries, expenses } of plans) {
		invoice.id = store.newId('invoices');
		t.invoices.set(invoice.id, invoice);
		for (const record of [...entries, ...expenses]) Object.assign(record, { is_invoiced: true, invoice_id: invoice.id, updated_at: invoice.created_at });
		made.push(invoice);
	}
	return json(200, envelope('invoices', made));
}

/** Approving time as a manager does in Kantata's UI: an approved timesheet submission of the entries. */
export function approveTime(store: KantataStore, entryIds: string[]): SubmissionRecord | SandboxResponse {
	const entries = entryIds.map((id) => store.tables.timeEntries.get(id));
	const missing = entryIds.find((_id, index) => !entries[index]);
	if (missing) return notFound();
	const now = kantataNow();
	const sheet: SubmissionRecord = { id: store.newId('timesheetSubmissions'), workspace_id: entries[0]!.workspace_id, user_id: entries[0]!.user_id, status: 'approved', title: 'Timesheet approved in the sandbox', time_entry_ids: entryIds, created_at: now, updated_at: now };
	store.tables.timesheetSubmissions.set(sheet.id, sheet);
	// The submission changes; the entries only become approved (their own change time is left alone).
	for (const entry of entries) Object.assign(entry!, { approved: true, active_submission_id: null, recent_submission_id: sheet.id });
	return sheet;
}
