import type { BambooEmployee, BambooHrStore, BambooTimeOffRequest, FieldDefinition } from './store';
import { findField } from './store';

/** What the API answers for each read, written from the v1 reference (bhr-api spec, public.yaml). */

export const isIsoDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const today = (): string => new Date().toISOString().slice(0, 10);

/** Requested fields in request order; unknown ones are dropped silently, as BambooHR does. */
export function resolveFields(requested: string[]): Array<{ requested: string; field: FieldDefinition }> {
	return requested.flatMap((name) => {
		const field = findField(name);
		return field ? [{ requested: name.trim(), field }] : [];
	});
}

export function employeeRow(store: BambooHrStore, employee: BambooEmployee, fields: Array<{ requested: string; field: FieldDefinition }>): Record<string, unknown> {
	const row: Record<string, unknown> = { id: employee.id };
	for (const { requested, field } of fields) row[requested] = store.valueOf(employee, field.alias);
	return row;
}

export interface CustomReportRequest {
	title?: string;
	fields?: unknown;
	filters?: { lastChanged?: { value?: string; includeNull?: 'yes' | 'no' }; employeeIds?: unknown[] };
}

/**
 * POST /reports/custom: every employee (Active and Inactive) unless filtered by lastChanged
 * or employeeIds; `fields` echoes id, type and name of each known requested field.
 */
export function customReport(store: BambooHrStore, request: CustomReportRequest): Record<string, unknown> {
	const fields = resolveFields((request.fields as string[]).map(String));
	let employees = [...store.employees.values()];
	const since = request.filters?.lastChanged?.value;
	if (since) employees = employees.filter((employee) => Date.parse(employee.lastChanged) >= Date.parse(since));
	const ids = request.filters?.employeeIds;
	if (Array.isArray(ids)) {
		const wanted = new Set(ids.map(String));
		employees = employees.filter((employee) => wanted.has(employee.id));
	}
	return {
		title: request.title ?? 'Report',
		fields: fields.map(({ requested, field }) => ({ id: requested, type: field.type, name: field.name })),
		employees: employees.map((employee) => employeeRow(store, employee, fields)),
	};
}

const DIRECTORY_FIELDS = ['displayName', 'firstName', 'lastName', 'preferredName', 'jobTitle', 'workEmail', 'department', 'location', 'division'];

/** GET /employees/directory: Active employees; future hires only with onlyCurrent=false. */
export function directory(store: BambooHrStore, onlyCurrent: boolean): Record<string, unknown> {
	const fields = resolveFields(DIRECTORY_FIELDS);
	const employees = [...store.employees.values()].filter((employee) => {
		if (employee.fields.status !== 'Active') return false;
		const hired = employee.fields.hireDate as string;
		return !onlyCurrent || !isIsoDate(hired) || hired <= today();
	});
	return {
		fields: fields.map(({ field }) => ({ id: field.alias, type: field.type, name: field.name })),
		employees: employees.map((employee) => ({ ...employeeRow(store, employee, fields), photoUploaded: false, canUploadPhoto: 0 })),
	};
}

/** GET /employees/changed: each employee's latest change at or after `since`, keyed by id. */
export function changedSince(store: BambooHrStore, since: number, type: string | null): Record<string, unknown> {
	const entries = [...store.changes.values()].filter(
		(entry) => Date.parse(entry.lastChanged) >= since && (!type || type === 'all' || entry.action.toLowerCase() === type),
	);
	const latest = entries.reduce((max, entry) => (Date.parse(entry.lastChanged) > Date.parse(max) ? entry.lastChanged : max), new Date(since).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
	return { latest, employees: Object.fromEntries(entries.map((entry) => [entry.id, { id: entry.id, action: entry.action, lastChanged: entry.lastChanged }])) };
}

export interface TimeOffFilters {
	start: string;
	end: string;
	statuses?: string[];
	employeeId?: string;
	typeIds?: string[];
	id?: string;
	excludeNote: boolean;
}

/** GET /time_off/requests: requests overlapping [start, end], filtered; actions as an approver sees them. */
export function timeOffRequests(store: BambooHrStore, filters: TimeOffFilters): Array<Record<string, unknown>> {
	return store.timeOff
		.filter((request) => request.end >= filters.start && request.start <= filters.end)
		.filter((request) => !filters.statuses || filters.statuses.includes(request.status.status))
		.filter((request) => !filters.employeeId || String(request.employeeId) === filters.employeeId)
		.filter((request) => !filters.typeIds || filters.typeIds.includes(String(request.type.id)))
		.filter((request) => !filters.id || String(request.id) === filters.id)
		.map((request) => render(request, filters.excludeNote));
}

function render(request: BambooTimeOffRequest, excludeNote: boolean): Record<string, unknown> {
	const open = request.status.status === 'requested';
	const { notes, ...rest } = request;
	return {
		...rest,
		actions: { view: true, edit: open, cancel: open, approve: open, deny: open, bypass: false },
		...(excludeNote ? {} : { notes }),
	};
}

/** GET /time_off/whos_out: approved time off and company holidays in the period, date-sorted. */
export function whosOut(store: BambooHrStore, start: string, end: string): Array<Record<string, unknown>> {
	const timeOff = store.timeOff
		.filter((request) => request.status.status === 'approved' && request.end >= start && request.start <= end)
		.map((request) => ({ id: request.id, type: 'timeOff', employeeId: request.employeeId, name: request.name, start: request.start, end: request.end }));
	const holidays = store.holidays
		.filter((holiday) => holiday.end >= start && holiday.start <= end)
		.map((holiday) => ({ id: holiday.id, type: 'holiday', name: holiday.name, start: holiday.start, end: holiday.end }));
	return [...timeOff, ...holidays].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
}

/** GET /meta/lists: list fields with their options. */
export function listFields(store: BambooHrStore): Array<Record<string, unknown>> {
	return ['department', 'division', 'jobTitle', 'location', 'employmentHistoryStatus'].map((alias) => {
		const field = findField(alias)!;
		const values = [...new Set([...store.employees.values()].map((employee) => employee.fields[alias]).filter((value): value is string => typeof value === 'string' && value !== ''))].sort();
		return {
			fieldId: field.id,
			alias,
			manageable: 'yes',
			multiple: 'no',
			name: field.name,
			options: values.map((name, index) => ({ id: Number(field.id) * 100 + index, archived: 'no', createdDate: null, archivedDate: null, name })),
		};
	});
}
