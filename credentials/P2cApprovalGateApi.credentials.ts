import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Approval Gate's own secret: every approver link is signed with it (HMAC-SHA256). Kept in a
 * credential, not in memory, so that any n8n process (a restarted one, another main or a worker
 * in queue mode) verifies the links the same way. Its test is the Approval Gate node's
 * `signingSecretTest` (nodes/ApprovalGate/credentialTest.ts): a secret has no service to ask.
 */
export class P2cApprovalGateApi implements ICredentialType {
	name = 'p2cApprovalGateApi';

	displayName = 'Project-to-Cash Approval Gate API';

	icon = { light: 'file:../nodes/ApprovalGate/approvalGate.svg', dark: 'file:../nodes/ApprovalGate/approvalGate.dark.svg' } as const;

	documentationUrl = 'https://github.com/project-to-cash/n8n-nodes-project-to-cash#approval-gate';

	properties: INodeProperties[] = [
		{
			displayName:
				'Generate the secret randomly (for example with "openssl rand -hex 32") and keep it secret: whoever holds it can sign approval links. Changing it invalidates every link already sent.',
			name: 'generationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'At least 32 characters; signs and verifies every approver link',
		},
		{
			displayName: 'Link Lifetime (Hours)',
			name: 'linkLifetimeHours',
			type: 'number',
			typeOptions: { minValue: 0.001, numberPrecision: 3 },
			default: 72,
			description: 'How long an approver link stays valid after it is sent; reminders and escalations send fresh links',
		},
	];
}
