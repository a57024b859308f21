/**
 * The approval policy as pure rules: who must decide a request, how many of them, what a
 * second level and a missed deadline mean. No I/O: the node feeds it decisions and the clock.
 */

export type QuorumRule = { kind: 'any' } | { kind: 'all' } | { kind: 'nOfM'; required: number };

export interface ApproverGroup {
	name: string;
	/** Identities (e-mail addresses) as configured; compared case-insensitively. */
	members: string[];
	quorum: QuorumRule;
}

/** Requests of at least `fromMinor` (policy currency, minor units) go to `group`. */
export interface AmountThreshold {
	fromMinor: number;
	group: string;
}

export type TimeoutAction =
	| { kind: 'reject' }
	/** Remind whoever has not decided and bring in the next group of `path`; time out when it is used up. */
	| { kind: 'escalate'; path: string[] }
	/** Approve a request below `limitMinor` when nobody decided in time; time out the others. */
	| { kind: 'approveBelow'; limitMinor: number };

export interface ApprovalPolicy {
	/** Named in every audit trail: "under which policy". */
	name: string;
	currency: string;
	groups: ApproverGroup[];
	firstLevel: { kind: 'named'; group: ApproverGroup } | { kind: 'byAmount'; thresholds: AmountThreshold[] };
	/** Runs only after the first level approved, and only from `fromMinor` up. */
	secondLevel?: { group: string; fromMinor: number };
	/** How long each level (and each escalation) waits for its decision. */
	deadlineMs: number;
	onTimeout: TimeoutAction;
}

/** A rule the policy cannot satisfy for a request; names what is wrong. */
export class PolicyError extends Error {}

export function normalizeIdentity(identity: string): string {
	return identity.trim().toLowerCase();
}

/** "a@x.com, b@x.com; c@x.com" -> distinct normalized identities, in order. */
export function parseIdentities(list: string | string[]): string[] {
	const parts = Array.isArray(list) ? list : list.split(/[,;\n]/);
	const seen = new Set<string>();
	for (const part of parts) {
		const identity = normalizeIdentity(part);
		if (identity !== '') seen.add(identity);
	}
	return [...seen];
}

export function findGroup(policy: ApprovalPolicy, name: string): ApproverGroup {
	const group = policy.groups.find((candidate) => candidate.name.trim().toLowerCase() === name.trim().toLowerCase());
	if (!group) throw new PolicyError(`the policy has no approver group named "${name}"`);
	return group;
}

/** The group that approves a request of `amountMinor` at the first level. */
export function firstLevelGroup(policy: ApprovalPolicy, amountMinor: number): ApproverGroup {
	if (policy.firstLevel.kind === 'named') return policy.firstLevel.group;
	const applicable = policy.firstLevel.thresholds
		.filter((threshold) => amountMinor >= threshold.fromMinor)
		.sort((a, b) => b.fromMinor - a.fromMinor);
	if (applicable.length === 0) {
		throw new PolicyError(`no amount threshold covers ${amountMinor} minor units: add a threshold from 0`);
	}
	return findGroup(policy, applicable[0].group);
}

/**
 * Groups a time-out escalates to, in order: the configured path, or else the groups of the
 * thresholds above the one that applied (the next higher authority first).
 */
export function escalationPath(policy: ApprovalPolicy, firstGroup: string): string[] {
	if (policy.onTimeout.kind !== 'escalate') return [];
	if (policy.onTimeout.path.length > 0) return policy.onTimeout.path.map((name) => findGroup(policy, name).name);
	if (policy.firstLevel.kind !== 'byAmount') return [];
	const ladder = [...policy.firstLevel.thresholds].sort((a, b) => a.fromMinor - b.fromMinor).map((threshold) => threshold.group);
	const position = ladder.findIndex((name) => name.toLowerCase() === firstGroup.toLowerCase());
	const above = ladder.slice(position + 1).filter((name) => name.toLowerCase() !== firstGroup.toLowerCase());
	return [...new Set(above)].map((name) => findGroup(policy, name).name);
}

export interface Exclusion {
	identity: string;
	reason: 'requester' | 'approvedEarlierLevel';
}

export interface SeatedGroup {
	name: string;
	/** Who may decide: the group's members minus the excluded. */
	eligible: string[];
	excluded: Exclusion[];
	required: number;
	quorum: QuorumRule;
}

export type SeatResult = { ok: true; group: SeatedGroup } | { ok: false; problem: string };

/**
 * Seats a group for one request: segregation of duties takes the requester out (and, at the
 * second level, whoever already approved the first), then the quorum is counted over who is left.
 */
export function seatGroup(group: ApproverGroup, requester: string, alsoExcluded: string[] = []): SeatResult {
	const requesterId = normalizeIdentity(requester);
	const earlier = new Set(alsoExcluded.map(normalizeIdentity));
	const eligible: string[] = [];
	const excluded: Exclusion[] = [];
	for (const member of parseIdentities(group.members)) {
		if (requesterId !== '' && member === requesterId) excluded.push({ identity: member, reason: 'requester' });
		else if (earlier.has(member)) excluded.push({ identity: member, reason: 'approvedEarlierLevel' });
		else eligible.push(member);
	}
	if (eligible.length === 0) {
		return { ok: false, problem: `approver group "${group.name}" has nobody left to decide once segregation of duties excludes ${excluded.map((exclusion) => exclusion.identity).join(', ') || 'nobody'}` };
	}
	if (group.quorum.kind === 'nOfM' && (!Number.isInteger(group.quorum.required) || group.quorum.required < 1)) {
		return { ok: false, problem: `approver group "${group.name}": an N-of-M quorum needs N of at least 1, got ${group.quorum.required}` };
	}
	const required = requiredApprovals(group.quorum, eligible.length);
	if (required > eligible.length) {
		return {
			ok: false,
			problem: `approver group "${group.name}" needs ${required} approvals but only ${eligible.length} eligible approver(s) remain after segregation of duties`,
		};
	}
	return { ok: true, group: { name: group.name, eligible, excluded, required, quorum: group.quorum } };
}

export function requiredApprovals(quorum: QuorumRule, eligibleCount: number): number {
	if (quorum.kind === 'any') return 1;
	if (quorum.kind === 'all') return eligibleCount;
	return quorum.required;
}

export function describeQuorum(quorum: QuorumRule, eligibleCount: number): string {
	if (quorum.kind === 'any') return `any one of ${eligibleCount}`;
	if (quorum.kind === 'all') return `all ${eligibleCount}`;
	return `${quorum.required} of ${eligibleCount}`;
}

export type GroupOutcome = 'approved' | 'rejected' | 'pending';

export interface Vote {
	approver: string;
	decision: 'approve' | 'reject';
}

/**
 * A group approves once `required` eligible members approved; it rejects as soon as approval
 * has become impossible (more rejections than the group can spare), so "all" fails on the first
 * rejection and "any one" only when everybody rejected.
 */
export function groupOutcome(group: SeatedGroup, votes: Vote[]): GroupOutcome {
	const eligible = new Set(group.eligible);
	const counted = new Map<string, Vote['decision']>();
	for (const vote of votes) {
		const approver = normalizeIdentity(vote.approver);
		// The requester never counts, even if a vote of theirs reached this point.
		if (eligible.has(approver) && !counted.has(approver)) counted.set(approver, vote.decision);
	}
	const approvals = [...counted.values()].filter((decision) => decision === 'approve').length;
	const rejections = counted.size - approvals;
	if (approvals >= group.required) return 'approved';
	if (rejections > group.eligible.length - group.required) return 'rejected';
	return 'pending';
}

/** Groups seated at one level are alternatives (an escalation adds one): any approves, all must fail to reject. */
export function levelOutcome(outcomes: GroupOutcome[]): GroupOutcome {
	if (outcomes.includes('approved')) return 'approved';
	if (outcomes.length > 0 && outcomes.every((outcome) => outcome === 'rejected')) return 'rejected';
	return 'pending';
}

export function needsSecondLevel(policy: ApprovalPolicy, amountMinor: number): boolean {
	return policy.secondLevel !== undefined && amountMinor >= policy.secondLevel.fromMinor;
}

export type TimeoutResolution =
	| { kind: 'escalate'; group: string }
	| { kind: 'approve' }
	| { kind: 'timeOut'; outcome: 'rejected' | 'timedOut'; reason: string };

/** What a missed deadline does, given how many escalations this level already used. */
export function resolveTimeout(
	policy: ApprovalPolicy,
	amountMinor: number,
	path: string[],
	escalationsUsed: number,
): TimeoutResolution {
	const action = policy.onTimeout;
	if (action.kind === 'reject') return { kind: 'timeOut', outcome: 'rejected', reason: 'deadline passed; the policy rejects on time-out' };
	if (action.kind === 'approveBelow') {
		if (amountMinor < action.limitMinor) return { kind: 'approve' };
		return { kind: 'timeOut', outcome: 'timedOut', reason: `deadline passed; ${amountMinor} is not below the auto-approval limit of ${action.limitMinor}` };
	}
	if (escalationsUsed < path.length) return { kind: 'escalate', group: path[escalationsUsed] };
	return { kind: 'timeOut', outcome: 'timedOut', reason: 'deadline passed after every escalation group was asked' };
}
