import type { IExecuteFunctions } from 'n8n-workflow';
import { auditEntry, formatAmount } from './audit';
import type { GateStep } from './links';
import { approverUrl, newLinkId, signLinkToken } from './links';
import type { ApprovalNotification, ChannelSettings, NotificationChannel } from './notify';
import type { ApprovalRequest, GateCheckpoint, NotificationNeed } from './state';
import { currentLevel } from './state';

export interface LinkIssuer {
	secret: string;
	lifetimeMs: number;
	/** n8n's resume URL of this execution (`$execution.resumeUrl`, with n8n's own signature). */
	resumeUrl: string;
}

function issue(request: ApprovalRequest, need: NotificationNeed, step: GateStep, issuer: LinkIssuer, now: Date): ApprovalNotification {
	const linkId = newLinkId();
	const expiresAt = now.getTime() + issuer.lifetimeMs;
	const token = signLinkToken(issuer.secret, { ...step, itemIndex: request.itemIndex, approver: need.approver, level: need.level, linkId, expiresAt });
	request.links.push({
		linkId,
		approver: need.approver,
		level: need.level,
		purpose: need.purpose,
		issuedAt: now.toISOString(),
		expiresAt: new Date(expiresAt).toISOString(),
		delivered: false,
	});
	return {
		purpose: need.purpose,
		approver: need.approver,
		level: need.level,
		group: need.group,
		url: approverUrl(issuer.resumeUrl, token),
		linkId,
		expiresAt: new Date(expiresAt).toISOString(),
		deadline: currentLevel(request)?.deadline ?? '',
		request: {
			title: request.title,
			requester: request.requester,
			amount: request.amount,
			amountText: formatAmount(request.amount.amountMinor, request.amount.currency),
			fields: request.fields,
		},
		gate: { executionId: step.executionId, node: step.node, itemIndex: request.itemIndex },
	};
}

/** A request whose level could not reach a single approver cannot be decided; say so. */
export class UndeliverableRequestError extends Error {
	constructor(
		readonly itemIndex: number,
		message: string,
	) {
		super(message);
	}
}

/**
 * Signs a link for every approver that needs one, sends them through the channel (one batch per
 * request), and writes the outcome of each delivery into the request's links and trail.
 */
export async function deliverLinks(
	context: IExecuteFunctions,
	checkpoint: GateCheckpoint,
	needs: NotificationNeed[],
	issuer: LinkIssuer,
	channel: NotificationChannel,
	settings: ChannelSettings,
	now: Date,
): Promise<UndeliverableRequestError[]> {
	const failures: UndeliverableRequestError[] = [];
	for (const request of checkpoint.requests) {
		const mine = needs.filter((need) => need.itemIndex === request.itemIndex);
		if (mine.length === 0) continue;
		const batch = mine.map((need) => issue(request, need, checkpoint.step, issuer, now));
		const outcomes = await channel.send(context, batch, settings);
		for (const notification of batch) {
			const outcome = outcomes.find((candidate) => candidate.linkId === notification.linkId);
			const link = request.links.find((candidate) => candidate.linkId === notification.linkId)!;
			link.delivered = outcome?.delivered === true;
			const event = notification.purpose === 'reminder' ? 'reminded' : 'notified';
			request.trail.push(
				link.delivered
					? auditEntry(now, event, notification.approver, { level: notification.level, group: notification.group, detail: `${notification.purpose} link sent via ${channel.key}` })
					: auditEntry(now, 'notificationFailed', notification.approver, { level: notification.level, group: notification.group, detail: outcome?.error ?? 'no answer from the channel' }),
			);
		}
		const asked = batch.filter((notification) => notification.purpose !== 'reminder');
		if (asked.length > 0 && asked.every((notification) => !request.links.find((link) => link.linkId === notification.linkId)?.delivered)) {
			const reason = outcomes.find((outcome) => outcome.error)?.error ?? 'the channel accepted none of the messages';
			failures.push(new UndeliverableRequestError(request.itemIndex, `no approver of "${request.title}" could be notified via ${channel.key}: ${reason}`));
		}
	}
	return failures;
}
