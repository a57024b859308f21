import type { CompanyHoliday, CustomFieldMapping, EmploymentEvent } from '../../Hris/connector';
import type { MapContext, Money, Resource, TimeOff } from '../../shared/canonical';
import { DAY_MS, money, provenance } from '../../shared/canonical';

/**
 * BambooHR <-> canonical, pure. Field values follow documentation.bamboohr.com/docs/field-types:
 * strings everywhere, dates as yyyy-mm-dd ("0000-00-00", empty or null when unset), currency as
 * "<amount> <ISO code>" when read, or as {value, currency} (the written form, and what a dataset
 * row's amount and currency-code fields make, employeeDataset.ts).
 */

/**
 * One employee as GET /employees/{id} returns it, a custom report row, or an employee dataset row
 * renamed (employeeDataset.ts): `id` plus the requested fields under the employee endpoints' names.
 */
export type BambooEmployeeRecord = { id: string | number } & Record<string, unknown>;

/** An entry of GET /employees/changed. */
export interface BambooChange {
	id: string;
	action: 'Inserted' | 'Updated' | 'Deleted';
	lastChanged: string;
}

/** A time off request (GET /time_off/requests); numbers may come as strings in older answers. */
export interface BambooTimeOffRequest {
	id: number | string;
	employeeId: number | string;
	name?: string;
	start: string;
	end: string;
	created?: string;
	status?: { status?: string; lastChanged?: string; lastChangedByUserId?: number | string };
	type?: { id?: number | string; name?: string; icon?: string };
	amount?: { unit?: string; amount?: number | string };
	dates?: Record<string, number | string>;
	notes?: { employee?: string; manager?: string };
}

/** An entry of GET /time_off/whos_out. */
export interface BambooWhosOutEntry {
	id: number | string;
	type: 'timeOff' | 'holiday';
	employeeId?: number | string;
	name: string;
	start: string;
	end: string;
}

/** Standard fields GET /employees/{id} reads for every employee (the employee endpoints' field names). */
export const EMPLOYEE_FIELDS = [
	'firstName',
	'lastName',
	'displayName',
	'preferredName',
	'workEmail',
	'department',
	'jobTitle',
	'location',
	'status',
	'employmentHistoryStatus',
	'hireDate',
	'terminationDate',
	// supervisorEId is the supervisor's employee id; supervisorId is their employee number.
	'supervisorEId',
	'lastChanged',
];

/** GET /employees/{id}'s field list: the standard fields and the firm's mapped custom fields, once each. */
export function employeeFieldList(mapping: CustomFieldMapping): string[] {
	const custom = [mapping.skills, mapping.costRate, mapping.billRate, mapping.weeklyCapacity].map((field) => field?.trim()).filter((field): field is string => Boolean(field));
	return [...new Set([...EMPLOYEE_FIELDS, ...custom])];
}

const text = (value: unknown): string | undefined => {
	if (value === null || value === undefined) return undefined;
	const string = String(value).trim();
	return string === '' ? undefined : string;
};

/** yyyy-mm-dd, or undefined for BambooHR's empty dates ("0000-00-00", "", null). */
export function readBambooDate(value: unknown): string | undefined {
	const raw = text(value);
	if (!raw || /^0000-00-00/.test(raw)) return undefined;
	const date = raw.slice(0, 10);
	const time = Date.parse(`${date}T00:00:00Z`);
	// Round-trip: the engine's parser rolls 2026-02-30 over into March instead of refusing it.
	return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(date) ? date : undefined;
}

/**
 * A currency field as exact money: "85.00" (company currency), "85.00 USD", {value: "85.00",
 * currency: "EUR"} or a number. Throws on anything else; the caller names the record and the field.
 */
export function readBambooMoney(value: unknown, defaultCurrency: string): Money | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'object') {
		const object = value as { value?: unknown; amount?: unknown; currency?: unknown };
		const amount = text(object.value ?? object.amount);
		if (amount === undefined) return undefined;
		return money(amount, text(object.currency) ?? defaultCurrency);
	}
	if (typeof value === 'number') return money(value, defaultCurrency);
	const match = /^\s*([A-Za-z]{3})?\s*(-?[\d,]*\.?\d+)\s*([A-Za-z]{3})?\s*$/.exec(String(value));
	if (!match) throw new Error(`"${String(value)}" is not a currency amount`);
	return money(match[2], match[3] ?? match[1] ?? defaultCurrency);
}

export function readBambooNumber(value: unknown): number | undefined {
	const raw = text(typeof value === 'object' && value !== null ? (value as { value?: unknown }).value : value);
	if (raw === undefined) return undefined;
	const number = Number(raw.replace(/,/g, ''));
	if (!Number.isFinite(number)) throw new Error(`"${raw}" is not a number`);
	return number;
}

/** Skills from a text field ("python, sap") or a multi-select list (array or comma separated). */
export function readSkills(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((skill) => String(skill).trim()).filter(Boolean);
	const raw = text(value);
	if (!raw) return [];
	return [...new Set(raw.split(/[,;\n]/).map((skill) => skill.trim()).filter(Boolean))];
}

/**
 * Inactive status, a "Terminated" employment status or a termination date that has passed mean
 * terminated; a future termination date leaves the person active until then.
 */
export function employmentStatusOf(record: BambooEmployeeRecord, today: string): Resource['employmentStatus'] {
	const status = text(record.status)?.toLowerCase();
	const history = text(record.employmentHistoryStatus)?.toLowerCase() ?? '';
	const terminationDate = readBambooDate(record.terminationDate);
	if (status === 'inactive' || history.includes('terminat') || (terminationDate !== undefined && terminationDate <= today)) return 'terminated';
	if (history.includes('leave')) return 'on_leave';
	if (history.includes('contract') || history.includes('freelanc')) return 'contractor';
	return 'active';
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function instant(value: unknown): string | undefined {
	const raw = text(value);
	if (!raw) return undefined;
	const time = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function mapped<T>(record: BambooEmployeeRecord, field: string | undefined, read: (value: unknown) => T): T | undefined {
	if (!field?.trim()) return undefined;
	let problem: string | undefined;
	try {
		return read(record[field.trim()]);
	} catch (error) {
		problem = (error as Error).message;
	}
	// The message names the record and the field: a wrong field mapping shows at once.
	throw new Error(`BambooHR employee ${String(record.id)}: field ${field.trim()} ${problem}`);
}

/** `raw` is the vendor's record as read (a dataset row), kept as remoteData; by default the record itself. */
export function toCanonicalResource(
	record: BambooEmployeeRecord,
	mapping: CustomFieldMapping,
	context: MapContext,
	today = new Date().toISOString().slice(0, 10),
	raw: unknown = record,
): Resource {
	const id = String(record.id);
	const firstName = text(record.firstName);
	const lastName = text(record.lastName);
	const shownFirst = text(record.preferredName) ?? firstName;
	const email = text(record.workEmail);
	const capacity = mapped(record, mapping.weeklyCapacity, readBambooNumber);
	return {
		schemaVersion: 1,
		id,
		firstName,
		lastName,
		displayName: text(record.displayName) ?? ([shownFirst, lastName].filter(Boolean).join(' ') || `Employee ${id}`),
		email: email && EMAIL.test(email) ? email : undefined,
		department: text(record.department),
		role: text(record.jobTitle),
		location: text(record.location),
		skills: mapped(record, mapping.skills, readSkills) ?? [],
		costRate: mapped(record, mapping.costRate, (value) => readBambooMoney(value, context.defaultCurrency)),
		billRate: mapped(record, mapping.billRate, (value) => readBambooMoney(value, context.defaultCurrency)),
		weeklyCapacityHours: capacity !== undefined && capacity >= 0 ? capacity : undefined,
		managerId: text(record.supervisorEId),
		employmentStatus: employmentStatusOf(record, today),
		hireDate: readBambooDate(record.hireDate),
		terminationDate: readBambooDate(record.terminationDate),
		externalRefs: { bamboohr: id },
		...provenance(context, { system: 'bamboohr', entity: 'resource', remoteId: id, remoteUpdatedAt: instant(record.lastChanged) }, raw),
	};
}

/** BambooHR request statuses; "superceded" (their spelling) is a request replaced by an edited one. */
export function toCanonicalTimeOffStatus(status: string | undefined): TimeOff['status'] {
	switch ((status ?? '').toLowerCase()) {
		case 'approved':
			return 'approved';
		case 'denied':
		case 'declined':
			return 'denied';
		case 'canceled':
		case 'cancelled':
		case 'superceded':
		case 'superseded':
			return 'cancelled';
		default:
			return 'requested';
	}
}

/** Canonical statuses as BambooHR's status filter spells them. */
export function fromCanonicalTimeOffStatuses(statuses: Array<TimeOff['status']>): string[] {
	return [...new Set(statuses.flatMap((status) => (status === 'cancelled' ? ['canceled', 'superceded'] : [status])))];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** `hoursPerDay` turns requests counted in days into hours (8 unless the caller knows better). */
export function toCanonicalTimeOff(request: BambooTimeOffRequest, context: MapContext, hoursPerDay = 8): TimeOff {
	const id = String(request.id);
	const inDays = (request.amount?.unit ?? 'hours').toLowerCase().startsWith('day');
	const toHours = (amount: number): number => round2(inDays ? amount * hoursPerDay : amount);
	const amount = request.amount?.amount !== undefined ? Number(request.amount.amount) : undefined;
	const days = Object.entries(request.dates ?? {})
		.map(([date, value]) => ({ date, hours: toHours(Number(value)) }))
		.filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day.date) && Number.isFinite(day.hours) && day.hours >= 0)
		.sort((a, b) => a.date.localeCompare(b.date));
	return {
		schemaVersion: 1,
		id,
		resourceId: String(request.employeeId),
		type: text(request.type?.name),
		status: toCanonicalTimeOffStatus(request.status?.status),
		startDate: request.start,
		endDate: request.end,
		hours: amount !== undefined && Number.isFinite(amount) ? toHours(amount) : undefined,
		days: days.length > 0 ? days : undefined,
		externalRefs: { bamboohr: id },
		...provenance(context, { system: 'bamboohr', entity: 'timeOff', remoteId: id, remoteUpdatedAt: text(request.status?.lastChanged) }, request),
	};
}

/** Who's out lists approved leave (people) and holidays (the company). */
export function toCanonicalWhosOut(entry: BambooWhosOutEntry, context: MapContext): { timeOff: TimeOff } | { holiday: CompanyHoliday } {
	const id = String(entry.id);
	if (entry.type === 'holiday' || entry.employeeId === undefined) {
		return { holiday: { id, name: entry.name, startDate: entry.start, endDate: entry.end } };
	}
	return {
		timeOff: {
			schemaVersion: 1,
			id,
			resourceId: String(entry.employeeId),
			status: 'approved',
			startDate: entry.start,
			endDate: entry.end,
			externalRefs: { bamboohr: id },
			...provenance(context, { system: 'bamboohr', entity: 'timeOff', remoteId: id }, entry),
		},
	};
}

/** Hires and terminations are often entered after the fact: dates this far before the window still count. */
export const EVENT_LOOKBACK_DAYS = 30;

/**
 * Hires and terminations among changed employees. A hire is a changed employee whose hire date is
 * on or after the look-back day (recent or upcoming); a termination likewise with the termination
 * date. Deleted records are no event. Oldest change first.
 */
export function employmentEventsOf(input: {
	changes: BambooChange[];
	records: BambooEmployeeRecord[];
	since: string;
	mapping: CustomFieldMapping;
	context: MapContext;
	today?: string;
	/** The vendor's record as read, for remoteData (a dataset row); by default the record itself. */
	rawOf?: (record: BambooEmployeeRecord) => unknown;
}): EmploymentEvent[] {
	const byId = new Map(input.records.map((record) => [String(record.id), record]));
	const cutoff = new Date(Date.parse(input.since) - EVENT_LOOKBACK_DAYS * DAY_MS).toISOString().slice(0, 10);
	const events: EmploymentEvent[] = [];
	for (const change of [...input.changes].sort((a, b) => (instant(a.lastChanged) ?? '').localeCompare(instant(b.lastChanged) ?? ''))) {
		const record = byId.get(String(change.id));
		if (change.action === 'Deleted' || !record) continue;
		const resource = toCanonicalResource(record, input.mapping, input.context, input.today, input.rawOf?.(record) ?? record);
		const changedAt = instant(change.lastChanged);
		if (resource.hireDate && resource.hireDate >= cutoff) {
			events.push({ event: 'hire', date: resource.hireDate, resourceId: resource.id!, changedAt, resource });
		}
		if (resource.terminationDate && resource.terminationDate >= cutoff) {
			events.push({ event: 'termination', date: resource.terminationDate, resourceId: resource.id!, changedAt, resource });
		}
	}
	return events;
}
