import { json, type Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { listAnswer, notFound, unprocessable } from './present';
import { bodyOf, dateField, harvestNow, isResponse, newestFirst, readFilters } from './query';
import { lockState, type HarvestStore, type HarvestTables } from './store';

/**
 * Harvest invoices (help.getharvest.com/api-v2/invoices-api/invoices/invoices): the way Harvest
 * marks time and expenses as invoiced. "Create an invoice based on tracked time and expenses"
 * (`line_items_import`) bills the uninvoiced billable time and expenses of the given projects in a
 * date range and locks them (`is_billed`, `invoice`); approval is not required for that (Harvest:
 * "it's always possible to ... invoice for tracked time and expenses, regardless of whether
 * they've been approved"). Free-form invoices take `line_items` and mark nothing.
 */

export interface HarvestInvoiceLine {
	id: number;
	kind: string;
	description: string;
	quantity: number;
	unit_price: number;
	amount: number;
	taxed: boolean;
	taxed2: boolean;
	project: { id: number; name: string; code: string | null } | null;
}

export interface HarvestInvoiceRecord {
	id: number;
	client_id: number;
	client_key: string;
	number: string;
	purchase_order: string;
	amount: number;
	due_amount: number;
	subject: string;
	notes: string;
	currency: string;
	state: 'draft' | 'open' | 'paid' | 'closed';
	period_start: string | null;
	period_end: string | null;
	issue_date: string;
	due_date: string;
	payment_term: string;
	created_at: string;
	updated_at: string;
	line_items: HarvestInvoiceLine[];
	/** Ids of the time entries and expenses the invoice imported (the fake's own bookkeeping). */
	imported: { timeEntryIds: number[]; expenseIds: number[] };
}

type SummaryType = 'project' | 'task' | 'people' | 'detailed' | 'category';
const TIME_SUMMARIES: SummaryType[] = ['project', 'task', 'people', 'detailed'];
const EXPENSE_SUMMARIES: SummaryType[] = ['project', 'category', 'people', 'detailed'];

/** Two-decimal amounts computed in cents, as Harvest shows them. */
const cents = (value: number): number => Math.round(value * 100);
/** quantity x price in whole cents: hundredths of an hour times cents, rounded half up once. */
const lineAmount = (quantity: number, unitPrice: number): number => Math.round((Math.round(quantity * 100) * cents(unitPrice)) / 100) / 100;
const roundHours = (hours: number): number => Math.round(hours * 100) / 100;

export class HarvestInvoices {
	readonly invoices = new Map<number, HarvestInvoiceRecord>();
	private nextId = 0;
	private nextLineId = 0;
	private nextNumber = 2000;

	reset(): void {
		this.invoices.clear();
		this.nextId = 0;
		this.nextLineId = 0;
		this.nextNumber = 2000;
	}

	newId(): number {
		this.nextId += 1;
		return 13_160_000 + this.nextId;
	}

	newLineId(): number {
		this.nextLineId += 1;
		return 53_340_000 + this.nextLineId;
	}

	newNumber(): string {
		this.nextNumber += 1;
		return String(this.nextNumber);
	}
}

const render = (t: HarvestTables, invoice: HarvestInvoiceRecord) => {
	const { client_id: clientId, imported, ...rest } = invoice;
	void imported;
	const client = t.clients.get(clientId);
	return { ...rest, client: { id: clientId, name: client?.name ?? '' }, estimate: null, retainer: null, creator: { id: [...t.users.keys()][0] ?? null, name: 'Sandbox Admin' } };
};

const projectRef = (t: HarvestTables, projectId: number) => {
	const project = t.projects.get(projectId);
	return project ? { id: project.id, name: project.name, code: project.code } : null;
};

interface ImportPart {
	summary_type?: unknown;
	from?: unknown;
	to?: unknown;
}

function readPart(part: unknown, allowed: SummaryType[], what: string): { summary: SummaryType; from?: string; to?: string } | SandboxResponse | undefined {
	if (part === undefined || part === null) return undefined;
	const value = part as ImportPart;
	const summary = String(value.summary_type ?? '') as SummaryType;
	if (!allowed.includes(summary)) return unprocessable(`${what} summary type is not included in the list`);
	const from = dateField(value.from);
	const to = dateField(value.to);
	if (from === 'invalid' || to === 'invalid') return unprocessable(`${what} from and to must be dates (YYYY-MM-DD)`);
	return { summary, from: from ?? undefined, to: to ?? undefined };
}

const inRange = (date: string, range: { from?: string; to?: string }): boolean => (!range.from || date >= range.from) && (!range.to || date <= range.to);

/** Groups records into lines: one per group key and price, so two rates never average. */
function groupLines<R>(records: R[], keyOf: (record: R) => string, lineOf: (group: R[]) => Omit<HarvestInvoiceLine, 'id'>, invoices: HarvestInvoices): HarvestInvoiceLine[] {
	const groups = new Map<string, R[]>();
	for (const record of records) groups.set(keyOf(record), [...(groups.get(keyOf(record)) ?? []), record]);
	return [...groups.values()].map((group) => ({ id: invoices.newLineId(), ...lineOf(group) }));
}

export function invoiceRoutes(router: Router, store: HarvestStore, invoices: HarvestInvoices): void {
	const t = () => store.tables;

	router.on('GET', '/v2/invoices', (request) => {
		const filters = readFilters(request, { ids: ['client_id', 'project_id'], dates: ['from', 'to'] });
		if (isResponse(filters)) return filters;
		const state = request.query.get('state');
		const found = newestFirst(invoices.invoices.values()).filter(
			(invoice) =>
				(filters.id.client_id === undefined || invoice.client_id === filters.id.client_id) &&
				(filters.id.project_id === undefined || invoice.line_items.some((line) => line.project?.id === filters.id.project_id)) &&
				inRange(invoice.issue_date, { from: filters.date.from, to: filters.date.to }) &&
				(!state || invoice.state === state) &&
				(filters.updatedSince === undefined || Date.parse(invoice.updated_at) >= filters.updatedSince),
		);
		return listAnswer(request, 'invoices', found, (invoice) => render(t(), invoice), 'page');
	});

	router.on('GET', '/v2/invoices/:id', (_request, params) => {
		const invoice = invoices.invoices.get(Number(params.id));
		return invoice ? json(200, render(t(), invoice)) : notFound();
	});

	router.on('POST', '/v2/invoices', (request: SandboxRequest) => {
		const body = bodyOf(request);
		const client = t().clients.get(Number(body.client_id));
		if (body.client_id === undefined || body.client_id === null || body.client_id === '') return unprocessable("Client can't be blank");
		if (!client) return unprocessable('Client is not valid');
		const issueDate = dateField(body.issue_date);
		const dueDate = dateField(body.due_date);
		if (issueDate === 'invalid' || dueDate === 'invalid') return unprocessable('Issue date and due date must be dates (YYYY-MM-DD)');
		const number = body.number === undefined || body.number === null || body.number === '' ? invoices.newNumber() : String(body.number);
		if ([...invoices.invoices.values()].some((invoice) => invoice.number === number)) return unprocessable('Number has already been taken');

		const lines: HarvestInvoiceLine[] = [];
		const imported = { timeEntryIds: [] as number[], expenseIds: [] as number[] };
		let period: { start: string | null; end: string | null } = { start: null, end: null };
		const importSpec = body.line_items_import as { project_ids?: unknown; time?: unknown; expenses?: unknown } | undefined;
		if (importSpec && typeof importSpec === 'object') {
			const projectIds = Array.isArray(importSpec.project_ids) ? importSpec.project_ids.map(Number) : [];
			if (projectIds.length === 0) return unprocessable("Project ids can't be blank");
			for (const projectId of projectIds) {
				const project = t().projects.get(projectId);
				if (!project || project.client_id !== client.id) return unprocessable(`Project ${projectId} is not a project of this client`);
			}
			const time = readPart(importSpec.time, TIME_SUMMARIES, 'Time');
			const expenses = readPart(importSpec.expenses, EXPENSE_SUMMARIES, 'Expenses');
			if (isResponse(time)) return time;
			if (isResponse(expenses)) return expenses;
			if (time) {
				const entries = [...t().timeEntries.values()].filter(
					(entry) => projectIds.includes(entry.project_id) && entry.billable && !entry.is_billed && !entry.is_running && inRange(entry.spent_date, time),
				);
				const rate = (entry: (typeof entries)[number]) => entry.billable_rate ?? 0;
				const key = (entry: (typeof entries)[number]): string =>
					time.summary === 'detailed' ? String(entry.id) : `${entry.project_id}|${time.summary === 'task' ? entry.task_id : time.summary === 'people' ? entry.user_id : ''}|${rate(entry)}`;
				lines.push(
					...groupLines(entries, key, (group) => {
						const first = group[0];
						const project = t().projects.get(first.project_id);
						const detail = time.summary === 'task' ? t().tasks.get(first.task_id)?.name : time.summary === 'people' ? [t().users.get(first.user_id)?.first_name, t().users.get(first.user_id)?.last_name].join(' ') : time.summary === 'detailed' ? `${first.spent_date} ${first.notes ?? ''}`.trim() : undefined;
						const quantity = roundHours(group.reduce((sum, entry) => sum + entry.hours, 0));
						return { kind: 'Service', description: [project?.name, detail].filter(Boolean).join(': '), quantity, unit_price: rate(first), amount: lineAmount(quantity, rate(first)), taxed: false, taxed2: false, project: projectRef(t(), first.project_id) };
					}, invoices),
				);
				imported.timeEntryIds.push(...entries.map((entry) => entry.id));
				period = { start: time.from ?? null, end: time.to ?? null };
			}
			if (expenses) {
				const found = [...t().expenses.values()].filter((expense) => projectIds.includes(expense.project_id) && expense.billable && !expense.is_billed && inRange(expense.spent_date, expenses));
				const key = (expense: (typeof found)[number]): string =>
					expenses.summary === 'detailed' ? String(expense.id) : `${expense.project_id}|${expenses.summary === 'category' ? expense.expense_category_id : expenses.summary === 'people' ? expense.user_id : ''}`;
				lines.push(
					...groupLines(found, key, (group) => {
						const first = group[0];
						const total = group.reduce((sum, expense) => sum + cents(expense.total_cost), 0) / 100;
						const category = expenses.summary === 'category' ? t().expenseCategories.get(first.expense_category_id)?.name : undefined;
						return { kind: 'Product', description: [t().projects.get(first.project_id)?.name, category ?? 'Expenses'].filter(Boolean).join(': '), quantity: 1, unit_price: total, amount: total, taxed: false, taxed2: false, project: projectRef(t(), first.project_id) };
					}, invoices),
				);
				imported.expenseIds.push(...found.map((expense) => expense.id));
			}
		} else if (Array.isArray(body.line_items)) {
			for (const raw of body.line_items as Array<Record<string, unknown>>) {
				const quantity = Number(raw.quantity ?? 1);
				const unitPrice = Number(raw.unit_price ?? 0);
				if (!raw.kind) return unprocessable("Line items kind can't be blank");
				lines.push({ id: invoices.newLineId(), kind: String(raw.kind), description: String(raw.description ?? ''), quantity, unit_price: unitPrice, amount: lineAmount(quantity, unitPrice), taxed: raw.taxed === true, taxed2: raw.taxed2 === true, project: raw.project_id ? projectRef(t(), Number(raw.project_id)) : null });
			}
		}

		const now = harvestNow();
		const today = now.slice(0, 10);
		const amount = lines.reduce((sum, line) => sum + cents(line.amount), 0) / 100;
		const invoice: HarvestInvoiceRecord = {
			id: invoices.newId(), client_id: client.id, client_key: `ck${client.id.toString(16)}${invoices.invoices.size + 1}`, number,
			purchase_order: String(body.purchase_order ?? ''), amount, due_amount: amount, subject: String(body.subject ?? ''), notes: String(body.notes ?? ''),
			currency: String(body.currency ?? client.currency), state: 'draft', period_start: period.start, period_end: period.end,
			issue_date: issueDate ?? today, due_date: dueDate ?? issueDate ?? today, payment_term: String(body.payment_term ?? 'custom'),
			created_at: now, updated_at: now, line_items: lines, imported,
		};
		invoices.invoices.set(invoice.id, invoice);
		const mark = { id: invoice.id, number: invoice.number };
		for (const id of imported.timeEntryIds) {
			const entry = t().timeEntries.get(id)!;
			Object.assign(entry, { is_billed: true, invoice: mark, ...lockState(entry.is_closed, true), updated_at: now });
		}
		for (const id of imported.expenseIds) {
			const expense = t().expenses.get(id)!;
			Object.assign(expense, { is_billed: true, invoice: mark, ...lockState(expense.is_closed, true), updated_at: now });
		}
		return json(201, render(t(), invoice));
	});
}
