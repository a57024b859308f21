import { createHmac } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Any HTTP endpoint that receives approval links as JSON (an n8n Webhook trigger that e-mails
 * them, a ticketing system, ...). With a secret, each call is signed: header
 * `<Signature Header>: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 */
export class P2cApprovalWebhookApi implements ICredentialType {
	name = 'p2cApprovalWebhookApi';

	displayName = 'Project-to-Cash Approval Webhook API';

	icon = { light: 'file:../nodes/ApprovalGate/approvalGate.svg', dark: 'file:../nodes/ApprovalGate/approvalGate.dark.svg' } as const;

	documentationUrl = 'https://github.com/project-to-cash/n8n-nodes-project-to-cash#approval-gate';

	properties: INodeProperties[] = [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com/webhook/approval-links',
		},
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Optional. When set, every call carries an HMAC-SHA256 signature of its body the receiver can check.',
		},
		{
			displayName: 'Signature Header',
			name: 'signatureHeader',
			type: 'string',
			default: 'X-P2c-Signature',
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const secret = String(credentials.signingSecret ?? '');
		if (secret === '') return requestOptions;
		// Sign the exact bytes that are sent: the body goes out as this string.
		const raw = typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body ?? {});
		const timestamp = Math.floor(Date.now() / 1000);
		const signature = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');
		return {
			...requestOptions,
			body: raw,
			headers: {
				...requestOptions.headers,
				'Content-Type': 'application/json',
				[String(credentials.signatureHeader || 'X-P2c-Signature')]: `t=${timestamp},v1=${signature}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.url}}', url: '', method: 'POST', body: { event: 'approval.test' } },
	};
}
