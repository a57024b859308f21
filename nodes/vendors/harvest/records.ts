import type { IDataObject } from 'n8n-workflow';
import {
	money,
	provenance,
	toDecimalString,
	type Assignment,
	type BillingModel,
	type Client,
	type Expense,
	type MapContext,
	type Money,
	type Project,
	type Resource,
	type Task,
	type TimeEntry,
} from '../../shared/canonical';

/** Harvest API v2 answer shapes (help.getharvest.com/api-v2), only the fields the pack reads. */
type Ref = { id: number; name?: string };
export interface HarvestClient { id: number; name: string; is_active: boolean; address: string | null; currency: string; created_at: string; updated_at: string }
export interface HarvestProject {
	id: number; name: string; code: string | null; is_active: boolean; is_billable: boolean; is_fixed_fee: boolean;
	bill_by: string; budget_by: string; budget_is_monthly: boolean; hourly_rate: number | null; budget: number | null;
	cost_budget: number | null; fee: number | null; notes: string | null; starts_on: string | null; ends_on: string | null;
	created_at: string; updated_at: string; client: Ref & { currency?: string | null };
}
export interface HarvestTask { id: number; name: string; billable_by_default: boolean; default_hourly_rate: number | null; is_active: boolean; updated_at: string }
export interface HarvestUserAssignment { id: number; is_active: boolean; is_project_manager: boolean; use_default_rates: boolean; hourly_rate: number | null; budget: number | null; updated_at: string; project: Ref; user: Ref }
export interface HarvestTaskAssignment { id: number; is_active: boolean; billable: boolean; hourly_rate: number | null; budget: number | null; updated_at: string; project: Ref; task: Ref }
export interface HarvestTimeEntry {
	id: number; spent_date: string; hours: number; notes: string | null; is_locked: boolean; locked_reason: string | null;
	is_closed: boolean; is_billed: boolean; billable: boolean; billable_rate: number | null; updated_at: string;
	user: Ref; client: Ref; project: Ref; task: Ref; invoice?: { id: number; number: string } | null;
}
export interface HarvestExpense {
	id: number; spent_date: string; total_cost: number; notes: string | null; billable: boolean; is_closed: boolean; is_billed: boolean;
	updated_at: string; user: Ref; project: Ref; client: Ref & { currency?: string | null }; expense_category: Ref; invoice?: { id: number; number: string } | null;
}
/** help.getharvest.com/api-v2/users-api/users/users: weekly_capacity in seconds; rates in the account's currency. */
export interface HarvestUser {
	id: number;
	first_name: string;
	last_name: string;
	email: string;
	is_active: boolean;
	is_contractor?: boolean;
	weekly_capacity?: number | null;
	default_hourly_rate?: number | null;
	cost_rate?: number | null;
	roles?: string[];
	updated_at?: string;
}

const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value === '' ? undefined : value);
const amount = (value: number | null | undefined, currency: string): Money | undefined => (value === null || value === undefined ? undefined : money(value, currency));
/** Harvest takes decimal amounts; the minor units go out as that decimal, exactly. */
const decimal = (value: Money): number => Number(toDecimalString(value.amountMinor, value.currency));

/** A canonical id as the integer Harvest wants; the error names the field. */
export function harvestId(value: string, field: string): number {
	if (!/^\d+$/.test(value.trim())) throw new Error(`${field} "${value}" is not a Harvest id (a whole number)`);
	return Number(value.trim());
}

function meta(context: MapContext, entity: string, record: { id: number; updated_at?: string }) {
	return provenance(context, { system: 'harvest', entity, remoteId: String(record.id), remoteUpdatedAt: record.updated_at }, record);
}

// ---- Clients -------------------------------------------------------------------------------------

/** Harvest keeps one free-text address; its first line is the street, the rest stays together. */
export function toCanonicalClient(raw: HarvestClient, context: MapContext): Client {
	const lines = (raw.address ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.name,
		currency: text(raw.currency),
		billingAddress: lines.length > 0 ? { line1: lines[0], ...(lines.length > 1 ? { line2: lines.slice(1).join(', ') } : {}) } : undefined,
		isActive: raw.is_active,
		createdAt: raw.created_at,
		updatedAt: raw.updated_at,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'client', raw),
	};
}

export function fromCanonicalClient(client: Partial<Client>): IDataObject {
	const body: IDataObject = {};
	if (client.name !== undefined) body.name = client.name;
	if (client.currency !== undefined) body.currency = client.currency;
	if (client.isActive !== undefined) body.is_active = client.isActive;
	const address = client.billingAddress;
	if (address) {
		const cityLine = [address.postalCode, address.city].filter(Boolean).join(' ');
		body.address = [address.line1, address.line2, cityLine, address.region, address.country].filter(Boolean).join('\n');
	}
	return body;
}

// ---- Projects ------------------------------------------------------------------------------------

/**
 * Harvest has no custom fields: a project's cross-system references (and a billing model Harvest
 * cannot express) ride on one marker line at the end of its notes, e.g. `[p2c] crm=123 key=opp-9/proj` (one `<system key>=<id>` per reference).
 */
const MARKER = /^\[p2c\]((?: [\w-]+=\S+)*)\s*$/;

export function splitNotes(notes: string | null | undefined): { notes?: string; refs: Record<string, string> } {
	const lines = (notes ?? '').split(/\r?\n/);
	const refs: Record<string, string> = {};
	const last = lines[lines.length - 1] ?? '';
	const marker = MARKER.exec(last.trim());
	if (marker) {
		lines.pop();
		for (const pair of marker[1].trim().split(' ').filter(Boolean)) {
			const [key, ...value] = pair.split('=');
			refs[key] = decodeURIComponent(value.join('='));
		}
	}
	const body = lines.join('\n').trim();
	return { notes: body === '' ? undefined : body, refs };
}

export function joinNotes(notes: string | undefined, refs: Record<string, string>): string {
	const pairs = Object.entries(refs).filter(([key, value]) => key !== 'harvest' && value !== '').map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
	return [notes?.trim(), pairs.length > 0 ? `[p2c] ${pairs.join(' ')}` : undefined].filter(Boolean).join('\n');
}

/** Harvest project settings -> canonical billing model (undefined for a non-billable project). */
export function readBillingModel(raw: Pick<HarvestProject, 'is_billable' | 'is_fixed_fee' | 'budget_is_monthly'>, marker: Record<string, string> = {}): BillingModel | undefined {
	if (!raw.is_billable) return undefined;
	if (raw.is_fixed_fee) return marker.model === 'milestone' ? 'milestone' : 'fixed_fee';
	return raw.budget_is_monthly ? 'retainer' : 'time_and_materials';
}

/**
 * Canonical billing model and money -> Harvest's `bill_by`, `budget_by`, `is_fixed_fee` settings.
 * Fixed fee and milestone: fixed-fee project billed its `fee`. Time and materials: billed by the
 * project's hourly rate, or by each person's rate when none is given. Retainer: T&M with a budget
 * that resets monthly. A money budget is `project_cost`, an hours budget `project`.
 */
export function billingSettings(project: Partial<Project>, creating: boolean): IDataObject {
	const body: IDataObject = {};
	const model = project.billingModel;
	if (model !== undefined || creating) {
		const fixed = model === 'fixed_fee' || model === 'milestone';
		body.is_billable = model !== undefined;
		body.is_fixed_fee = fixed;
		body.budget_is_monthly = model === 'retainer';
		body.bill_by = model === undefined ? 'none' : project.hourlyRate ? 'Project' : fixed ? 'none' : 'People';
		const fee = project.fixedFee ?? (fixed ? project.budgetAmount : undefined);
		if (fixed && fee) body.fee = decimal(fee);
	} else if (project.fixedFee) {
		body.fee = decimal(project.fixedFee);
	}
	if (project.hourlyRate) body.hourly_rate = decimal(project.hourlyRate);
	if (project.budgetAmount) {
		body.budget_by = 'project_cost';
		body.cost_budget = decimal(project.budgetAmount);
	} else if (project.budgetHours !== undefined) {
		body.budget_by = 'project';
		body.budget = project.budgetHours;
	} else if (creating) {
		body.budget_by = 'none';
	}
	return body;
}

export function toCanonicalProject(raw: HarvestProject, context: MapContext): Project {
	const currency = text(raw.client?.currency ?? undefined) ?? context.defaultCurrency;
	const { notes, refs } = splitNotes(raw.notes);
	const externalRefs = { ...refs };
	delete externalRefs.model;
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.name,
		code: text(raw.code),
		clientId: raw.client ? String(raw.client.id) : undefined,
		status: raw.is_active ? 'active' : 'completed',
		billingModel: readBillingModel(raw, refs),
		budgetAmount: amount(raw.cost_budget, currency),
		budgetHours: raw.budget ?? undefined,
		hourlyRate: amount(raw.hourly_rate, currency),
		fixedFee: raw.is_fixed_fee ? amount(raw.fee, currency) : undefined,
		startDate: text(raw.starts_on),
		endDate: text(raw.ends_on),
		notes,
		createdAt: raw.created_at,
		updatedAt: raw.updated_at,
		externalRefs: { ...externalRefs, harvest: String(raw.id) },
		...meta(context, 'project', raw),
	};
}

/** The request body for a project; `currentNotes` keeps the user's notes when only the references change. */
export function fromCanonicalProject(project: Partial<Project>, options: { creating: boolean; currentNotes?: string | null }): IDataObject {
	const body: IDataObject = { ...billingSettings(project, options.creating) };
	if (project.name !== undefined) body.name = project.name;
	if (project.code !== undefined) body.code = project.code;
	if (project.clientId !== undefined) body.client_id = harvestId(project.clientId, 'clientId');
	if (project.status !== undefined) body.is_active = project.status !== 'completed' && project.status !== 'cancelled';
	if (project.startDate !== undefined) body.starts_on = project.startDate;
	if (project.endDate !== undefined) body.ends_on = project.endDate;
	const touchesNotes = project.notes !== undefined || project.externalRefs !== undefined || project.billingModel !== undefined;
	if (touchesNotes) {
		const current = splitNotes(options.currentNotes);
		const refs: Record<string, string> = { ...current.refs, ...(project.externalRefs ?? {}) };
		if (project.billingModel !== undefined) {
			if (project.billingModel === 'milestone') refs.model = 'milestone';
			else delete refs.model;
		}
		body.notes = joinNotes(project.notes ?? current.notes, refs);
	}
	return body;
}

// ---- Tasks and assignments -----------------------------------------------------------------------

export function toCanonicalTask(raw: HarvestTask, context: MapContext): Task {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.name,
		billable: raw.billable_by_default,
		hourlyRate: amount(raw.default_hourly_rate, context.defaultCurrency),
		isActive: raw.is_active,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'task', raw),
	};
}

/** A task as assigned to one project: billable and rate are the project's. */
export function toCanonicalProjectTask(raw: HarvestTaskAssignment, currency: string, context: MapContext): Task {
	return {
		schemaVersion: 1,
		id: String(raw.task.id),
		name: raw.task.name ?? '',
		projectId: String(raw.project.id),
		billable: raw.billable,
		hourlyRate: amount(raw.hourly_rate, currency),
		isActive: raw.is_active,
		externalRefs: { harvest: String(raw.task.id) },
		...meta(context, 'task', raw),
	};
}

export function fromCanonicalTask(task: Partial<Task>): IDataObject {
	const body: IDataObject = {};
	if (task.name !== undefined) body.name = task.name;
	if (task.billable !== undefined) body.billable_by_default = task.billable;
	if (task.hourlyRate) body.default_hourly_rate = decimal(task.hourlyRate);
	if (task.isActive !== undefined) body.is_active = task.isActive;
	return body;
}

export function toCanonicalUserAssignment(raw: HarvestUserAssignment, currency: string, context: MapContext): Assignment {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		kind: 'allocation',
		projectId: String(raw.project.id),
		resourceId: String(raw.user.id),
		billRate: raw.use_default_rates ? undefined : amount(raw.hourly_rate, currency),
		isProjectManager: raw.is_project_manager,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'assignment', raw),
	};
}

export function toCanonicalTaskAssignment(raw: HarvestTaskAssignment, currency: string, context: MapContext): Assignment {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		kind: 'allocation',
		projectId: String(raw.project.id),
		taskId: String(raw.task.id),
		billRate: amount(raw.hourly_rate, currency),
		billable: raw.billable,
		isProjectManager: false,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'assignment', raw),
	};
}

/** A person on a project; a bill rate turns off the person's default rates for it. */
export function fromCanonicalUserAssignment(assignment: Assignment): IDataObject {
	if (!assignment.resourceId) throw new Error('resourceId is required: the Harvest user to put on the project');
	const body: IDataObject = { user_id: harvestId(assignment.resourceId, 'resourceId'), is_project_manager: assignment.isProjectManager };
	if (assignment.billRate) {
		body.use_default_rates = false;
		body.hourly_rate = decimal(assignment.billRate);
	}
	return body;
}

export function fromCanonicalTaskAssignment(assignment: Assignment): IDataObject {
	if (!assignment.taskId) throw new Error('taskId is required: the Harvest task to add to the project');
	const body: IDataObject = { task_id: harvestId(assignment.taskId, 'taskId') };
	// Harvest makes a new task assignment non-billable unless told otherwise.
	body.billable = assignment.billable ?? true;
	if (assignment.billRate) body.hourly_rate = decimal(assignment.billRate);
	return body;
}

// ---- Time and expenses ---------------------------------------------------------------------------

/**
 * Approval: Harvest's `is_closed` is "approved via Timesheet Approval"; the API has no submitted
 * state, so anything else is `draft`. Invoiced: `is_billed` (the list answer omits `invoice`).
 */
export function toCanonicalTimeEntry(raw: HarvestTimeEntry, currency: string, context: MapContext): TimeEntry {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		date: raw.spent_date,
		hours: raw.hours,
		billable: raw.billable,
		approvalStatus: raw.is_closed ? 'approved' : 'draft',
		projectId: String(raw.project.id),
		taskId: raw.task ? String(raw.task.id) : undefined,
		resourceId: raw.user ? String(raw.user.id) : undefined,
		rate: amount(raw.billable_rate, currency),
		notes: text(raw.notes),
		invoiceId: raw.invoice ? String(raw.invoice.id) : undefined,
		invoiced: raw.is_billed,
		updatedAt: raw.updated_at,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'timeEntry', raw),
	};
}

export function fromCanonicalTimeEntry(entry: Partial<TimeEntry>): IDataObject {
	const body: IDataObject = {};
	if (entry.projectId !== undefined) body.project_id = harvestId(entry.projectId, 'projectId');
	if (entry.taskId !== undefined) body.task_id = harvestId(entry.taskId, 'taskId');
	if (entry.resourceId !== undefined) body.user_id = harvestId(entry.resourceId, 'resourceId');
	if (entry.date !== undefined) body.spent_date = entry.date;
	if (entry.hours !== undefined) body.hours = entry.hours;
	if (entry.notes !== undefined) body.notes = entry.notes;
	return body;
}

export function toCanonicalExpense(raw: HarvestExpense, context: MapContext): Expense {
	const currency = text(raw.client?.currency ?? undefined) ?? context.defaultCurrency;
	return {
		schemaVersion: 1,
		id: String(raw.id),
		date: raw.spent_date,
		amount: money(raw.total_cost, currency),
		category: raw.expense_category?.name,
		billable: raw.billable,
		approvalStatus: raw.is_closed ? 'approved' : 'draft',
		projectId: String(raw.project.id),
		resourceId: raw.user ? String(raw.user.id) : undefined,
		notes: text(raw.notes),
		invoiceId: raw.invoice ? String(raw.invoice.id) : undefined,
		invoiced: raw.is_billed,
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'expense', raw),
	};
}

export function fromCanonicalExpense(expense: Partial<Expense>, expenseCategoryId?: number): IDataObject {
	const body: IDataObject = {};
	if (expense.projectId !== undefined) body.project_id = harvestId(expense.projectId, 'projectId');
	if (expense.resourceId !== undefined) body.user_id = harvestId(expense.resourceId, 'resourceId');
	if (expenseCategoryId !== undefined) body.expense_category_id = expenseCategoryId;
	if (expense.date !== undefined) body.spent_date = expense.date;
	if (expense.amount) body.total_cost = decimal(expense.amount);
	if (expense.notes !== undefined) body.notes = expense.notes;
	if (expense.billable !== undefined) body.billable = expense.billable;
	return body;
}

/** A Harvest user as a canonical Resource: who books time, with the rates Harvest keeps in the account's currency. */
export function toCanonicalPerson(raw: HarvestUser, context: MapContext): Resource {
	const displayName = `${raw.first_name ?? ''} ${raw.last_name ?? ''}`.trim() || raw.email || `User ${raw.id}`;
	return {
		schemaVersion: 1,
		id: String(raw.id),
		firstName: text(raw.first_name),
		lastName: text(raw.last_name),
		displayName,
		email: text(raw.email),
		role: raw.roles?.[0],
		skills: raw.roles ?? [],
		billRate: amount(raw.default_hourly_rate, context.defaultCurrency),
		costRate: amount(raw.cost_rate, context.defaultCurrency),
		weeklyCapacityHours: typeof raw.weekly_capacity === 'number' ? raw.weekly_capacity / 3600 : undefined,
		employmentStatus: !raw.is_active ? 'terminated' : raw.is_contractor ? 'contractor' : 'active',
		externalRefs: { harvest: String(raw.id) },
		...meta(context, 'resource', raw),
	};
}
