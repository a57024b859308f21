import type { Client, Project } from '../../../shared/canonical';
import type { DraftFlag, Finding, HoldGroup, HoldRule, RecordType } from './types';

/** What records held or flagged under a rule have in common, said after "N time entries ...". */
const RULE_TEXT: Record<string, string> = {
	duplicateId: 'are in the input more than once (each is billed once)',
	unknownProject: 'belong to a project that is not among the projects given',
	unknownClient: 'belong to a project without a client to invoice',
	noCurrency: 'have no bill rate and no currency to bill them in',
	notToExceed: "would take billing past the project's not-to-exceed cap",
	coveredByFixedFee: "are covered by the project's fixed fee, and no fee falls due this period",
	duplicate: 'repeat another entry',
	notApproved: 'are not approved yet',
	closedProject: 'are on a project that is not active',
	outsideProjectDates: "are dated outside the project's dates",
	missingRate: 'have no bill rate',
	rateDiffersFromRateCard: "are billed at a rate other than the rate card's",
	longDay: 'are on a day with more hours than the daily limit',
	overBudget: 'would take the project over its budget',
};

export function groupBy<T>(list: T[], keyOf: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of list) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}

function noun(types: Set<RecordType>, count: number): string {
	if (types.size > 1) return count === 1 ? 'time or expense entry' : 'time or expense entries';
	const [type] = [...types];
	if (type === 'expense') return count === 1 ? 'expense' : 'expenses';
	return count === 1 ? 'time entry' : 'time entries';
}

/** One sentence for many findings of one rule: the finding's own reason when there is one, else a count. */
export function summarizeFindings(rule: string, findings: Finding[], suffix = ''): string {
	const reasons = new Set(findings.map((finding) => finding.reason));
	if (reasons.size === 1) return findings.length === 1 ? findings[0].reason : `${findings[0].reason} (${findings.length} ${noun(new Set(findings.map((f) => f.recordType)), findings.length)})`;
	const types = new Set(findings.map((finding) => finding.recordType));
	return `${findings.length} ${noun(types, findings.length)} ${RULE_TEXT[rule] ?? `fired ${rule}`}${suffix}, e.g. ${findings[0].reason}`;
}

/**
 * The draft's flags: one per rule, except rules whose reasons name what they are about (a long
 * day names the person and day): those keep one flag per reason, up to three, then one summary.
 */
export function draftFlags(projectId: string, findings: Finding[], notes: Array<{ rule: string; reason: string }>): DraftFlag[] {
	const byRule = groupBy(findings, (finding) => finding.rule);
	const flags: DraftFlag[] = [];
	for (const [rule, found] of byRule) {
		const byReason = groupBy(found, (finding) => finding.reason);
		if (byReason.size <= 3 && rule === 'longDay') {
			for (const [reason, same] of byReason) flags.push({ rule, reason, projectId, sourceIds: same.map((finding) => finding.recordId) });
		} else {
			const billedAtZero = rule === 'missingRate' ? ' and are billed at 0' : '';
			const reason = found.length === 1 && rule === 'missingRate' ? `${found[0].reason} and is billed at 0` : summarizeFindings(rule, found, billedAtZero);
			flags.push({ rule, reason, projectId, sourceIds: found.map((finding) => finding.recordId) });
		}
	}
	for (const note of notes) flags.push({ ...note, projectId, sourceIds: [] });
	return flags;
}

export interface HoldContext {
	projects: Map<string, Project>;
	clients: Map<string, Client>;
	periodKey: string;
	hundredthsOf(position: number): number;
}

/** Held records grouped by project and rule, each group with one reason and every record's own. */
export function holdGroups(findings: Finding[], projectIdOf: (finding: Finding) => string, context: HoldContext): HoldGroup[] {
	const groups = new Map<string, { rule: HoldRule; projectId: string; findings: Finding[] }>();
	for (const finding of findings) {
		const projectId = projectIdOf(finding);
		const key = `${projectId}|${finding.rule}`;
		const group = groups.get(key) ?? { rule: finding.rule, projectId, findings: [] };
		group.findings.push(finding);
		groups.set(key, group);
	}
	return [...groups.values()]
		.sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0))
		.map(({ rule, projectId, findings: found }) => {
			const project = context.projects.get(projectId);
			const clientId = project?.clientId ?? '';
			const time = found.filter((finding) => finding.recordType === 'timeEntry');
			const costs = found.filter((finding) => finding.recordType === 'expense');
			return {
				held: true as const,
				rule,
				reason: summarizeFindings(rule, found, project ? ` on project "${project.name}"` : ''),
				projectId,
				projectName: project?.name ?? `Project ${projectId}`,
				projectCode: project?.code ?? '',
				clientId,
				clientName: context.clients.get(clientId)?.name ?? '',
				periodKey: context.periodKey,
				records: found.map((finding) => ({ recordType: finding.recordType, id: finding.recordId, reason: finding.reason })),
				timeEntryIds: time.map((finding) => finding.recordId),
				expenseIds: costs.map((finding) => finding.recordId),
				hoursHundredths: time.reduce((sum, finding) => sum + context.hundredthsOf(finding.position), 0),
				timeEntryPositions: time.map((finding) => finding.position),
				expensePositions: costs.map((finding) => finding.position),
			};
		});
}
