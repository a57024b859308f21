import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { Hris } from '../../../nodes/Hris/Hris.node';
import { HrisTrigger } from '../../../nodes/Hris/HrisTrigger.node';
import { Resource, TimeOff } from '../../../nodes/shared/canonical';
import { BAMBOOHR_API_KEY, BAMBOOHR_API_KEY_OWNER, BAMBOOHR_COMPANY_DOMAIN } from '../../../sandbox/vendors/bamboohr';
import type { BambooEmployee, BambooTimeOffRequest } from '../../../sandbox/vendors/bamboohr/store';
import { runLoadOptions, runPoll, testCredential } from '../../harness/n8n';
import { json, run, useCredential, useSandbox } from '../../integration/support';

const node = new Hris();
const sandbox = useSandbox();
const credentials = { p2cBambooHrApi: 'bamboohr-key' };
const REPORT = 'bamboohr POST /api/gateway.php/:company/v1/reports/custom';
const DATASET = 'bamboohr POST /api/gateway.php/:company/v2/datasets/:dataset/data';
const DATASET_FIELDS = 'bamboohr GET /api/gateway.php/:company/v1_2/datasets/:dataset/fields';
const META_FIELDS = 'bamboohr GET /api/gateway.php/:company/v1/meta/fields';

const credentialData = (overrides: IDataObject = {}) => ({ companyDomain: BAMBOOHR_COMPANY_DOMAIN, apiKey: BAMBOOHR_API_KEY, apiHost: `${sandbox.sandbox.url}/bamboohr`, ...overrides });
beforeEach(() => {
	useCredential('bamboohr-key', 'p2cBambooHrApi', credentialData());
});

const hris = (parameters: INodeParameters): INodeParameters => ({ system: 'bamboohr', bamboohrAuthentication: 'apiKey', ...parameters });
const picked = (value: string) => ({ __rl: true, mode: 'list', value });
const customFields = {
	skillsField: picked('customSkills'),
	costRateField: picked('customCostRate'),
	billRateField: { __rl: true, mode: 'id', value: '4003' },
	weeklyCapacityField: picked('customWeeklyCapacity'),
};

interface BambooState {
	employees: BambooEmployee[];
	timeOffRequests: BambooTimeOffRequest[];
	holidays: Array<{ name: string; start: string; end: string }>;
}
interface LoggedRequest {
	route: string;
	path: string;
	method: string;
	status?: number;
	query: Record<string, string[]>;
	headers: Record<string, string>;
	body: IDataObject;
}
const state = async () => await sandbox.admin<BambooState>('GET', '/state/bamboohr');
const log = async () => await sandbox.admin<{ total: number; counts: Record<string, number>; requests: LoggedRequest[] }>('GET', '/requests?vendor=bamboohr');
const adminAction = async (action: string, body: IDataObject) => await sandbox.admin<IDataObject>('POST', `/vendors/bamboohr/${action}`, body);

describe('BambooHR employees', () => {
	it('lists every employee with one dataset read, the firm\'s custom fields resolved to the dataset\'s names, as canonical Resources', async () => {
		const items = await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true, customFields }), { credentials });
		const { employees } = await state();
		expect(items).toHaveLength(employees.length);

		// The field lists once (the dataset's names, and the account's aliases for the picked ones), then one read for all.
		const requests = await log();
		expect(requests.counts).toEqual({ [DATASET_FIELDS]: 1, [META_FIELDS]: 1, [DATASET]: 1 });
		expect(requests.counts[REPORT]).toBeUndefined();
		const read = requests.requests.find((request) => request.route.endsWith('/v2/datasets/:dataset/data'))!;
		expect(read.path).toBe(`/api/gateway.php/${BAMBOOHR_COMPANY_DOMAIN}/v2/datasets/employee/data`);
		expect(read.headers['content-type']).toMatch(/^application\/json/);
		expect(read.body).toMatchObject({ page: 1, pageSize: 1000 });
		expect(read.body.filter).toBeUndefined();
		// customSkills, customCostRate, 4003 and customWeeklyCapacity as the dataset names them, each currency with its code field.
		expect(read.body.fields).toEqual(
			expect.arrayContaining(['eeid', 'email', 'jobInformationDepartment', 'employmentStatus', 'hireDate', 'terminationDate', 'supervisorEid', 'customField4001', 'customField4002', 'customField4002.1', 'customField4003', 'customField4003.1', 'customField4004']),
		);
		expect(read.body.fields).not.toEqual(expect.arrayContaining(['customSkills']));

		const byId = new Map(json(items).map((item) => [item.id, Resource.parse(item)]));
		for (const employee of employees) {
			const resource = byId.get(employee.id)!;
			const fields = employee.fields as Record<string, unknown>;
			expect(resource._meta).toMatchObject({ system: 'bamboohr', entity: 'resource', remoteId: employee.id, remoteUpdatedAt: new Date(employee.lastChanged).toISOString() });
			expect(resource.externalRefs).toEqual({ bamboohr: employee.id });
			expect(resource.displayName).toBe(fields.displayName);
			expect(resource.email).toBe(fields.workEmail);
			expect(resource.department).toBe(fields.department);
			expect(resource.role).toBe(fields.jobTitle);
			expect(resource.skills).toEqual(String(fields.customSkills).split(', '));
			expect(resource.weeklyCapacityHours).toBe(Number(fields.customWeeklyCapacity));
			expect(resource.managerId).toBe(fields.supervisorEId ?? undefined);
			// The store keeps "<amount> <ISO code>"; the dataset answers the amount and the code in two fields.
			const [amount, currency] = String(fields.customCostRate).split(' ');
			expect(resource.costRate).toEqual({ amountMinor: Math.round(Number(amount) * 100), currency });
			expect(resource.billRate?.currency).toBe(currency);
			if (fields.status === 'Inactive') {
				expect(resource.employmentStatus).toBe('terminated');
				expect(resource.terminationDate).toBe(fields.terminationDate);
			} else {
				// BambooHR's "0000-00-00" is no date at all (the dataset answers null).
				expect(fields.terminationDate).toBe('0000-00-00');
				expect(resource.terminationDate).toBeUndefined();
				expect(resource.employmentStatus).toBe(fields.employmentHistoryStatus === 'Contractor' ? 'contractor' : 'active');
			}
		}
		// The seed holds people in other currencies than the company's: each came with its own code.
		expect(json(items).some((item) => (item.costRate as IDataObject).currency === 'USD')).toBe(true);
		expect(json(items).some((item) => (item.costRate as IDataObject).currency !== 'USD')).toBe(true);
	});

	it('lists with one request when no custom field is mapped, and keeps the dataset row as remoteData', async () => {
		const items = await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true, options: { includeRaw: true } }), { credentials });
		const requests = await log();
		expect(requests.total).toBe(1);
		expect(requests.counts[DATASET]).toBe(1);
		const first = Resource.parse(items[0].json);
		expect(first.remoteData).toMatchObject({ fields: { eeid: first.id, email: first.email } });
	});

	it('reads a firm larger than a page page by page, following links.next with the next page', async () => {
		await adminAction('import', { count: 1000 });
		const items = await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true }), { credentials });
		const { employees } = await state();
		expect(employees.length).toBeGreaterThan(1000);
		expect(json(items).map((item) => item.id).sort()).toEqual(employees.map((employee) => employee.id).sort());
		const reads = (await log()).requests.filter((request) => request.route.endsWith('/v2/datasets/:dataset/data'));
		expect(reads.map((request) => [request.body.page, request.body.pageSize, request.status])).toEqual([
			[1, 1000, 200],
			[2, 1000, 200],
		]);
	});

	it('reads only the employees changed since an instant, filtered by the dataset', async () => {
		const since = '2026-01-01T00:00:00Z';
		const items = await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true, filters: { modifiedSince: since } }), { credentials });
		const { employees } = await state();
		const changed = employees.filter((employee) => Date.parse(employee.lastChanged) >= Date.parse(since));
		expect(changed.length).toBeGreaterThan(0);
		expect(changed.length).toBeLessThan(employees.length);
		expect(json(items).map((item) => item.id).sort()).toEqual(changed.map((employee) => employee.id).sort());
		const [read] = (await log()).requests;
		expect(read.body.filter).toBe("lastChanged ge '2026-01-01T00:00:00+00:00'");
	});

	it('names a mapped field the dataset does not know, and reads no employee', async () => {
		const error = (await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true, customFields: { skillsField: picked('customNoSuchField') } }), { credentials }).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toMatch(/employee dataset has no field "customNoSuchField"/);
		expect((await log()).counts[DATASET]).toBeUndefined();
	});

	it('filters by department and employment status on the dataset\'s records, with a limit', async () => {
		const items = await run(
			node,
			hris({ resource: 'employee', operation: 'list', returnAll: false, limit: 3, filters: { department: picked('Engineering'), employmentStatus: 'active' } }),
			{ credentials },
		);
		const expected = (await state()).employees.filter((employee) => employee.fields.department === 'Engineering' && employee.fields.status === 'Active' && employee.fields.employmentHistoryStatus !== 'Contractor');
		expect(items).toHaveLength(Math.min(3, expected.length));
		expect(json(items).map((item) => item.id)).toEqual(expected.slice(0, 3).map((employee) => employee.id));
		expect((await log()).counts).toEqual({ [DATASET]: 1 });
	});

	it('gets one employee by id with the requested fields', async () => {
		const items = await run(node, hris({ resource: 'employee', operation: 'get', employeeId: picked('104'), customFields }), { credentials });
		const employee = (await state()).employees.find((candidate) => candidate.id === '104')!;
		expect(Resource.parse(items[0].json)).toMatchObject({ id: '104', displayName: employee.fields.displayName, role: employee.fields.jobTitle });
		const [request] = (await log()).requests;
		expect(request.route).toBe('/api/gateway.php/:company/v1/employees/:id');
		expect(request.query.fields[0].split(',')).toEqual(expect.arrayContaining(['customSkills', 'customCostRate', '4003']));
	});

	it('names the employee and the field when a mapped field does not hold what it should', async () => {
		const error = (await run(node, hris({ resource: 'employee', operation: 'get', employeeId: picked('104'), customFields: { costRateField: picked('department') } }), { credentials }).catch((caught: unknown) => caught)) as Error;
		expect(error.message).toMatch(/BambooHR employee 104: field department ".+" is not a currency amount/);
	});

	it('offers the account\'s fields, departments and employees in the pickers', async () => {
		const setup = { type: node, parameters: hris({}), credentials };
		const fields = (await runLoadOptions(setup, 'listSearch', 'searchFields', 'rate')) as { results: Array<{ value: string }> };
		expect(fields.results.map((field) => field.value).sort()).toEqual(['customBillRate', 'customCostRate']);
		const departments = (await runLoadOptions(setup, 'listSearch', 'searchDepartments')) as { results: Array<{ value: string }> };
		expect(departments.results.map((department) => department.value)).toEqual(['Data', 'Design', 'Engineering', 'Strategy']);
		const people = (await runLoadOptions(setup, 'listSearch', 'searchEmployees')) as { results: Array<{ value: string }> };
		const active = (await state()).employees.filter((employee) => employee.fields.status === 'Active');
		expect(people.results).toHaveLength(active.length);
		expect((await log()).counts['bamboohr GET /api/gateway.php/:company/v1/employees/directory']).toBe(1);
	});
});

describe('BambooHR errors', () => {
	const getEmployee = (id: string) => hris({ resource: 'employee', operation: 'get', employeeId: { __rl: true, mode: 'id', value: id } });

	it('404 for an unknown employee fails the node on that item, with BambooHR\'s header message', async () => {
		const error = (await run(node, getEmployee('={{ $json.id }}'), { credentials, items: [{ id: '104' }, { id: '9999' }] }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('BambooHR: Employee not found');
		expect(error.httpCode).toBe('404');
		expect(error.context.itemIndex).toBe(1);
		expect(error.description).toMatch(/GET \/employees\/9999 answered 404 · BambooHR request id [0-9a-f-]{36}/);
	});

	it('404 under continue-on-fail: the found employee and the error item both come out, paired', async () => {
		const items = await run(node, getEmployee('={{ $json.id }}'), { credentials, continueOnFail: true, items: [{ id: '104' }, { id: '9999' }] });
		expect(items.map((item) => (item.pairedItem as unknown as IDataObject).item)).toEqual([0, 1]);
		expect(items[0].json.id).toBe('104');
		expect(items[1].json).toMatchObject({ error: 'BambooHR: Employee not found', errorDetails: { httpCode: '404', requestId: expect.stringMatching(/[0-9a-f-]{36}/) }, input: { id: '9999' } });
	});

	it('404 for an unknown company domain says to check the domain', async () => {
		useCredential('bamboohr-key', 'p2cBambooHrApi', credentialData({ companyDomain: 'https://nope.bamboohr.com/' }));
		const error = (await run(node, getEmployee('104'), { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.message).toBe('BambooHR: Company "nope" not found');
		expect(error.description).toMatch(/Check the company domain/);
		expect((await sandbox.admin<{ requests: Array<{ path: string; status: number }> }>('GET', '/requests?vendor=bamboohr')).requests[0]).toMatchObject({ path: '/api/gateway.php/nope/v1/employees/104', status: 404 });
	});

	it('401 for a bad API key fails the node, or under continue-on-fail gives every item the error', async () => {
		useCredential('bamboohr-key', 'p2cBambooHrApi', credentialData({ apiKey: 'revoked-key' }));
		const list = hris({ resource: 'employee', operation: 'list', returnAll: true });
		const error = (await run(node, list, { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error.message).toBe('BambooHR: Invalid API key');
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/Check the API key/);
		const items = await run(node, list, { credentials, continueOnFail: true, items: [{ n: 1 }, { n: 2 }] });
		expect(items).toHaveLength(2);
		expect(json(items).map((item) => (item.errorDetails as IDataObject).httpCode)).toEqual(['401', '401']);
		// The transport does not retry a 401; n8n's own credential path re-sends it once (refresh attempt).
		expect((await log()).requests.map((request) => request.status)).toEqual([401, 401, 401, 401, 401, 401]);
	});

	it('tests the credential with the key\'s own employee record', async () => {
		expect(await testCredential('p2cBambooHrApi', credentialData())).toEqual({ status: 'OK', message: 'Connection successful' });
		expect((await testCredential('p2cBambooHrApi', credentialData({ apiKey: 'wrong' }))).status).toBe('Error');
		const [first] = (await log()).requests;
		expect(first.route).toBe('/api/gateway.php/:company/v1/employees/:id');
		expect(first.status).toBe(200);
		expect(BAMBOOHR_API_KEY_OWNER).toBe('101');
	});
});

describe('BambooHR throttling', () => {
	it('waits out a 429 with Retry-After and succeeds, the dataset read re-sent once', async () => {
		await adminAction('throttle', { limit: 1, intervalMs: 1500 });
		const started = Date.now();
		const items = await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true }), { credentials, items: [{}, {}] });
		expect(items).toHaveLength(2 * (await state()).employees.length);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		expect((await log()).requests.map((request) => request.status)).toEqual([200, 429, 200]);
	});

	it('also retries the 503 BambooHR sent for throttling before September 2026 (a dataset read is a safe re-read)', async () => {
		await adminAction('throttle', { limit: 1, intervalMs: 1000, status: 503 });
		await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true }), { credentials, items: [{}, {}] });
		const requests = (await log()).requests;
		expect(requests.map((request) => request.status)).toEqual([200, 503, 200]);
		expect(requests.every((request) => request.method === 'POST')).toBe(true);
	});
});

describe('BambooHR time off', () => {
	const range = { startDate: '2026-11-02', endDate: '2026-11-29' };
	const overlapping = (request: BambooTimeOffRequest) => request.end >= range.startDate && request.start <= range.endDate;

	it('lists the approved requests overlapping a period, with per-day hours (days converted)', async () => {
		const items = await run(node, hris({ resource: 'timeOff', operation: 'list', ...range, filters: { statuses: ['approved'] } }), { credentials });
		const expected = (await state()).timeOffRequests.filter((request) => overlapping(request) && request.status.status === 'approved');
		expect(expected.length).toBeGreaterThan(0);
		expect(json(items).map((item) => item.id).sort()).toEqual(expected.map((request) => String(request.id)).sort());
		for (const request of expected) {
			const timeOff = TimeOff.parse(json(items).find((item) => item.id === String(request.id)));
			const factor = request.amount.unit === 'days' ? 8 : 1;
			expect(timeOff).toMatchObject({ resourceId: String(request.employeeId), status: 'approved', startDate: request.start, endDate: request.end, type: request.type.name });
			expect(timeOff.hours).toBeCloseTo(request.amount.amount * factor, 2);
			expect(timeOff.days).toEqual(Object.entries(request.dates).map(([date, amount]) => ({ date, hours: amount * factor })));
		}
		expect(expected.some((request) => request.amount.unit === 'days')).toBe(true);
		const [request] = (await log()).requests;
		expect(request.query).toMatchObject({ start: [range.startDate], end: [range.endDate], status: ['approved'] });
	});

	it('maps BambooHR\'s canceled and superceded to cancelled, asking for both', async () => {
		const items = await run(node, hris({ resource: 'timeOff', operation: 'list', startDate: '2026-06-01', endDate: '2027-03-01', filters: { statuses: ['cancelled'] } }), { credentials });
		const expected = (await state()).timeOffRequests.filter((request) => ['canceled', 'superceded'].includes(request.status.status));
		expect(json(items).map((item) => item.id).sort()).toEqual(expected.map((request) => String(request.id)).sort());
		expect(json(items).every((item) => item.status === 'cancelled')).toBe(true);
		expect((await log()).requests[0].query.status).toEqual(['canceled,superceded']);
	});

	it('lists who is out in a period, and the company holidays when asked', async () => {
		const items = await run(node, hris({ resource: 'timeOff', operation: 'whosOut', ...range, includeHolidays: true }), { credentials });
		const { timeOffRequests } = await state();
		const out = timeOffRequests.filter((request) => overlapping(request) && request.status.status === 'approved');
		const people = json(items).filter((item) => item.kind !== 'holiday');
		expect(people.map((item) => item.id).sort()).toEqual(out.map((request) => String(request.id)).sort());
		expect(people.every((item) => TimeOff.safeParse(item).success)).toBe(true);
		expect(json(items).filter((item) => item.kind === 'holiday')).toEqual([{ kind: 'holiday', id: '11', name: 'Thanksgiving', startDate: '2026-11-26', endDate: '2026-11-27', system: 'bamboohr' }]);
	});

	it('computes weekly availability from capacity, approved leave and holidays, with one read of the roster', async () => {
		const items = await run(
			node,
			hris({ resource: 'timeOff', operation: 'availability', ...range, subtractHolidays: true, defaultWeeklyCapacity: 40, customFields: { weeklyCapacityField: picked('customWeeklyCapacity') } }),
			{ credentials },
		);
		const { employees, timeOffRequests } = await state();
		// The roster is one dataset read; customWeeklyCapacity (an alias) is found through the two field lists.
		const requests = await log();
		expect(requests.counts).toEqual({
			'bamboohr GET /api/gateway.php/:company/v1/time_off/requests': 1,
			'bamboohr GET /api/gateway.php/:company/v1/time_off/whos_out': 1,
			[DATASET_FIELDS]: 1,
			[META_FIELDS]: 1,
			[DATASET]: 1,
		});
		expect(requests.requests.find((request) => request.route.endsWith('/data'))!.body.fields).toEqual(expect.arrayContaining(['customField4004']));

		// Employee 104 has 6 days of approved leave counted in days (Nov 18-25) and Thanksgiving (Nov 26-27).
		const weeks = json(items).filter((row) => row.resourceId === '104');
		expect(weeks.map((row) => row.weekStart)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
		const independent = weeks.map((row) => {
			let capacity = 0;
			let off = 0;
			for (let time = Date.parse(`${String(row.weekStart)}T00:00:00Z`), day = 0; day < 7; day++, time += 86_400_000) {
				const date = new Date(time).toISOString().slice(0, 10);
				if (new Date(time).getUTCDay() % 6 === 0 || date < range.startDate || date > range.endDate) continue;
				capacity += 8;
				const holiday = date === '2026-11-26' || date === '2026-11-27' ? 8 : 0;
				const leave = timeOffRequests
					.filter((request) => request.employeeId === 104 && request.status.status === 'approved')
					.reduce((sum, request) => sum + (request.dates[date] ?? 0) * (request.amount.unit === 'days' ? 8 : 1), 0);
				off += Math.min(8, holiday + leave);
			}
			return { capacity, available: capacity - off };
		});
		expect(weeks.map((row) => [row.capacityHours, row.availableHours])).toEqual(independent.map((week) => [week.capacity, week.available]));
		expect(weeks[2]).toMatchObject({ timeOffHours: 24, holidayHours: 0, availableHours: 16 });
		expect(weeks[3]).toMatchObject({ timeOffHours: 24, holidayHours: 16, availableHours: 0 });

		// The terminated employee has no weeks; 32-hour people have 6.4-hour days.
		const terminated = employees.filter((employee) => employee.fields.status === 'Inactive').map((employee) => employee.id);
		expect(json(items).some((row) => terminated.includes(String(row.resourceId)))).toBe(false);
		const partTime = employees.find((employee) => employee.fields.customWeeklyCapacity === '32')!;
		expect(json(items).find((row) => row.resourceId === partTime.id && row.weekStart === '2026-11-09')).toMatchObject({ capacityHours: 32, workingDays: 5 });
		expect(json(items).every((row) => (row._meta as IDataObject).system === 'bamboohr')).toBe(true);
	});
});

describe('HRIS Trigger', () => {
	const trigger = new HrisTrigger();
	const today = new Date().toISOString().slice(0, 10);
	const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
	const setup = (event: string, staticData: IDataObject) => ({ type: trigger, parameters: hris({ event, customFields: { skillsField: picked('customSkills') } }), credentials, staticData });

	it('emits each hire and termination once across polls, via the changed-since feed and one dataset read', async () => {
		const staticData: IDataObject = {};
		// Activation only sets the cursor.
		expect(await runPoll(setup('any', staticData))).toBeNull();
		expect((await log()).total).toBe(0);

		const hired = await adminAction('hire', { firstName: 'Noor', lastName: 'Rahman', hireDate: inAWeek, department: 'Data', customSkills: 'python, dbt' });
		await adminAction('terminate', { id: '105', terminationDate: today });
		await adminAction('update', { id: '106', fields: { jobTitle: 'Principal' } });

		const second = await runPoll(setup('any', staticData));
		const events = json(second![0]);
		// Changes of the same second come in employee id order.
		expect(events.map((event) => [event.event, event.resourceId, event.date])).toEqual([
			['termination', '105', today],
			['hire', hired.id, inAWeek],
		]);
		expect(Resource.parse(events[1].resource)).toMatchObject({ displayName: 'Noor Rahman', department: 'Data', skills: ['python', 'dbt'], employmentStatus: 'active' });
		expect(Resource.parse(events[0].resource)).toMatchObject({ id: '105', employmentStatus: 'terminated', terminationDate: today });
		const afterSecond = await log();
		expect(afterSecond.requests.map((request) => request.route)).toEqual([
			'/api/gateway.php/:company/v1/employees/changed',
			'/api/gateway.php/:company/v1_2/datasets/:dataset/fields',
			'/api/gateway.php/:company/v1/meta/fields',
			'/api/gateway.php/:company/v2/datasets/:dataset/data',
		]);
		expect(afterSecond.requests[0].query.since[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		// The changed ids in one read: an `or` of eeid comparisons (and / or may not be mixed).
		const filter = String(afterSecond.requests[3].body.filter);
		expect(filter.split(' or ')).toEqual(expect.arrayContaining([`eeid eq ${String(hired.id)}`, 'eeid eq 105', 'eeid eq 106']));
		expect(filter).not.toMatch(/ and /);

		// The next poll reads the same changes again (overlap window): the seen keys drop them.
		await sandbox.admin('DELETE', '/requests');
		expect(await runPoll(setup('any', staticData))).toBeNull();
		expect((await log()).counts[DATASET]).toBe(1);

		await adminAction('terminate', { id: '107', terminationDate: today });
		const fourth = await runPoll(setup('any', staticData));
		expect(json(fourth![0]).map((event) => [event.event, event.resourceId])).toEqual([['termination', '107']]);
	});

	it('emits only the chosen event, and a manual test run shows the latest one', async () => {
		const staticData: IDataObject = {};
		await runPoll(setup('hire', staticData));
		await adminAction('terminate', { id: '105', terminationDate: today });
		const hired = await adminAction('hire', { firstName: 'Ira', lastName: 'Vance', hireDate: today });
		const second = await runPoll(setup('hire', staticData));
		expect(json(second![0]).map((event) => [event.event, event.resourceId])).toEqual([['hire', hired.id]]);
		const manual = await runPoll({ ...setup('termination', {}), mode: 'manual' });
		expect(manual![0]).toHaveLength(1);
		expect(manual![0][0].json).toMatchObject({ event: 'termination', resourceId: '105' });
	});
});

describe('BambooHR fake: the Datasets API', () => {
	const gateway = () => `${sandbox.sandbox.url}/bamboohr/api/gateway.php/${BAMBOOHR_COMPANY_DOMAIN}`;
	const send = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${gateway()}${path}`, {
			method,
			headers: { authorization: `Basic ${Buffer.from(`${BAMBOOHR_API_KEY}:x`).toString('base64')}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as IDataObject };
	};
	const data = async (body: IDataObject) => await send('POST', '/v2/datasets/employee/data', body);

	it('lists the employee dataset and its fields, custom ones as customField<id> with a currency code field', async () => {
		expect((await send('GET', '/v1_2/datasets')).body).toEqual({ datasets: [{ name: 'employee', label: 'Employee' }] });
		const fields = await send('GET', '/v1_2/datasets/employee/fields?page_size=5&page=2');
		expect(fields.body).toMatchObject({ name: 'employee', label: 'Employee', pagination: { current_page: 2, prev_page: expect.stringContaining('page=1&page_size=5') } });
		expect(fields.body.fields).toHaveLength(5);
		const all = ((await send('GET', '/v1_2/datasets/employee/fields')).body.fields as IDataObject[]).map((field) => [field.name, field.label]);
		expect(all).toEqual(expect.arrayContaining([['eeid', 'EEID'], ['customField4002', 'Cost Rate'], ['customField4002.1', 'Cost Rate Currency Code']]));
		const missing = await send('GET', '/v1_2/datasets/nope/fields');
		expect([missing.status, missing.type, missing.body.code]).toEqual([422, 'application/problem+json', 'DATASET_NOT_FOUND']);
	});

	it('answers the stored employees with the fields asked for, pages with links and meta', async () => {
		const { employees } = await state();
		const first = await data({ fields: ['eeid', 'email', 'customField4002', 'customField4002.1', 'terminationDate'], pageSize: 10 });
		expect(first.status).toBe(200);
		expect(first.body.meta).toEqual({ page: 1, pageSize: 10, totalPages: Math.ceil(employees.length / 10), totalItems: employees.length });
		expect((first.body.links as IDataObject).next).toMatch(/\/v2\/datasets\/employee\/data\?page=2&pageSize=10$/);
		const [row] = first.body.data as Array<{ fields: IDataObject }>;
		const stored = employees.find((employee) => employee.id === row.fields.eeid)!;
		expect(row.fields).toEqual({
			eeid: stored.id,
			email: stored.fields.workEmail,
			customField4002: String(stored.fields.customCostRate).split(' ')[0],
			'customField4002.1': String(stored.fields.customCostRate).split(' ')[1],
			terminationDate: stored.fields.terminationDate === '0000-00-00' ? null : stored.fields.terminationDate,
		});
		// One page holds them all: no neighbours, and the live API then answers an empty list for links.
		const whole = await data({ fields: ['eeid'], pageSize: 1000 });
		expect(whole.body.links).toEqual([]);
		expect(whole.body.data).toHaveLength(employees.length);
	});

	it('parses the filter: eq, ordering on dates, in on list fields, or; refuses mixed and/or and operators a field type lacks', async () => {
		const { employees } = await state();
		const ids = (body: IDataObject) => (body.data as Array<{ fields: IDataObject }>).map((row) => row.fields.eeid);
		expect(ids((await data({ fields: ['eeid'], filter: 'eeid eq 104 or eeid eq 106' })).body)).toEqual(['104', '106']);
		const engineers = employees.filter((employee) => employee.fields.department === 'Engineering' && String(employee.fields.hireDate) >= '2020-01-01');
		expect(ids((await data({ fields: ['eeid'], filter: "jobInformationDepartment in ('Engineering', 'Nowhere') and hireDate ge '2020-01-01'" })).body)).toEqual(engineers.map((employee) => employee.id));
		for (const filter of ["eeid eq 104 and status eq 'Active' or eeid eq 105", "email gt 'a'", "email in ('x')", "nope eq 'x'", "eeid eq 'abc' and"]) {
			const refused = await data({ fields: ['eeid'], filter });
			expect([filter, refused.status, refused.type, refused.body.code]).toEqual([filter, 422, 'application/problem+json', 'INVALID_FILTER']);
		}
	});

	it('refuses an unknown field with a 400 problem naming it, and a page size over 1000 with a 422', async () => {
		const unknown = await data({ fields: ['eeid', 'workEmail', 'customCostRate'] });
		expect(unknown.status).toBe(400);
		expect(unknown.type).toBe('application/problem+json');
		expect(unknown.body).toMatchObject({ status: 400, title: 'Bad Request', fields: { workEmail: 'Unknown field', customCostRate: 'Unknown field' } });
		expect((await data({ fields: ['eeid'], pageSize: 1001 })).status).toBe(422);
		expect((await data({ fields: ['eeid'], page: 0 })).status).toBe(422);
		expect((await data({})).status).toBe(400);
	});

	it('still answers custom reports (deprecated, not removed), though nothing of the pack calls them', async () => {
		const response = await fetch(`${gateway()}/v1/reports/custom?format=JSON`, {
			method: 'POST',
			headers: { authorization: `Basic ${Buffer.from(`${BAMBOOHR_API_KEY}:x`).toString('base64')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ fields: ['firstName'] }),
		});
		expect(response.status).toBe(200);
		expect(((await response.json()) as { employees: unknown[] }).employees).toHaveLength((await state()).employees.length);
	});

	it('turns a problem answer of the dataset into the node error, with its detail and code', async () => {
		const detail = 'A filter may use and or or, but not both';
		await sandbox.admin('POST', '/faults', { vendor: 'bamboohr', path: '/v2/datasets/', count: 1, kind: 'status', status: 422, body: { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail, code: 'INVALID_FILTER' } });
		const error = (await run(node, hris({ resource: 'employee', operation: 'list', returnAll: true }), { credentials }).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`BambooHR: ${detail}`);
		expect(error.httpCode).toBe('422');
		expect(error.description).toMatch(/POST \S*\/api\/gateway\.php\/meridian\/v2\/datasets\/employee\/data answered 422 · code INVALID_FILTER/);
	});
});

describe('Raw request', () => {
	it('reaches any BambooHR endpoint with the credential', async () => {
		const items = await run(node, hris({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/meta/lists', query: '{}' }), { credentials });
		expect(items[0].json.statusCode).toBe(200);
		expect((items[0].json.body as unknown as IDataObject[]).map((list) => list.alias)).toContain('department');
	});
});
