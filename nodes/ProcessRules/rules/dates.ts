import { DAY_MS, isCalendarDate } from '../../shared/canonical';

/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so a day is always 24 hours. */

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function isIsoDate(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value);
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
	return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

export function dateOfDayNumber(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): string {
	return dateOfDayNumber(dayNumber(date) + days);
}

/** The month (`YYYY-MM`) before the month of `date`. */
export function previousMonth(date: string): string {
	const year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function lastDayOfMonth(monthKey: string): string {
	const year = Number(monthKey.slice(0, 4));
	const month = Number(monthKey.slice(5, 7));
	return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** "March 2026" for `2026-03`. */
export function monthLabel(monthKey: string): string {
	return `${MONTH_NAMES[Number(monthKey.slice(5, 7)) - 1]} ${monthKey.slice(0, 4)}`;
}

/** Today in UTC. */
export function todayUtc(now: Date = new Date()): string {
	return now.toISOString().slice(0, 10);
}
