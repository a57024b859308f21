/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Approval Gate's first run (open the requests, sign the links, notify, park the execution)
 * inside n8n-core's real execution context, against a local stand-in that answers as Slack's Web
 * API, Slack and Teams incoming webhooks and a generic receiver document they answer. Asserts on
 * what the stand-in received, and on the checkpoint the gate queued in the execution stack.
 */
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, INodeTypes, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecuteContext } from 'n8n-core';
import { ApprovalGate } from '../../nodes/ApprovalGate/ApprovalGate.node';
import { verifyLinkToken } from '../../nodes/ApprovalGate/links';
import type { GateCheckpoint } from '../../nodes/ApprovalGate/state';
import { resetPacing } from '../../nodes/shared/transport/pacing';
import { credentialsHelper, runNode, testCredential, useCredential } from '../harness/n8n';

const gate = new ApprovalGate();
const GATE_SECRET = 'integration-gate-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-integration-token';
const SLACK_USERS: Record<string, string> = { 'bob@firm.test': 'U0BOB', 'carol@firm.test': 'U0CAROL' };

interface Received {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: string;
	body: IDataObject;
}

/** Answers the way the services document: Slack Web API errors are HTTP 200 with ok: false; webhooks use status codes. */
class ChannelStandIn {
	readonly received: Received[] = [];
	postMessage429Once = false;
	private server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (raw += chunk));
		req.on('end', () => this.answer(req, res, raw));
	});
	url = '';

	async start(): Promise<void> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	to(path: string): Received[] {
		return this.received.filter((call) => call.path === path);
	}

	private answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
		const url = new URL(req.url ?? '/', this.url);
		let body: IDataObject = {};
		try {
			body = raw ? (JSON.parse(raw) as IDataObject) : {};
		} catch {
			body = { unparsed: raw };
		}
		this.received.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, raw, body });
		const sendJson = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
			res.end(JSON.stringify(payload));
		};
		const authorized = req.headers.authorization === `Bearer ${BOT_TOKEN}`;
		switch (url.pathname) {
			case '/api/auth.test':
				return sendJson(200, authorized ? { ok: true, team: 'Firm', user: 'approvals' } : { ok: false, error: 'invalid_auth' });
			case '/api/users.lookupByEmail': {
				if (!authorized) return sendJson(200, { ok: false, error: 'not_authed' });
				const id = SLACK_USERS[url.searchParams.get('email') ?? ''];
				return sendJson(200, id ? { ok: true, user: { id } } : { ok: false, error: 'users_not_found' });
			}
			case '/api/chat.postMessage':
				if (this.postMessage429Once) {
					this.postMessage429Once = false;
					return sendJson(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
				}
				return sendJson(200, authorized ? { ok: true, channel: body.channel, ts: '1795300000.000100' } : { ok: false, error: 'not_authed' });
			case '/slack-hook':
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('ok');
				return;
			case '/slack-hook-archived':
				res.writeHead(410, { 'content-type': 'text/html' });
				res.end('channel_is_archived');
				return;
			case '/teams-workflow':
				res.writeHead(202);
				res.end();
				return;
			default:
				return sendJson(200, { received: true });
		}
	}
}

const standIn = new ChannelStandIn();

beforeAll(async () => {
	await standIn.start();
	useCredential('gate', 'p2cApprovalGateApi', { signingSecret: GATE_SECRET, linkLifetimeHours: 24 });
	useCredential('slack-bot', 'p2cSlackApi', { connection: 'botToken', botToken: BOT_TOKEN, baseUrl: `${standIn.url}/api` });
	useCredential('slack-hook', 'p2cSlackApi', { connection: 'incomingWebhook', webhookUrl: `${standIn.url}/slack-hook` });
	useCredential('slack-archived', 'p2cSlackApi', { connection: 'incomingWebhook', webhookUrl: `${standIn.url}/slack-hook-archived` });
	useCredential('teams', 'p2cMicrosoftTeamsWebhookApi', { webhookUrl: `${standIn.url}/teams-workflow` });
	useCredential('hook', 'p2cApprovalWebhookApi', { url: `${standIn.url}/hook`, signingSecret: 'receiver-secret', signatureHeader: 'X-P2c-Signature' });
});

afterAll(async () => {
	await standIn.stop();
});

beforeEach(() => {
	standIn.received.length = 0;
	resetPacing();
});

const request = (parameters: INodeParameters): INodeParameters => ({
	title: 'Approve the Q4 retainer for Acme <Corp>',
	requester: 'alice@firm.test',
	amount: '18000',
	currency: 'EUR',
	policyCurrency: 'EUR',
	approverSource: 'named',
	approvers: 'bob@firm.test, carol@firm.test',
	quorum: 'any',
	deadlineAmount: 2,
	deadlineUnit: 'days',
	onTimeout: 'reject',
	requestFields: { field: [{ label: 'Client', value: 'Acme <Corp> & Co' }] },
	...parameters,
});

function tokenIn(url: string) {
	const verified = verifyLinkToken(GATE_SECRET, new URL(url).searchParams.get('approval'), Date.now());
	if (!verified.ok) throw new Error(`link token refused: ${verified.reason}`);
	return verified.claims;
}

/**
 * Runs the gate's first run like test/harness runNode does, but keeps the execution it ran in, so
 * the test can read the checkpoint the gate queued on the execution stack and the wait it set.
 */
async function runGate(parameters: INodeParameters, credentials: Record<string, string>) {
	const node: INode = {
		id: 'gate-under-test',
		name: 'Approval',
		type: 'test.approvalGate',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.entries(credentials).map(([type, id]) => [type, { id, name: id }])),
	};
	const nodeTypes = { getByName: () => gate, getByNameAndVersion: () => gate, getKnownTypes: () => ({}) } as unknown as INodeTypes;
	const workflow = new Workflow({ id: 'wf-gate', name: 'gate', nodes: [node], connections: {}, active: false, nodeTypes, staticData: {} });
	const additionalData = {
		credentialsHelper,
		executionId: '901',
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
	const items: INodeExecutionData[] = [{ json: { invoice: 'INV-1042' }, pairedItem: { item: 0 } }];
	const execution = createRunExecutionData();
	const gateNode = workflow.getNode('Approval')!;
	const context = new ExecuteContext(workflow, gateNode, additionalData, 'manual', execution, 0, items, { main: [items] }, { node: gateNode, data: { main: [items] }, source: null }, []);
	const output = await gate.execute.call(context);
	const stack = execution.executionData!.nodeExecutionStack;
	const checkpoint = (stack[0]?.metadata as { p2cApprovalGate?: GateCheckpoint } | undefined)?.p2cApprovalGate;
	return { output, execution, checkpoint, queued: stack[0] };
}

describe('Approval Gate notification channels', () => {
	it('Slack bot token: finds each approver by e-mail and messages them directly, with their own link', async () => {
		standIn.postMessage429Once = true;
		const output = await runNode({ type: gate, parameters: request({ channel: 'slack' }), credentials: { p2cApprovalGateApi: 'gate', p2cSlackApi: 'slack-bot' } });
		expect(output).toEqual([[], [], []]);
		expect(standIn.to('/api/users.lookupByEmail').map((call) => call.headers.authorization)).toEqual([`Bearer ${BOT_TOKEN}`, `Bearer ${BOT_TOKEN}`]);
		// The first chat.postMessage got a 429 with Retry-After and was sent again: a refused message was never posted.
		const posts = standIn.to('/api/chat.postMessage');
		expect(posts).toHaveLength(3);
		const delivered = posts.slice(1);
		expect(delivered.map((call) => call.body.channel)).toEqual(['U0BOB', 'U0CAROL']);
		for (const [index, approver] of ['bob@firm.test', 'carol@firm.test'].entries()) {
			const button = ((delivered[index].body.blocks as IDataObject[])[2].elements as IDataObject[])[0];
			expect(button).toMatchObject({ type: 'button', text: { text: 'Review and decide' } });
			expect(tokenIn(String(button.url))).toMatchObject({ approver, level: 1, itemIndex: 0 });
		}
		// Slack mrkdwn: &, < and > escaped, so "<Corp>" cannot turn into a Slack link or mention.
		const section = (delivered[0].body.blocks as IDataObject[])[1].text as IDataObject;
		expect(section.text).toContain('Client: Acme &lt;Corp&gt; &amp; Co');
	});

	it('Slack: an approver Slack does not know is recorded as not notified; the others still are', async () => {
		const parameters = request({ channel: 'slack', approvers: 'bob@firm.test, nobody@firm.test' });
		const { output, execution, checkpoint, queued } = await runGate(parameters, { p2cApprovalGateApi: 'gate', p2cSlackApi: 'slack-bot' });
		expect(output).toEqual([[], [], []]);
		expect(standIn.to('/api/chat.postMessage').map((call) => call.body.channel)).toEqual(['U0BOB']);
		// The execution waits until the deadline, with the gate queued to run again carrying its checkpoint.
		expect(execution.waitTill?.toISOString()).toBe(checkpoint!.requests[0].levels[0].deadline);
		expect(queued.node.disabled).toBe(false);
		expect(queued.data.main[0]).toEqual([expect.objectContaining({ json: { invoice: 'INV-1042' } })]);
		expect(checkpoint!.step).toMatchObject({ executionId: '901', node: 'Approval', run: 0 });
		const request0 = checkpoint!.requests[0];
		expect(request0.links.map((link) => [link.approver, link.delivered])).toEqual([
			['bob@firm.test', true],
			['nobody@firm.test', false],
		]);
		expect(request0.trail).toContainEqual(expect.objectContaining({ event: 'notificationFailed', actor: 'nobody@firm.test', detail: expect.stringContaining('users_not_found') }));
	});

	it('Slack incoming webhook: posts each approver\'s message, addressed to them, to the hook', async () => {
		await runNode({ type: gate, parameters: request({ channel: 'slack' }), credentials: { p2cApprovalGateApi: 'gate', p2cSlackApi: 'slack-hook' } });
		const posts = standIn.to('/slack-hook');
		expect(posts).toHaveLength(2);
		expect(posts[0].headers.authorization).toBeUndefined();
		expect(JSON.stringify(posts[0].body.blocks)).toContain('For bob@firm.test');
	});

	it('fails the item, naming it, when no approver can be notified; with Continue On Fail it leaves as an error on Rejected', async () => {
		const credentials = { p2cApprovalGateApi: 'gate', p2cSlackApi: 'slack-archived' };
		await expect(runNode({ type: gate, parameters: request({ channel: 'slack' }), credentials })).rejects.toThrow(/^no approver of "Approve the Q4 retainer for Acme <Corp>" could be notified via slack: Slack: refused the message \(channel_is_archived\)/);
		const [approved, rejected, timedOut] = await runNode({ type: gate, parameters: request({ channel: 'slack' }), credentials, continueOnFail: true });
		expect(approved).toEqual([]);
		expect(timedOut).toEqual([]);
		expect(rejected[0].json).toMatchObject({ error: expect.stringContaining('channel_is_archived'), approval: { status: 'error', decidedBy: 'error' } });
	});

	it('Microsoft Teams: an Adaptive Card with the request facts and an Open URL action per approver', async () => {
		await runNode({ type: gate, parameters: request({ channel: 'teams' }), credentials: { p2cApprovalGateApi: 'gate', p2cMicrosoftTeamsWebhookApi: 'teams' } });
		const posts = standIn.to('/teams-workflow');
		expect(posts).toHaveLength(2);
		const card = ((posts[1].body.attachments as IDataObject[])[0] as IDataObject);
		expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
		const content = card.content as IDataObject;
		expect((content.body as IDataObject[])[2]).toMatchObject({ type: 'FactSet', facts: expect.arrayContaining([{ title: 'Amount', value: '18000.00 EUR' }]) });
		const action = (content.actions as IDataObject[])[0];
		expect(action.type).toBe('Action.OpenUrl');
		expect(tokenIn(String(action.url)).approver).toBe('carol@firm.test');
	});

	it('webhook, one call per request: every link in approvalLinks, signed over the exact body', async () => {
		await runNode({ type: gate, parameters: request({ channel: 'webhook', webhookDelivery: 'perRequest' }), credentials: { p2cApprovalGateApi: 'gate', p2cApprovalWebhookApi: 'hook' } });
		const [call] = standIn.to('/hook');
		expect(standIn.to('/hook')).toHaveLength(1);
		expect(call.body).toMatchObject({ event: 'approval.requested', request: { amountText: '18000.00 EUR', amount: { amountMinor: 1_800_000, currency: 'EUR' } } });
		const links = call.body.approvalLinks as IDataObject[];
		expect(links.map((link) => link.approver)).toEqual(['bob@firm.test', 'carol@firm.test']);
		expect(links.map((link) => tokenIn(String(link.url)).approver)).toEqual(['bob@firm.test', 'carol@firm.test']);
		const [, timestamp, signature] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(call.headers['x-p2c-signature']))!;
		expect(createHmac('sha256', 'receiver-secret').update(`${timestamp}.${call.raw}`).digest('hex')).toBe(signature);
	});

	it('refuses to open a request in another currency than the policy amounts', async () => {
		const parameters = request({ channel: 'webhook', currency: 'USD', onTimeout: 'approveBelow', autoApproveBelow: 500 });
		await expect(runNode({ type: gate, parameters, credentials: { p2cApprovalGateApi: 'gate', p2cApprovalWebhookApi: 'hook' } })).rejects.toThrow(
			/Currency: the request is in USD but the policy's amounts are in EUR/,
		);
		expect(standIn.received).toEqual([]);
	});
});

describe('Approval Gate channel credentials: Test button', () => {
	it('Slack bot token: auth.test, failing on ok: false', async () => {
		expect((await testCredential('p2cSlackApi', { connection: 'botToken', botToken: BOT_TOKEN, baseUrl: `${standIn.url}/api` })).status).toBe('OK');
		expect(standIn.to('/api/auth.test')).toHaveLength(1);
	});

	it('Slack incoming webhook, Teams and the approval webhook: one test call to the URL', async () => {
		expect((await testCredential('p2cSlackApi', { connection: 'incomingWebhook', webhookUrl: `${standIn.url}/slack-hook`, baseUrl: 'https://slack.com/api' })).status).toBe('OK');
		expect((await testCredential('p2cMicrosoftTeamsWebhookApi', { webhookUrl: `${standIn.url}/teams-workflow` })).status).toBe('OK');
		expect((await testCredential('p2cApprovalWebhookApi', { url: `${standIn.url}/hook` })).status).toBe('OK');
		expect(standIn.received.map((call) => call.path)).toEqual(['/slack-hook', '/teams-workflow', '/hook']);
		expect(standIn.to('/slack-hook')[0].body).toEqual({ text: 'Project-to-Cash approval notifications are connected.' });
		expect((await testCredential('p2cApprovalWebhookApi', { url: `${standIn.url}/slack-hook-archived` })).status).toBe('Error');
	});
});

