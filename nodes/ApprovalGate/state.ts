import type { Money } from '../shared/canonical/common';
import type { AuditEntry } from './audit';
import { auditEntry } from './audit';
import type { GateStep } from './links';
import type { ApprovalPolicy, GroupOutcome, SeatedGroup } from './policy';
import {
	escalationPath,
	findGroup,
	firstLevelGroup,
	groupOutcome,
	levelOutcome,
	needsSecondLevel,
	normalizeIdentity,
	PolicyError,
	resolveTimeout,
	seatGroup,
} from './policy';

/**
 * The life of one approval request (one input item) as pure state transitions. The gate keeps
 * a checkpoint of all its requests inside n8n's waiting execution (see resume.ts); each webhook
 * call or deadline hands it here and gets back the new state plus whom to notify.
 */

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'timedOut' | 'error';

export interface SeatedGroupState extends SeatedGroup {
	via: 'policy' | 'escalation';
	seatedAt: string;
}

export interface LevelState {
	level: number;
	groups: SeatedGroupState[];
	openedAt: string;
	deadline: string;
	escalationPath: string[];
	escalationsUsed: number;
	outcome: GroupOutcome;
}

export interface DecisionRecord {
	approver: string;
	level: number;
	decision: 'approve' | 'reject';
	comment: string;
	at: string;
	linkId: string;
}

export interface IssuedLink {
	linkId: string;
	approver: string;
	level: number;
	purpose: NotificationPurpose;
	issuedAt: string;
	expiresAt: string;
	delivered: boolean;
}

export interface RequestInput {
	itemIndex: number;
	title: string;
	requester: string;
	amount: Money;
	fields: Array<{ label: string; value: string }>;
	policy: ApprovalPolicy;
}

export interface ApprovalRequest extends RequestInput {
	openedAt: string;
	levels: LevelState[];
	decisions: DecisionRecord[];
	links: IssuedLink[];
	trail: AuditEntry[];
	status: RequestStatus;
	closedAt?: string;
	/** Who closed it: the approvers, the policy (time-out rules), or an error. */
	closedBy?: 'approvers' | 'policy' | 'error';
	reason?: string;
	error?: string;
}

export type NotificationPurpose = 'request' | 'reminder' | 'escalation';

export interface NotificationNeed {
	itemIndex: number;
	approver: string;
	level: number;
	group: string;
	purpose: NotificationPurpose;
}

/** Everything the gate knows while it waits; lives in the waiting execution, not in memory. */
export interface GateCheckpoint {
	version: 1;
	/** Bumped by every decision and every run of the gate; absent in checkpoints of earlier versions (0). */
	revision?: number;
	step: GateStep;
	openedAt: string;
	requests: ApprovalRequest[];
}

export type DecisionRefusal = 'closed' | 'ownRequest' | 'unknownLink' | 'staleLevel' | 'notEligible' | 'linkUsed' | 'alreadyDecided' | 'deadlinePassed';

function seat(group: SeatedGroup, via: SeatedGroupState['via'], now: Date): SeatedGroupState {
	return { ...group, via, seatedAt: now.toISOString() };
}

function needsFor(request: ApprovalRequest, level: number, group: SeatedGroupState, purpose: NotificationPurpose, only?: string[]): NotificationNeed[] {
	const who = only ?? group.eligible;
	return who.map((approver) => ({ itemIndex: request.itemIndex, approver, level, group: group.name, purpose }));
}

function openLevel(request: ApprovalRequest, level: number, group: SeatedGroup, path: string[], now: Date): NotificationNeed[] {
	const seated = seat(group, 'policy', now);
	request.levels.push({
		level,
		groups: [seated],
		openedAt: now.toISOString(),
		deadline: new Date(now.getTime() + request.policy.deadlineMs).toISOString(),
		escalationPath: path,
		escalationsUsed: 0,
		outcome: 'pending',
	});
	for (const exclusion of group.excluded) {
		request.trail.push(auditEntry(now, 'excluded', exclusion.identity, { level, group: group.name, detail: exclusion.reason === 'requester' ? 'segregation of duties: the requester cannot approve their own request' : 'segregation of duties: already approved at an earlier level' }));
	}
	return needsFor(request, level, seated, 'request');
}

function close(request: ApprovalRequest, status: RequestStatus, closedBy: ApprovalRequest['closedBy'], reason: string, now: Date): void {
	request.status = status;
	request.closedBy = closedBy;
	request.reason = reason;
	request.closedAt = now.toISOString();
	const event = status === 'approved' && closedBy === 'policy' ? 'autoApproved' : status === 'pending' ? 'error' : status;
	request.trail.push(auditEntry(now, event, closedBy === 'approvers' ? 'approvers' : 'policy', { detail: reason }));
}

/** Opens a request: seats the first-level group (the requester excluded) and asks for its decisions. */
export function openRequest(input: RequestInput, now: Date): { request: ApprovalRequest; notify: NotificationNeed[] } {
	const request: ApprovalRequest = { ...input, requester: normalizeIdentity(input.requester), openedAt: now.toISOString(), levels: [], decisions: [], links: [], trail: [], status: 'pending' };
	request.trail.push(auditEntry(now, 'opened', request.requester || 'unknown requester', { detail: `under policy "${input.policy.name}"` }));
	const group = firstLevelGroup(input.policy, input.amount.amountMinor);
	const seated = seatGroup(group, request.requester);
	if (!seated.ok) throw new PolicyError(seated.problem);
	if (input.policy.secondLevel) findGroup(input.policy, input.policy.secondLevel.group);
	const notify = openLevel(request, 1, seated.group, escalationPath(input.policy, group.name), now);
	return { request, notify };
}

/** A request that could not be opened (continue-on-fail): it leaves the gate with its error. */
export function failedRequest(input: Partial<RequestInput> & { itemIndex: number; policy: ApprovalPolicy }, message: string, now: Date): ApprovalRequest {
	const request: ApprovalRequest = {
		itemIndex: input.itemIndex,
		title: input.title ?? '',
		requester: normalizeIdentity(input.requester ?? ''),
		amount: input.amount ?? { amountMinor: 0, currency: input.policy.currency },
		fields: input.fields ?? [],
		policy: input.policy,
		openedAt: now.toISOString(),
		levels: [],
		decisions: [],
		links: [],
		trail: [],
		status: 'pending',
	};
	request.error = message;
	close(request, 'error', 'error', message, now);
	return request;
}

export function currentLevel(request: ApprovalRequest): LevelState | undefined {
	return request.levels[request.levels.length - 1];
}

/** Why a decision brought by a verified link must not be recorded, if it must not. */
export function refuseDecision(request: ApprovalRequest, claims: { approver: string; level: number; linkId: string }, now: Date): DecisionRefusal | undefined {
	const approver = normalizeIdentity(claims.approver);
	if (request.status !== 'pending') return 'closed';
	if (approver === request.requester) return 'ownRequest';
	const issued = request.links.find((link) => link.linkId === claims.linkId);
	if (!issued || issued.approver !== approver || issued.level !== claims.level) return 'unknownLink';
	const level = currentLevel(request);
	if (!level || level.level !== claims.level) return 'staleLevel';
	if (!level.groups.some((group) => group.eligible.includes(approver))) return 'notEligible';
	if (request.decisions.some((decision) => decision.linkId === claims.linkId)) return 'linkUsed';
	if (request.decisions.some((decision) => decision.level === level.level && decision.approver === approver)) return 'alreadyDecided';
	if (now.getTime() >= Date.parse(level.deadline)) return 'deadlinePassed';
	return undefined;
}

export function recordDecision(request: ApprovalRequest, decision: Omit<DecisionRecord, 'at'>, now: Date): void {
	const record: DecisionRecord = { ...decision, approver: normalizeIdentity(decision.approver), at: now.toISOString() };
	request.decisions.push(record);
	const level = currentLevel(request);
	const group = level?.groups.find((candidate) => candidate.eligible.includes(record.approver));
	request.trail.push(auditEntry(now, 'decided', record.approver, { level: record.level, group: group?.name, decision: record.decision, comment: record.comment }));
}

/** Applies the quorum to the current level: closes the request, opens the second level, or waits on. */
export function settle(request: ApprovalRequest, now: Date): NotificationNeed[] {
	const level = currentLevel(request);
	if (request.status !== 'pending' || !level) return [];
	const votes = request.decisions.filter((decision) => decision.level === level.level);
	level.outcome = levelOutcome(level.groups.map((group) => groupOutcome(group, votes)));
	if (level.outcome === 'rejected') {
		close(request, 'rejected', 'approvers', `rejected at level ${level.level}`, now);
		return [];
	}
	if (level.outcome !== 'approved') return [];
	if (level.level === 1 && needsSecondLevel(request.policy, request.amount.amountMinor)) {
		const approvedFirst = votes.filter((vote) => vote.decision === 'approve').map((vote) => vote.approver);
		request.trail.push(auditEntry(now, 'levelApproved', 'approvers', { level: 1 }));
		// The group's name was checked when the request opened.
		const seated = seatGroup(findGroup(request.policy, request.policy.secondLevel!.group), request.requester, approvedFirst);
		if (!seated.ok) {
			request.error = `second level cannot be seated: ${seated.problem}`;
			close(request, 'error', 'error', request.error, now);
			return [];
		}
		const notify = openLevel(request, 2, seated.group, [], now);
		request.trail.push(auditEntry(now, 'levelOpened', 'policy', { level: 2, group: seated.group.name }));
		return notify;
	}
	close(request, 'approved', 'approvers', `approved at level ${level.level}`, now);
	return [];
}

/** What the deadline of the current level does once it has passed: escalate, auto-approve or time out. */
export function applyDeadline(request: ApprovalRequest, now: Date): NotificationNeed[] {
	const level = currentLevel(request);
	if (request.status !== 'pending' || !level || now.getTime() < Date.parse(level.deadline)) return [];
	const path = level.escalationPath;
	for (;;) {
		const resolution = resolveTimeout(request.policy, request.amount.amountMinor, path, level.escalationsUsed);
		if (resolution.kind === 'approve') {
			close(request, 'approved', 'policy', 'deadline passed; auto-approved below the policy limit', now);
			return [];
		}
		if (resolution.kind === 'timeOut') {
			close(request, 'timedOut', 'policy', resolution.reason, now);
			return [];
		}
		level.escalationsUsed += 1;
		// Escalation group names were resolved when the request opened.
		const result = seatGroup(findGroup(request.policy, resolution.group), request.requester);
		if (!result.ok) {
			request.trail.push(auditEntry(now, 'error', 'policy', { level: level.level, group: resolution.group, detail: `escalation skipped: ${result.problem}` }));
			continue;
		}
		const seated = seat(result.group, 'escalation', now);
		const decided = new Set(request.decisions.filter((decision) => decision.level === level.level).map((decision) => decision.approver));
		const reminders = level.groups.flatMap((group) =>
			needsFor(request, level.level, group, 'reminder', group.eligible.filter((approver) => !decided.has(approver))),
		);
		level.groups.push(seated);
		level.deadline = new Date(now.getTime() + request.policy.deadlineMs).toISOString();
		request.trail.push(auditEntry(now, 'escalated', 'policy', { level: level.level, group: seated.name, detail: `deadline passed; escalated to "${seated.name}", new deadline ${level.deadline}` }));
		return [...reminders, ...needsFor(request, level.level, seated, 'escalation')];
	}
}

/** When the gate must wake up next if nobody decides: the earliest deadline of an open request. */
export function nextDeadline(checkpoint: GateCheckpoint): Date | undefined {
	const deadlines = checkpoint.requests
		.filter((request) => request.status === 'pending')
		.map((request) => Date.parse(currentLevel(request)?.deadline ?? ''))
		.filter((time) => !Number.isNaN(time));
	return deadlines.length > 0 ? new Date(Math.min(...deadlines)) : undefined;
}

export function isSettled(checkpoint: GateCheckpoint): boolean {
	return checkpoint.requests.every((request) => request.status !== 'pending');
}
