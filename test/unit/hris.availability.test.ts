import { weeklyAvailability } from '../../nodes/Hris/availability';
import type { Resource, TimeOff } from '../../nodes/shared/canonical';

const person = (id: string, extra: Partial<Resource> = {}): Resource => ({ schemaVersion: 1, id, displayName: `Person ${id}`, skills: [], employmentStatus: 'active', externalRefs: {}, ...extra });
const leave = (id: string, resourceId: string, extra: Partial<TimeOff>): TimeOff => ({
	schemaVersion: 1,
	id,
	resourceId,
	status: 'approved',
	startDate: '2026-11-02',
	endDate: '2026-11-02',
	externalRefs: {},
	...extra,
});

// 2026-11-02 is a Monday.
const range = { startDate: '2026-11-02', endDate: '2026-11-15' };

describe('weeklyAvailability', () => {
	it('gives full weeks of capacity when nobody is away', () => {
		const rows = weeklyAvailability({ resources: [person('1', { weeklyCapacityHours: 40 })], timeOff: [], ...range, defaultWeeklyCapacityHours: 40 });
		expect(rows.map((row) => [row.weekStart, row.periodStart, row.periodEnd, row.workingDays, row.capacityHours, row.availableHours])).toEqual([
			['2026-11-02', '2026-11-02', '2026-11-08', 5, 40, 40],
			['2026-11-09', '2026-11-09', '2026-11-15', 5, 40, 40],
		]);
	});

	it('subtracts approved leave per day, ignoring other statuses', () => {
		const timeOff = [
			leave('a', '1', { startDate: '2026-11-03', endDate: '2026-11-04', hours: 12, days: [{ date: '2026-11-03', hours: 8 }, { date: '2026-11-04', hours: 4 }] }),
			leave('b', '1', { status: 'requested', startDate: '2026-11-05', endDate: '2026-11-05', hours: 8 }),
			leave('c', '1', { status: 'denied', startDate: '2026-11-10', endDate: '2026-11-10', hours: 8 }),
		];
		const [first, second] = weeklyAvailability({ resources: [person('1')], timeOff, ...range, defaultWeeklyCapacityHours: 40 });
		expect(first).toMatchObject({ timeOffHours: 12, availableHours: 28, timeOffIds: ['a'] });
		expect(second).toMatchObject({ timeOffHours: 0, availableHours: 40, timeOffIds: [] });
	});

	it('spreads leave that gives only a total over its working days, and splits it across weeks', () => {
		// Thursday to Tuesday: 4 working days, 2 in each week; 30 hours = 7.5 a day.
		const timeOff = [leave('a', '1', { startDate: '2026-11-05', endDate: '2026-11-10', hours: 30 })];
		const rows = weeklyAvailability({ resources: [person('1')], timeOff, ...range, defaultWeeklyCapacityHours: 40 });
		expect(rows.map((row) => row.timeOffHours)).toEqual([15, 15]);
		// Leave with neither hours nor days takes whole days.
		const fullDays = weeklyAvailability({ resources: [person('1', { weeklyCapacityHours: 30 })], timeOff: [leave('b', '1', { startDate: '2026-11-02', endDate: '2026-11-03' })], ...range, defaultWeeklyCapacityHours: 40 });
		expect(fullDays[0]).toMatchObject({ capacityHours: 30, timeOffHours: 12, availableHours: 18 });
	});

	it('keeps part-time hours exact (6.4-hour days) and never goes below zero in a day', () => {
		const timeOff = [leave('a', '1', { startDate: '2026-11-02', endDate: '2026-11-04', days: [{ date: '2026-11-02', hours: 6.4 }, { date: '2026-11-03', hours: 6.4 }, { date: '2026-11-04', hours: 10 }] })];
		const [week] = weeklyAvailability({ resources: [person('1', { weeklyCapacityHours: 32 })], timeOff, ...range, defaultWeeklyCapacityHours: 40 });
		expect(week).toMatchObject({ capacityHours: 32, timeOffHours: 19.2, availableHours: 12.8 });
	});

	it('counts holidays once, even when leave was booked on them', () => {
		const timeOff = [leave('a', '1', { startDate: '2026-11-11', endDate: '2026-11-11', hours: 8 })];
		const holidays = [{ startDate: '2026-11-11', endDate: '2026-11-12' }];
		const second = weeklyAvailability({ resources: [person('1')], timeOff, holidays, ...range, defaultWeeklyCapacityHours: 40 })[1];
		expect(second).toMatchObject({ holidayHours: 16, timeOffHours: 0, availableHours: 24 });
	});

	it('cuts weeks to the range and to the employment, and skips people who were not employed', () => {
		const resources = [
			person('joiner', { hireDate: '2026-11-11' }),
			person('leaver', { terminationDate: '2026-11-04', employmentStatus: 'terminated' }),
			person('gone', { terminationDate: '2026-10-01', employmentStatus: 'terminated' }),
			person('unknown', { employmentStatus: 'terminated' }),
		];
		const rows = weeklyAvailability({ resources, timeOff: [], startDate: '2026-11-04', endDate: '2026-11-13', defaultWeeklyCapacityHours: 40 });
		expect(rows.map((row) => [row.resourceId, row.weekStart, row.periodStart, row.periodEnd, row.capacityHours])).toEqual([
			['joiner', '2026-11-09', '2026-11-11', '2026-11-13', 24],
			['leaver', '2026-11-02', '2026-11-04', '2026-11-04', 8],
		]);
	});

	it('refuses a range that ends before it starts', () => {
		expect(() => weeklyAvailability({ resources: [], timeOff: [], startDate: '2026-11-10', endDate: '2026-11-01', defaultWeeklyCapacityHours: 40 })).toThrow('is not a date range');
	});
});
