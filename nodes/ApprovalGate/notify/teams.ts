import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { VendorClient } from '../../shared/transport/client';
import type { TransportProfile } from '../../shared/transport/types';
import type { ApprovalNotification, DeliveryOutcome, NotificationChannel } from './message';
import { errorMessage, headline, summaryLines } from './message';

export const TEAMS_CREDENTIAL = 'p2cMicrosoftTeamsWebhookApi';

/** A Teams incoming webhook or a Teams Workflows "when a webhook request is received" URL. */
export const teamsTransport: TransportProfile = {
	system: 'microsoftTeams',
	displayName: 'Microsoft Teams',
	baseUrl: (credentials) => String(credentials.webhookUrl ?? ''),
	rateLimits: [
		// More than four requests in one second to a channel's webhook are throttled (Teams docs, "Rate limiting for connectors").
		{ name: 'webhook', limit: 4, intervalMs: 1_000, source: 'Microsoft Teams connector webhooks rate limiting' },
	],
	requestIdHeaders: ['request-id', 'x-ms-request-id', 'x-ms-workflow-run-id'],
	parseError(response) {
		const body = response.body as IDataObject;
		const error = body.error as IDataObject | undefined;
		return { message: String(error?.message ?? body.message ?? `HTTP ${response.statusCode}`), code: error?.code ? String(error.code) : undefined };
	},
};

/** The message as an Adaptive Card attachment, the format both webhook kinds accept (Teams docs, "Send Adaptive Cards using an Incoming Webhook"). */
export function teamsMessage(notification: ApprovalNotification): IDataObject {
	const { request } = notification;
	return {
		type: 'message',
		attachments: [
			{
				contentType: 'application/vnd.microsoft.card.adaptive',
				contentUrl: null,
				content: {
					$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
					type: 'AdaptiveCard',
					version: '1.4',
					body: [
						{ type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: headline(notification) },
						{ type: 'TextBlock', wrap: true, text: `For ${notification.approver}: this link is personal, only they may use it.` },
						{
							type: 'FactSet',
							facts: [
								{ title: 'Amount', value: request.amountText },
								{ title: 'Requested by', value: request.requester || 'unnamed requester' },
								...request.fields.map((field) => ({ title: field.label, value: field.value })),
								{ title: 'Decide before', value: notification.deadline },
							],
						},
						{ type: 'TextBlock', wrap: true, isSubtle: true, text: summaryLines(notification).slice(-1)[0] },
					],
					actions: [{ type: 'Action.OpenUrl', title: 'Review and decide', url: notification.url }],
				},
			},
		],
	};
}

export const teamsChannel: NotificationChannel = {
	key: 'teams',
	credentialType: TEAMS_CREDENTIAL,
	async send(context: IExecuteFunctions, batch: ApprovalNotification[]): Promise<DeliveryOutcome[]> {
		if (batch.length === 0) return [];
		const client = await VendorClient.create(context, teamsTransport, TEAMS_CREDENTIAL, batch[0].gate.itemIndex);
		const outcomes: DeliveryOutcome[] = [];
		for (const notification of batch) {
			try {
				// The credential's authenticate() puts in the webhook URL; the URL is the secret.
				await client.send({ method: 'POST', url: client.baseUrl, body: teamsMessage(notification) });
				outcomes.push({ linkId: notification.linkId, delivered: true });
			} catch (error) {
				outcomes.push({ linkId: notification.linkId, delivered: false, error: errorMessage(error) });
			}
		}
		return outcomes;
	},
};
