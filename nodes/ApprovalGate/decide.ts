import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { assertUsableSecret, checkBinding, LINK_QUERY_PARAMETER, verifyLinkToken } from './links';
import type { PageRefusal } from './page';
import { decisionPage, PAGE_HEADERS, recordedPage, refusal } from './page';
import { waitingGate } from './resume';
import type { ApprovalRequest } from './state';
import { currentLevel, recordDecision, refuseDecision } from './state';

export const GATE_CREDENTIAL = 'p2cApprovalGateApi';

/**
 * What happens when an approver's link is opened (GET) or the page's form is submitted (POST).
 * A GET only renders; a refusal answers with a page and leaves the execution waiting, untouched.
 * Only an accepted POST returns `workflowData`, which makes n8n resume the execution.
 */

type ExpressResponse = { status(code: number): ExpressResponse; setHeader(name: string, value: string): void; send(body: string): void };

function applyHeaders(response: ExpressResponse): void {
	for (const [name, value] of Object.entries(PAGE_HEADERS)) response.setHeader(name, value);
}

function answer(context: IWebhookFunctions, status: number, html: string): IWebhookResponseData {
	const response = context.getResponseObject() as unknown as ExpressResponse;
	applyHeaders(response);
	response.status(status).send(html);
	return { noWebhookResponse: true };
}

function refuse(context: IWebhookFunctions, reason: PageRefusal, detail?: string): IWebhookResponseData {
	const page = refusal(reason, detail);
	return answer(context, page.status, page.html);
}

function firstString(value: unknown): string | undefined {
	if (Array.isArray(value)) return firstString(value[0]);
	return typeof value === 'string' ? value : undefined;
}

function earlierDecision(request: ApprovalRequest, approver: string, level: number): string | undefined {
	const decision = request.decisions.find((candidate) => candidate.approver === approver && candidate.level === level);
	return decision ? `Recorded: ${decision.decision} at ${decision.at}.` : undefined;
}

function progress(request: ApprovalRequest): string {
	const level = currentLevel(request);
	if (!level) return '';
	const approvals = request.decisions.filter((decision) => decision.level === level.level && decision.decision === 'approve').length;
	const needed = Math.min(...level.groups.map((group) => group.required));
	return `${approvals} approval(s) recorded at this level, ${needed} needed`;
}

export async function handleApproverRequest(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	let secret: string;
	try {
		secret = assertUsableSecret((await this.getCredentials(GATE_CREDENTIAL)).signingSecret);
	} catch (error) {
		return refuse(this, 'misconfigured', (error as Error).message);
	}
	const now = new Date();
	const verified = verifyLinkToken(secret, firstString(request.query?.[LINK_QUERY_PARAMETER]), now.getTime());
	if (!verified.ok) return refuse(this, verified.reason);
	const gate = waitingGate(this, this.getNode().name);
	if (!gate) return refuse(this, 'notWaiting');
	const bound = checkBinding(verified.claims, gate.checkpoint.step);
	if (!bound.ok) return refuse(this, bound.reason);
	const claims = bound.claims;
	const approvalRequest = gate.checkpoint.requests.find((candidate) => candidate.itemIndex === claims.itemIndex);
	if (!approvalRequest) return refuse(this, 'foreignStep');
	const refused = refuseDecision(approvalRequest, claims, now);
	if (refused) {
		const detail = refused === 'closed' ? `Outcome: ${approvalRequest.status}.` : earlierDecision(approvalRequest, claims.approver, claims.level);
		return refuse(this, refused, detail);
	}
	const level = currentLevel(approvalRequest)!;
	if (request.method !== 'POST') {
		const group = level.groups.find((candidate) => candidate.eligible.includes(claims.approver))?.name ?? '';
		return answer(this, 200, decisionPage({ request: approvalRequest, approver: claims.approver, level: level.level, group, deadline: level.deadline, progress: progress(approvalRequest) }));
	}
	const body = (this.getBodyData() ?? {}) as IDataObject;
	const decision = firstString(body.decision);
	if (decision !== 'approve' && decision !== 'reject') return refuse(this, 'badRequest');
	const comment = (firstString(body.comment) ?? '').trim().slice(0, 2000);
	recordDecision(approvalRequest, { approver: claims.approver, level: claims.level, decision, comment, linkId: claims.linkId }, now);
	gate.save(gate.checkpoint);
	applyHeaders(this.getResponseObject() as unknown as ExpressResponse);
	// n8n sends this page only once it has stored the resumed execution; a losing concurrent submit gets n8n's error instead.
	return { webhookResponse: recordedPage(approvalRequest, decision, claims.approver), workflowData: [[]] };
}
