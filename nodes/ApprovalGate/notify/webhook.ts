import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { VendorClient } from '../../shared/transport/client';
import type { TransportProfile } from '../../shared/transport/types';
import type { ApprovalNotification, ChannelSettings, DeliveryOutcome, NotificationChannel } from './message';
import { errorMessage, headline } from './message';

export const APPROVAL_WEBHOOK_CREDENTIAL = 'p2cApprovalWebhookApi';

/** Any HTTP endpoint, e.g. an n8n Webhook trigger of a workflow that e-mails the links. */
export const approvalWebhookTransport: TransportProfile = {
	system: 'approvalWebhook',
	displayName: 'Approval webhook',
	baseUrl: (credentials) => String(credentials.url ?? ''),
	rateLimits: [{ name: 'receiver', limit: 10, intervalMs: 1_000, source: 'our own courtesy limit for receivers that document none' }],
	requestIdHeaders: ['x-request-id'],
	parseError(response) {
		const body = response.body as IDataObject;
		return { message: String(body.message ?? body.error ?? `HTTP ${response.statusCode}`) };
	},
};

function linkEntry(notification: ApprovalNotification): IDataObject {
	return {
		approver: notification.approver,
		url: notification.url,
		level: notification.level,
		group: notification.group,
		purpose: notification.purpose,
		expiresAt: notification.expiresAt,
	};
}

/** The JSON a receiver gets: the request, and `approvalLinks` (one per approver addressed by this call). */
export function webhookPayload(batch: ApprovalNotification[], perApprover: boolean): IDataObject {
	const first = batch[0];
	return {
		event: `approval.${first.purpose === 'request' ? 'requested' : first.purpose === 'reminder' ? 'reminder' : 'escalated'}`,
		subject: headline(first),
		...(perApprover ? { approver: first.approver, link: first.url, expiresAt: first.expiresAt } : {}),
		deadline: first.deadline,
		request: {
			title: first.request.title,
			requester: first.request.requester,
			amount: { amountMinor: first.request.amount.amountMinor, currency: first.request.amount.currency },
			amountText: first.request.amountText,
			fields: first.request.fields.map((field) => ({ label: field.label, value: field.value })),
		},
		approvalLinks: batch.map(linkEntry),
		gate: { executionId: first.gate.executionId, node: first.gate.node, itemIndex: first.gate.itemIndex },
	};
}

function groupsOf(batch: ApprovalNotification[], perApprover: boolean): ApprovalNotification[][] {
	if (perApprover) return batch.map((notification) => [notification]);
	const byPurpose = new Map<string, ApprovalNotification[]>();
	for (const notification of batch) {
		const key = `${notification.purpose}:${notification.level}`;
		byPurpose.set(key, [...(byPurpose.get(key) ?? []), notification]);
	}
	return [...byPurpose.values()];
}

export const approvalWebhookChannel: NotificationChannel = {
	key: 'webhook',
	credentialType: APPROVAL_WEBHOOK_CREDENTIAL,
	async send(context: IExecuteFunctions, batch: ApprovalNotification[], settings: ChannelSettings): Promise<DeliveryOutcome[]> {
		if (batch.length === 0) return [];
		const client = await VendorClient.create(context, approvalWebhookTransport, APPROVAL_WEBHOOK_CREDENTIAL, batch[0].gate.itemIndex);
		const outcomes: DeliveryOutcome[] = [];
		for (const group of groupsOf(batch, settings.webhookDelivery !== 'perRequest')) {
			// The delivery id stays the same across retries, so a receiver can drop a repeated call; that makes retrying safe.
			const deliveryId = group.map((notification) => notification.linkId).join('.');
			try {
				await client.send({
					method: 'POST',
					url: client.baseUrl,
					body: webhookPayload(group, settings.webhookDelivery !== 'perRequest'),
					headers: { 'X-P2c-Delivery-Id': deliveryId },
					retrySafety: 'idempotent',
				});
				outcomes.push(...group.map((notification) => ({ linkId: notification.linkId, delivered: true })));
			} catch (error) {
				outcomes.push(...group.map((notification) => ({ linkId: notification.linkId, delivered: false, error: errorMessage(error) })));
			}
		}
		return outcomes;
	},
};
