/**
 * What an approver's request carries, read strictly: one link token, one decision out of two,
 * one comment bounded in length. Anything ambiguous (a field sent twice, a decision in another
 * spelling) is refused rather than guessed, so what is recorded is exactly what was pressed.
 */

export const MAX_COMMENT_LENGTH = 2000;

/** A single string value; undefined when absent, 'ambiguous' when sent more than once or not as text. */
export function singleValue(value: unknown): string | undefined | 'ambiguous' {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) {
		if (value.length === 0) return undefined;
		return value.length === 1 ? singleValue(value[0]) : 'ambiguous';
	}
	return typeof value === 'string' ? value : 'ambiguous';
}

/**
 * The comment as stored: control characters other than line breaks and tabs removed, trimmed,
 * at most MAX_COMMENT_LENGTH characters (counted in code points, so no emoji is cut in half).
 */
export function boundComment(raw: string): { comment: string; truncated: boolean } {
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	const cleaned = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
	const codePoints = Array.from(cleaned);
	if (codePoints.length <= MAX_COMMENT_LENGTH) return { comment: cleaned, truncated: false };
	return { comment: codePoints.slice(0, MAX_COMMENT_LENGTH).join('').trimEnd(), truncated: true };
}

export type DecisionForm =
	| { ok: true; decision: 'approve' | 'reject'; comment: string; truncated: boolean }
	| { ok: false; problem: string };

/** The submitted form: exactly one decision, `approve` or `reject` as the page's buttons send it. */
export function readDecisionForm(body: unknown): DecisionForm {
	const fields = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
	const decision = singleValue(fields.decision);
	if (decision === 'ambiguous') return { ok: false, problem: 'the form carried more than one decision' };
	if (decision !== 'approve' && decision !== 'reject') return { ok: false, problem: 'the form carried no decision' };
	const comment = singleValue(fields.comment);
	if (comment === 'ambiguous') return { ok: false, problem: 'the form carried more than one comment' };
	return { ok: true, decision, ...boundComment(comment ?? '') };
}
