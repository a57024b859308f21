/**
 * Approval Gate: puts a human decision into a flow, with a policy and an audit trail.
 *
 * Where the waiting state lives (and why it survives a restart and works in queue mode):
 * nowhere in memory. On its first run the gate opens one request per item, sends each approver
 * a signed personal link, and parks the execution with n8n's own `putExecutionToWait`. Its
 * checkpoint (requests, decisions, issued links, deadlines) is written into n8n's execution
 * stack, right behind the waiting entry (see resume.ts), and n8n stores that stack with the
 * waiting execution in its database.
 * - An approver's GET of the resume URL runs `webhook()`, which only renders the page: it
 *   returns no `workflowData`, so the execution stays waiting and nothing is stored.
 * - The page's POST runs `webhook()` in whichever main process receives it: it verifies the
 *   link against the checkpoint loaded from the database, records the decision in it and returns
 *   `workflowData`; n8n then stores the execution (only if it is still waiting: of two concurrent
 *   submits one wins) and resumes it, in queue mode on a worker. The gate runs again with the
 *   checkpoint: it applies the quorum, opens the second level, or waits again for the rest.
 * - A deadline is the `waitTill` of the waiting execution: n8n's wait tracker resumes it (also
 *   after a restart) and the gate escalates, auto-approves or times out per the policy.
 * Links are HMAC-signed with the secret of the gate's credential, so every process verifies them.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { withItemIndex } from '../shared/node/router';
import { approvalRecord } from './audit';
import { GATE_CREDENTIAL, handleApproverRequest, resumeClaims } from './decide';
import { deliverLinks } from './deliver';
import { approvalGateProperties } from './description';
import { assertUsableSecret, newLinkId } from './links';
import type { ChannelSettings, NotificationChannel } from './notify';
import { notificationChannels } from './notify';
import { APPROVAL_WEBHOOK_CREDENTIAL } from './notify/webhook';
import { SLACK_CREDENTIAL } from './notify/slack';
import { TEAMS_CREDENTIAL } from './notify/teams';
import type { ApprovalPolicy } from './policy';
import { PolicyError } from './policy';
import { readPolicy, readRequestInput } from './request';
import { checkpointOfThisRun, checkpointRevision, queueReentry } from './resume';
import type { GateCheckpoint, NotificationNeed } from './state';
import { applyDeadline, failedRequest, isSettled, nextDeadline, openRequest, settle } from './state';
import { signingSecretTest } from './credentialTest';

const OUTPUT = { approved: 0, rejected: 1, timedOut: 2 } as const;

function placeholderPolicy(): ApprovalPolicy {
	return { name: 'unreadable policy', currency: 'USD', groups: [], firstLevel: { kind: 'named', group: { name: 'none', members: [], quorum: { kind: 'any' } } }, deadlineMs: 0, onTimeout: { kind: 'reject' } };
}

/** First run: one request per item; a request that cannot open fails its item (or the node). */
function openRequests(context: IExecuteFunctions, items: INodeExecutionData[], now: Date): { checkpoint: GateCheckpoint; needs: NotificationNeed[] } {
	const runIndex = Number(context.evaluateExpression('{{ $runIndex }}', 0));
	const checkpoint: GateCheckpoint = {
		version: 1,
		step: { executionId: String(context.getExecutionId()), node: context.getNode().name, run: Number.isFinite(runIndex) ? runIndex : 0, stepId: newLinkId() },
		openedAt: now.toISOString(),
		requests: [],
	};
	const needs: NotificationNeed[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let policy: ApprovalPolicy | undefined;
		try {
			policy = readPolicy(context, itemIndex);
			const opened = openRequest(readRequestInput(context, itemIndex, policy), now);
			checkpoint.requests.push(opened.request);
			needs.push(...opened.notify);
		} catch (error) {
			const message = error instanceof PolicyError ? `The approval request cannot be opened: ${error.message}` : (error as Error).message;
			if (!context.continueOnFail()) throw new NodeOperationError(context.getNode(), message, { itemIndex });
			checkpoint.requests.push(failedRequest({ itemIndex, policy: policy ?? placeholderPolicy() }, message, now));
		}
	}
	return { checkpoint, needs };
}

/** Every item leaves on the output of its outcome, with its audit trail; errors never leave as approved. */
function route(items: INodeExecutionData[], checkpoint: GateCheckpoint): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], [], []];
	for (const request of checkpoint.requests) {
		const json: IDataObject = { ...items[request.itemIndex].json, approval: approvalRecord(request) };
		if (request.status === 'error') json.error = request.error ?? 'approval failed';
		const output = request.status === 'approved' ? OUTPUT.approved : request.status === 'timedOut' ? OUTPUT.timedOut : OUTPUT.rejected;
		outputs[output].push({ json, pairedItem: { item: request.itemIndex } });
	}
	return outputs;
}

/**
 * The gate's webhooks are n8n's own resume URLs of its waiting execution (`restartWebhook`): GET
 * shows the decision page, POST records a decision. Nothing is registered with a third party, so
 * there is no subscription lifecycle (check, create, delete) to implement, as with n8n's Wait node.
 */
const resumeWebhooks: INodeTypeDescription['webhooks'] = [
	{ name: 'default', httpMethod: 'GET', responseMode: 'onReceived', responseData: '', path: '', restartWebhook: true },
	{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: '', restartWebhook: true },
];

export class ApprovalGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash Approval Gate',
		name: 'approvalGate',
		icon: { light: 'file:approvalGate.svg', dark: 'file:approvalGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"via " + $parameter["channel"] + ", on time-out: " + $parameter["onTimeout"]}}',
		description: 'Waits for approvers to approve or reject each item, by policy, with a signed link per approver and a full audit trail',
		defaults: { name: 'Approval Gate' },
		codex: { categories: ['Productivity'], alias: ['approval', 'approve', 'sign-off', 'four eyes', 'human in the loop', 'HITL', 'wait'] },
		// As an AI agent's tool it asks people before the agent acts (human in the loop): the run waits for the decision.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Approved', 'Rejected', 'Timed Out'],
		credentials: [
			{ name: 'p2cApprovalGateApi', required: true, testedBy: 'signingSecretTest' },
			{ name: SLACK_CREDENTIAL, required: true, displayOptions: { show: { channel: ['slack'] } } },
			{ name: TEAMS_CREDENTIAL, required: true, displayOptions: { show: { channel: ['teams'] } } },
			{ name: APPROVAL_WEBHOOK_CREDENTIAL, required: true, displayOptions: { show: { channel: ['webhook'] } } },
		],
		webhooks: resumeWebhooks,
		properties: approvalGateProperties,
	};

	methods = { credentialTest: { signingSecretTest } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleApproverRequest.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const now = new Date();
		const gateCredential = await this.getCredentials(GATE_CREDENTIAL);
		let secret: string;
		try {
			secret = assertUsableSecret(gateCredential.signingSecret);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		const lifetimeMs = Math.round(Number(gateCredential.linkLifetimeHours ?? 72) * 3_600_000);
		if (!(lifetimeMs > 0)) throw new NodeOperationError(this.getNode(), 'The Approval Gate credential needs a positive Link Lifetime');

		let checkpoint = checkpointOfThisRun(this);
		const needs: NotificationNeed[] = [];
		if (!checkpoint) {
			const opened = openRequests(this, items, now);
			checkpoint = opened.checkpoint;
			needs.push(...opened.needs);
		} else {
			// A submit that loaded this revision before this run must not store its stale copy later (claims.ts).
			resumeClaims.markUsed(checkpoint.step.executionId, checkpointRevision(checkpoint));
			// Resumed by a decision or by the deadline: settle what was decided, then apply passed deadlines.
			for (const request of checkpoint.requests) {
				needs.push(...settle(request, now));
				needs.push(...applyDeadline(request, now));
			}
		}

		if (needs.length > 0) {
			const channel: NotificationChannel = notificationChannels[this.getNodeParameter('channel', 0) as NotificationChannel['key']];
			const settings: ChannelSettings = {
				slackChannel: String(this.getNodeParameter('slackChannel', 0, '') ?? ''),
				webhookDelivery: this.getNodeParameter('webhookDelivery', 0, 'perApprover') === 'perRequest' ? 'perRequest' : 'perApprover',
			};
			const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0));
			const failures = await deliverLinks(this, checkpoint, needs, { secret, lifetimeMs, resumeUrl }, channel, settings, now);
			for (const failure of failures) {
				if (!this.continueOnFail()) throw withItemIndex(this, new NodeOperationError(this.getNode(), failure.message), failure.itemIndex);
				const request = checkpoint.requests.find((candidate) => candidate.itemIndex === failure.itemIndex)!;
				request.status = 'error';
				request.error = failure.message;
				request.closedBy = 'error';
				request.closedAt = now.toISOString();
			}
		}

		if (isSettled(checkpoint)) return route(items, checkpoint);
		checkpoint.revision = checkpointRevision(checkpoint) + 1;
		queueReentry(this, items, checkpoint);
		await this.putExecutionToWait(nextDeadline(checkpoint)!);
		return [[], [], []];
	}
}
