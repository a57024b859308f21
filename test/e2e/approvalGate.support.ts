/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * Helpers for the Approval Gate end-to-end tests: a local HTTP receiver standing in for the
 * generic-webhook channel (it captures every approver link the gate sends), a workflow builder,
 * and small readers of what n8n stored for an execution.
 */
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { ExecutionResult, N8nInstance } from './n8n';
import { PROJECT_ROOT } from './n8n';

export const PKG_NAME = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string }).name;
export const GATE_TYPE = `${PKG_NAME}.approvalGate`;
export const GATE_NODE = 'Approval';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One call the gate made to the approval webhook. */
export interface CapturedCall {
	headers: http.IncomingHttpHeaders;
	raw: string;
	body: {
		event: string;
		approver?: string;
		link?: string;
		approvalLinks: Array<{ approver: string; url: string; level: number; purpose: string; expiresAt: string }>;
		request: { title: string; requester: string; amountText: string };
		gate: { executionId: string; node: string; itemIndex: number };
	};
}

/** The generic-webhook channel's other end: captures the links, checks nothing, answers 200. */
export class LinkReceiver {
	readonly calls: CapturedCall[] = [];
	private server?: http.Server;
	url = '';

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			let raw = '';
			req.setEncoding('utf8');
			req.on('data', (chunk: string) => (raw += chunk));
			req.on('end', () => {
				try {
					this.calls.push({ headers: req.headers, raw, body: JSON.parse(raw) as CapturedCall['body'] });
				} catch {
					// a credential test or junk: keep the raw text only
					this.calls.push({ headers: req.headers, raw, body: { event: 'unparsed', approvalLinks: [], request: { title: '', requester: '', amountText: '' }, gate: { executionId: '', node: '', itemIndex: -1 } } });
				}
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"received":true}');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server!.address() as { port: number }).port}/approval-links`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	forExecution(executionId: string): CapturedCall[] {
		return this.calls.filter((call) => call.body.gate?.executionId === executionId);
	}

	/** Waits until the execution's calls satisfy `enough`, then returns them. */
	async waitFor(executionId: string, enough: (calls: CapturedCall[]) => boolean, timeoutMs = 60_000): Promise<CapturedCall[]> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const calls = this.forExecution(executionId);
			if (enough(calls)) return calls;
			await sleep(250);
		}
		throw new Error(`links for execution ${executionId} did not arrive; got ${JSON.stringify(this.forExecution(executionId).map((c) => c.body))}`);
	}

	/** The newest link the gate sent to `approver` in this execution (optionally for one item, or of one purpose). */
	linkFor(executionId: string, approver: string, purpose?: string, itemIndex?: number): string {
		const calls = this.forExecution(executionId).filter(
			(call) =>
				call.body.approver === approver &&
				(!purpose || call.body.approvalLinks[0]?.purpose === purpose) &&
				(itemIndex === undefined || call.body.gate.itemIndex === itemIndex),
		);
		const last = calls[calls.length - 1];
		if (!last?.body.link) throw new Error(`no link for ${approver} in execution ${executionId}`);
		return last.body.link;
	}
}

/** Checks the receiver-side HMAC the Approval Webhook credential adds: t=<unix>,v1=<hex of "<t>.<raw body>">. */
export function signatureValid(call: CapturedCall, secret: string, header = 'x-p2c-signature'): boolean {
	const value = String(call.headers[header] ?? '');
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(value);
	if (!match) return false;
	return createHmac('sha256', secret).update(`${match[1]}.${call.raw}`).digest('hex') === match[2];
}

export interface CredentialRefs {
	gate: { id: string; name: string };
	webhook: { id: string; name: string };
}

/** Manual trigger -> Approval Gate -> one No-Op per output, so each output's items are visible in the run data. */
export function gateWorkflow(name: string, parameters: Record<string, unknown>, credentials: CredentialRefs, feed?: object[]): object {
	// With a feed, the gate gets one item per entry: a JSON Edit Fields node, then Split Out.
	const feedNodes = feed
		? [
				{ name: 'Requests', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [120, 0], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ requests: feed }), options: {} } },
				{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [180, 0], parameters: { fieldToSplitOut: 'requests', options: {} } },
			]
		: [];
	const intoGate = { node: GATE_NODE, type: 'main', index: 0 };
	const feedConnections = feed
		? { Start: { main: [[{ node: 'Requests', type: 'main', index: 0 }]] }, Requests: { main: [[{ node: 'Split', type: 'main', index: 0 }]] }, Split: { main: [[intoGate]] } }
		: { Start: { main: [[intoGate]] } };
	const sink = (label: string, y: number) => ({ name: label, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [480, y], parameters: {} });
	return {
		name,
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...feedNodes,
			{
				name: GATE_NODE,
				type: GATE_TYPE,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					title: 'Write-off of invoice INV-1042',
					requester: 'alice@firm.test',
					amount: '1250.00',
					currency: 'USD',
					requestFields: { field: [{ label: 'Client', value: 'Acme Corp' }, { label: 'Reason', value: 'Disputed hours <March>' }] },
					policyName: 'Write-off policy 2026',
					approverSource: 'named',
					approvers: 'bob@firm.test',
					quorum: 'any',
					deadlineAmount: 30,
					deadlineUnit: 'minutes',
					onTimeout: 'reject',
					channel: 'webhook',
					webhookDelivery: 'perApprover',
					...parameters,
				},
				credentials: { p2cApprovalGateApi: credentials.gate, p2cApprovalWebhookApi: credentials.webhook },
			},
			sink('Approved', -160),
			sink('Rejected', 0),
			sink('Timed Out', 160),
		],
		connections: {
			...feedConnections,
			[GATE_NODE]: {
				main: [
					[{ node: 'Approved', type: 'main', index: 0 }],
					[{ node: 'Rejected', type: 'main', index: 0 }],
					[{ node: 'Timed Out', type: 'main', index: 0 }],
				],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

type AnyObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The gate's checkpoint as n8n stored it with the waiting execution (undefined once it finished). */
export function storedCheckpoint(execution: ExecutionResult): AnyObject | undefined {
	const stack = (execution.data?.executionData?.nodeExecutionStack ?? []) as AnyObject[];
	return stack.find((entry) => entry.node?.name === GATE_NODE && entry.metadata?.p2cApprovalGate)?.metadata?.p2cApprovalGate;
}

/** Items that left the gate on one output: read from the No-Op connected to it. */
export function itemsOn(execution: ExecutionResult, output: 'Approved' | 'Rejected' | 'Timed Out'): AnyObject[] {
	const runs = (execution.data?.resultData?.runData?.[output] ?? []) as AnyObject[];
	return runs.flatMap((run) => (run.data?.main?.[0] ?? []).map((item: AnyObject) => item.json));
}

export async function waitUntilWaiting(n8n: N8nInstance, executionId: string, timeoutMs = 60_000): Promise<ExecutionResult> {
	return await n8n.waitForExecution(executionId, (e) => e.status === 'waiting' && storedCheckpoint(e) !== undefined, timeoutMs);
}

export async function waitUntilFinished(n8n: N8nInstance, executionId: string, timeoutMs = 60_000): Promise<ExecutionResult> {
	return await n8n.waitForExecution(executionId, (e) => e.finished || ['success', 'error', 'crashed'].includes(e.status), timeoutMs);
}

export interface PageAnswer {
	status: number;
	text: string;
	headers: Headers;
}

export async function openLink(url: string): Promise<PageAnswer> {
	const response = await fetch(url, { headers: { accept: 'text/html' } });
	return { status: response.status, text: await response.text(), headers: response.headers };
}

export async function submit(url: string, decision: string, comment = ''): Promise<PageAnswer> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ decision, comment }).toString(),
	});
	return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Replaces the approver token of a link, keeping n8n's own resume signature. */
export function withToken(url: string, token: string): string {
	const parsed = new URL(url);
	parsed.searchParams.set('approval', token);
	return parsed.toString();
}

export function tokenOf(url: string): string {
	return new URL(url).searchParams.get('approval') ?? '';
}

/** A POST of any form fields (repeated names, odd values), as a tampered or scripted client would send. */
export async function submitFields(url: string, fields: Array<[string, string]>): Promise<PageAnswer> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams(fields).toString(),
	});
	return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The link with extra query parameters (a GET that tries to decide through the URL). */
export function withQuery(url: string, parameters: Record<string, string>): string {
	const parsed = new URL(url);
	for (const [name, value] of Object.entries(parameters)) parsed.searchParams.set(name, value);
	return parsed.toString();
}

/**
 * Submits until the gate records the decision: a submit refused because another decision was
 * being recorded at that moment (the gate's "send it again" page, or n8n's "running"/"resumed"
 * answers) is sent again once the execution waits. Returns every answer, the recording one last.
 */
export async function submitUntilRecorded(n8n: N8nInstance, executionId: string, url: string, decision: string, comment: string, attempts = 20): Promise<PageAnswer[]> {
	const answers: PageAnswer[] = [];
	for (let attempt = 0; attempt < attempts; attempt++) {
		const answer = await submit(url, decision, comment);
		answers.push(answer);
		if (answer.status === 200) return answers;
		const retryable = answer.text.includes('Send your decision again') || /running already|already being resumed|problem executing/i.test(answer.text);
		if (!retryable) return answers;
		await n8n.waitForExecution(executionId, (e) => e.status !== 'running' && e.status !== 'new');
	}
	return answers;
}
