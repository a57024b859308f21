import { seededRandom } from '../core/ids';
import type { SeedOptions, SeedPerson } from './firm';
import { DAY_MS } from '../core/time';

/**
 * Leave for the seeded firm: time off requests and company holidays, the facts an HRIS holds
 * for staffing availability. Drawn from its own random stream, so adding it left every other
 * seeded record exactly as it was.
 */
export type SeedTimeOffStatus = 'approved' | 'requested' | 'denied' | 'canceled' | 'superceded';

export interface SeedTimeOff {
	key: string;
	personKey: string;
	type: 'Vacation' | 'Sick' | 'Parental Leave' | 'Training';
	status: SeedTimeOffStatus;
	start: string;
	end: string;
	/** How the leave is counted: most policies in hours, some in days. */
	unit: 'hours' | 'days';
	/** Amount per calendar day of the request, in `unit` (0 on weekends). */
	days: Record<string, number>;
	created: string;
	statusChanged: string;
	note?: string;
}

export interface SeedHoliday {
	key: string;
	name: string;
	start: string;
	end: string;
}

const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);
const isWeekday = (time: number): boolean => {
	const weekday = new Date(time).getUTCDay();
	return weekday !== 0 && weekday !== 6;
};

const TYPES: Array<SeedTimeOff['type']> = ['Vacation', 'Vacation', 'Vacation', 'Sick', 'Training', 'Parental Leave'];
const NOTES = ['Family trip', 'Conference', 'Doctor appointment', 'Moving house', 'Long weekend'];

export const SEED_HOLIDAYS: SeedHoliday[] = [
	{ key: 'holiday-1', name: 'Labor Day', start: '2026-09-07', end: '2026-09-07' },
	{ key: 'holiday-2', name: 'Thanksgiving', start: '2026-11-26', end: '2026-11-27' },
	{ key: 'holiday-3', name: 'Christmas Day', start: '2026-12-25', end: '2026-12-25' },
	{ key: 'holiday-4', name: "New Year's Day", start: '2027-01-01', end: '2027-01-01' },
];

function pickStatus(roll: number): SeedTimeOffStatus {
	if (roll < 0.65) return 'approved';
	if (roll < 0.8) return 'requested';
	if (roll < 0.88) return 'denied';
	if (roll < 0.95) return 'canceled';
	return 'superceded';
}

/** Three to five requests per person, from three months before `anchor` to four months after it. */
export function generateLeave(people: SeedPerson[], options: SeedOptions, anchor: number): { timeOff: SeedTimeOff[]; holidays: SeedHoliday[] } {
	const random = seededRandom((options.seed ^ 0x5eed1eaf) >>> 0);
	const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
	const timeOff: SeedTimeOff[] = [];
	for (const person of people) {
		const hired = Date.parse(`${person.hireDate}T00:00:00Z`);
		const left = person.terminationDate ? Date.parse(`${person.terminationDate}T00:00:00Z`) : Number.POSITIVE_INFINITY;
		const count = between(3, 5);
		for (let index = 0; index < count; index++) {
			let start = anchor + between(-90, 120) * DAY_MS;
			while (!isWeekday(start)) start += DAY_MS;
			const length = between(1, 8);
			const end = start + (length - 1) * DAY_MS;
			if (start < hired || end > left) continue;
			const unit = random() < 0.8 ? 'hours' : 'days';
			const dailyHours = person.weeklyCapacityHours / 5;
			const halfFirstDay = random() < 0.2;
			const days: Record<string, number> = {};
			for (let time = start; time <= end; time += DAY_MS) {
				const full = unit === 'hours' ? dailyHours : 1;
				days[isoDate(time)] = !isWeekday(time) ? 0 : time === start && halfFirstDay ? full / 2 : full;
			}
			const created = start - between(5, 40) * DAY_MS;
			const status = pickStatus(random());
			timeOff.push({
				key: `timeoff-${timeOff.length + 1}`,
				personKey: person.key,
				type: TYPES[between(0, TYPES.length - 1)],
				status,
				start: isoDate(start),
				end: isoDate(end),
				unit,
				days,
				created: isoDate(created),
				statusChanged: isoDate(status === 'requested' ? created : created + between(1, 4) * DAY_MS),
				note: random() < 0.5 ? NOTES[between(0, NOTES.length - 1)] : undefined,
			});
		}
	}
	return { timeOff, holidays: SEED_HOLIDAYS.map((holiday) => ({ ...holiday })) };
}
