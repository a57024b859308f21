import type { PickerOption } from '../shared/node/types';
import type { EmploymentStatus, Resource, TimeOff } from '../shared/canonical';
import type { z } from 'zod';

/**
 * The canonical HRIS operations, as each HRIS vendor's connector implements them. Employees are
 * canonical Resources, leave is canonical TimeOff.
 */

export type { PickerOption } from '../shared/node/types';

/**
 * Where a firm keeps what staffing needs and the HRIS has no standard field for: the names of
 * its own (custom) fields. Empty entries are not read.
 */
export interface CustomFieldMapping {
	/** Text or multi-select field listing skills (comma, semicolon or line separated). */
	skills?: string;
	/** Currency field: internal hourly cost. */
	costRate?: string;
	/** Currency field: standard hourly bill rate. */
	billRate?: string;
	/** Number field: hours a week the person can be staffed. */
	weeklyCapacity?: string;
}

export interface EmployeeFilters {
	employmentStatus?: z.infer<typeof EmploymentStatus>;
	department?: string;
	jobTitle?: string;
	location?: string;
	managerId?: string;
	/** ISO dates, inclusive. */
	hiredOnOrAfter?: string;
	terminatedOnOrAfter?: string;
}

export interface EmployeeQuery {
	/** ISO 8601: only employees whose record changed at or after this instant. */
	modifiedSince?: string;
	filters?: EmployeeFilters;
	/** Only these employee ids. */
	ids?: string[];
	limit?: number;
}

export type TimeOffStatus = TimeOff['status'];

export interface TimeOffQuery {
	/** ISO dates, inclusive: requests overlapping this range. */
	startDate: string;
	endDate: string;
	statuses?: TimeOffStatus[];
	resourceId?: string;
	/** Hours in one day of leave, for systems that count leave in days. */
	hoursPerDay?: number | ((resourceId: string) => number | undefined);
}

/** A company-wide day off (holiday), as "who is out" lists it next to people's leave. */
export interface CompanyHoliday {
	id: string;
	name: string;
	startDate: string;
	endDate: string;
}

export interface WhosOut {
	timeOff: TimeOff[];
	holidays: CompanyHoliday[];
}

export type EmploymentEventKind = 'hire' | 'termination';

/** A hire or a termination the HRIS recorded: what the HRIS trigger emits. */
export interface EmploymentEvent {
	event: EmploymentEventKind;
	/** Hire date or termination date (ISO date). */
	date: string;
	resourceId: string;
	/** When the HRIS recorded the change (ISO 8601), if it says. */
	changedAt?: string;
	resource: Resource;
}

export interface HrisConnector {
	employees: {
		get(id: string, fields: CustomFieldMapping): Promise<Resource>;
		/** Employees page by page, as canonical Resources. */
		list(query: EmployeeQuery, fields: CustomFieldMapping): AsyncIterable<Resource[]>;
	};
	timeOff: {
		/** Time off requests overlapping the range, page by page. */
		list(query: TimeOffQuery): AsyncIterable<TimeOff[]>;
		/** People out (approved leave) and company holidays in the range. */
		whosOut(range: { startDate: string; endDate: string }): Promise<WhosOut>;
	};
	/** Pickers: the account's employee fields (for the custom field mapping), its departments, its current employees. */
	listFields(filter?: string): Promise<PickerOption[]>;
	listDepartments(filter?: string): Promise<PickerOption[]>;
	listEmployees(filter?: string): Promise<PickerOption[]>;
	/** Polling: hires and terminations recorded at or after `since`, oldest change first. */
	employmentEventsSince(since: string, fields: CustomFieldMapping): AsyncIterable<EmploymentEvent[]>;
}
