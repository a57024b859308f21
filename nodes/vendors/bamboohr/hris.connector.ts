import type { CompanyHoliday, HrisConnector, PickerOption, TimeOffQuery } from '../../Hris/connector';
import type { MapContext, TimeOff } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { bamboohrEmployees } from './employees';
import { fromCanonicalTimeOffStatuses, toCanonicalTimeOff, toCanonicalWhosOut, type BambooTimeOffRequest, type BambooWhosOutEntry } from './records';

export function bamboohrHrisConnector(client: VendorClient, context: MapContext): HrisConnector {
	const { employees, employmentEventsSince } = bamboohrEmployees(client, context);

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

	return {
		employees,
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
