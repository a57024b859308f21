import type { IDataObject } from 'n8n-workflow';
import { Resource, TimeOff } from '../../nodes/shared/canonical';
import { capabilityTests, errorPathTests, expectPaging, firm, holding, runItems, runOn, runOne, stored, storedRecord, triggerTests, useConformance, withId, type ErrorPathSpec, type SystemUnderTest } from './support';
import { CANONICAL_READS, supports } from '../support/systems';

/**
 * The HRIS contract, run on every registered HRIS system with the same inputs and the same
 * canonical outcomes, asserted on the fake's stored records: employees, time off, who is out,
 * weekly availability, the trigger's polls, the error paths and the capabilities.
 */
const { sandbox, rows } = useConformance('hris');

/** Two months around the seeded firm's leave, with its company holidays (Thanksgiving, Christmas) in it. */
const PERIOD = { startDate: '2026-11-01', endDate: '2026-12-31' };
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const overlaps = (record: { startDate: string; endDate: string }, range: { startDate: string; endDate: string }) => record.startDate <= range.endDate && record.endDate >= range.startDate;

const errorPaths: ErrorPathSpec = {
	read: CANONICAL_READS.hris,
	get: { parameters: { resource: 'employee', operation: 'get' }, entity: 'resource', id: (id) => ({ employeeId: byId(id) }) },
	async badInput(system) {
		const [one, two] = await runOn(system, { resource: 'employee', operation: 'list', returnAll: false, limit: 2 });
		return { parameters: { resource: 'employee', operation: 'get', employeeId: byId('={{ $json.id }}') }, items: [{ id: String(one.id) }, { id: ' ' }, { id: String(two.id) }], field: 'employeeId' };
	},
};

/** The eventual HRIS event is a person's hire or termination on a date: it has no id of its own. */
const employmentEvent = (record: IDataObject) => `${String(record.resourceId)}:${String(record.event)}:${String(record.date)}`;

describe.each(rows)('%s', (_name, system: SystemUnderTest) => {
	const name = system.displayName;

	describe('employees', () => {
		test(`${name}: employee list pages, and lists the seeded firm's current people`, async () => {
			const all = (await expectPaging(system, { resource: 'employee', operation: 'list' })).map((record) => Resource.parse(record));
			const emails = all.map((person) => String(person.email).toLowerCase());
			expect(emails).toEqual(expect.arrayContaining(firm.people.filter((person) => !person.terminationDate).map((person) => person.email.toLowerCase())));
			for (const person of all) expect(withId(stored(sandbox, system, 'resource'), person.id)).toHaveLength(1);
		});

		test(`${name}: employee list filters by employment status and department`, async () => {
			const active = (await runOn(system, { resource: 'employee', operation: 'list', returnAll: true, filters: { employmentStatus: 'active' } })).map((record) => Resource.parse(record));
			expect(active.length).toBeGreaterThan(0);
			expect(active.every((person) => person.employmentStatus === 'active')).toBe(true);
			const department = firm.people[0].department;
			const inDepartment = (await runOn(system, { resource: 'employee', operation: 'list', returnAll: true, filters: { department: byId(department) } })).map((record) => Resource.parse(record));
			expect(inDepartment.length).toBeGreaterThan(0);
			expect(inDepartment.every((person) => person.department === department)).toBe(true);
			expect(inDepartment.map((person) => String(person.email).toLowerCase())).toEqual(expect.arrayContaining(firm.people.filter((person) => person.department === department && !person.terminationDate).map((person) => person.email.toLowerCase())));
		});

		test(`${name}: employee get returns the stored employee`, async () => {
			const [listed] = await runOn(system, { resource: 'employee', operation: 'list', returnAll: false, limit: 1 });
			const got = Resource.parse(await runOne(system, { resource: 'employee', operation: 'get', employeeId: byId(String(listed.id)) }));
			expect({ id: got.id, email: got.email, displayName: got.displayName }).toEqual({ id: String(listed.id), email: listed.email, displayName: listed.displayName });
			expect(holding([storedRecord(sandbox, system, 'resource', got.id)], String(got.email))).toHaveLength(1);
		});
	});

	if (supports(system, 'timeOff', 'list')) {
		describe('time off', () => {
			test(`${name}: time off list returns the stored requests overlapping a period, by status and employee`, async () => {
				const all = (await runOn(system, { resource: 'timeOff', operation: 'list', ...PERIOD, filters: {} })).map((record) => TimeOff.parse(record));
				expect(all.length).toBeGreaterThan(0);
				expect(all.every((request) => overlaps(request, PERIOD))).toBe(true);
				for (const request of all) expect(withId(stored(sandbox, system, 'timeOff'), request.id)).toHaveLength(1);
				const approved = (await runOn(system, { resource: 'timeOff', operation: 'list', ...PERIOD, filters: { statuses: ['approved'] } })).map((record) => TimeOff.parse(record));
				expect(approved.map((request) => request.id).sort()).toEqual(all.filter((request) => request.status === 'approved').map((request) => request.id).sort());
				const resourceId = all[0].resourceId;
				const ofOne = (await runOn(system, { resource: 'timeOff', operation: 'list', ...PERIOD, filters: { employeeId: resourceId } })).map((record) => TimeOff.parse(record));
				expect(ofOne.map((request) => request.id).sort()).toEqual(all.filter((request) => request.resourceId === resourceId).map((request) => request.id).sort());
			});

			test(`${name}: time off whosOut lists approved leave in a period, and company holidays when asked`, async () => {
				const approved = (await runOn(system, { resource: 'timeOff', operation: 'list', ...PERIOD, filters: { statuses: ['approved'] } })).map((record) => TimeOff.parse(record));
				const out = await runOn(system, { resource: 'timeOff', operation: 'whosOut', ...PERIOD, includeHolidays: true });
				const leave = out.filter((item) => item.kind !== 'holiday').map((record) => TimeOff.parse(record));
				expect(leave.length).toBeGreaterThan(0);
				expect(leave.every((request) => request.status === 'approved' && overlaps(request, PERIOD))).toBe(true);
				expect(leave.map((request) => request.resourceId).sort()).toEqual(approved.map((request) => request.resourceId).sort());
				const holidays = out.filter((item) => item.kind === 'holiday');
				expect(holidays.map((holiday) => holiday.name)).toEqual(expect.arrayContaining(['Thanksgiving', 'Christmas Day']));
			});

			test(`${name}: time off availability is each current employee's capacity less approved leave, week by week`, async () => {
				const range = { startDate: '2026-11-23', endDate: '2026-12-06' };
				const rowsOut = await runOn(system, { resource: 'timeOff', operation: 'availability', ...range, defaultWeeklyCapacity: 40, subtractHolidays: false, filters: {} });
				const employees = (await runOn(system, { resource: 'employee', operation: 'list', returnAll: true, filters: { employmentStatus: 'active' } })).map((record) => Resource.parse(record));
				expect([...new Set(rowsOut.map((entry) => String(entry.resourceId)))]).toEqual(expect.arrayContaining(employees.map((person) => String(person.id))));
				expect([...new Set(rowsOut.map((entry) => entry.weekStart))].sort()).toEqual(['2026-11-23', '2026-11-30']);
				for (const entry of rowsOut) expect(Number(entry.availableHours)).toBeCloseTo(Math.max(0, Number(entry.capacityHours) - Number(entry.timeOffHours) - Number(entry.holidayHours)), 5);
				expect(rowsOut.some((entry) => Number(entry.timeOffHours) > 0)).toBe(true);
			});
		});
	}

	describe('trigger', () => triggerTests(system, employmentEvent));

	describe('errors', () => {
		errorPathTests(sandbox, system, errorPaths);

		test(`${name}: a period that ends before it starts is an error item for that item only`, async () => {
			const items = [PERIOD, { startDate: '2026-12-31', endDate: '2026-11-01' }];
			const output = await runItems(system, { resource: 'timeOff', operation: 'whosOut', startDate: '={{ $json.startDate }}', endDate: '={{ $json.endDate }}' }, { items, continueOnFail: true });
			const errors = output.filter((item) => item.json.error !== undefined);
			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
			expect(String(errors[0].json.error)).toMatch(/Item 1: End Date/);
		});
	});

	describe('capabilities', () => capabilityTests(sandbox, system));
});
