import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { ResumeClaims } from './claims';
import { assertUsableSecret, checkBinding, LINK_QUERY_PARAMETER, verifyLinkToken } from './links';
import type { PageRefusal } from './page';
import { busyPage, decisionPage, PAGE_HEADERS, recordedPage, refusal } from './page';
import { checkpointRevision, waitingGate } from './resume';
import type { ApprovalRequest } from './state';
import { currentLevel, recordDecision, refuseDecision } from './state';
import { readDecisionForm, singleValue } from './submission';

export const GATE_CREDENTIAL = 'p2cApprovalGateApi';

/** Revisions of waiting checkpoints already used to resume, in this n8n process (see claims.ts). */
export const resumeClaims = new ResumeClaims();

/**
 * What happens when an approver's link is opened (GET) or the page's form is submitted (POST).
 * A GET only renders; a refusal answers with a page and leaves the execution waiting, untouched.
 * Only an accepted POST returns `workflowData`, which makes n8n resume the execution.
 */

type ExpressResponse = {
	status(code: number): ExpressResponse;
	setHeader(name: string, value: string): void;
	send(body: string): void;
	once(event: 'close', listener: () => void): void;
	statusCode: number;
};

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
	const token = singleValue(request.query?.[LINK_QUERY_PARAMETER]);
	const verified = verifyLinkToken(secret, token === 'ambiguous' ? undefined : token, now.getTime());
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
	const form = readDecisionForm(this.getBodyData());
	if (!form.ok) return refuse(this, 'badRequest', `Refused: ${form.problem}.`);
	// Of submits that loaded the same waiting checkpoint, one resumes; the others are asked to send again.
	const executionId = gate.checkpoint.step.executionId;
	const revision = checkpointRevision(gate.checkpoint);
	if (!resumeClaims.claim(executionId, revision)) {
		const page = busyPage(approvalRequest, form.decision, form.comment);
		const response = this.getResponseObject() as unknown as ExpressResponse;
		response.setHeader('Retry-After', '3');
		return answer(this, page.status, page.html);
	}
	recordDecision(approvalRequest, { approver: claims.approver, level: claims.level, decision: form.decision, comment: form.comment, linkId: claims.linkId }, now);
	gate.save({ ...gate.checkpoint, revision: revision + 1 });
	const response = this.getResponseObject() as unknown as ExpressResponse;
	applyHeaders(response);
	// n8n sends the page below only once it has stored the resumed execution; when it could not (another
	// resume won), the approver gets n8n's error, nothing was recorded and this revision is current again.
	response.once('close', () => {
		if (response.statusCode !== 200) resumeClaims.release(executionId, revision);
	});
	return { webhookResponse: recordedPage(approvalRequest, form.decision, claims.approver, form.comment, form.truncated), workflowData: [[]] };
}
