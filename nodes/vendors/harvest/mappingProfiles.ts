import type { IDataObject } from 'n8n-workflow';
import { defineProfile, inspectVendorRecord, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	fromCanonicalClient,
	fromCanonicalExpense,
	fromCanonicalProject,
	fromCanonicalTask,
	fromCanonicalTimeEntry,
	toCanonicalClient,
	toCanonicalExpense,
	toCanonicalProject,
	toCanonicalTask,
	toCanonicalTaskAssignment,
	toCanonicalTimeEntry,
	toCanonicalUserAssignment,
	type HarvestClient,
	type HarvestExpense,
	type HarvestProject,
	type HarvestTask,
	type HarvestTaskAssignment,
	type HarvestTimeEntry,
	type HarvestUserAssignment,
} from './records';

const HARVEST = { system: 'harvest', systemName: 'Harvest' } as const;
const AUDIT_DATES = ['created_at', 'updated_at'];

/** A Harvest API v2 object: snake_case fields, an integer `id` (help.getharvest.com/api-v2). */
const harvestObject = <T>(raw: unknown, what: string, extra: { required?: string[]; dates?: string[]; numbers?: string[] } = {}): T =>
	inspectVendorRecord(raw, { what: `Harvest ${what}`, idField: 'id', required: extra.required, dates: [...AUDIT_DATES, ...(extra.dates ?? [])], numbers: extra.numbers }) as T;

const ref = (id: unknown): { id: number } | undefined => (id === undefined || id === null ? undefined : { id: Number(id) });

export const harvestClientProfile = defineProfile({
	...HARVEST,
	entity: 'client',
	vendorObject: 'client',
	toCanonical: (raw: unknown, context) => toCanonicalClient(harvestObject<HarvestClient>(raw, 'client', { required: ['name'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalClient(record),
		writableFields: ['name', 'currency', 'isActive', 'billingAddress', 'externalRefs'],
		// Harvest answers a create with the whole client; an omitted is_active is true.
		recordFromPayload: (payload, remoteId) => ({ is_active: true, address: null, ...payload, id: Number(remoteId) }) as unknown as HarvestClient,
	},
});

export const harvestProjectProfile = defineProfile({
	...HARVEST,
	entity: 'project',
	vendorObject: 'project',
	// Amounts are in the client's currency, which Harvest nests in the project's client.
	toCanonical: (raw: unknown, context) =>
		toCanonicalProject(harvestObject<HarvestProject>(raw, 'project', { required: ['name'], dates: ['starts_on', 'ends_on'], numbers: ['budget', 'cost_budget', 'hourly_rate', 'fee'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalProject(record, { creating: true }),
		writableFields: ['name', 'code', 'clientId', 'status', 'billingModel', 'budgetAmount', 'budgetHours', 'hourlyRate', 'fixedFee', 'startDate', 'endDate', 'notes', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => {
			const { client_id: clientId, ...fields } = payload;
			return { is_active: true, ...fields, id: Number(remoteId), client: ref(clientId) } as unknown as HarvestProject;
		},
	},
});

export const harvestTaskProfile = defineProfile({
	...HARVEST,
	entity: 'task',
	vendorObject: 'task',
	toCanonical: (raw: unknown, context) => toCanonicalTask(harvestObject<HarvestTask>(raw, 'task', { required: ['name'], numbers: ['default_hourly_rate'] }), context),
	write: {
		fromCanonical: (record) => fromCanonicalTask(record),
		writableFields: ['name', 'billable', 'hourlyRate', 'isActive', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ is_active: true, billable_by_default: true, ...payload, id: Number(remoteId) }) as unknown as HarvestTask,
	},
});

/** A time entry or expense as Harvest answers a create: the ids as nested objects, not yet approved or billed. */
function echoBooking(payload: IDataObject, remoteId: string): IDataObject {
	const { project_id: projectId, task_id: taskId, user_id: userId, ...fields } = payload;
	return { billable: true, is_closed: false, is_billed: false, ...fields, id: Number(remoteId), project: ref(projectId), task: ref(taskId), user: ref(userId) };
}

export const harvestTimeEntryProfile = defineProfile({
	...HARVEST,
	entity: 'timeEntry',
	vendorObject: 'time_entry',
	// Harvest gives rates without a currency: they are in the account's currency (the Default Currency option).
	toCanonical: (raw: unknown, context) =>
		toCanonicalTimeEntry(harvestObject<HarvestTimeEntry>(raw, 'time entry', { required: ['spent_date', 'project.id'], dates: ['spent_date'], numbers: ['hours', 'billable_rate'] }), context.defaultCurrency, context),
	write: {
		fromCanonical: (record) => fromCanonicalTimeEntry(record),
		writableFields: ['projectId', 'taskId', 'resourceId', 'date', 'hours', 'notes', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => echoBooking(payload, remoteId) as unknown as HarvestTimeEntry,
	},
});

export const harvestExpenseProfile = defineProfile({
	...HARVEST,
	entity: 'expense',
	vendorObject: 'expense',
	toCanonical: (raw: unknown, context) =>
		toCanonicalExpense(harvestObject<HarvestExpense>(raw, 'expense', { required: ['spent_date', 'project.id', 'total_cost'], dates: ['spent_date'], numbers: ['total_cost'] }), context),
	write: {
		// The expense category is an id the PSA node looks up by name; the payload leaves it out.
		fromCanonical: (record) => fromCanonicalExpense(record),
		writableFields: ['projectId', 'resourceId', 'date', 'amount', 'notes', 'billable', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => echoBooking(payload, remoteId) as unknown as HarvestExpense,
	},
});

export const harvestAssignmentProfile = defineProfile({
	...HARVEST,
	entity: 'assignment',
	vendorObject: 'user_assignment or task_assignment',
	// Read only here: assignments are written under their project's path, which a payload cannot carry.
	toCanonical: (raw: unknown, context) => {
		const record = harvestObject<IDataObject>(raw, 'user or task assignment', { required: ['project.id'], numbers: ['hourly_rate'] });
		return record.task
			? toCanonicalTaskAssignment(record as unknown as HarvestTaskAssignment, context.defaultCurrency, context)
			: toCanonicalUserAssignment(record as unknown as HarvestUserAssignment, context.defaultCurrency, context);
	},
});

/** Harvest's built-in mappings: clients, projects, tasks, time entries, expenses, assignments (read only). */
export const harvestMappingProfiles: RegisteredProfile[] = [
	harvestClientProfile,
	harvestProjectProfile,
	harvestTaskProfile,
	harvestTimeEntryProfile,
	harvestExpenseProfile,
	harvestAssignmentProfile,
];
