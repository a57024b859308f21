import { formatAmount } from './audit';
import type { LinkRefusal } from './links';
import type { ApprovalRequest, DecisionRefusal } from './state';
import { MAX_COMMENT_LENGTH } from './submission';

/**
 * The pages an approver sees. Opening a link only shows the request; only the form's POST
 * records a decision, so a mail scanner that pre-fetches links decides nothing. Every piece
 * of user data is escaped; the pages load nothing and run no script.
 */

export function escapeHtml(value: unknown): string {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;')
		.replace(/`/g, '&#96;');
}

/** Headers for every gate page: no caching, no framing, no referrer (the URL is a bearer secret). */
export const PAGE_HEADERS: Record<string, string> = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'X-Robots-Tag': 'noindex, nofollow',
};

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;padding:32px 16px}
main{max-width:640px;margin:0 auto;background:#fff;border-radius:8px;padding:28px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:0 0 4px}.muted{color:#5d6577;font-size:.9rem}.amount{font-size:1.6rem;font-weight:600;margin:18px 0}
table{border-collapse:collapse;width:100%;margin:12px 0}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e6eb;vertical-align:top}th{width:38%;color:#5d6577;font-weight:500}
textarea{width:100%;box-sizing:border-box;min-height:90px;font:inherit;padding:8px;margin:6px 0 14px}
button{font:inherit;font-weight:600;border:0;border-radius:6px;padding:10px 22px;margin-right:10px;cursor:pointer;color:#fff}
.approve{background:#1f7a3f}.reject{background:#b42318}.notice{border-left:4px solid #b42318;padding:8px 12px;background:#fdf2f1}
blockquote{margin:8px 0;padding:8px 12px;border-left:3px solid #c9ced8;white-space:pre-wrap;overflow-wrap:anywhere}`;

function layout(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface DecisionPageInput {
	request: ApprovalRequest;
	approver: string;
	level: number;
	group: string;
	deadline: string;
	/** e.g. "1 of 2 approvals recorded" */
	progress: string;
}

export function decisionPage(input: DecisionPageInput): string {
	const { request } = input;
	const rows = request.fields.map((field) => `<tr><th>${escapeHtml(field.label)}</th><td>${escapeHtml(field.value)}</td></tr>`).join('');
	const body = `<h1>${escapeHtml(request.title)}</h1>
<p class="muted">Requested by ${escapeHtml(request.requester || 'an unnamed requester')} · policy ${escapeHtml(request.policy.name)} · level ${input.level} (${escapeHtml(input.group)})</p>
<p class="amount">${escapeHtml(formatAmount(request.amount.amountMinor, request.amount.currency))}</p>
${rows ? `<table>${rows}</table>` : ''}
<p class="muted">You decide as <strong>${escapeHtml(input.approver)}</strong>. ${escapeHtml(input.progress)}. Decide before ${escapeHtml(input.deadline)}.</p>
<form method="post" action="">
<label for="comment">Comment (optional)</label>
<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}"></textarea>
<button class="approve" type="submit" name="decision" value="approve">Approve</button>
<button class="reject" type="submit" name="decision" value="reject">Reject</button>
</form>`;
	return layout(`Approval: ${request.title}`, body);
}

function commentBlock(comment: string, truncated: boolean): string {
	if (comment === '') return '';
	const note = truncated ? ` (shortened to ${MAX_COMMENT_LENGTH} characters)` : '';
	return `<p class="muted">Your comment${note}:</p><blockquote>${escapeHtml(comment)}</blockquote>`;
}

export function recordedPage(request: ApprovalRequest, decision: 'approve' | 'reject', approver: string, comment = '', truncated = false): string {
	const verb = decision === 'approve' ? 'approval' : 'rejection';
	return layout('Decision recorded', `<h1>Your ${verb} was recorded</h1>
<p>${escapeHtml(request.title)} · ${escapeHtml(formatAmount(request.amount.amountMinor, request.amount.currency))}</p>
${commentBlock(comment, truncated)}
<p class="muted">Recorded for ${escapeHtml(approver)}. This link cannot be used again; you can close this page.</p>`);
}

/**
 * Another decision on the same request was being recorded at the same moment, so this one was
 * not (see claims.ts). The page sends the same decision and comment again with one click.
 */
export function busyPage(request: ApprovalRequest, decision: 'approve' | 'reject', comment: string): { status: number; html: string } {
	const verb = decision === 'approve' ? 'Approve' : 'Reject';
	const body = `<h1>Your decision was not recorded yet</h1>
<p class="notice">Another decision on ${escapeHtml(request.title)} was being recorded at the same moment. Nothing of yours was recorded: send it again in a few seconds.</p>
<form method="post" action="">
<input type="hidden" name="decision" value="${escapeHtml(decision)}">
<input type="hidden" name="comment" value="${escapeHtml(comment)}">
<button class="${decision}" type="submit">${verb} again</button>
</form>`;
	return { status: 409, html: layout('Send your decision again', body) };
}

export type PageRefusal = LinkRefusal | DecisionRefusal | 'notWaiting' | 'badRequest' | 'misconfigured';

const REFUSALS: Record<PageRefusal, { status: number; title: string; text: string }> = {
	malformed: { status: 400, title: 'This approval link is not valid', text: 'The link is incomplete or damaged. Open it again from the original message.' },
	forged: { status: 403, title: 'This approval link is not valid', text: 'The link was not issued by this approval gate. Nothing was recorded.' },
	expired: { status: 410, title: 'This approval link has expired', text: 'Links are valid for a limited time. Ask for a new one if the request is still open. Nothing was recorded.' },
	foreignExecution: { status: 403, title: 'This link belongs to another request', text: 'The link was issued for a different approval request. Nothing was recorded.' },
	foreignStep: { status: 403, title: 'This link belongs to another request', text: 'The link was issued for another step of this workflow. Nothing was recorded.' },
	closed: { status: 409, title: 'This request is already closed', text: 'A decision has already been reached for this request. Nothing was recorded.' },
	ownRequest: { status: 403, title: 'You cannot decide your own request', text: 'Segregation of duties: the requester of a request never counts as its approver. Nothing was recorded.' },
	unknownLink: { status: 403, title: 'This link does not entitle you to decide', text: 'The link was not issued to an approver of this request. Nothing was recorded.' },
	notEligible: { status: 403, title: 'This link does not entitle you to decide', text: 'You are not an approver of the current level of this request. Nothing was recorded.' },
	staleLevel: { status: 409, title: 'This link was for another approval level', text: 'The request has moved on to another level. Nothing was recorded.' },
	linkUsed: { status: 409, title: 'Your decision is already recorded', text: 'Each link records one decision. Nothing else was recorded.' },
	alreadyDecided: { status: 409, title: 'Your decision is already recorded', text: 'You have already decided this request at this level. Nothing else was recorded.' },
	deadlinePassed: { status: 410, title: 'The deadline for this decision has passed', text: 'The approval policy now decides what happens to this request. Nothing was recorded.' },
	notWaiting: { status: 404, title: 'This approval is not waiting for a decision', text: 'The workflow is not waiting at this approval step. Nothing was recorded.' },
	badRequest: { status: 400, title: 'Choose Approve or Reject', text: 'The form arrived without a decision. Go back and press one of the buttons. Nothing was recorded.' },
	misconfigured: { status: 500, title: 'This approval gate is not configured correctly', text: 'Tell the owner of the workflow: the gate could not read its signing credential. Nothing was recorded.' },
};

export function refusal(reason: PageRefusal, detail?: string): { status: number; html: string } {
	const { status, title, text } = REFUSALS[reason];
	const extra = detail ? `<p class="muted">${escapeHtml(detail)}</p>` : '';
	return { status, html: layout(title, `<h1>${escapeHtml(title)}</h1><p class="notice">${escapeHtml(text)}</p>${extra}`) };
}
