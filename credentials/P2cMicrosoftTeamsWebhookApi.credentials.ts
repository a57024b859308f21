import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** A Microsoft Teams incoming webhook or Workflows webhook URL for approval notifications. */
export class P2cMicrosoftTeamsWebhookApi implements ICredentialType {
	name = 'p2cMicrosoftTeamsWebhookApi';

	displayName = 'Project-to-Cash Microsoft Teams Webhook API';

	icon = { light: 'file:../nodes/ApprovalGate/approvalGate.svg', dark: 'file:../nodes/ApprovalGate/approvalGate.dark.svg' } as const;

	documentationUrl = 'https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook';

	properties: INodeProperties[] = [
		{
			displayName:
				'Use the URL of a Teams Workflows flow "When a Teams webhook request is received" (or a legacy incoming webhook). Anyone who can read the target channel sees every approver\'s personal link there.',
			name: 'webhookNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Webhook URL',
			name: 'webhookUrl',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
	];

	// A webhook has no read-only endpoint: the test posts one short card to the channel.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.webhookUrl}}',
			url: '',
			method: 'POST',
			body: {
				type: 'message',
				attachments: [
					{
						contentType: 'application/vnd.microsoft.card.adaptive',
						content: {
							type: 'AdaptiveCard',
							version: '1.4',
							body: [{ type: 'TextBlock', text: 'Project-to-Cash approval notifications are connected.', wrap: true }],
						},
					},
				],
			},
		},
	};
}
