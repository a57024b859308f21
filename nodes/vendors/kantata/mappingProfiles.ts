import type { IDataObject } from 'n8n-workflow';
import { money } from '../../shared/canonical';
import { defineProfile, inspectVendorRecord, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	fromCanonicalClient,
	fromCanonicalExpense,
	fromCanonicalProject,
	fromCanonicalTask,
	fromCanonicalTimeEntry,
	toCanonicalClient,
	toCanonicalExpense,
	toCanonicalParticipation,
	toCanonicalProject,
	toCanonicalStoryAssignment,
	toCanonicalTask,
	toCanonicalTimeEntry,
	type KantataExpense,
	type KantataParticipation,
	type KantataStory,
	type KantataTimeEntry,
	type KantataWorkspace,
	type KantataWorkspaceGroup,
} from './records';

const KANTATA = { system: 'kantata', systemName: 'Kantata' } as const;
const AUDIT_DATES = ['created_at', 'updated_at'];

/** A Kantata OX API v1 object as an answer's keyed map holds it: snake_case fields, a string `id`. */
const kantataObject = <T>(raw: unknown, what: string, extra: { required?: string[]; dates?: string[]; numbers?: string[] } = {}): T =>
	inspectVendorRecord(raw, { what: `Kantata ${what}`, idField: 'id', required: extra.required, dates: [...AUDIT_DATES, ...(extra.dates ?? [])], numbers: extra.numbers }) as T;

export const kantataClientProfile = defineProfile({
	...KANTATA,
	entity: 'client',
	vendorObject: 'workspace_group (company)',
	toCanonical: (raw: unknown, context) => toCanonicalClient(kantataObject<KantataWorkspaceGroup>(raw, 'workspace group', { required: ['name'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalClient(record),
		writableFields: ['name', 'email', 'phone', 'domain', 'billingAddress', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ ...payload, id: remoteId }) as unknown as KantataWorkspaceGroup,
	},
});

export const kantataProjectProfile = defineProfile({
	...KANTATA,
	entity: 'project',
	vendorObject: 'workspace',
	toCanonical: (raw: unknown, context) =>
		toCanonicalProject(kantataObject<KantataWorkspace>(raw, 'workspace', { required: ['title'], dates: ['start_date', 'due_date'], numbers: ['price_in_cents', 'currency_base_unit'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalProject(record, { creating: true }),
		writableFields: ['name', 'code', 'clientId', 'status', 'billingModel', 'budgetAmount', 'fixedFee', 'startDate', 'endDate', 'managerId', 'notes', 'externalRefs'],
		// Kantata answers the `price` it was sent as `price_in_cents`, and an omitted `archived` as false.
		recordFromPayload: (payload, remoteId) => {
			const { price, ...fields } = payload as IDataObject & { price?: string };
			delete fields.creator_role;
			const currency = typeof fields.currency === 'string' ? fields.currency : undefined;
			return { archived: false, ...fields, id: remoteId, price_in_cents: price && currency ? money(price, currency).amountMinor : null } as unknown as KantataWorkspace;
		},
	},
});

export const kantataTaskProfile = defineProfile({
	...KANTATA,
	entity: 'task',
	vendorObject: 'story',
	toCanonical: (raw: unknown, context) => toCanonicalTask(kantataObject<KantataStory>(raw, 'story', { required: ['title', 'workspace_id'], dates: ['start_date', 'due_date'], numbers: ['time_estimate_in_minutes'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalTask(record, true),
		writableFields: ['name', 'projectId', 'billable', 'budgetHours', 'isActive', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ archived: false, billable: true, ...payload, id: remoteId }) as unknown as KantataStory,
	},
});

/** A time entry or expense as Kantata answers a create: not yet approved or invoiced. */
const echoBooking = (payload: IDataObject, remoteId: string): IDataObject => ({ approved: false, is_invoiced: false, ...payload, id: remoteId });

export const kantataTimeEntryProfile = defineProfile({
	...KANTATA,
	entity: 'timeEntry',
	vendorObject: 'time_entry',
	toCanonical: (raw: unknown, context) =>
		toCanonicalTimeEntry(kantataObject<KantataTimeEntry>(raw, 'time entry', { required: ['date_performed', 'workspace_id', 'time_in_minutes'], dates: ['date_performed'], numbers: ['time_in_minutes', 'rate_in_cents'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalTimeEntry(record),
		writableFields: ['projectId', 'taskId', 'resourceId', 'date', 'hours', 'billable', 'notes', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ billable: true, ...echoBooking(payload, remoteId) }) as unknown as KantataTimeEntry,
	},
});

export const kantataExpenseProfile = defineProfile({
	...KANTATA,
	entity: 'expense',
	vendorObject: 'expense',
	// An expense is in its project's currency; a record without one is in the Default Currency option's.
	toCanonical: (raw: unknown, context) =>
		toCanonicalExpense(kantataObject<KantataExpense>(raw, 'expense', { required: ['date', 'workspace_id', 'amount_in_cents'], dates: ['date'], numbers: ['amount_in_cents'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalExpense(record),
		writableFields: ['projectId', 'resourceId', 'date', 'amount', 'category', 'notes', 'billable', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => {
			const { billable, ...fields } = echoBooking(payload, remoteId);
			return { ...fields, is_billable: billable ?? true } as unknown as KantataExpense;
		},
	},
});

export const kantataAssignmentProfile = defineProfile({
	...KANTATA,
	entity: 'assignment',
	vendorObject: 'participation or story',
	// Read only here: a participation's rate and lead are set by a second request the payload cannot carry.
	toCanonical: (raw: unknown, context) => {
		const record = kantataObject<IDataObject>(raw, 'participation or story', { required: ['workspace_id'], numbers: ['rate_in_cents'] });
		return record.story_type !== undefined
			? toCanonicalStoryAssignment(record as unknown as KantataStory, context)
			: toCanonicalParticipation(record as unknown as KantataParticipation, context.defaultCurrency, context);
	},
});

/** Kantata's built-in mappings: clients, projects, tasks, time entries, expenses, assignments (read only). */
export const kantataMappingProfiles: RegisteredProfile[] = [
	kantataClientProfile,
	kantataProjectProfile,
	kantataTaskProfile,
	kantataTimeEntryProfile,
	kantataExpenseProfile,
	kantataAssignmentProfile,
];
