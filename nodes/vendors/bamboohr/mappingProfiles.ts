import { defineProfile, inspectVendorRecord, type RegisteredProfile } from '../../shared/mapping/profile';
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
		const record = inspectVendorRecord(raw, { what: 'BambooHR employee (a report row or employee with id)', idField: 'id' }) as BambooEmployeeRecord;
		return toCanonicalResource(record, {}, context, context.fetchedAt.slice(0, 10));
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

/** BambooHR's built-in mappings (read only): employees and time off requests. */
export const bamboohrMappingProfiles: RegisteredProfile[] = [bamboohrResourceProfile, bamboohrTimeOffProfile];
