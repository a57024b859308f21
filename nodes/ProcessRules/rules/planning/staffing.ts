import type { Resource } from '../../../shared/canonical';
import { addDays } from '../dates';
import { hoursToHundredths } from '../billing/price';

/** A row of availability (the HRIS node's weekly availability, or any per-person figure for a range). */
export interface AvailabilityRow {
	resourceId: string;
	availableHours: number;
	periodStart?: string;
	periodEnd?: string;
	weekStart?: string;
}

/**
 * Free hours per person (in hundredths) in a window: rows inside the window count; when rows of
 * one person overlap (two reads of the same weeks), the earlier-starting, longer one counts and
 * the overlapping days are not counted twice. Rows without dates count as given.
 */
export function freeHoursInWindow(rows: AvailabilityRow[], start: string, end: string): Map<string, number> {
	const byPerson = new Map<string, Array<{ from?: string; to?: string; hundredths: number }>>();
	for (const row of rows) {
		const from = row.periodStart ?? row.weekStart;
		const to = row.periodEnd ?? (row.weekStart ? addDays(row.weekStart, 6) : from);
		if (from && to && (from < start || to > end)) continue;
		const list = byPerson.get(row.resourceId) ?? [];
		list.push({ from, to, hundredths: hoursToHundredths(row.availableHours) });
		byPerson.set(row.resourceId, list);
	}
	const free = new Map<string, number>();
	for (const [resourceId, list] of byPerson) {
		list.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? '') || (b.to ?? '').localeCompare(a.to ?? ''));
		let coveredTo = '';
		let total = 0;
		for (const row of list) {
			if (row.from && row.to) {
				if (row.from <= coveredTo) continue;
				coveredTo = row.to;
			}
			total += row.hundredths;
		}
		free.set(resourceId, total);
	}
	return free;
}

export interface StaffingNeed {
	projectId: string;
	projectName: string;
	startDate: string;
	/** Skills asked for, any case. */
	skills: string[];
	/** Whether words of the project's name (longer than 2 letters) also count as skills asked for. */
	matchNameWords: boolean;
	teamSize: number;
	minAvailableHours: number;
	weeks: number;
	/** Whether a pick needs an account in the PSA (to be assigned there). */
	requirePsaAccount: boolean;
}

export interface StaffingCandidate {
	resource: Resource;
	psaUserId?: string;
}

export interface StaffingPick {
	resourceId: string;
	psaUserId?: string;
	displayName: string;
	skills: string[];
	matchedSkills: string[];
	freeHours: number;
	isProjectManager: boolean;
	reason: string;
}

export interface StaffingGap {
	need: string;
	reason: string;
}

export interface StaffingProposal {
	team: StaffingPick[];
	gaps: StaffingGap[];
	window: { startDate: string; endDate: string };
	considered: number;
}

const compareNames = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The team proposed for a project: people whose skills fit the need, with at least the minimum
 * free hours in the first weeks (and a PSA account), most fitting skills first, then most free
 * hours, then by name. Each pick says why; each skill or seat left open is a gap with its reason.
 */
export function proposeStaffing(need: StaffingNeed, candidates: StaffingCandidate[], free: Map<string, number>): StaffingProposal {
	const endDate = addDays(need.startDate, need.weeks * 7 - 1);
	const wanted = need.skills.map((skill) => skill.trim().toLowerCase()).filter(Boolean);
	const words = new Set(`${need.matchNameWords ? need.projectName : ''} ${wanted.join(' ')}`.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 2));
	const minimum = hoursToHundredths(need.minAvailableHours);
	const assessed = candidates
		.filter((candidate) => candidate.resource.id && candidate.resource.employmentStatus !== 'terminated')
		.map((candidate) => {
			const matchedSkills = candidate.resource.skills.filter((skill) => {
				const lower = skill.toLowerCase();
				return wanted.includes(lower) || lower.split(/\s+/).some((word) => words.has(word));
			});
			const hundredths = free.get(candidate.resource.id as string) ?? 0;
			const excluded = need.requirePsaAccount && !candidate.psaUserId ? 'has no PSA account' : hundredths < minimum ? `has ${hundredths / 100} h free, under ${need.minAvailableHours}` : undefined;
			return { candidate, matchedSkills, hundredths, excluded };
		});
	const team = assessed
		.filter((entry) => !entry.excluded)
		.sort((a, b) => b.matchedSkills.length - a.matchedSkills.length || b.hundredths - a.hundredths || compareNames(a.candidate.resource.displayName, b.candidate.resource.displayName))
		.slice(0, Math.max(0, need.teamSize))
		.map((entry, position): StaffingPick => {
			const fits = entry.matchedSkills.length ? `skills ${entry.matchedSkills.join(', ')} fit` : 'no skill asked for fits; picked for free hours';
			return {
				resourceId: entry.candidate.resource.id as string,
				...(entry.candidate.psaUserId ? { psaUserId: entry.candidate.psaUserId } : {}),
				displayName: entry.candidate.resource.displayName,
				skills: entry.candidate.resource.skills,
				matchedSkills: entry.matchedSkills,
				freeHours: entry.hundredths / 100,
				isProjectManager: position === 0,
				reason: `${fits}; ${entry.hundredths / 100} h free from ${need.startDate} to ${endDate}${position === 0 ? '; project manager (first pick)' : ''}`,
			};
		});
	const gaps: StaffingGap[] = [];
	for (const skill of wanted) {
		if (team.some((pick) => pick.matchedSkills.some((matched) => matched.toLowerCase() === skill))) continue;
		const holders = assessed.filter((entry) => entry.candidate.resource.skills.some((own) => own.toLowerCase() === skill));
		const why = holders.length === 0 ? 'no one has this skill' : `${holders.length} ${holders.length === 1 ? 'person has' : 'people have'} it, but ${holders.map((entry) => `${entry.candidate.resource.displayName} ${entry.excluded ?? 'ranked below the team picked'}`).join('; ')}`;
		gaps.push({ need: `skill: ${skill}`, reason: why });
	}
	if (team.length < need.teamSize) {
		const noAccount = assessed.filter((entry) => entry.excluded === 'has no PSA account').length;
		const tooBusy = assessed.filter((entry) => entry.excluded && entry.excluded !== 'has no PSA account').length;
		gaps.push({
			need: `team of ${need.teamSize}`,
			reason: `${team.length} of ${assessed.length} people qualify (at least ${need.minAvailableHours} h free from ${need.startDate} to ${endDate}${need.requirePsaAccount ? ', a PSA account' : ''}); ${tooBusy} have too few free hours${need.requirePsaAccount ? `, ${noAccount} have no PSA account` : ''}`,
		});
	}
	return { team, gaps, window: { startDate: need.startDate, endDate }, considered: assessed.length };
}
