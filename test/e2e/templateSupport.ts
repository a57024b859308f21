/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * Helpers for running the workflow templates in a real n8n against the sandbox: load a template,
 * give it the sandbox credentials (by id) and policy values, switch its systems the way a firm
 * would (the system, its authentication, the credential: nothing else), run it, decide the
 * Approval Gate through the links it sent, and read what the nodes output.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { systemsOf, type Category } from '../../nodes/vendors';
import { sandboxCredentials, type N8nCredentialRecord } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import type { InboxMessage } from '../../sandbox/vendors/inbox';
import type { ExecutionResult, N8nInstance } from './n8n';
import { E2E_ENCRYPTION_KEY, freePort, N8N_BIN, NODE24_BIN, PROJECT_ROOT } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObject = Record<string, any>;

export const PACKAGE = 'n8n-nodes-project-to-cash';
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function loadTemplate(file: string): AnyObject {
	return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'templates', file), 'utf8')) as AnyObject;
}

/** Points every credential reference at the sandbox record of its type (by id), as a user picking them would. */
export function withCredentials(workflow: AnyObject, credentials: N8nCredentialRecord[]): AnyObject {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes as AnyObject[]) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const record = credentials.find((candidate) => candidate.type === type);
			if (!record) throw new Error(`no sandbox credential of type ${type} for node ${node.name}`);
			node.credentials[type] = { id: record.id, name: record.name };
		}
	}
	return copy;
}

/** Sets values of the template's policy (a Set node's assignments), e.g. where notices go. */
export function withPolicy(workflow: AnyObject, nodeName: string, values: Record<string, unknown>): AnyObject {
	const copy = structuredClone(workflow);
	const node = (copy.nodes as AnyObject[]).find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`no node ${nodeName}`);
	for (const [name, value] of Object.entries(values)) {
		const assignment = (node.parameters.assignments.assignments as AnyObject[]).find((candidate) => candidate.name === name);
		if (!assignment) throw new Error(`${nodeName} has no value ${name}`);
		assignment.value = value;
	}
	return copy;
}

const SWITCHES = {
	crm: { from: 'hubspot', to: 'salesforce' },
	erp: { from: 'xero', to: 'businessCentral' },
} as const;

/**
 * Switches every node of a category (the node and its trigger) to a registered system, the way a
 * firm would: the `system` parameter, its authentication parameter and the credential change;
 * nothing else does. The credential is the system's sandbox record (a non-OAuth2 one when it has one).
 */
export function switchTo(workflow: AnyObject, category: Category, systemKey: string, credentials: N8nCredentialRecord[]): AnyObject {
	const system = systemsOf(category).find((candidate) => candidate.key === systemKey);
	if (!system) throw new Error(`no ${category} system ${systemKey} is registered`);
	const usable = system.credentials.filter((credential) => credentials.some((record) => record.type === credential.credentialType));
	const credential = usable.find((candidate) => !credentials.find((record) => record.type === candidate.credentialType)!.data.oauthTokenData) ?? usable[0];
	if (!credential) throw new Error(`the sandbox has no credential record for ${system.displayName}`);
	const record = credentials.find((candidate) => candidate.type === credential.credentialType)!;
	const copy = structuredClone(workflow);
	for (const node of copy.nodes as AnyObject[]) {
		if (node.type !== `${PACKAGE}.${category}` && node.type !== `${PACKAGE}.${category}Trigger`) continue;
		delete node.parameters[`${node.parameters.system}Authentication`];
		node.parameters.system = system.key;
		node.parameters[`${system.key}Authentication`] = credential.authentication;
		node.credentials = { [credential.credentialType]: { id: record.id, name: record.name } };
	}
	return copy;
}

/** The systems of a category other than the one a template ships with: each gets its own end-to-end run. */
export function otherSystems(workflow: AnyObject, category: Category): string[] {
	const shipped = (workflow.nodes as AnyObject[]).find((node) => node.type === `${PACKAGE}.${category}`)?.parameters.system;
	return systemsOf(category).map((system) => system.key).filter((key) => key !== shipped);
}

/**
 * Swaps HubSpot for Salesforce and/or Xero for Business Central: on every node of that category,
 * the `system` parameter, its authentication parameter and the credential change; nothing else does.
 */
export function switchSystems(workflow: AnyObject, which: Array<keyof typeof SWITCHES>, credentials: N8nCredentialRecord[]): AnyObject {
	let switched = workflow;
	for (const key of which) {
		const change = SWITCHES[key];
		for (const node of switched.nodes as AnyObject[]) {
			if (node.type.startsWith(`${PACKAGE}.${key}`) && node.parameters.system !== change.from) throw new Error(`${node.name} does not use ${change.from}`);
		}
		switched = switchTo(switched, key, change.to, credentials);
	}
	return switched;
}

/** Items a node output in the execution (all runs), as JSON. */
export function nodeItems(execution: ExecutionResult, nodeName: string, output = 0): AnyObject[] {
	const runs = (execution.data?.resultData?.runData?.[nodeName] ?? []) as AnyObject[];
	return runs.flatMap((run) => (run.data?.main?.[output] ?? []).map((item: AnyObject) => item.json as AnyObject));
}

export function nodeError(execution: ExecutionResult): string | undefined {
	const error = execution.data?.resultData?.error as AnyObject | undefined;
	return error ? `${error.node?.name ?? ''}: ${error.message} ${error.description ?? ''}` : undefined;
}

export function inbox(sandbox: Sandbox, channel?: string): InboxMessage[] {
	const messages = (sandbox.vendors.get('inbox')!.state().messages ?? []) as InboxMessage[];
	return messages.filter((message) => !channel || message.channel === channel);
}

/** Approval links the gate sent for one execution, one per approver and request. */
export function approvalLinks(sandbox: Sandbox, executionId: string): Array<{ title: string; approver: string; link: string }> {
	return inbox(sandbox, 'approvals')
		.map((message) => message.body as AnyObject)
		.filter((body) => body.gate?.executionId === executionId)
		.map((body) => ({ title: String(body.request?.title ?? ''), approver: String(body.approver ?? ''), link: String(body.link ?? '') }));
}

/** Submits an approver's decision the way the decision page's form does. */
export async function decide(link: string, decision: 'approve' | 'reject', comment = ''): Promise<number> {
	const response = await fetch(link, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		body: new URLSearchParams({ decision, comment }).toString(),
	});
	await response.text();
	return response.status;
}

const isFinal = (execution: ExecutionResult) => execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status);

/**
 * Runs a workflow from its manual trigger. While it waits at an Approval Gate, every request is
 * decided by `decision(title)` through the link the gate sent; returns the finished execution.
 */
export async function runToEnd(
	n8n: N8nInstance,
	sandbox: Sandbox,
	workflowId: string,
	decision: (title: string) => 'approve' | 'reject' = () => 'approve',
	timeoutMs = 240_000,
): Promise<{ execution: ExecutionResult; decided: string[] }> {
	let execution = await n8n.runWorkflow(workflowId, timeoutMs);
	const decided: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (!isFinal(execution)) {
		if (Date.now() > deadline) throw new Error(`execution ${execution.id} did not finish; status ${execution.status}`);
		if (execution.status === 'waiting') {
			for (const request of approvalLinks(sandbox, execution.id).filter((candidate) => !decided.includes(candidate.link))) {
				const status = await decide(request.link, decision(request.title), 'decided by the end-to-end test');
				if (status !== 200) throw new Error(`deciding "${request.title}" answered ${status}`);
				decided.push(request.link);
			}
		}
		await sleep(500);
		execution = await n8n.getExecution(execution.id);
	}
	return { execution, decided: approvalLinks(sandbox, execution.id).filter((request) => decided.includes(request.link)).map((request) => request.title) };
}

/**
 * Like runToEnd, for a run with several Approval Gate requests: decides one request at a time,
 * as approvers do, each after the execution waits again. A decision the gate answers 409 ("another
 * decision was being recorded at the same moment", its busy page) is sent again, as the page asks.
 */
export async function runToEndDecidingInTurn(
	n8n: N8nInstance,
	sandbox: Sandbox,
	workflowId: string,
	decision: (title: string) => 'approve' | 'reject' = () => 'approve',
	timeoutMs = 240_000,
): Promise<{ execution: ExecutionResult; decided: string[] }> {
	let execution = await n8n.runWorkflow(workflowId, timeoutMs);
	const decided: string[] = [];
	const deadline = Date.now() + timeoutMs;
	while (!isFinal(execution)) {
		if (Date.now() > deadline) throw new Error(`execution ${execution.id} did not finish; status ${execution.status}`);
		const next = execution.status === 'waiting' ? approvalLinks(sandbox, execution.id).find((candidate) => !decided.includes(candidate.link)) : undefined;
		if (next) {
			const status = await decide(next.link, decision(next.title), 'decided by the end-to-end test');
			if (status === 200) decided.push(next.link);
			else if (status !== 409) throw new Error(`deciding "${next.title}" answered ${status}`);
		}
		await sleep(500);
		execution = await n8n.getExecution(execution.id);
	}
	return { execution, decided: approvalLinks(sandbox, execution.id).filter((request) => decided.includes(request.link)).map((request) => request.title) };
}

/** `n8n import:workflow --input=<file>` against the instance's database, as an administrator would. */
export async function importWorkflowWithCli(n8n: N8nInstance, file: string): Promise<string> {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: n8n.userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		// As the instance runs (jest sets NODE_ENV=test, which points n8n at another database).
		NODE_ENV: 'production',
	};
	delete env.NODE_OPTIONS;
	const child = spawn(NODE24_BIN, [N8N_BIN, 'import:workflow', `--input=${file}`], { cwd: n8n.userFolder, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`n8n import:workflow exited with ${code}:\n${output}`);
	return output;
}

export { sandboxCredentials };

/** Integer cents of a decimal amount such as 123.45 (hours x rate checks stay in integers). */
export const cents = (value: number | string): number => Math.round(Number(value) * 100);
/** hours x rate to the cent, as an invoice line must be: hundredths of an hour times cents, rounded once. */
export const lineCents = (hours: number, rate: number | string): number => Math.round((Math.round(hours * 100) * cents(rate)) / 100);
