import type { IDataObject } from 'n8n-workflow';
import { toDecimalString } from '../shared/canonical/money';
import { describeQuorum } from './policy';
import type { ApprovalRequest } from './state';

/** One line of a request's audit trail: who did what, when, at which level, with which comment. */
export interface AuditEntry {
	at: string;
	event:
		| 'opened'
		| 'excluded'
		| 'notified'
		| 'notificationFailed'
		| 'decided'
		| 'levelApproved'
		| 'levelOpened'
		| 'reminded'
		| 'escalated'
		| 'approved'
		| 'rejected'
		| 'autoApproved'
		| 'timedOut'
		| 'error';
	/** An approver's identity, the requester, or `policy` for what the gate did by itself. */
	actor: string;
	level?: number;
	group?: string;
	decision?: 'approve' | 'reject';
	comment?: string;
	detail?: string;
}

export function auditEntry(at: Date, event: AuditEntry['event'], actor: string, extra: Omit<AuditEntry, 'at' | 'event' | 'actor'> = {}): AuditEntry {
	const entry: AuditEntry = { at: at.toISOString(), event, actor };
	for (const [key, value] of Object.entries(extra)) {
		if (value !== undefined && value !== '') (entry as unknown as IDataObject)[key] = value;
	}
	return entry;
}

/** "3 d 4 h", "2 h 5 min", "42 s": how long a request waited, for people. */
export function formatDuration(milliseconds: number): string {
	const seconds = Math.max(0, Math.round(milliseconds / 1000));
	const days = Math.floor(seconds / 86_400);
	const hours = Math.floor((seconds % 86_400) / 3_600);
	const minutes = Math.floor((seconds % 3_600) / 60);
	if (days > 0) return `${days} d ${hours} h`;
	if (hours > 0) return `${hours} h ${minutes} min`;
	if (minutes > 0) return `${minutes} min ${seconds % 60} s`;
	return `${seconds} s`;
}

export function formatAmount(amountMinor: number, currency: string): string {
	return `${toDecimalString(amountMinor, currency)} ${currency}`;
}

/**
 * The `approval` object every item leaves the gate with: the outcome, the decisions, the
 * policy they were taken under, how long the request waited, and the full trail.
 */
export function approvalRecord(request: ApprovalRequest): IDataObject {
	const closedAt = request.closedAt ?? request.openedAt;
	const waitedMs = Date.parse(closedAt) - Date.parse(request.openedAt);
	return {
		status: request.status,
		...(request.reason ? { reason: request.reason } : {}),
		...(request.error ? { error: request.error } : {}),
		decidedBy: request.closedBy ?? null,
		request: {
			title: request.title,
			requester: request.requester,
			amount: { amountMinor: request.amount.amountMinor, currency: request.amount.currency },
			amountText: formatAmount(request.amount.amountMinor, request.amount.currency),
			fields: request.fields.map((field) => ({ label: field.label, value: field.value })),
		},
		policy: {
			name: request.policy.name,
			levels: request.levels.map((level) => ({
				level: level.level,
				outcome: level.outcome,
				openedAt: level.openedAt,
				deadline: level.deadline,
				escalations: level.escalationsUsed,
				groups: level.groups.map((group) => ({
					name: group.name,
					via: group.via,
					quorum: describeQuorum(group.quorum, group.eligible.length),
					required: group.required,
					eligible: [...group.eligible],
					excluded: group.excluded.map((exclusion) => ({ ...exclusion })),
				})),
			})),
			onTimeout: request.policy.onTimeout.kind,
		},
		decisions: request.decisions.map((decision) => ({
			approver: decision.approver,
			decision: decision.decision,
			comment: decision.comment,
			at: decision.at,
			level: decision.level,
			waitedMs: Date.parse(decision.at) - Date.parse(request.openedAt),
		})),
		openedAt: request.openedAt,
		closedAt,
		waitedMs,
		waited: formatDuration(waitedMs),
		links: request.links.map((link) => ({
			approver: link.approver,
			level: link.level,
			purpose: link.purpose,
			issuedAt: link.issuedAt,
			expiresAt: link.expiresAt,
			delivered: link.delivered,
			used: request.decisions.some((decision) => decision.linkId === link.linkId),
		})),
		trail: request.trail.map((entry) => ({ ...entry })),
	};
}
