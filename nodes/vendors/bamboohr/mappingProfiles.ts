import { defineProfile, inspectVendorRecord, type RegisteredProfile } from '../../shared/mapping/profile';
import { EMPLOYEE_DATASET_NAMES, employeeRecordFromDatasetRow } from './employeeDataset';
import { toCanonicalResource, toCanonicalTimeOff, type BambooEmployeeRecord, type BambooTimeOffRequest } from './records';

const BAMBOOHR = { system: 'bamboohr', systemName: 'BambooHR' } as const;

/**
 * BambooHR is read, never written, by the pack: its profiles map to canonical only. Employees are
 * mapped from their standard fields; skills, rates and capacity live in a firm's own custom fields,
 * which only the HRIS node's field settings know.
 */
export const bamboohrResourceProfile = defineProfile({
	...BAMBOOHR,
	entity: 'resource',
	vendorObject: 'employee',
	toCanonical: (raw: unknown, context) => {
		const today = context.fetchedAt.slice(0, 10);
		const row = (raw as { fields?: unknown } | null)?.fields;
		if (row && typeof row === 'object' && !Array.isArray(row)) {
			// An employee dataset row (Get Data from Dataset (v2)): its values under `fields`, the id as eeid.
			const fields = inspectVendorRecord(row, { what: 'BambooHR employee dataset row', idField: EMPLOYEE_DATASET_NAMES.id });
			return toCanonicalResource(employeeRecordFromDatasetRow(fields, { mapped: [] }), {}, context, today, raw);
		}
		const record = inspectVendorRecord(raw, { what: 'BambooHR employee (an employee with id, a report row, or a dataset row)', idField: 'id' }) as BambooEmployeeRecord;
		return toCanonicalResource(record, {}, context, today);
	},
});

export const bamboohrTimeOffProfile = defineProfile({
	...BAMBOOHR,
	entity: 'timeOff',
	vendorObject: 'timeOffRequest',
	toCanonical: (raw: unknown, context) => {
		const request = inspectVendorRecord(raw, { what: 'BambooHR time off request', idField: 'id', required: ['employeeId', 'start', 'end'], dates: ['start', 'end'], numbers: ['amount.amount'] });
		return toCanonicalTimeOff(request as unknown as BambooTimeOffRequest, context);
	},
});

/** BambooHR's built-in mappings (read only): employees (as the employee endpoints or the employee dataset give them) and time off requests. */
export const bamboohrMappingProfiles: RegisteredProfile[] = [bamboohrResourceProfile, bamboohrTimeOffProfile];
