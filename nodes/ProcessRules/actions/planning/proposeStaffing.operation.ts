import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Resource, TimeOff } from '../../../shared/canonical';
import { weeklyAvailability } from '../../../Hris/availability';
import { derived, listProperty, numberParameter, parameter, recordList, rowList, textParameter } from '../../parameters';
import { addDays, isIsoDate } from '../../rules/dates';
import { freeHoursInWindow, proposeStaffing, type AvailabilityRow, type StaffingCandidate } from '../../rules/planning/staffing';
import { itemOperation, type RulesRun } from '../../types';

const description: INodeProperties[] = [
	{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '={{ $json.projectId }}', required: true },
	{ displayName: 'Project Name', name: 'projectName', type: 'string', default: '={{ $json.dealName ?? $json.name }}' },
	{ displayName: 'Start Date', name: 'startDate', type: 'string', default: '={{ $json.startDate }}', description: 'Staffing looks at the weeks from this date (YYYY-MM-DD)', required: true },
	{ displayName: 'Skills Needed', name: 'skillsNeeded', type: 'string', default: '', placeholder: 'e.g. SQL, Kubernetes', description: 'Comma-separated; each one no pick has is reported as a gap' },
	{ displayName: 'Match Words of the Project Name', name: 'matchProjectName', type: 'boolean', default: true, description: 'Whether a skill sharing a word with the project\'s name counts as fitting' },
	{ ...listProperty('People', 'people', 'Canonical resources from the HRIS: skills, capacity, employment'), placeholder: "e.g. {{ $('People in HRIS').all() }}" },
	{ ...listProperty('PSA People', 'psaPeople', 'Canonical resources from the PSA, matched to the HRIS people by e-mail: the ID they are assigned by'), placeholder: "e.g. {{ $('People in PSA').all() }}" },
	{ displayName: 'Require a PSA Account', name: 'requirePsaAccount', type: 'boolean', default: true, description: 'Whether only people with a PSA account can be picked' },
	{ ...listProperty('Availability', 'availability', 'Free hours per person and week ({ resourceId, availableHours, weekStart or periodStart/periodEnd }), as the HRIS node\'s availability gives them; empty: capacity less approved time off'), placeholder: "e.g. {{ $('Team Availability').all() }}" },
	{ ...listProperty('Time Off', 'timeOff', 'Canonical time off, used when no availability is given') },
	{ displayName: 'Default Weekly Capacity', name: 'defaultWeeklyCapacity', type: 'number', typeOptions: { minValue: 0 }, default: 40, description: 'Hours a week for people whose record has none, when availability is computed here' },
	{ displayName: 'Team Size', name: 'teamSize', type: 'number', typeOptions: { minValue: 0 }, default: 3 },
	{ displayName: 'Min Available Hours', name: 'minAvailableHours', type: 'number', typeOptions: { minValue: 0 }, default: 40, description: 'Free hours a pick needs in the staffing weeks' },
	{ displayName: 'Staffing Weeks', name: 'staffingWeeks', type: 'number', typeOptions: { minValue: 1 }, default: 4, description: 'How many weeks from the start date count' },
];

function freeHours(run: RulesRun, itemIndex: number, people: Resource[], startDate: string, weeks: number): Map<string, number> {
	const given = rowList(run, 'availability', 'Availability', itemIndex);
	const timeOff = given.length > 0 ? [] : recordList(run, 'timeOff', 'Time Off', itemIndex, TimeOff, 'time off');
	// Projects starting the same day share one reading of the team's free hours.
	return derived(run, `free:${startDate}:${weeks}`, [given, people, timeOff], () => freeHoursFrom(run, itemIndex, given, people, timeOff, startDate, weeks));
}

function freeHoursFrom(run: RulesRun, itemIndex: number, given: IDataObject[], people: Resource[], timeOff: TimeOff[], startDate: string, weeks: number): Map<string, number> {
	const endDate = addDays(startDate, weeks * 7 - 1);
	const rows = given
		.filter((row) => row.resourceId !== undefined && typeof row.availableHours === 'number')
		.map((row): AvailabilityRow => ({ resourceId: String(row.resourceId), availableHours: row.availableHours as number, periodStart: row.periodStart as string | undefined, periodEnd: row.periodEnd as string | undefined, weekStart: row.weekStart as string | undefined }));
	const computed = rows.length > 0 ? rows : weeklyAvailability({ resources: people, timeOff, startDate, endDate, defaultWeeklyCapacityHours: numberParameter(run, 'defaultWeeklyCapacity', 'Default Weekly Capacity', itemIndex, 40, { min: 0 }) });
	return freeHoursInWindow(computed, startDate, endDate);
}

/**
 * The team proposed for each project (input item): people whose HRIS skills fit its needs, with
 * enough free hours in its first weeks and a PSA account; the reason for each pick and for each
 * gap, and the staffing assignments to open (first pick as project manager).
 */
export const proposeStaffingOperation = itemOperation(description, (run, itemIndex) => {
	const projectId = textParameter(run, 'projectId', itemIndex).trim();
	const startDate = textParameter(run, 'startDate', itemIndex).trim().slice(0, 10);
	if (!projectId) throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Project ID is empty`, { itemIndex });
	if (!isIsoDate(startDate)) throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex} (project ${projectId}): Start Date must be a date (YYYY-MM-DD), not "${textParameter(run, 'startDate', itemIndex)}"`, { itemIndex });
	const weeks = numberParameter(run, 'staffingWeeks', 'Staffing Weeks', itemIndex, 4, { min: 1, integer: true });
	const people = recordList(run, 'people', 'People', itemIndex, Resource, 'person');
	const psaPeople = recordList(run, 'psaPeople', 'PSA People', itemIndex, Resource, 'person');
	const candidates = derived(run, 'candidates', [people, psaPeople], () => {
		const psaByEmail = new Map(psaPeople.filter((person) => person.email && person.id && person.employmentStatus !== 'terminated').map((person) => [(person.email as string).toLowerCase(), person.id as string]));
		return people.map((resource): StaffingCandidate => ({ resource, psaUserId: resource.email ? psaByEmail.get(resource.email.toLowerCase()) : undefined }));
	});
	const proposal = proposeStaffing(
		{
			projectId,
			projectName: textParameter(run, 'projectName', itemIndex),
			startDate,
			skills: textParameter(run, 'skillsNeeded', itemIndex).split(',').map((skill) => skill.trim()).filter(Boolean),
			matchNameWords: parameter<boolean>(run, 'matchProjectName', itemIndex, true),
			teamSize: numberParameter(run, 'teamSize', 'Team Size', itemIndex, 3, { min: 0, integer: true }),
			minAvailableHours: numberParameter(run, 'minAvailableHours', 'Min Available Hours', itemIndex, 40, { min: 0 }),
			weeks,
			requirePsaAccount: parameter<boolean>(run, 'requirePsaAccount', itemIndex, true),
		},
		candidates,
		freeHours(run, itemIndex, people, startDate, weeks),
	);
	return {
		...run.items[itemIndex].json,
		projectId,
		staffing: proposal as unknown as IDataObject,
		staffingAssignments: proposal.team.map((pick) => ({ kind: 'allocation', projectId, resourceId: pick.psaUserId ?? pick.resourceId, isProjectManager: pick.isProjectManager })),
	};
});
