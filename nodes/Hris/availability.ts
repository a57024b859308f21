import type { Resource, TimeOff } from '../shared/canonical';
import { DAY_MS } from '../shared/canonical';

/**
 * Staffing availability from canonical records, vendor-neutral: per person and per week (Monday to
 * Sunday, cut to the requested range and to the person's employment), capacity hours minus approved
 * time off and company holidays. Working days are Monday to Friday; a day's capacity is a fifth of
 * the weekly capacity. Sums are kept in whole minutes, so hours never drift in floating point.
 */

export interface WeeklyAvailability {
	resourceId: string;
	displayName: string;
	department?: string;
	role?: string;
	/** Monday of the week. */
	weekStart: string;
	/** The days of this week that were counted: inside the range and the employment. */
	periodStart: string;
	periodEnd: string;
	workingDays: number;
	capacityHours: number;
	timeOffHours: number;
	holidayHours: number;
	availableHours: number;
	/** Approved time off that falls in the week. */
	timeOffIds: string[];
}

export interface AvailabilityInput {
	resources: Resource[];
	/** Time off of any status: only approved leave is subtracted. */
	timeOff: TimeOff[];
	holidays?: Array<{ startDate: string; endDate: string }>;
	startDate: string;
	endDate: string;
	/** For people whose record has no weekly capacity. */
	defaultWeeklyCapacityHours: number;
}

const toTime = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const toDate = (time: number): string => new Date(time).toISOString().slice(0, 10);
const isWorkingDay = (time: number): boolean => {
	const weekday = new Date(time).getUTCDay();
	return weekday >= 1 && weekday <= 5;
};
const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

function* daysBetween(startDate: string, endDate: string): Generator<number> {
	for (let time = toTime(startDate); time <= toTime(endDate); time += DAY_MS) yield time;
}

/** Minutes of approved leave per person and day; `dailyMinutes` fills leave that gives no hours. */
function leaveByDay(timeOff: TimeOff[], dailyMinutes: (resourceId: string) => number): Map<string, Map<string, { minutes: number; ids: Set<string> }>> {
	const byResource = new Map<string, Map<string, { minutes: number; ids: Set<string> }>>();
	const add = (resourceId: string, date: string, minutes: number, id: string) => {
		const days = byResource.get(resourceId) ?? new Map<string, { minutes: number; ids: Set<string> }>();
		byResource.set(resourceId, days);
		const day = days.get(date) ?? { minutes: 0, ids: new Set<string>() };
		day.minutes += minutes;
		day.ids.add(id);
		days.set(date, day);
	};
	for (const leave of timeOff) {
		if (leave.status !== 'approved') continue;
		const id = leave.id ?? `${leave.resourceId}:${leave.startDate}`;
		if (leave.days && leave.days.length > 0) {
			for (const day of leave.days) if (day.hours > 0) add(leave.resourceId, day.date, Math.round(day.hours * 60), id);
			continue;
		}
		const working = [...daysBetween(leave.startDate, leave.endDate)].filter(isWorkingDay);
		if (working.length === 0) continue;
		const totalMinutes = leave.hours !== undefined ? Math.round(leave.hours * 60) : working.length * dailyMinutes(leave.resourceId);
		// Spread evenly; the first days take the remainder so the total stays exact.
		const share = Math.floor(totalMinutes / working.length);
		working.forEach((time, index) => add(leave.resourceId, toDate(time), share + (index < totalMinutes - share * working.length ? 1 : 0), id));
	}
	return byResource;
}

function mondayOf(time: number): number {
	const weekday = (new Date(time).getUTCDay() + 6) % 7;
	return time - weekday * DAY_MS;
}

export function weeklyAvailability(input: AvailabilityInput): WeeklyAvailability[] {
	const rangeStart = toTime(input.startDate);
	const rangeEnd = toTime(input.endDate);
	if (Number.isNaN(rangeStart) || Number.isNaN(rangeEnd) || rangeEnd < rangeStart) throw new Error(`the range ${input.startDate} to ${input.endDate} is not a date range`);
	const capacityOf = (resource: Resource): number => resource.weeklyCapacityHours ?? input.defaultWeeklyCapacityHours;
	const dailyMinutes = new Map(input.resources.map((resource) => [resource.id ?? '', Math.round((capacityOf(resource) * 60) / 5)]));
	const leave = leaveByDay(input.timeOff, (resourceId) => dailyMinutes.get(resourceId) ?? Math.round((input.defaultWeeklyCapacityHours * 60) / 5));
	const holidayDates = new Set((input.holidays ?? []).flatMap((holiday) => [...daysBetween(holiday.startDate, holiday.endDate)].map(toDate)));

	const rows: WeeklyAvailability[] = [];
	for (const resource of input.resources) {
		const resourceId = resource.id ?? '';
		// A person marked terminated without a date has no employment left to staff.
		if (resource.employmentStatus === 'terminated' && !resource.terminationDate) continue;
		const employedFrom = Math.max(rangeStart, resource.hireDate ? toTime(resource.hireDate) : rangeStart);
		const employedTo = Math.min(rangeEnd, resource.terminationDate ? toTime(resource.terminationDate) : rangeEnd);
		if (employedTo < employedFrom) continue;
		const daily = dailyMinutes.get(resourceId) ?? 0;
		const days = leave.get(resourceId);
		for (let week = mondayOf(employedFrom); week <= employedTo; week += 7 * DAY_MS) {
			const from = Math.max(week, employedFrom);
			const to = Math.min(week + 6 * DAY_MS, employedTo);
			let workingDays = 0;
			let capacity = 0;
			let holiday = 0;
			let timeOff = 0;
			const ids = new Set<string>();
			for (let time = from; time <= to; time += DAY_MS) {
				if (!isWorkingDay(time)) continue;
				workingDays += 1;
				capacity += daily;
				const date = toDate(time);
				const holidayMinutes = holidayDates.has(date) ? daily : 0;
				const leaveDay = days?.get(date);
				holiday += holidayMinutes;
				// Leave on a holiday is not counted twice, and no day goes below zero.
				timeOff += Math.min(daily - holidayMinutes, leaveDay?.minutes ?? 0);
				for (const id of leaveDay?.ids ?? []) ids.add(id);
			}
			rows.push({
				resourceId,
				displayName: resource.displayName,
				department: resource.department,
				role: resource.role,
				weekStart: toDate(week),
				periodStart: toDate(from),
				periodEnd: toDate(to),
				workingDays,
				capacityHours: hoursOf(capacity),
				timeOffHours: hoursOf(timeOff),
				holidayHours: hoursOf(holiday),
				availableHours: hoursOf(capacity - holiday - timeOff),
				timeOffIds: [...ids].sort(),
			});
		}
	}
	return rows;
}
