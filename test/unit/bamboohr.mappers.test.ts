import { Resource, TimeOff } from '../../nodes/shared/canonical';
import { mapContext } from '../../nodes/shared/canonical/provenance';
import {
	employeeFieldList,
	employmentEventsOf,
	employmentStatusOf,
	fromCanonicalTimeOffStatuses,
	readBambooDate,
	readBambooMoney,
	readSkills,
	toCanonicalResource,
	toCanonicalTimeOff,
	toCanonicalWhosOut,
	type BambooChange,
	type BambooEmployeeRecord,
	type BambooTimeOffRequest,
} from '../../nodes/vendors/bamboohr/records';
import { bamboohrBaseUrl, bamboohrTransport, companyDomainOf } from '../../nodes/vendors/bamboohr/transport';

const context = mapContext({ fetchedAt: '2026-11-22T08:00:00.000Z', correlationId: 'run-1', defaultCurrency: 'USD' });
const mapping = { skills: 'customSkills', costRate: 'customCostRate', billRate: '4003', weeklyCapacity: 'standardHoursPerWeek' };

/** A custom report row (request-custom-report): `id` plus one string per requested field. */
const reportRow: BambooEmployeeRecord = {
	id: '123',
	firstName: 'John',
	lastName: 'Doe',
	displayName: 'John Doe',
	preferredName: null,
	workEmail: 'jdoe@example.com',
	department: 'Research and Development',
	jobTitle: 'Machinist',
	location: 'New York Office',
	status: 'Active',
	employmentHistoryStatus: 'Full-Time',
	hireDate: '2010-06-01',
	terminationDate: '0000-00-00',
	supervisorEId: '40',
	lastChanged: '2012-10-29T11:54:00+00:00',
	customSkills: 'CNC, welding;  blueprints\nCNC',
	customCostRate: { value: '27000.00', currency: 'EUR' },
	'4003': '85.50',
	standardHoursPerWeek: '32',
};

describe('employee fields', () => {
	it('asks for the standard fields and the mapped custom ones, once each', () => {
		const fields = employeeFieldList({ ...mapping, skills: ' customSkills ', billRate: 'customSkills' });
		expect(fields).toEqual(expect.arrayContaining(['hireDate', 'terminationDate', 'employmentHistoryStatus', 'supervisorEId', 'customSkills', 'customCostRate', 'standardHoursPerWeek']));
		expect(fields.filter((field) => field === 'customSkills')).toHaveLength(1);
		expect(employeeFieldList({})).not.toContain('');
	});
});

describe('field values', () => {
	it('reads dates, with BambooHR\'s empty dates as no date', () => {
		expect(readBambooDate('2010-03-19')).toBe('2010-03-19');
		expect(readBambooDate('0000-00-00')).toBeUndefined();
		expect(readBambooDate('')).toBeUndefined();
		expect(readBambooDate(null)).toBeUndefined();
		expect(readBambooDate('2026-02-30')).toBeUndefined();
	});

	it('reads currency values in each documented form, exactly', () => {
		expect(readBambooMoney('27000.00', 'USD')).toEqual({ amountMinor: 2_700_000, currency: 'USD' });
		expect(readBambooMoney({ value: '27000.00', currency: 'EUR' }, 'USD')).toEqual({ amountMinor: 2_700_000, currency: 'EUR' });
		expect(readBambooMoney('50.00 USD', 'EUR')).toEqual({ amountMinor: 5000, currency: 'USD' });
		expect(readBambooMoney('1,234.565', 'GBP')).toEqual({ amountMinor: 123_457, currency: 'GBP' });
		expect(readBambooMoney(0.1 + 0.2, 'USD')).toEqual({ amountMinor: 30, currency: 'USD' });
		expect(readBambooMoney('1500', 'JPY')).toEqual({ amountMinor: 1500, currency: 'JPY' });
		expect(readBambooMoney({ value: '', currency: 'EUR' }, 'USD')).toBeUndefined();
		expect(readBambooMoney('', 'USD')).toBeUndefined();
		expect(() => readBambooMoney('about 80', 'USD')).toThrow('"about 80" is not a currency amount');
	});

	it('splits skills from text and takes lists as they are', () => {
		expect(readSkills('CNC, welding;  blueprints\nCNC')).toEqual(['CNC', 'welding', 'blueprints']);
		expect(readSkills(['sap', ' python '])).toEqual(['sap', 'python']);
		expect(readSkills(null)).toEqual([]);
	});

	it('derives the employment status from status, employment status and termination date', () => {
		const today = '2026-11-22';
		expect(employmentStatusOf({ id: 1, status: 'Active', employmentHistoryStatus: 'Full-Time', terminationDate: '0000-00-00' }, today)).toBe('active');
		expect(employmentStatusOf({ id: 1, status: 'Inactive', employmentHistoryStatus: 'Full-Time' }, today)).toBe('terminated');
		expect(employmentStatusOf({ id: 1, status: 'Active', employmentHistoryStatus: 'Terminated' }, today)).toBe('terminated');
		expect(employmentStatusOf({ id: 1, status: 'Active', terminationDate: '2026-11-01' }, today)).toBe('terminated');
		// A termination entered ahead of time leaves the person staffable until then.
		expect(employmentStatusOf({ id: 1, status: 'Active', terminationDate: '2026-12-31' }, today)).toBe('active');
		expect(employmentStatusOf({ id: 1, status: 'Active', employmentHistoryStatus: 'Contractor' }, today)).toBe('contractor');
		expect(employmentStatusOf({ id: 1, status: 'Active', employmentHistoryStatus: 'Leave of Absence' }, today)).toBe('on_leave');
	});
});

describe('toCanonicalResource', () => {
	it('maps a report row to a valid canonical Resource with provenance', () => {
		const resource = Resource.parse(toCanonicalResource(reportRow, mapping, { ...context, includeRaw: true }, '2026-11-22'));
		expect(resource).toMatchObject({
			id: '123',
			displayName: 'John Doe',
			email: 'jdoe@example.com',
			department: 'Research and Development',
			role: 'Machinist',
			location: 'New York Office',
			skills: ['CNC', 'welding', 'blueprints'],
			costRate: { amountMinor: 2_700_000, currency: 'EUR' },
			billRate: { amountMinor: 8550, currency: 'USD' },
			weeklyCapacityHours: 32,
			managerId: '40',
			employmentStatus: 'active',
			hireDate: '2010-06-01',
			externalRefs: { bamboohr: '123' },
			_meta: { system: 'bamboohr', entity: 'resource', remoteId: '123', correlationId: 'run-1', remoteUpdatedAt: '2012-10-29T11:54:00.000Z' },
		});
		expect(resource.terminationDate).toBeUndefined();
		expect(resource.remoteData).toBe(reportRow);
	});

	it('falls back on the preferred or first name, drops an unusable e-mail, leaves unmapped fields out', () => {
		const resource = toCanonicalResource({ id: 7, firstName: 'Robert', preferredName: 'Bob', lastName: 'Ng', workEmail: 'not-an-email' }, {}, context);
		expect(resource).toMatchObject({ id: '7', displayName: 'Bob Ng', skills: [] });
		expect(resource.email).toBeUndefined();
		expect(resource.costRate).toBeUndefined();
		expect(Resource.safeParse(resource).success).toBe(true);
	});

	it('names the employee and the field when a mapped field holds something else', () => {
		expect(() => toCanonicalResource({ ...reportRow, customCostRate: 'n/a' }, mapping, context)).toThrow('BambooHR employee 123: field customCostRate "n/a" is not a currency amount');
		expect(() => toCanonicalResource({ ...reportRow, standardHoursPerWeek: 'full time' }, mapping, context)).toThrow('BambooHR employee 123: field standardHoursPerWeek "full time" is not a number');
	});
});

describe('time off', () => {
	/** Shaped like the list-time-off-requests example; older answers send numbers as strings. */
	const request: BambooTimeOffRequest = {
		id: '1348',
		employeeId: '5',
		name: 'Charlotte Abbott',
		start: '2026-08-14',
		end: '2026-08-17',
		created: '2026-08-01',
		status: { lastChanged: '2026-08-02', lastChangedByUserId: '2369', status: 'approved' },
		type: { id: '78', name: 'Vacation', icon: 'palm-trees' },
		amount: { unit: 'hours', amount: '20' },
		dates: { '2026-08-14': '4', '2026-08-15': '0', '2026-08-16': '0', '2026-08-17': '8' },
		notes: { employee: 'Family trip', manager: 'Enjoy!' },
	};

	it('maps a request with its per-day hours', () => {
		const timeOff = TimeOff.parse(toCanonicalTimeOff(request, context));
		expect(timeOff).toMatchObject({ id: '1348', resourceId: '5', type: 'Vacation', status: 'approved', startDate: '2026-08-14', endDate: '2026-08-17', hours: 20, externalRefs: { bamboohr: '1348' } });
		expect(timeOff.days).toEqual([
			{ date: '2026-08-14', hours: 4 },
			{ date: '2026-08-15', hours: 0 },
			{ date: '2026-08-16', hours: 0 },
			{ date: '2026-08-17', hours: 8 },
		]);
	});

	it('turns leave counted in days into hours at the given hours per day', () => {
		const timeOff = toCanonicalTimeOff({ ...request, amount: { unit: 'days', amount: 1.5 }, dates: { '2026-08-14': 0.5, '2026-08-17': 1 } }, context, 6.4);
		expect(timeOff.hours).toBe(9.6);
		expect(timeOff.days).toEqual([
			{ date: '2026-08-14', hours: 3.2 },
			{ date: '2026-08-17', hours: 6.4 },
		]);
	});

	it('maps every BambooHR status, and asks for both cancelled ones', () => {
		const statusOf = (status: string) => toCanonicalTimeOff({ ...request, status: { status } }, context).status;
		expect(['approved', 'denied', 'declined', 'canceled', 'superceded', 'requested'].map(statusOf)).toEqual(['approved', 'denied', 'denied', 'cancelled', 'cancelled', 'requested']);
		expect(fromCanonicalTimeOffStatuses(['approved', 'cancelled', 'requested'])).toEqual(['approved', 'canceled', 'superceded', 'requested']);
	});

	it('splits who\'s out into people\'s leave and company holidays', () => {
		const person = toCanonicalWhosOut({ id: 1, type: 'timeOff', employeeId: 1, name: 'Christopher Mitchell', start: '2026-01-23', end: '2026-01-23' }, context);
		const holiday = toCanonicalWhosOut({ id: 1, type: 'holiday', name: 'Christmas Day', start: '2026-12-25', end: '2026-12-25' }, context);
		expect('timeOff' in person && TimeOff.parse(person.timeOff)).toMatchObject({ resourceId: '1', status: 'approved', startDate: '2026-01-23' });
		expect(holiday).toEqual({ holiday: { id: '1', name: 'Christmas Day', startDate: '2026-12-25', endDate: '2026-12-25' } });
	});
});

describe('employment events', () => {
	const since = '2026-11-20T10:00:00Z';
	/** Shaped like the get-changed-employee-ids sample answer. */
	const changes: BambooChange[] = [
		{ id: '3', action: 'Inserted', lastChanged: '2026-11-20T19:26:23+00:00' },
		{ id: '4', action: 'Updated', lastChanged: '2026-11-20T12:00:00+00:00' },
		{ id: '5', action: 'Deleted', lastChanged: '2026-11-20T13:00:00+00:00' },
		{ id: '10', action: 'Updated', lastChanged: '2026-11-21T09:00:00+00:00' },
		{ id: '11', action: 'Updated', lastChanged: '2026-11-21T10:00:00+00:00' },
	];
	const records: BambooEmployeeRecord[] = [
		{ id: '3', firstName: 'New', lastName: 'Starter', hireDate: '2026-12-01', terminationDate: '0000-00-00', status: 'Active' },
		{ id: '4', firstName: 'Leaving', lastName: 'Soon', hireDate: '2019-04-01', terminationDate: '2026-11-30', status: 'Active' },
		// Termination entered two weeks late still counts; an address change of someone hired years ago is no event.
		{ id: '10', firstName: 'Late', lastName: 'Entry', hireDate: '2020-01-06', terminationDate: '2026-11-06', status: 'Inactive', employmentHistoryStatus: 'Terminated' },
		{ id: '11', firstName: 'Old', lastName: 'Timer', hireDate: '2015-05-05', terminationDate: '0000-00-00', status: 'Active' },
	];

	it('finds hires and terminations among changed employees, oldest change first', () => {
		const events = employmentEventsOf({ changes, records, since, mapping: {}, context, today: '2026-11-22' });
		expect(events.map((event) => [event.event, event.resourceId, event.date, event.changedAt])).toEqual([
			['termination', '4', '2026-11-30', '2026-11-20T12:00:00.000Z'],
			['hire', '3', '2026-12-01', '2026-11-20T19:26:23.000Z'],
			['termination', '10', '2026-11-06', '2026-11-21T09:00:00.000Z'],
		]);
		expect(events[0].resource.employmentStatus).toBe('active');
		expect(events[2].resource.employmentStatus).toBe('terminated');
	});

	it('ignores deleted records and changes whose record the report did not return', () => {
		expect(employmentEventsOf({ changes: [changes[2]], records: [{ id: '5', hireDate: '2026-11-20' }], since, mapping: {}, context })).toEqual([]);
		expect(employmentEventsOf({ changes: [changes[0]], records: [], since, mapping: {}, context })).toEqual([]);
	});
});

describe('profile', () => {
	it('builds the gateway base URL from the company domain in any usual spelling', () => {
		expect(companyDomainOf('acme')).toBe('acme');
		expect(companyDomainOf('https://acme.bamboohr.com/home')).toBe('acme');
		expect(companyDomainOf(' Acme.bamboohr.com ')).toBe('Acme');
		expect(bamboohrBaseUrl({ companyDomain: 'acme', apiHost: '' })).toBe('https://api.bamboohr.com/api/gateway.php/acme/v1');
		expect(bamboohrBaseUrl({ companyDomain: 'acme', apiHost: 'http://127.0.0.1:4010/bamboohr/' })).toBe('http://127.0.0.1:4010/bamboohr/api/gateway.php/acme/v1');
	});

	it('reads the error reason from X-BambooHR-Error-Message when the body is empty', () => {
		const details = bamboohrTransport.parseNonJsonError!({ statusCode: 400, headers: { 'X-BambooHR-Error-Message': 'Invalid status' }, body: '' }, '');
		expect(details).toEqual({ message: 'Invalid status', description: undefined });
		expect(bamboohrTransport.parseNonJsonError!({ statusCode: 401, headers: {}, body: '' }, '')).toMatchObject({ message: 'HTTP 401 with an empty body', description: expect.stringMatching(/API key/) });
		expect(bamboohrTransport.parseError({ statusCode: 429, headers: {}, body: { error: { code: 429, message: 'Over rate limit, please try again in 60 seconds' } } })).toMatchObject({
			message: 'Over rate limit, please try again in 60 seconds',
			code: '429',
		});
	});
});
