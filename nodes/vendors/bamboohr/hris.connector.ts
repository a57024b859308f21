import type { CompanyHoliday, CustomFieldMapping, EmployeeFilters, EmployeeQuery, HrisConnector, PickerOption, TimeOffQuery } from '../../Hris/connector';
import type { MapContext, Resource, TimeOff } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import {
	employeeFieldList,
	employmentEventsOf,
	fromCanonicalTimeOffStatuses,
	toCanonicalResource,
	toCanonicalTimeOff,
	toCanonicalWhosOut,
	type BambooChange,
	type BambooEmployeeRecord,
	type BambooTimeOffRequest,
	type BambooWhosOutEntry,
} from './records';

interface CustomReportFilters {
	lastChanged?: { value: string; includeNull: 'yes' | 'no' };
	employeeIds?: number[];
}

/** BambooHR's `since` takes yyyy-mm-ddThh:mm:ssZ: no fractional seconds (get-changed-employee-ids, Date Format). */
const bambooInstant = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

function matches(resource: Resource, filters: EmployeeFilters): boolean {
	if (filters.employmentStatus && resource.employmentStatus !== filters.employmentStatus) return false;
	if (filters.department && !same(resource.department, filters.department)) return false;
	if (filters.jobTitle && !same(resource.role, filters.jobTitle)) return false;
	if (filters.location && !same(resource.location, filters.location)) return false;
	if (filters.managerId && resource.managerId !== filters.managerId) return false;
	if (filters.hiredOnOrAfter && !(resource.hireDate && resource.hireDate >= filters.hiredOnOrAfter)) return false;
	if (filters.terminatedOnOrAfter && !(resource.terminationDate && resource.terminationDate >= filters.terminatedOnOrAfter)) return false;
	return true;
}

export function bamboohrHrisConnector(client: VendorClient, context: MapContext): HrisConnector {
	/**
	 * One custom report reads every employee (Active and Inactive) with all the fields asked for:
	 * one request instead of one per employee (request-custom-report, bhr-api spec).
	 */
	const customReport = async (fields: string[], filters?: CustomReportFilters): Promise<BambooEmployeeRecord[]> => {
		const body = await client.send<{ employees?: BambooEmployeeRecord[] }>({
			method: 'POST',
			url: '/reports/custom',
			// onlyCurrent=true: history fields (job title, department) at their current value, not future-dated ones.
			qs: { format: 'JSON', onlyCurrent: 'true' },
			// JSON is recognised only with exactly this content type; anything else is parsed as XML.
			headers: { 'Content-Type': 'application/json' },
			body: { title: 'Project-to-Cash employees', fields, ...(filters ? { filters } : {}) },
			// A report is a read: re-sending it after a throttle or a lost answer changes nothing.
			retrySafety: 'idempotent',
		});
		return body.employees ?? [];
	};

	const toResources = (records: BambooEmployeeRecord[], mapping: CustomFieldMapping): Resource[] =>
		records.map((record) => toCanonicalResource(record, mapping, context));

	async function* listEmployees(query: EmployeeQuery, mapping: CustomFieldMapping): AsyncIterable<Resource[]> {
		const filters: CustomReportFilters = {};
		if (query.modifiedSince) filters.lastChanged = { value: bambooInstant(query.modifiedSince), includeNull: 'no' };
		if (query.ids) filters.employeeIds = query.ids.map(Number);
		const records = await customReport(employeeFieldList(mapping), Object.keys(filters).length > 0 ? filters : undefined);
		// The report has no filters for these: they apply to the canonical records.
		yield toResources(records, mapping).filter((resource) => matches(resource, query.filters ?? {}));
	}

	async function* listTimeOff(query: TimeOffQuery): AsyncIterable<TimeOff[]> {
		const requests = await client.send<BambooTimeOffRequest[]>({
			method: 'GET',
			url: '/time_off/requests',
			qs: {
				start: query.startDate,
				end: query.endDate,
				status: query.statuses && query.statuses.length > 0 ? fromCanonicalTimeOffStatuses(query.statuses).join(',') : undefined,
				employeeId: query.resourceId,
			},
		});
		const hoursPerDay = (employeeId: string): number =>
			(typeof query.hoursPerDay === 'function' ? query.hoursPerDay(employeeId) : query.hoursPerDay) ?? 8;
		yield (Array.isArray(requests) ? requests : []).map((request) => toCanonicalTimeOff(request, context, hoursPerDay(String(request.employeeId))));
	}

	async function* employmentEventsSince(since: string, mapping: CustomFieldMapping) {
		const changed = await client.send<{ latest?: string; employees?: Record<string, BambooChange> }>({
			method: 'GET',
			url: '/employees/changed',
			qs: { since: bambooInstant(since) },
		});
		const changes = Object.values(changed.employees ?? {});
		const ids = changes.filter((change) => change.action !== 'Deleted').map((change) => change.id);
		if (ids.length === 0) return;
		// The changed feed gives ids only: one report reads all of them.
		const records = await customReport(employeeFieldList(mapping), { employeeIds: ids.map(Number) });
		yield employmentEventsOf({ changes, records, since, mapping, context });
	}

	return {
		employees: {
			async get(id, mapping) {
				const record = await client.send<BambooEmployeeRecord>({
					method: 'GET',
					url: `/employees/${encodeURIComponent(id)}`,
					qs: { fields: employeeFieldList(mapping).join(','), onlyCurrent: 'true' },
				});
				return toCanonicalResource({ ...record, id: record.id ?? id }, mapping, context);
			},
			list: listEmployees,
		},
		timeOff: {
			list: listTimeOff,
			async whosOut(range) {
				const entries = await client.send<BambooWhosOutEntry[]>({
					method: 'GET',
					url: '/time_off/whos_out',
					qs: { start: range.startDate, end: range.endDate },
				});
				const timeOff: TimeOff[] = [];
				const holidays: CompanyHoliday[] = [];
				for (const entry of Array.isArray(entries) ? entries : []) {
					const mapped = toCanonicalWhosOut(entry, context);
					if ('timeOff' in mapped) timeOff.push(mapped.timeOff);
					else holidays.push(mapped.holiday);
				}
				return { timeOff, holidays };
			},
		},
		async listFields(filter?: string): Promise<PickerOption[]> {
			const fields = await client.send<Array<{ id: number | string; name: string; type: string; alias?: string }>>({ method: 'GET', url: '/meta/fields' });
			const wanted = filter?.toLowerCase();
			return fields
				.map((field) => ({ name: `${field.name} (${field.alias ?? field.id})`, value: field.alias ?? String(field.id), description: field.type }))
				.filter((option) => !wanted || option.name.toLowerCase().includes(wanted))
				.sort((a, b) => a.name.localeCompare(b.name));
		},
		async listDepartments(filter?: string): Promise<PickerOption[]> {
			const lists = await client.send<Array<{ alias?: string; options?: Array<{ name: string; archived?: string }> }>>({ method: 'GET', url: '/meta/lists' });
			const wanted = filter?.toLowerCase();
			return (lists.find((list) => list.alias === 'department')?.options ?? [])
				.filter((option) => option.archived !== 'yes' && (!wanted || option.name.toLowerCase().includes(wanted)))
				.map((option) => ({ name: option.name, value: option.name }));
		},
		/** The employee directory: current (Active) employees, as the company shares them. */
		async listEmployees(filter?: string): Promise<PickerOption[]> {
			const directory = await client.send<{ employees?: Array<{ id: string; displayName?: string; firstName?: string; lastName?: string; jobTitle?: string; department?: string }> }>({
				method: 'GET',
				url: '/employees/directory',
			});
			const wanted = filter?.toLowerCase();
			return (directory.employees ?? [])
				.map((employee) => ({
					name: employee.displayName || [employee.firstName, employee.lastName].filter(Boolean).join(' ') || `Employee ${employee.id}`,
					value: String(employee.id),
					description: [employee.jobTitle, employee.department].filter(Boolean).join(', '),
				}))
				.filter((option) => !wanted || option.name.toLowerCase().includes(wanted))
				.sort((a, b) => a.name.localeCompare(b.name));
		},
		employmentEventsSince,
	};
}
