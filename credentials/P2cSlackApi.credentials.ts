import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const TEST_PATH = '/auth.test';

/** Slack for approval notifications: a bot token (direct messages or a channel) or an incoming webhook. */
export class P2cSlackApi implements ICredentialType {
	name = 'p2cSlackApi';

	displayName = 'Project-to-Cash Slack API';

	icon = { light: 'file:../nodes/ApprovalGate/approvalGate.svg', dark: 'file:../nodes/ApprovalGate/approvalGate.dark.svg' } as const;

	documentationUrl = 'https://api.slack.com/messaging/sending';

	properties: INodeProperties[] = [
		{
			displayName: 'Connection',
			name: 'connection',
			type: 'options',
			options: [
				{ name: 'Bot Token', value: 'botToken', description: 'Sends each approver a direct message (or posts to a channel) with chat.postMessage' },
				{ name: 'Incoming Webhook', value: 'incomingWebhook', description: 'Posts to the one channel the webhook was created for' },
			],
			default: 'botToken',
		},
		{
			displayName:
				'Least privilege: give the app only chat:write, plus users:read.email to send direct messages by e-mail address.',
			name: 'scopesNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { connection: ['botToken'] } },
		},
		{
			displayName: 'Bot Token',
			name: 'botToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { connection: ['botToken'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://slack.com/api',
			description: 'Leave as is for Slack; change only to reach a proxy or a local test double',
			displayOptions: { show: { connection: ['botToken'] } },
		},
		{
			displayName:
				'Anyone who can read the webhook\'s channel sees every approver\'s personal link there. Use a private channel, or the bot token for direct messages.',
			name: 'webhookNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { connection: ['incomingWebhook'] } },
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'https://hooks.slack.com/services/T000/B000/XXXX',
			displayOptions: { show: { connection: ['incomingWebhook'] } },
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		if (credentials.connection === 'incomingWebhook') {
			// An incoming webhook has no read-only endpoint: its test posts one short message to its channel.
			if (String(requestOptions.url ?? '').endsWith(TEST_PATH)) {
				return { ...requestOptions, baseURL: undefined, url: String(credentials.webhookUrl), body: { text: 'Project-to-Cash approval notifications are connected.' } };
			}
			return requestOptions;
		}
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.botToken)}` } };
	}

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: TEST_PATH, method: 'POST' },
		// Slack answers HTTP 200 with ok: false for a bad token (api.slack.com/methods/auth.test).
		rules: [{ type: 'responseSuccessBody', properties: { key: 'ok', value: false, message: 'Slack refused the token' } }],
	};
}
