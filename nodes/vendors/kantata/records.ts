import type { IDataObject } from 'n8n-workflow';
import {
	minorUnitExponent,
	provenance,
	toDecimalString,
	type Assignment,
	type BillingModel,
	type Client,
	type Expense,
	type MapContext,
	type Money,
	type Project,
	type ProjectStatus,
	type Resource,
	type Task,
	type TimeEntry,
} from '../../shared/canonical';

/**
 * Kantata OX API v1 objects (developer.kantata.com/kantata/specification), only the fields the pack
 * reads. Ids are strings of digits; amounts are integers `*_in_cents` of the currency's base unit.
 */
export interface KantataWorkspaceGroup {
	id: string; name: string; company: boolean; contact_name?: string | null; email?: string | null; phone_number?: string | null;
	address?: string | null; website?: string | null; notes?: string | null; workspace_ids?: string[];
}
export interface KantataWorkspace {
	id: string; title: string; description?: string | null; archived: boolean; budgeted?: boolean; price_in_cents?: number | null;
	currency?: string | null; currency_base_unit?: number | null; start_date?: string | null; due_date?: string | null;
	stories_are_fixed_fee_by_default?: boolean; status?: { key?: number; message?: string; color?: string } | null;
	workspace_group_ids?: string[]; primary_workspace_group_id?: string | null; primary_maven_id?: string | null;
	created_at?: string; updated_at?: string; participation_ids?: string[];
}
export interface KantataStory {
	id: string; title: string; workspace_id: string; story_type: string; billable?: boolean; archived?: boolean; state?: string | null;
	time_estimate_in_minutes?: number | null; start_date?: string | null; due_date?: string | null; updated_at?: string; created_at?: string;
}
export interface KantataParticipation {
	id: string; workspace_id: string; user_id: string; role: string; is_team_lead?: boolean; rate_in_cents?: number | null; updated_at?: string;
}
export interface KantataTimeEntry {
	id: string; workspace_id: string; story_id?: string | null; user_id?: string | null; date_performed: string; time_in_minutes: number;
	billable: boolean; notes?: string | null; rate_in_cents?: number | null; currency?: string | null; currency_base_unit?: number | null;
	approved?: boolean; is_invoiced?: boolean; invoice_id?: string | null; active_submission_id?: string | null; created_at?: string; updated_at?: string;
}
export interface KantataExpense {
	id: string; workspace_id: string; user_id?: string | null; date: string; category?: string | null; amount_in_cents: number; currency?: string | null;
	currency_base_unit?: number | null; notes?: string | null; is_billable?: boolean; is_invoiced?: boolean; invoice_id?: string | null;
	active_submission_id?: string | null; recent_submission_id?: string | null; created_at?: string; updated_at?: string;
}
/** Submission statuses as timesheet and expense report submissions give them. */
export type SubmissionStatus = 'pending' | 'approved' | 'rejected' | 'canceled' | string;
export interface KantataUser { id: string; full_name: string; email_address?: string | null; headline?: string | null; disabled?: boolean; updated_at?: string }

const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value.trim() === '' ? undefined : value);

/** A canonical id as the digits Kantata uses; the error names the field. */
export function kantataId(value: string, field: string): string {
	if (!/^\d+$/.test(value.trim())) throw new Error(`${field} "${value}" is not a Kantata id (digits)`);
	return value.trim();
}

function meta(context: MapContext, entity: string, record: { id: string; updated_at?: string }) {
	return provenance(context, { system: 'kantata', entity, remoteId: String(record.id), remoteUpdatedAt: record.updated_at }, record);
}

// ---- Money: `*_in_cents` with `currency` and `currency_base_unit` -------------------------------

/**
 * Kantata's cents are units of 1/`currency_base_unit` (100 for USD, 1 for JPY): the same as ISO 4217
 * minor units where the base unit matches the exponent, otherwise converted exactly or refused.
 */
export function fromCents(cents: number | null | undefined, currency: string | null | undefined, baseUnit?: number | null): Money | undefined {
	if (cents === null || cents === undefined || !currency) return undefined;
	if (!Number.isSafeInteger(cents)) throw new Error(`${cents} is not a whole number of cents`);
	const code = currency.toUpperCase();
	const scale = 10 ** minorUnitExponent(code);
	const unit = baseUnit ?? scale;
	if (unit === scale) return { amountMinor: cents, currency: code };
	const minor = (cents * scale) / unit;
	if (!Number.isSafeInteger(minor)) throw new Error(`${cents} cents of ${unit} per ${code} is not a whole number of ${code} minor units`);
	return { amountMinor: minor, currency: code };
}

export function toCents(value: Money, baseUnit?: number | null): number {
	const scale = 10 ** minorUnitExponent(value.currency);
	const unit = baseUnit ?? scale;
	const cents = (value.amountMinor * unit) / scale;
	if (!Number.isSafeInteger(cents)) throw new Error(`${toDecimalString(value.amountMinor, value.currency)} ${value.currency} is not a whole number of Kantata cents`);
	return cents;
}

// ---- References and billing extras, kept on one marker line at the end of a description ---------

/**
 * Kantata has no field for another system's id of a project or client, a project code, or a
 * retainer/milestone billing model: they ride on one last line, `[p2c] crm=123 key=opp-9%2Fproj code=PRJ-7` (one `<system key>=<id>` per reference).
 */
const MARKER = /^\[p2c\]((?: [\w-]+=\S+)*)\s*$/;

export function splitMarker(body: string | null | undefined): { text?: string; pairs: Record<string, string> } {
	const lines = (body ?? '').split(/\r?\n/);
	const pairs: Record<string, string> = {};
	const marker = MARKER.exec((lines[lines.length - 1] ?? '').trim());
	if (marker) {
		lines.pop();
		for (const pair of marker[1].trim().split(' ').filter(Boolean)) {
			const [key, ...value] = pair.split('=');
			pairs[key] = decodeURIComponent(value.join('='));
		}
	}
	const rest = lines.join('\n').trim();
	return { text: rest === '' ? undefined : rest, pairs };
}

export function joinMarker(body: string | undefined, pairs: Record<string, string | undefined>): string {
	const kept = Object.entries(pairs).filter((entry): entry is [string, string] => entry[0] !== 'kantata' && entry[1] !== undefined && entry[1] !== '');
	const marker = kept.length > 0 ? `[p2c] ${kept.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join(' ')}` : undefined;
	return [body?.trim(), marker].filter(Boolean).join('\n');
}

const MARKER_FIELDS = new Set(['code', 'model']);
const refsOf = (pairs: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(pairs).filter(([key]) => !MARKER_FIELDS.has(key)));

// ---- Clients: workspace groups that represent a company ------------------------------------------

/** A client is a workspace group marked `company`; groups have no archived state, so every client is active. */
export function toCanonicalClient(raw: KantataWorkspaceGroup, context: MapContext): Client {
	const { pairs } = splitMarker(raw.notes);
	const lines = (raw.address ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
	const website = text(raw.website)?.replace(/^https?:\/\//i, '').replace(/\/.*$/, '');
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.name,
		email: text(raw.email),
		phone: text(raw.phone_number),
		domain: website,
		billingAddress: lines.length > 0 ? { line1: lines[0], ...(lines.length > 1 ? { line2: lines.slice(1).join(', ') } : {}) } : undefined,
		isActive: true,
		externalRefs: { ...refsOf(pairs), kantata: String(raw.id) },
		...meta(context, 'client', raw),
	};
}

/** The group fields of a client; `currentNotes` keeps the notes' own text when only references change. Currency is the projects'. */
export function fromCanonicalClient(client: Partial<Client>, currentNotes?: string | null): IDataObject {
	const body: IDataObject = { company: true };
	if (client.name !== undefined) body.name = client.name;
	if (client.email !== undefined) body.email = client.email;
	if (client.phone !== undefined) body.phone_number = client.phone;
	if (client.domain !== undefined) body.website = client.domain;
	const address = client.billingAddress;
	if (address) body.address = [address.line1, address.line2, [address.postalCode, address.city].filter(Boolean).join(' '), address.region, address.country].filter(Boolean).join('\n');
	if (client.externalRefs !== undefined && Object.keys(client.externalRefs).some((key) => key !== 'kantata')) {
		const current = splitMarker(currentNotes);
		body.notes = joinMarker(current.text, { ...current.pairs, ...client.externalRefs });
	}
	return body;
}

// ---- Projects: workspaces ------------------------------------------------------------------------

/** Kantata's project status messages (the workspace's `status.message`) in canonical terms; archived is completed. */
export function readStatus(raw: Pick<KantataWorkspace, 'archived' | 'status'>): ProjectStatus {
	if (raw.archived) return 'completed';
	const message = (raw.status?.message ?? '').toLowerCase();
	if (/cancel/.test(message)) return 'cancelled';
	if (/complete|closed/.test(message)) return 'completed';
	if (/hold/.test(message)) return 'on_hold';
	if (/not started|planning|estimate|prospect|scoping/.test(message)) return 'planned';
	return 'active';
}

/** Fixed-fee stories by default make a fixed-fee project (a milestone one when the marker says so); otherwise time and materials (or a retainer). */
export function readBillingModel(raw: Pick<KantataWorkspace, 'stories_are_fixed_fee_by_default'>, marker: Record<string, string> = {}): BillingModel {
	if (raw.stories_are_fixed_fee_by_default) return marker.model === 'milestone' ? 'milestone' : 'fixed_fee';
	return marker.model === 'retainer' ? 'retainer' : 'time_and_materials';
}

export function toCanonicalProject(raw: KantataWorkspace, context: MapContext): Project {
	const { text: notes, pairs } = splitMarker(raw.description);
	const currency = text(raw.currency ?? undefined) ?? context.defaultCurrency;
	const price = fromCents(raw.price_in_cents, currency, raw.currency_base_unit);
	const billingModel = readBillingModel(raw, pairs);
	const fixed = billingModel === 'fixed_fee' || billingModel === 'milestone';
	const clientId = raw.primary_workspace_group_id ?? raw.workspace_group_ids?.[0];
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.title,
		code: pairs.code,
		clientId: clientId ? String(clientId) : undefined,
		status: readStatus(raw),
		billingModel,
		budgetAmount: price,
		fixedFee: fixed ? price : undefined,
		startDate: text(raw.start_date),
		endDate: text(raw.due_date),
		managerId: raw.primary_maven_id ? String(raw.primary_maven_id) : undefined,
		notes,
		createdAt: raw.created_at,
		updatedAt: raw.updated_at,
		externalRefs: { ...refsOf(pairs), kantata: String(raw.id) },
		...meta(context, 'project', raw),
	};
}

/**
 * A workspace body. One price is both the budget and a fixed fee; hours budgets and hourly rates
 * have no workspace field (Kantata prices time through the project's rate card), so they are refused.
 * `current` keeps the description's own text and references when only some change.
 */
export function fromCanonicalProject(project: Partial<Project>, options: { creating: boolean; current?: Pick<KantataWorkspace, 'description' | 'currency_base_unit'> }): IDataObject {
	if (project.budgetHours !== undefined) throw new Error('budgetHours cannot be kept: a Kantata project budgets money (its price), and hours per task (time estimates)');
	if (project.hourlyRate !== undefined) throw new Error("hourlyRate cannot be kept: Kantata prices a project's time through its rate card, set in Kantata");
	if (project.status === 'planned' || project.status === 'on_hold') throw new Error(`status "${project.status}" is a Kantata status set in Kantata itself; the API keeps active, completed and cancelled (archived)`);
	const body: IDataObject = {};
	if (options.creating) body.creator_role = 'maven';
	if (project.name !== undefined) body.title = project.name;
	if (project.clientId !== undefined) {
		body.workspace_group_ids = [kantataId(project.clientId, 'clientId')];
		body.primary_workspace_group_id = kantataId(project.clientId, 'clientId');
	}
	if (project.managerId !== undefined) body.primary_maven_id = kantataId(project.managerId, 'managerId');
	if (project.startDate !== undefined) body.start_date = project.startDate;
	if (project.endDate !== undefined) body.due_date = project.endDate;
	if (project.status !== undefined) body.archived = project.status === 'completed' || project.status === 'cancelled';
	const model = project.billingModel;
	if (model !== undefined) body.stories_are_fixed_fee_by_default = model === 'fixed_fee' || model === 'milestone';
	const { budgetAmount, fixedFee } = project;
	if (budgetAmount && fixedFee && (budgetAmount.currency !== fixedFee.currency || budgetAmount.amountMinor !== fixedFee.amountMinor)) {
		throw new Error('fixedFee and budgetAmount differ: a Kantata project has one price, its budget');
	}
	const price = fixedFee ?? budgetAmount;
	if (price) {
		body.currency = price.currency;
		body.budgeted = true;
		// `price` is written in the currency's major unit; Kantata answers it as `price_in_cents`.
		body.price = toDecimalString(price.amountMinor, price.currency);
	}
	const touchesMarker = project.notes !== undefined || project.code !== undefined || model !== undefined || (project.externalRefs !== undefined && Object.keys(project.externalRefs).some((key) => key !== 'kantata'));
	if (touchesMarker) {
		const current = splitMarker(options.current?.description);
		const pairs: Record<string, string | undefined> = { ...current.pairs, ...(project.externalRefs ?? {}) };
		if (project.code !== undefined) pairs.code = project.code;
		if (model !== undefined) pairs.model = model === 'milestone' || model === 'retainer' ? model : undefined;
		body.description = joinMarker(project.notes ?? current.text, pairs);
	}
	return body;
}

// ---- Tasks: stories (tasks, deliverables, milestones) of one workspace ------------------------------

/** A story is always a workspace's: its project is the workspace; time estimates are minutes. */
export function toCanonicalTask(raw: KantataStory, context: MapContext): Task {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		name: raw.title,
		projectId: String(raw.workspace_id),
		billable: raw.billable ?? true,
		budgetHours: typeof raw.time_estimate_in_minutes === 'number' ? raw.time_estimate_in_minutes / 60 : undefined,
		isActive: !raw.archived,
		externalRefs: { kantata: String(raw.id) },
		...meta(context, 'task', raw),
	};
}

/** A story body: a task of the project; a rate has no story field (rates come from the rate card). */
export function fromCanonicalTask(task: Partial<Task>, creating: boolean): IDataObject {
	if (task.hourlyRate !== undefined) throw new Error("hourlyRate cannot be kept: a Kantata task is billed at its project's rate card rates");
	const body: IDataObject = {};
	if (creating) {
		if (!task.projectId) throw new Error('projectId is required: every Kantata task (story) belongs to one project (workspace)');
		body.workspace_id = kantataId(task.projectId, 'projectId');
		body.story_type = 'task';
	}
	if (task.name !== undefined) body.title = task.name;
	if (task.billable !== undefined) body.billable = task.billable;
	if (task.budgetHours !== undefined) body.time_estimate_in_minutes = Math.round(task.budgetHours * 60);
	if (task.isActive !== undefined) body.archived = !task.isActive;
	return body;
}

// ---- Assignments: participations (people on a workspace) and stories (tasks on it) ---------------

/** A provider-side participant of a workspace, billed at its rate in the workspace's currency. */
export function toCanonicalParticipation(raw: KantataParticipation, currency: string, context: MapContext): Assignment {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		kind: 'allocation',
		projectId: String(raw.workspace_id),
		resourceId: String(raw.user_id),
		billRate: fromCents(raw.rate_in_cents, currency),
		isProjectManager: raw.is_team_lead ?? false,
		externalRefs: { kantata: String(raw.id) },
		...meta(context, 'assignment', raw),
	};
}

/** Prefix of the assignment id of a task on a project (a story): people on it keep their participation id. */
export const STORY_ASSIGNMENT = 'story:';

export function toCanonicalStoryAssignment(raw: KantataStory, context: MapContext): Assignment {
	return {
		schemaVersion: 1,
		id: `${STORY_ASSIGNMENT}${raw.id}`,
		kind: 'allocation',
		projectId: String(raw.workspace_id),
		taskId: String(raw.id),
		billable: raw.billable ?? true,
		isProjectManager: false,
		externalRefs: { kantata: `${STORY_ASSIGNMENT}${raw.id}` },
		...meta(context, 'assignment', raw),
	};
}

/** A new participation: the person joins the provider team (`maven`); rate and lead are set after (update attributes only). */
export function fromCanonicalParticipation(assignment: Assignment): IDataObject {
	if (!assignment.resourceId) throw new Error('resourceId is required: the Kantata user to put on the project');
	return { workspace_id: kantataId(assignment.projectId, 'projectId'), user_id: kantataId(assignment.resourceId, 'resourceId'), role: 'maven' };
}

// ---- Time and expenses ---------------------------------------------------------------------------

/** Hours as Kantata's whole minutes; a fraction of a minute is refused rather than rounded away. */
export function minutesOf(hours: number): number {
	const minutes = hours * 60;
	if (Math.abs(minutes - Math.round(minutes)) > 1e-6) throw new Error(`hours ${hours} is not a whole number of minutes (Kantata keeps time_in_minutes)`);
	return Math.round(minutes);
}

/**
 * Approval: `approved` (on an approved timesheet, or in a project that needs no approval); on an
 * open timesheet submission it is `submitted`. Invoiced: `is_invoiced`, with the invoice's id.
 */
export function toCanonicalTimeEntry(raw: KantataTimeEntry, context: MapContext): TimeEntry {
	return {
		schemaVersion: 1,
		id: String(raw.id),
		date: raw.date_performed,
		hours: raw.time_in_minutes / 60,
		billable: raw.billable,
		approvalStatus: raw.approved ? 'approved' : raw.active_submission_id ? 'submitted' : 'draft',
		projectId: String(raw.workspace_id),
		taskId: raw.story_id ? String(raw.story_id) : undefined,
		resourceId: raw.user_id ? String(raw.user_id) : undefined,
		rate: fromCents(raw.rate_in_cents, raw.currency ?? context.defaultCurrency, raw.currency_base_unit),
		notes: text(raw.notes),
		invoiceId: raw.invoice_id ? String(raw.invoice_id) : undefined,
		invoiced: raw.is_invoiced ?? Boolean(raw.invoice_id),
		updatedAt: raw.updated_at,
		externalRefs: { kantata: String(raw.id) },
		...meta(context, 'timeEntry', raw),
	};
}

export function fromCanonicalTimeEntry(entry: Partial<TimeEntry>): IDataObject {
	const body: IDataObject = {};
	if (entry.projectId !== undefined) body.workspace_id = kantataId(entry.projectId, 'projectId');
	if (entry.taskId !== undefined) body.story_id = kantataId(entry.taskId, 'taskId');
	if (entry.resourceId !== undefined) body.user_id = kantataId(entry.resourceId, 'resourceId');
	if (entry.date !== undefined) body.date_performed = entry.date;
	if (entry.hours !== undefined) body.time_in_minutes = minutesOf(entry.hours);
	if (entry.billable !== undefined) body.billable = entry.billable;
	if (entry.notes !== undefined) body.notes = entry.notes;
	return body;
}

/** An expense's approval is its expense report submission's status (`recent_submission`, when included). */
export function toCanonicalExpense(raw: KantataExpense, context: MapContext, submission?: SubmissionStatus): Expense {
	const approvalStatus = submission === 'approved' ? 'approved' : submission === 'rejected' ? 'rejected' : raw.active_submission_id || submission === 'pending' ? 'submitted' : 'draft';
	return {
		schemaVersion: 1,
		id: String(raw.id),
		date: raw.date,
		amount: fromCents(raw.amount_in_cents, raw.currency ?? context.defaultCurrency, raw.currency_base_unit)!,
		category: text(raw.category),
		billable: raw.is_billable ?? true,
		approvalStatus,
		projectId: String(raw.workspace_id),
		resourceId: raw.user_id ? String(raw.user_id) : undefined,
		notes: text(raw.notes),
		invoiceId: raw.invoice_id ? String(raw.invoice_id) : undefined,
		invoiced: raw.is_invoiced ?? Boolean(raw.invoice_id),
		externalRefs: { kantata: String(raw.id) },
		...meta(context, 'expense', raw),
	};
}

/** An expense body; its currency is its project's, which the caller checks. */
export function fromCanonicalExpense(expense: Partial<Expense>, baseUnit?: number | null): IDataObject {
	const body: IDataObject = {};
	if (expense.projectId !== undefined) body.workspace_id = kantataId(expense.projectId, 'projectId');
	if (expense.resourceId !== undefined) body.user_id = kantataId(expense.resourceId, 'resourceId');
	if (expense.date !== undefined) body.date = expense.date;
	if (expense.category !== undefined) body.category = expense.category;
	if (expense.amount) body.amount_in_cents = toCents(expense.amount, baseUnit);
	if (expense.notes !== undefined) body.notes = expense.notes;
	if (expense.billable !== undefined) body.billable = expense.billable;
	return body;
}

// ---- People: users of the account ----------------------------------------------------------------

/** A Kantata user as a canonical Resource: `full_name` split at its last space, `headline` as the role. */
export function toCanonicalPerson(raw: KantataUser, context: MapContext): Resource {
	const name = raw.full_name?.trim() ?? '';
	const split = name.lastIndexOf(' ');
	return {
		schemaVersion: 1,
		id: String(raw.id),
		firstName: split > 0 ? name.slice(0, split) : text(name),
		lastName: split > 0 ? name.slice(split + 1) : undefined,
		displayName: name || text(raw.email_address ?? undefined) || `User ${raw.id}`,
		email: text(raw.email_address ?? undefined),
		role: text(raw.headline ?? undefined),
		skills: [],
		employmentStatus: raw.disabled ? 'terminated' : 'active',
		externalRefs: { kantata: String(raw.id) },
		...meta(context, 'resource', raw),
	};
}
