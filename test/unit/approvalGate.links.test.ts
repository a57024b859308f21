/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import type { GateStep, LinkClaims } from '../../nodes/ApprovalGate/links';
import { approverUrl, assertUsableSecret, checkBinding, signLinkToken, verifyLinkToken } from '../../nodes/ApprovalGate/links';

const SIGNING_SECRET = 'k3y-for-unit-tests-only-0123456789abcdef';
const NOW = Date.parse('2026-11-22T09:00:00Z');
const step: GateStep = { executionId: '4711', node: 'Approve write-off', run: 0, stepId: 'step-a' };
const claims: LinkClaims = { ...step, itemIndex: 1, approver: 'bob@firm.test', level: 1, linkId: 'link-1', expiresAt: NOW + 3_600_000 };

function tamper(token: string, edit: (wire: Record<string, unknown>) => void): string {
	const [payload, mac] = token.split('.');
	const wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
	edit(wire);
	return `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${mac}`;
}

describe('approver links', () => {
	it('round-trips a genuine token with every binding intact', () => {
		const verified = verifyLinkToken(SIGNING_SECRET, signLinkToken(SIGNING_SECRET, claims), NOW);
		expect(verified).toEqual({ ok: true, claims });
		expect(checkBinding(claims, step)).toEqual({ ok: true, claims });
	});

	it('refuses a token whose claims were edited (another approver, another item)', () => {
		const token = signLinkToken(SIGNING_SECRET, claims);
		expect(verifyLinkToken(SIGNING_SECRET, tamper(token, (wire) => (wire.a = 'mallory@evil.test')), NOW)).toEqual({ ok: false, reason: 'forged' });
		expect(verifyLinkToken(SIGNING_SECRET, tamper(token, (wire) => (wire.i = 0)), NOW)).toEqual({ ok: false, reason: 'forged' });
		expect(verifyLinkToken(SIGNING_SECRET, tamper(token, (wire) => (wire.x = NOW + 10 ** 9)), NOW)).toEqual({ ok: false, reason: 'forged' });
	});

	it('refuses a token signed with another secret', () => {
		const foreign = signLinkToken('another-secret-of-another-n8n-0123456789', claims);
		expect(verifyLinkToken(SIGNING_SECRET, foreign, NOW)).toEqual({ ok: false, reason: 'forged' });
	});

	it('refuses an expired token, from the expiry instant on', () => {
		const token = signLinkToken(SIGNING_SECRET, claims);
		expect(verifyLinkToken(SIGNING_SECRET, token, claims.expiresAt - 1).ok).toBe(true);
		expect(verifyLinkToken(SIGNING_SECRET, token, claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
	});

	it('refuses a genuine token of a foreign execution or of another opening of the gate', () => {
		expect(checkBinding(claims, { ...step, executionId: '4712' })).toEqual({ ok: false, reason: 'foreignExecution' });
		expect(checkBinding(claims, { ...step, run: 1 })).toEqual({ ok: false, reason: 'foreignStep' });
		expect(checkBinding(claims, { ...step, stepId: 'step-b' })).toEqual({ ok: false, reason: 'foreignStep' });
		expect(checkBinding(claims, { ...step, node: 'Other gate' })).toEqual({ ok: false, reason: 'foreignStep' });
	});

	it('calls garbage malformed, without throwing', () => {
		for (const garbage of [undefined, '', 'abc', 'a.b.c', '!!!.???', `${'x'.repeat(5000)}.y`, 42]) {
			expect(verifyLinkToken(SIGNING_SECRET, garbage, NOW)).toEqual({ ok: false, reason: expect.stringMatching(/malformed|forged/) });
		}
		// A validly signed payload that is not a link token.
		const signedJunk = signLinkToken(SIGNING_SECRET, claims).replace(/^[^.]+/, Buffer.from('{"v":1}').toString('base64url'));
		expect(verifyLinkToken(SIGNING_SECRET, signedJunk, NOW).ok).toBe(false);
	});

	it('keeps n8n\'s own signature on the resume URL and adds the approver token', () => {
		const url = new URL(approverUrl('http://n8n.test/webhook-waiting/4711?signature=abc', 'tok.en'));
		expect(url.pathname).toBe('/webhook-waiting/4711');
		expect(url.searchParams.get('signature')).toBe('abc');
		expect(url.searchParams.get('approval')).toBe('tok.en');
	});

	it('insists on a long signing secret', () => {
		expect(() => assertUsableSecret('short')).toThrow('at least 32 characters');
		expect(assertUsableSecret(SIGNING_SECRET)).toBe(SIGNING_SECRET);
	});
});
