import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { VendorClient } from '../../shared/transport/client';
import type { TransportProfile } from '../../shared/transport/types';
import type { ApprovalNotification, ChannelSettings, DeliveryOutcome, NotificationChannel } from './message';
import { errorMessage, headline, summaryLines } from './message';

export const SLACK_CREDENTIAL = 'p2cSlackApi';

/** Slack Web API and incoming webhooks as the shared transport sees them. */
export const slackTransport: TransportProfile = {
	system: 'slack',
	displayName: 'Slack',
	baseUrl: (credentials) => String(credentials.baseUrl || 'https://slack.com/api'),
	rateLimits: [
		// users.lookupByEmail is Tier 3: 50+ per minute (docs.slack.dev/reference/methods/users.lookupByEmail); applied to every call.
		{ name: 'tier3', limit: 50, intervalMs: 60_000, source: 'Slack rate limits, Web API Tier 3' },
		// chat.postMessage: about one message per second per channel, short bursts tolerated (api.slack.com/docs/rate-limits).
		{ name: 'postMessage', limit: 1, intervalMs: 1_000, source: 'Slack rate limits, chat.postMessage special tier' },
	],
	requestIdHeaders: ['x-slack-req-id'],
	parseError(response) {
		const body = response.body as IDataObject;
		const code = typeof body.error === 'string' ? body.error : undefined;
		return { message: code ? `refused the message (${code})` : `HTTP ${response.statusCode}`, code };
	},
	// Incoming webhooks answer errors as plain text codes with HTTP 400/403/404/410 (api.slack.com changelog 2016-05-17, incoming webhook errors).
	parseNonJsonError: (_response, text) => (text ? { message: `refused the message (${text})`, code: text } : undefined),
};

/** Slack mrkdwn needs &, < and > escaped; everything else is literal. */
function escapeSlack(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackMessage(notification: ApprovalNotification, addressed: boolean): IDataObject {
	const title = headline(notification);
	const lines = summaryLines(notification).map(escapeSlack);
	if (addressed) lines.unshift(`*For ${escapeSlack(notification.approver)}* (this link is personal: only they may use it)`);
	return {
		text: title,
		blocks: [
			{ type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
			{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
			{ type: 'actions', elements: [{ type: 'button', style: 'primary', text: { type: 'plain_text', text: 'Review and decide' }, url: notification.url }] },
			{ type: 'context', elements: [{ type: 'mrkdwn', text: `Opening the link decides nothing; the page asks you to approve or reject. Link valid until ${notification.expiresAt}.` }] },
		],
	};
}

/** Web API methods answer HTTP 200 with `ok: false` on failure; that is an error too. */
function assertOk(body: IDataObject, method: string): IDataObject {
	if (body?.ok !== true) throw new Error(`Slack ${method} answered ${typeof body?.error === 'string' ? body.error : 'without ok'}`);
	return body;
}

async function sendOne(client: VendorClient, notification: ApprovalNotification, settings: ChannelSettings): Promise<void> {
	const credentials = client.credentials;
	if (credentials.connection === 'incomingWebhook') {
		// An incoming webhook posts to the one channel it was created for.
		await client.send({ method: 'POST', url: String(credentials.webhookUrl), body: slackMessage(notification, true) });
		return;
	}
	let channel = settings.slackChannel.trim();
	if (channel === '') {
		// users.lookupByEmail (Tier 3, scope users:read.email) finds the approver to message directly.
		const found = assertOk(await client.send({ method: 'GET', url: '/users.lookupByEmail', qs: { email: notification.approver } }), 'users.lookupByEmail');
		channel = String((found.user as IDataObject | undefined)?.id ?? '');
	}
	const message = { channel, ...slackMessage(notification, settings.slackChannel.trim() !== '') };
	assertOk(await client.send({ method: 'POST', url: '/chat.postMessage', body: message, rateLimitRule: 'postMessage' }), 'chat.postMessage');
}

export const slackChannel: NotificationChannel = {
	key: 'slack',
	credentialType: SLACK_CREDENTIAL,
	async send(context: IExecuteFunctions, batch: ApprovalNotification[], settings: ChannelSettings): Promise<DeliveryOutcome[]> {
		if (batch.length === 0) return [];
		const client = await VendorClient.create(context, slackTransport, SLACK_CREDENTIAL, batch[0].gate.itemIndex);
		const outcomes: DeliveryOutcome[] = [];
		for (const notification of batch) {
			try {
				await sendOne(client, notification, settings);
				outcomes.push({ linkId: notification.linkId, delivered: true });
			} catch (error) {
				outcomes.push({ linkId: notification.linkId, delivered: false, error: errorMessage(error) });
			}
		}
		return outcomes;
	},
};
