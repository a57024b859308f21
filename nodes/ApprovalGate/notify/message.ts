import type { IExecuteFunctions } from 'n8n-workflow';
import type { Money } from '../../shared/canonical/common';
import type { NotificationPurpose } from '../state';

/** One approver's link, with what a message needs to say about the request. */
export interface ApprovalNotification {
	purpose: NotificationPurpose;
	approver: string;
	level: number;
	group: string;
	url: string;
	linkId: string;
	expiresAt: string;
	deadline: string;
	request: {
		title: string;
		requester: string;
		amount: Money;
		amountText: string;
		fields: Array<{ label: string; value: string }>;
	};
	gate: { executionId: string; node: string; itemIndex: number };
}

export interface DeliveryOutcome {
	linkId: string;
	delivered: boolean;
	error?: string;
}

/** Node parameters a channel may read (read once per run by the node). */
export interface ChannelSettings {
	/** Slack with a bot token: post into this channel instead of a direct message to each approver. */
	slackChannel: string;
	/** Generic webhook: one call per approver, or one per request listing every link in `approvalLinks`. */
	webhookDelivery: 'perApprover' | 'perRequest';
}

export interface NotificationChannel {
	key: 'slack' | 'teams' | 'webhook';
	credentialType: string;
	/** Sends the links of one request (one input item); never throws for one failed delivery. */
	send(context: IExecuteFunctions, batch: ApprovalNotification[], settings: ChannelSettings): Promise<DeliveryOutcome[]>;
}

export function headline(notification: ApprovalNotification): string {
	const title = notification.request.title;
	if (notification.purpose === 'reminder') return `Reminder: your decision is still needed on "${title}"`;
	if (notification.purpose === 'escalation') return `Escalated to you for a decision: "${title}"`;
	return `Your approval is requested: "${title}"`;
}

export function summaryLines(notification: ApprovalNotification): string[] {
	const { request } = notification;
	return [
		`Amount: ${request.amountText}`,
		`Requested by: ${request.requester || 'unnamed requester'}`,
		...request.fields.map((field) => `${field.label}: ${field.value}`),
		`Level ${notification.level} (${notification.group}); decide before ${notification.deadline}`,
	];
}

export function errorMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as { description?: unknown })?.description;
	return typeof description === 'string' && description !== '' ? `${message} (${description.split('\n')[0]})` : message;
}
