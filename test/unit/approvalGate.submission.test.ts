import { ResumeClaims } from '../../nodes/ApprovalGate/claims';
import { busyPage, recordedPage } from '../../nodes/ApprovalGate/page';
import type { ApprovalRequest } from '../../nodes/ApprovalGate/state';
import { boundComment, MAX_COMMENT_LENGTH, readDecisionForm, singleValue } from '../../nodes/ApprovalGate/submission';

describe('reading an approver submission', () => {
	it('takes exactly one decision as the buttons send it', () => {
		expect(readDecisionForm({ decision: 'approve', comment: ' ok ' })).toEqual({ ok: true, decision: 'approve', comment: 'ok', truncated: false });
		expect(readDecisionForm({ decision: ['reject'] })).toEqual({ ok: true, decision: 'reject', comment: '', truncated: false });
	});

	it.each([
		['another spelling', { decision: 'APPROVE' }],
		['trailing space', { decision: 'approve ' }],
		['an unknown value', { decision: 'approved' }],
		['no decision', { comment: 'hi' }],
		['both decisions', { decision: ['approve', 'reject'] }],
		['the same decision twice', { decision: ['approve', 'approve'] }],
		['a decision that is not text', { decision: { approve: true } }],
		['two comments', { decision: 'approve', comment: ['a', 'b'] }],
		['no body', undefined],
		['a body that is a list', ['approve']],
	])('refuses %s', (_case, body) => {
		expect(readDecisionForm(body).ok).toBe(false);
	});

	it('knows a single value from an ambiguous one', () => {
		expect(singleValue(undefined)).toBeUndefined();
		expect(singleValue([])).toBeUndefined();
		expect(singleValue(['a'])).toBe('a');
		expect(singleValue(['a', 'b'])).toBe('ambiguous');
		expect(singleValue(42)).toBe('ambiguous');
	});
});

describe('bounding a comment', () => {
	it('keeps line breaks, drops other control characters, trims', () => {
		expect(boundComment('  line one\r\nline two\u0000\u0007\ttabbed  ')).toEqual({ comment: 'line one\nline two\ttabbed', truncated: false });
	});

	it(`cuts at ${MAX_COMMENT_LENGTH} characters without splitting an emoji`, () => {
		const long = `${'a'.repeat(MAX_COMMENT_LENGTH - 1)}😀😀tail`;
		const bounded = boundComment(long);
		expect(bounded.truncated).toBe(true);
		expect(Array.from(bounded.comment)).toHaveLength(MAX_COMMENT_LENGTH);
		expect(bounded.comment.endsWith('a😀')).toBe(true);
		expect(boundComment('x'.repeat(MAX_COMMENT_LENGTH))).toEqual({ comment: 'x'.repeat(MAX_COMMENT_LENGTH), truncated: false });
	});
});

describe('pages that repeat what the approver sent', () => {
	const request = { title: 'Write-off <INV-1>', amount: { amountMinor: 12_500, currency: 'USD' } } as ApprovalRequest;

	it('escape the comment on the recorded page and say when it was shortened', () => {
		const html = recordedPage(request, 'approve', 'bob@firm.test', '<script>alert(1)</script>', true);
		expect(html).not.toContain('<script>alert');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain(`shortened to ${MAX_COMMENT_LENGTH} characters`);
		expect(html).toContain('Write-off &lt;INV-1&gt;');
	});

	it('the "send it again" page carries the same decision and the escaped comment in its form', () => {
		const page = busyPage(request, 'reject', '"><img src=x onerror=alert(1)>');
		expect(page.status).toBe(409);
		expect(page.html).toContain('<input type="hidden" name="decision" value="reject">');
		expect(page.html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
		expect(page.html).not.toContain('<img');
	});
});

describe('which checkpoint revision may still resume a waiting execution', () => {
	it('lets one submit per revision resume; the others of that revision are turned away', () => {
		const claims = new ResumeClaims();
		expect(claims.claim('41', 1)).toBe(true);
		expect(claims.claim('41', 1)).toBe(false);
		expect(claims.claim('42', 1)).toBe(true);
		// A newer revision (the gate waits again after the decision) is open again.
		expect(claims.claim('41', 3)).toBe(true);
		// A stale copy loaded before that resume never stores over it.
		expect(claims.claim('41', 2)).toBe(false);
	});

	it('a revision the gate itself ran from (a deadline, another process) cannot be used by a stale submit', () => {
		const claims = new ResumeClaims();
		claims.markUsed('7', 4);
		expect(claims.claim('7', 4)).toBe(false);
		expect(claims.claim('7', 5)).toBe(true);
	});

	it('a claim whose resume n8n refused is released, unless the gate ran from that revision meanwhile', () => {
		const claims = new ResumeClaims();
		expect(claims.claim('9', 2)).toBe(true);
		claims.release('9', 2);
		expect(claims.claim('9', 2)).toBe(true);
		claims.markUsed('9', 2);
		claims.release('9', 2);
		expect(claims.claim('9', 2)).toBe(false);
	});

	it('forgets the oldest executions beyond its capacity', () => {
		const claims = new ResumeClaims(2);
		claims.claim('a', 1);
		claims.claim('b', 1);
		claims.claim('c', 1);
		expect(claims.claim('a', 1)).toBe(true);
		expect(claims.claim('c', 1)).toBe(false);
	});
});
