/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import { json, Router, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { baseOf, credentialRecord, type N8nCredentialRecord } from '../../core/credentials';
import type { VendorFake } from '../../core/vendor';

/** Where a channel receives calls, below `/inbox`: `/hooks/approvals`, `/hooks/reminders`, ... */
export const INBOX_HOOK_PATH = '/hooks/:channel';

/** Signs the Approval Gate's links in the sandbox set-up (at least 32 characters; not a secret). */
export const SANDBOX_APPROVAL_SIGNING_SECRET = 'p2c-sandbox-approval-signing-secret-0001';

/** Where a notification channel of the sandbox's inbox receives calls, e.g. `approvals`. */
export function inboxHookUrl(sandboxUrl: string, channel: string): string {
	return `${baseOf(sandboxUrl)}/inbox${INBOX_HOOK_PATH.replace(':channel', encodeURIComponent(channel))}`;
}

/** The Approval Gate's signing key and its channels (webhook, Slack, Teams), all delivering into the inbox. */
export function approvalCredentialRecords(sandboxUrl: string): N8nCredentialRecord[] {
	return [
		credentialRecord('p2cApprovalGateApi', 'p2cSbxApprovalGt', 'Approval Gate signing key', { signingSecret: SANDBOX_APPROVAL_SIGNING_SECRET, linkLifetimeHours: 72 }),
		credentialRecord('p2cApprovalWebhookApi', 'p2cSbxApprovalWh', 'Approval links webhook', { url: inboxHookUrl(sandboxUrl, 'approvals'), signingSecret: '', signatureHeader: 'X-P2c-Signature' }),
		credentialRecord('p2cSlackApi', 'p2cSbxSlackHookA', 'Slack incoming webhook', { connection: 'incomingWebhook', webhookUrl: inboxHookUrl(sandboxUrl, 'slack') }),
		credentialRecord('p2cMicrosoftTeamsWebhookApi', 'p2cSbxTeamsHookA', 'Teams incoming webhook', { webhookUrl: inboxHookUrl(sandboxUrl, 'teams') }),
	];
}

export interface InboxMessage {
	id: number;
	channel: string;
	receivedAt: string;
	/** The receiver-side delivery id (Approval Gate: `X-P2c-Delivery-Id`), for dropping repeats. */
	deliveryId?: string;
	contentType?: string;
	body: unknown;
}

const escapeHtml = (text: string): string =>
	text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);

/** Links in a message body (approval links, record links), shown clickable on the inbox page. */
function linksOf(value: unknown, found: string[] = []): string[] {
	if (typeof value === 'string' && /^https?:\/\//.test(value)) found.push(value);
	else if (Array.isArray(value)) for (const entry of value) linksOf(entry, found);
	else if (value && typeof value === 'object') for (const entry of Object.values(value)) linksOf(entry, found);
	return found;
}

/**
 * A stand-in for the places workflows send messages to (an incoming webhook of Slack or Teams, a
 * mail service's webhook, an n8n Webhook trigger): it accepts any JSON POST to `/hooks/<channel>`,
 * keeps it, and shows everything received at `GET /inbox` (an HTML page for people trying the
 * demo) and `GET /inbox/messages` (JSON). Approval links the Approval Gate sends land here.
 */
export class InboxFake implements VendorFake {
	readonly name = 'inbox';
	readonly credentialRecords = approvalCredentialRecords;
	readonly router = new Router();
	private messages: InboxMessage[] = [];

	constructor() {
		this.router.on('POST', INBOX_HOOK_PATH, (request, params) => this.receive(request, params.channel));
		this.router.on('GET', '/messages', (request) => {
			const channel = request.query.get('channel');
			return json(200, { messages: this.messages.filter((message) => !channel || message.channel === channel) });
		});
		this.router.on('GET', '/', () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: this.page() }));
	}

	reset(): void {
		this.messages = [];
	}

	state(): Record<string, unknown> {
		return { messages: this.messages };
	}

	guard(): SandboxResponse | undefined {
		return undefined;
	}

	notFound(request: SandboxRequest): SandboxResponse {
		return json(404, { error: `no inbox route ${request.method} ${request.path}` });
	}

	private receive(request: SandboxRequest, channel: string): SandboxResponse {
		const deliveryId = request.headers['x-p2c-delivery-id'];
		this.messages.push({
			id: this.messages.length + 1,
			channel,
			receivedAt: new Date().toISOString(),
			deliveryId: typeof deliveryId === 'string' ? deliveryId : undefined,
			contentType: typeof request.headers['content-type'] === 'string' ? request.headers['content-type'] : undefined,
			body: request.body,
		});
		return json(200, { ok: true });
	}

	private page(): string {
		const rows = [...this.messages]
			.reverse()
			.map((message) => {
				const links = [...new Set(linksOf(message.body))]
					.map((link) => `<li><a href="${escapeHtml(link)}" target="_blank" rel="noreferrer">${escapeHtml(link.length > 90 ? `${link.slice(0, 90)}...` : link)}</a></li>`)
					.join('');
				return `<section><h2>#${message.id} ${escapeHtml(message.channel)} <small>${escapeHtml(message.receivedAt)}</small></h2>${links ? `<ul>${links}</ul>` : ''}<pre>${escapeHtml(JSON.stringify(message.body, null, 2))}</pre></section>`;
			})
			.join('');
		const style = 'body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}small{color:#666;font-weight:normal}';
		return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sandbox inbox</title><style>${style}</style></head><body><h1>Sandbox inbox</h1><p>Messages workflows sent to <code>/inbox/hooks/&lt;channel&gt;</code>, newest first. Approval links open the Approval Gate's decision page.</p>${rows || '<p>Nothing received yet.</p>'}</body></html>`;
	}
}
