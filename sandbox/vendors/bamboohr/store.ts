import type { FirmData, SeedPerson } from '../../seed/firm';
import { SEED_ANCHOR } from '../../seed/firm';
import type { SeedTimeOff } from '../../seed/leave';
import { DAY_MS } from '../../core/time';

/**
 * BambooHR's data as its v1 API reads it: every employee field is a string keyed by its API
 * name (documentation.bamboohr.com/docs/field-types), empty dates as "0000-00-00". A currency
 * field reads as the amount and its ISO code in one string ("85.00 EUR", as the reference's
 * employee and report examples show); {value, currency} is the form BambooHR documents for writing
 * a currency other than the company's, never what it answers.
 */
export type BambooFieldValue = string | null;

export interface BambooEmployee {
	id: string;
	fields: Record<string, BambooFieldValue>;
	lastChanged: string;
}

export type ChangeAction = 'Inserted' | 'Updated' | 'Deleted';

/** One entry of GET /employees/changed: the latest change of an employee. */
export interface ChangeEntry {
	id: string;
	action: ChangeAction;
	lastChanged: string;
}

export interface FieldDefinition {
	id: string;
	name: string;
	type: string;
	alias: string;
}

/** A time off request as GET /time_off/requests returns it (actions are added per caller). */
export interface BambooTimeOffRequest {
	id: number;
	employeeId: number;
	name: string;
	start: string;
	end: string;
	created: string;
	status: { lastChanged: string; lastChangedByUserId: number; status: string };
	type: { id: number; name: string; icon: string };
	amount: { unit: 'hours' | 'days'; amount: number };
	dates: Record<string, number>;
	notes: { employee?: string; manager?: string };
}

export interface BambooHoliday {
	id: number;
	name: string;
	start: string;
	end: string;
}

/** The company's default currency: currency values in it come as plain decimal strings. */
export const COMPANY_CURRENCY = 'USD';
export const EMPTY_DATE = '0000-00-00';

// Standard fields keep BambooHR's API names; custom fields get ids above 4000 and `custom` aliases, as in a real account.
export const FIELD_DEFINITIONS: FieldDefinition[] = [
	{ id: '1', name: 'First Name', type: 'text', alias: 'firstName' },
	{ id: '2', name: 'Last Name', type: 'text', alias: 'lastName' },
	{ id: '3', name: 'Display Name', type: 'text', alias: 'displayName' },
	{ id: '4', name: 'Preferred Name', type: 'text', alias: 'preferredName' },
	{ id: '5', name: 'Employee #', type: 'text', alias: 'employeeNumber' },
	{ id: '6', name: 'Work Email', type: 'email', alias: 'workEmail' },
	{ id: '7', name: 'Department', type: 'list', alias: 'department' },
	{ id: '8', name: 'Division', type: 'list', alias: 'division' },
	{ id: '9', name: 'Job Title', type: 'list', alias: 'jobTitle' },
	{ id: '10', name: 'Location', type: 'list', alias: 'location' },
	{ id: '11', name: 'Status', type: 'status', alias: 'status' },
	{ id: '12', name: 'Employment Status', type: 'list', alias: 'employmentHistoryStatus' },
	{ id: '13', name: 'Hire Date', type: 'date', alias: 'hireDate' },
	{ id: '14', name: 'Termination Date', type: 'date', alias: 'terminationDate' },
	{ id: '15', name: 'Reporting to', type: 'employee', alias: 'supervisor' },
	{ id: '16', name: 'Supervisor EID', type: 'integer', alias: 'supervisorEId' },
	{ id: '17', name: 'Standard Hours Per Week', type: 'int', alias: 'standardHoursPerWeek' },
	{ id: '18', name: 'Last Changed', type: 'timestamp', alias: 'lastChanged' },
	{ id: '4001', name: 'Skills', type: 'textarea', alias: 'customSkills' },
	{ id: '4002', name: 'Cost Rate', type: 'currency', alias: 'customCostRate' },
	{ id: '4003', name: 'Bill Rate', type: 'currency', alias: 'customBillRate' },
	{ id: '4004', name: 'Weekly Capacity', type: 'int', alias: 'customWeeklyCapacity' },
];

/** A requested field (alias or numeric id) resolved to its definition. */
export function findField(requested: string): FieldDefinition | undefined {
	const wanted = requested.trim();
	return FIELD_DEFINITIONS.find((field) => field.alias.toLowerCase() === wanted.toLowerCase() || field.id === wanted);
}

const CURRENCY_BY_CITY: Record<string, string> = { London: 'GBP', Manchester: 'GBP', Berlin: 'EUR', Paris: 'EUR', Amsterdam: 'EUR' };
const TIME_OFF_TYPES: Record<SeedTimeOff['type'], { id: number; icon: string }> = {
	Vacation: { id: 78, icon: 'palm-trees' },
	Sick: { id: 79, icon: 'medical' },
	'Parental Leave': { id: 80, icon: 'baby-bottle' },
	Training: { id: 81, icon: 'graduation-cap' },
};

/** BambooHR writes timestamps as ISO 8601 with a +00:00 offset ("2011-06-02T19:26:23+00:00"). */
export const bambooTimestamp = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, '+00:00');

function rate(amount: string, currency: string): BambooFieldValue {
	return `${amount} ${currency}`;
}

export class BambooHrStore {
	employees = new Map<string, BambooEmployee>();
	changes = new Map<string, ChangeEntry>();
	timeOff: BambooTimeOffRequest[] = [];
	holidays: BambooHoliday[] = [];
	private nextEmployeeId = 100;

	seed(firm: FirmData): void {
		this.employees = new Map();
		this.changes = new Map();
		const idByPerson = new Map(firm.people.map((person, index) => [person.key, String(101 + index)]));
		this.nextEmployeeId = 100 + firm.people.length;
		firm.people.forEach((person, index) => {
			const id = idByPerson.get(person.key)!;
			const manager = person.managerKey ? firm.people.find((candidate) => candidate.key === person.managerKey) : undefined;
			const hired = Date.parse(`${person.hireDate}T09:00:00Z`);
			const created = hired - 21 * DAY_MS;
			const employee: BambooEmployee = { id, fields: this.fieldsFor(person, index, manager, idByPerson), lastChanged: bambooTimestamp(created) };
			this.employees.set(id, employee);
			this.record(id, 'Inserted', created);
			if (person.terminationDate) this.record(id, 'Updated', Date.parse(`${person.terminationDate}T17:00:00Z`));
			else if (index % 4 === 0) this.record(id, 'Updated', SEED_ANCHOR - (index + 3) * DAY_MS);
		});
		// Two records deleted before the anchor: the changed-since feed still reports them.
		for (const id of ['61', '62']) this.changes.set(id, { id, action: 'Deleted', lastChanged: bambooTimestamp(SEED_ANCHOR - 12 * DAY_MS) });

		this.timeOff = firm.timeOff.map((request, index) => {
			const employeeId = Number(idByPerson.get(request.personKey));
			const employee = this.employees.get(String(employeeId))!;
			const total = Object.values(request.days).reduce((sum, amount) => sum + amount, 0);
			return {
				id: 1300 + index,
				employeeId,
				name: `${employee.fields.firstName as string} ${employee.fields.lastName as string}`,
				start: request.start,
				end: request.end,
				created: request.created,
				status: { lastChanged: request.statusChanged, lastChangedByUserId: 2000 + (index % 7), status: request.status },
				type: { id: TIME_OFF_TYPES[request.type].id, name: request.type, icon: TIME_OFF_TYPES[request.type].icon },
				amount: { unit: request.unit, amount: Math.round(total * 100) / 100 },
				dates: { ...request.days },
				notes: request.note ? { employee: request.note } : {},
			};
		});
		this.holidays = firm.holidays.map((holiday, index) => ({ id: 10 + index, name: holiday.name, start: holiday.start, end: holiday.end }));
	}

	private fieldsFor(person: SeedPerson, index: number, manager: SeedPerson | undefined, ids: Map<string, string>): Record<string, BambooFieldValue> {
		const currency = CURRENCY_BY_CITY[person.location] ?? COMPANY_CURRENCY;
		const terminated = Boolean(person.terminationDate);
		const historyStatus = terminated ? 'Terminated' : index % 11 === 5 ? 'Contractor' : person.weeklyCapacityHours < 40 ? 'Part-Time' : 'Full-Time';
		return {
			firstName: person.firstName,
			lastName: person.lastName,
			displayName: `${person.firstName} ${person.lastName}`,
			preferredName: null,
			employeeNumber: String(index + 1),
			workEmail: person.email,
			department: person.department,
			division: 'Consulting',
			jobTitle: person.jobTitle,
			location: person.location,
			status: terminated ? 'Inactive' : 'Active',
			employmentHistoryStatus: historyStatus,
			hireDate: person.hireDate,
			terminationDate: person.terminationDate ?? EMPTY_DATE,
			supervisor: manager ? `${manager.lastName}, ${manager.firstName}` : null,
			supervisorEId: manager ? ids.get(manager.key)! : null,
			standardHoursPerWeek: String(person.weeklyCapacityHours),
			customSkills: person.skills.join(', '),
			customCostRate: rate(person.costRate, currency),
			customBillRate: rate(person.billRate, currency),
			customWeeklyCapacity: String(person.weeklyCapacityHours),
		};
	}

	/** The changed-since feed keeps each employee's latest change only. */
	record(id: string, action: ChangeAction, time: number): void {
		const lastChanged = bambooTimestamp(time);
		this.changes.set(id, { id, action, lastChanged });
		const employee = this.employees.get(id);
		if (employee) employee.lastChanged = lastChanged;
	}

	/** Read-side value of a field for one employee: lastChanged is computed, the rest stored. */
	valueOf(employee: BambooEmployee, alias: string): BambooFieldValue {
		if (alias === 'lastChanged') return employee.lastChanged;
		return employee.fields[alias] ?? null;
	}

	/** Admin: HR records a new employee (onboarding creates the record before the start date). */
	hire(input: Record<string, unknown>, now = Date.now()): BambooEmployee {
		this.nextEmployeeId += 1;
		const id = String(this.nextEmployeeId);
		const firstName = String(input.firstName ?? 'New');
		const lastName = String(input.lastName ?? `Hire ${id}`);
		const fields: Record<string, BambooFieldValue> = {
			firstName,
			lastName,
			displayName: `${firstName} ${lastName}`,
			preferredName: null,
			employeeNumber: id,
			workEmail: String(input.workEmail ?? `${firstName}.${lastName}@meridian-advisory.example`.toLowerCase().replace(/\s+/g, '')),
			department: String(input.department ?? 'Engineering'),
			division: 'Consulting',
			jobTitle: String(input.jobTitle ?? 'Engineer'),
			location: String(input.location ?? 'Chicago'),
			status: 'Active',
			employmentHistoryStatus: 'Full-Time',
			hireDate: String(input.hireDate ?? new Date(now).toISOString().slice(0, 10)),
			terminationDate: EMPTY_DATE,
			supervisor: null,
			supervisorEId: input.supervisorEId ? String(input.supervisorEId) : null,
			standardHoursPerWeek: '40',
			customSkills: String(input.customSkills ?? ''),
			customCostRate: input.customCostRate ? String(input.customCostRate) : null,
			customBillRate: input.customBillRate ? String(input.customBillRate) : null,
			customWeeklyCapacity: '40',
		};
		const employee: BambooEmployee = { id, fields, lastChanged: bambooTimestamp(now) };
		this.employees.set(id, employee);
		this.changes.set(id, { id, action: 'Inserted', lastChanged: bambooTimestamp(now) });
		return employee;
	}

	/** Admin: HR records a termination; the employee turns Inactive. */
	terminate(id: string, terminationDate: string, now = Date.now()): BambooEmployee | undefined {
		const employee = this.employees.get(id);
		if (!employee) return undefined;
		Object.assign(employee.fields, { status: 'Inactive', employmentHistoryStatus: 'Terminated', terminationDate });
		this.record(id, 'Updated', now);
		return employee;
	}

	/** Admin: any other edit (counts as a change, but is neither a hire nor a termination). */
	update(id: string, fields: Record<string, unknown>, now = Date.now()): BambooEmployee | undefined {
		const employee = this.employees.get(id);
		if (!employee) return undefined;
		for (const [key, value] of Object.entries(fields)) employee.fields[key] = value === null ? null : (value as BambooFieldValue);
		this.record(id, 'Updated', now);
		return employee;
	}
}
