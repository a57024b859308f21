import { Resource, TimeOff } from '../../../nodes/shared/canonical';
import { mapContext } from '../../../nodes/shared/canonical/provenance';
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
} from '../../../nodes/vendors/bamboohr/records';
import { bamboohrBaseUrl, bamboohrGatewayUrl, bamboohrTransport, companyDomainOf } from '../../../nodes/vendors/bamboohr/transport';
import {
	currencyCodeFieldOf,
	datasetColumnsOf,
	employeeDatasetPages,
	employeeDatasetPlan,
	employeeDatasetSelection,
	employeeRecordFromDatasetRow,
	EMPLOYEE_DATASET_NAMES,
	findDatasetField,
	keepsRecord,
	mappedFieldRefs,
	MAX_IDS_IN_FILTER,
	odataLiteral,
} from '../../../nodes/vendors/bamboohr/employeeDataset';
import { bamboohrResourceProfile } from '../../../nodes/vendors/bamboohr/mappingProfiles';
import { checkFilter, evaluateFilter, FilterError, parseFilter } from '../../../sandbox/vendors/bamboohr/odataFilter';
import type { VendorRequest } from '../../../nodes/shared/transport/types';
import * as examples from './fixtures/datasets';

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
		// The Datasets API's versions sit beside v1 under the same gateway.
		expect(bamboohrGatewayUrl({ companyDomain: 'https://acme.bamboohr.com', apiHost: '' })).toBe('https://api.bamboohr.com/api/gateway.php/acme');
	});

	it('reads the Datasets API\'s problem details: detail, code and the field blamed', () => {
		expect(bamboohrTransport.parseError({ statusCode: 400, headers: {}, body: examples.problemWithFields })).toEqual({ message: 'Validation failed', code: undefined, field: 'amount', description: 'amount: must by > 0' });
		expect(bamboohrTransport.parseError({ statusCode: 422, headers: {}, body: examples.invalidFilterProblem })).toMatchObject({ message: 'Mixed logical expressions are not supported', code: 'INVALID_FILTER' });
		expect(bamboohrTransport.parseError({ statusCode: 403, headers: {}, body: { title: 'Forbidden', status: 403 } })).toMatchObject({ message: 'Forbidden', description: expect.stringMatching(/access level/) });
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

describe('employee dataset: field names', () => {
	const dataset = examples.documentedEmployeeFields;

	it('finds a mapped field by its dataset name, a custom field by its id, a renamed standard field, or a unique label', () => {
		expect(findDatasetField('employeeNumber', examples.employeeDatasetFields.fields)?.name).toBe('employeeNumber');
		expect(findDatasetField(' standardHoursPerWeek ', dataset)?.name).toBe('standardHoursPerWeek');
		expect(findDatasetField('4402', dataset)?.name).toBe('customField4402');
		expect(findDatasetField('department', dataset)?.name).toBe('jobInformationDepartment');
		expect(findDatasetField('workEmail', dataset)?.name).toBe('email');
		expect(findDatasetField('supervisorEId', dataset)?.name).toBe('supervisorEid');
		expect(findDatasetField('bill rate', dataset)?.name).toBe('customField4401');
		// A name beats a label (nin is a name; customField4337 is labelled NIN too).
		expect(findDatasetField('NIN', dataset)?.name).toBe('nin');
		// Labels repeat across sections: a label alone names no field of two.
		expect(findDatasetField('Date', [{ name: 'noteDate', label: 'Date' }, { name: 'bonusDate', label: 'Date' }])).toBeUndefined();
		// An alias the dataset does not know needs the account's field list.
		expect(findDatasetField('customNin', dataset)).toBeUndefined();
	});

	it('bridges an employee-endpoint alias or name through GET /meta/fields: id, then alias, then name', () => {
		expect(findDatasetField('customNin', dataset, examples.metaFields)?.name).toBe('customField4337');
		expect(findDatasetField('customBillRate', dataset, examples.metaFields)?.name).toBe('customField4401');
		expect(findDatasetField('firstName', dataset, examples.metaFields)?.name).toBe('firstName');
		expect(findDatasetField('customNoSuchField', dataset, examples.metaFields)).toBeUndefined();
	});

	it('finds the field holding a currency field\'s code: <name>CurrencyCode, <name>.1 or its label', () => {
		const named = (name: string) => dataset.find((field) => field.name === name)!;
		expect(currencyCodeFieldOf(named('compensationPayRate'), dataset)?.name).toBe('compensationPayRateCurrencyCode');
		expect(currencyCodeFieldOf(named('customField4401'), dataset)?.name).toBe('customField4401.1');
		expect(currencyCodeFieldOf({ name: 'customField9', label: 'Cost Rate' }, [...dataset, { name: 'customField10', label: 'Cost Rate - Currency code' }])?.name).toBe('customField10');
		expect(currencyCodeFieldOf(named('customField4402'), dataset)).toBeUndefined();
	});

	it('plans one read: the standard fields, each mapped field once, a money field with its code, unknown ones named', () => {
		const refs = mappedFieldRefs({ skills: ' 4402 ', costRate: 'customBillRate', billRate: 'customBillRate', weeklyCapacity: 'customNoSuchField' });
		expect(refs).toEqual([
			{ ref: '4402', currency: false },
			{ ref: 'customBillRate', currency: true },
			{ ref: 'customNoSuchField', currency: false },
		]);
		const { columns, unknown } = datasetColumnsOf(refs, dataset, examples.metaFields);
		expect(unknown).toEqual(['customNoSuchField']);
		expect([...columns]).toEqual([
			['4402', { name: 'customField4402' }],
			['customBillRate', { name: 'customField4401', currencyCode: 'customField4401.1' }],
		]);
		const plan = employeeDatasetPlan(columns);
		expect(plan.fields).toEqual([...Object.values(EMPLOYEE_DATASET_NAMES), 'customField4402', 'customField4401', 'customField4401.1']);
		expect(new Set(plan.fields).size).toBe(plan.fields.length);
	});
});

describe('employee dataset: rows', () => {
	const plan = employeeDatasetPlan(
		new Map([
			['customBillRate', { name: 'customField4401', currencyCode: 'customField4401.1' }],
			['4402', { name: 'customField4402' }],
			['standardHoursPerWeek', { name: 'standardHoursPerWeek' }],
		]),
	);

	it('reads a dataset row as the employee record, the amount and its code as money', () => {
		const record = employeeRecordFromDatasetRow(examples.employeeRow.fields, plan);
		expect(record).toMatchObject({ id: '123', workEmail: 'ppanda@example.com', department: 'Engineering', employmentHistoryStatus: 'Full-Time', supervisorEId: '40', customBillRate: { value: '27000.00', currency: 'EUR' } });
		const resource = Resource.parse(toCanonicalResource(record, { billRate: 'customBillRate', skills: '4402', weeklyCapacity: 'standardHoursPerWeek' }, { ...context, includeRaw: true }, '2026-11-22', examples.employeeRow));
		expect(resource).toMatchObject({
			id: '123',
			displayName: 'Pudgy Panda',
			email: 'ppanda@example.com',
			role: 'Software Engineer',
			skills: ['python', 'sql'],
			billRate: { amountMinor: 2_700_000, currency: 'EUR' },
			weeklyCapacityHours: 32,
			managerId: '40',
			employmentStatus: 'active',
			hireDate: '2010-03-19',
			_meta: { remoteId: '123', remoteUpdatedAt: '2026-06-02T13:10:19.000Z' },
		});
		expect(resource.terminationDate).toBeUndefined();
		expect(resource.location).toBeUndefined();
		expect(resource.remoteData).toBe(examples.employeeRow);
	});

	it('keeps an amount that carries its code, or has no code beside it, as it is', () => {
		const row = (amount: unknown, code: unknown) => employeeRecordFromDatasetRow({ eeid: '7', customField4401: amount, 'customField4401.1': code }, plan).customBillRate;
		expect(row('85.00 USD', 'EUR')).toBe('85.00 USD');
		expect(row('85.00', null)).toBe('85.00');
		expect(row(null, 'EUR')).toBeNull();
		expect(readBambooMoney(row('85.00', null), 'GBP')).toEqual({ amountMinor: 8500, currency: 'GBP' });
	});

	it('maps a dataset row with the built-in profile, as the Canonical Mapping node reads it', () => {
		const resource = bamboohrResourceProfile.toCanonical(examples.employeeRow, { ...context, includeRaw: true }) as Resource;
		expect(resource).toMatchObject({ id: '123', displayName: 'Pudgy Panda', department: 'Engineering', remoteData: examples.employeeRow });
		expect(() => bamboohrResourceProfile.toCanonical({ fields: { firstName: 'No Id' } }, context)).toThrow(/eeid is required/);
	});
});

describe('employee dataset: filters', () => {
	it('asks for ids as an or of eeid comparisons, and a last change as lastChanged ge', () => {
		expect(employeeDatasetSelection({})).toEqual({});
		expect(employeeDatasetSelection({ ids: [] })).toEqual({ none: true });
		expect(employeeDatasetSelection({ ids: ['4', ' 4 ', '10'] })).toEqual({ filter: 'eeid eq 4 or eeid eq 10' });
		expect(employeeDatasetSelection({ changedSince: '2026-06-02T13:10:19.250Z' })).toEqual({ filter: "lastChanged ge '2026-06-02T13:10:19+00:00'" });
		expect(employeeDatasetSelection({ ids: ['4'], changedSince: '2026-06-02T13:10:19Z' })).toEqual({ filter: "eeid eq 4 and lastChanged ge '2026-06-02T13:10:19+00:00'" });
		// An or of ids cannot take an and beside it: the last change is checked on the rows read.
		expect(employeeDatasetSelection({ ids: ['4', '5'], changedSince: '2026-06-02T13:10:19Z' })).toEqual({ filter: 'eeid eq 4 or eeid eq 5', localChangedSince: '2026-06-02T13:10:19Z' });
		const many = Array.from({ length: MAX_IDS_IN_FILTER + 1 }, (_unused, index) => String(index + 1));
		expect(employeeDatasetSelection({ ids: many })).toEqual({ localIds: many });
	});

	it('quotes text with its quotes doubled, and leaves numbers bare', () => {
		expect(odataLiteral(42)).toBe('42');
		expect(odataLiteral('42')).toBe('42');
		expect(odataLiteral("O'Brien")).toBe("'O''Brien'");
	});

	it('keeps the rows a filter could not select', () => {
		const selection = { localIds: ['4'], localChangedSince: '2026-06-01T00:00:00Z' };
		expect(keepsRecord(selection, { id: '4', lastChanged: '2026-06-02T13:10:19+00:00' })).toBe(true);
		expect(keepsRecord(selection, { id: '5', lastChanged: '2026-06-02T13:10:19+00:00' })).toBe(false);
		expect(keepsRecord(selection, { id: '4', lastChanged: '2026-05-31T23:59:59+00:00' })).toBe(false);
		expect(keepsRecord({}, { id: '5' })).toBe(true);
	});

	it('every filter the connector builds is in the subset the reference allows (the fake\'s parser reads it)', () => {
		const types = (field: string) => ({ eeid: 'int', lastChanged: 'timestamp', status: 'options', department: 'options' })[field] as never;
		for (const query of [{ ids: ['4', '10'] }, { ids: ['4'], changedSince: '2026-06-02T13:10:19Z' }, { changedSince: '2026-06-02T13:10:19Z' }]) {
			const { filter } = employeeDatasetSelection(query);
			expect(() => checkFilter(parseFilter(filter!), types)).not.toThrow();
		}
		const values: Record<string, string> = { eeid: '10', lastChanged: '2026-06-03T00:00:00+00:00' };
		expect(evaluateFilter(parseFilter(employeeDatasetSelection({ ids: ['4', '10'] }).filter!), (field) => values[field], types)).toBe(true);
		expect(evaluateFilter(parseFilter(employeeDatasetSelection({ ids: ['10'], changedSince: '2026-06-04T00:00:00Z' }).filter!), (field) => values[field], types)).toBe(false);
	});
});

describe('the fake\'s filter parser', () => {
	const types = (field: string) => ({ status: 'options', department: 'options', firstName: 'text', hireDate: 'date', eeid: 'int' })[field] as never;

	it('parses the reference\'s example filter', () => {
		expect(parseFilter(examples.datasetDataRequest.filter)).toEqual({
			kind: 'logical',
			op: 'and',
			terms: [
				{ kind: 'compare', field: 'status', op: 'eq', value: 'Active' },
				{ kind: 'in', field: 'department', values: ['Engineering', 'Sales'] },
			],
		});
		const row: Record<string, string> = { status: 'active', department: 'Sales' };
		expect(evaluateFilter(parseFilter(examples.datasetDataRequest.filter), (field) => row[field] ?? null, types)).toBe(true);
	});

	it('refuses what the reference says it refuses: and with or, not in, ordering on text, in on free text', () => {
		expect(() => parseFilter("status eq 'Active' and eeid eq 1 or eeid eq 2")).toThrow(FilterError);
		expect(() => parseFilter("status not in ('Active')")).toThrow(/not/);
		expect(() => checkFilter(parseFilter("firstName gt 'M'"), types)).toThrow(/"gt" is not supported on firstName/);
		expect(() => checkFilter(parseFilter("firstName in ('Pudgy')"), types)).toThrow(/"in" is not supported/);
		expect(() => checkFilter(parseFilter("hireDate ge 'yesterday'"), types)).toThrow(/takes a date/);
		expect(() => parseFilter("firstName eq 'unterminated")).toThrow(/Unterminated/);
	});
});

describe('employee dataset: pages', () => {
	const request: VendorRequest = { method: 'POST', url: 'https://api.bamboohr.com/api/gateway.php/acme/v2/datasets/employee/data', body: examples.datasetDataRequest };
	const next = (body: unknown) => employeeDatasetPages.next({ statusCode: 200, headers: {}, body: body as never }, request);

	it('reads the rows of a page', () => {
		expect(employeeDatasetPages.items(examples.datasetDataResponse as never)).toEqual(examples.datasetDataResponse.data);
	});

	it('asks for the next page by `page` in the body while links.next is there', () => {
		expect(next(examples.datasetDataResponse)).toEqual({ ...request, body: { ...examples.datasetDataRequest, page: 2 } });
	});

	it('stops without links.next: an empty list, a null next, only prev, or an empty page', () => {
		expect(next({ ...examples.datasetDataResponse, links: [] })).toBeUndefined();
		expect(next({ ...examples.datasetDataResponse, links: { next: null, prev: 'x' } })).toBeUndefined();
		expect(next({ ...examples.datasetDataResponse, data: [] })).toBeUndefined();
	});
});
