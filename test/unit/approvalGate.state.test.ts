import { approvalRecord } from '../../nodes/ApprovalGate/audit';
import type { ApprovalPolicy } from '../../nodes/ApprovalGate/policy';
import type { ApprovalRequest, NotificationNeed } from '../../nodes/ApprovalGate/state';
import { applyDeadline, openRequest, recordDecision, refuseDecision, settle } from '../../nodes/ApprovalGate/state';

const T0 = new Date('2026-11-22T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const basePolicy: ApprovalPolicy = {
	name: 'Write-off policy',
	currency: 'USD',
	groups: [
		{ name: 'Managers', members: ['bob@firm.test', 'carol@firm.test', 'dave@firm.test'], quorum: { kind: 'nOfM', required: 2 } },
		{ name: 'Directors', members: ['erin@firm.test'], quorum: { kind: 'any' } },
		{ name: 'Finance', members: ['carol@firm.test', 'frank@firm.test'], quorum: { kind: 'any' } },
	],
	firstLevel: { kind: 'byAmount', thresholds: [{ fromMinor: 0, group: 'Managers' }, { fromMinor: 1_000_000, group: 'Directors' }] },
	deadlineMs: 60 * 60_000,
	onTimeout: { kind: 'reject' },
};

function open(policy: ApprovalPolicy = basePolicy, amountMinor = 250_000, requester = 'alice@firm.test') {
	return openRequest({ itemIndex: 0, title: 'Write off INV-1042', requester, amount: { amountMinor, currency: 'USD' }, fields: [{ label: 'Client', value: 'Acme' }], policy }, T0);
}

/** Issues a link for each need, as the node does before sending. */
function issue(request: ApprovalRequest, needs: NotificationNeed[], when: Date): Map<string, string> {
	const ids = new Map<string, string>();
	for (const need of needs) {
		const linkId = `${need.approver}#${need.level}#${request.links.length}`;
		request.links.push({ linkId, approver: need.approver, level: need.level, purpose: need.purpose, issuedAt: when.toISOString(), expiresAt: at(600).toISOString(), delivered: true });
		ids.set(need.approver, linkId);
	}
	return ids;
}

function decide(request: ApprovalRequest, links: Map<string, string>, approver: string, decision: 'approve' | 'reject', when: Date, level = 1) {
	const claims = { approver, level, linkId: links.get(approver) ?? 'none' };
	const refused = refuseDecision(request, claims, when);
	if (!refused) recordDecision(request, { ...claims, decision, comment: `${decision} by ${approver}` }, when);
	return refused;
}

describe('approval request lifecycle', () => {
	it('two of three: the first approval waits, the second approves, the third link is refused', () => {
		const { request, notify } = open();
		expect(notify.map((need) => need.approver)).toEqual(['bob@firm.test', 'carol@firm.test', 'dave@firm.test']);
		const links = issue(request, notify, T0);
		expect(decide(request, links, 'bob@firm.test', 'approve', at(5))).toBeUndefined();
		expect(settle(request, at(5))).toEqual([]);
		expect(request.status).toBe('pending');
		expect(decide(request, links, 'carol@firm.test', 'approve', at(9))).toBeUndefined();
		settle(request, at(9));
		expect(request.status).toBe('approved');
		expect(decide(request, links, 'dave@firm.test', 'reject', at(10))).toBe('closed');
		const record = approvalRecord(request);
		expect(record).toMatchObject({ status: 'approved', decidedBy: 'approvers', waitedMs: 9 * 60_000, waited: '9 min 0 s' });
		expect(record.decisions).toEqual([
			expect.objectContaining({ approver: 'bob@firm.test', decision: 'approve', comment: 'approve by bob@firm.test', level: 1 }),
			expect.objectContaining({ approver: 'carol@firm.test', decision: 'approve', waitedMs: 9 * 60_000 }),
		]);
		expect((record.policy as { name: string }).name).toBe('Write-off policy');
	});

	it('records one decision per link and per approver: a replay or a second link is refused', () => {
		const { request, notify } = open();
		const links = issue(request, notify, T0);
		expect(decide(request, links, 'bob@firm.test', 'approve', at(1))).toBeUndefined();
		expect(decide(request, links, 'bob@firm.test', 'reject', at(2))).toBe('linkUsed');
		const reminder = issue(request, [{ itemIndex: 0, approver: 'bob@firm.test', level: 1, group: 'Managers', purpose: 'reminder' }], at(3));
		expect(decide(request, reminder, 'bob@firm.test', 'reject', at(4))).toBe('alreadyDecided');
		expect(request.decisions).toHaveLength(1);
	});

	it('keeps the requester out: no link for them, and a link bearing their name is refused', () => {
		const { request, notify } = open(basePolicy, 250_000, 'Carol@firm.test');
		expect(notify.map((need) => need.approver)).toEqual(['bob@firm.test', 'dave@firm.test']);
		expect(request.trail).toContainEqual(expect.objectContaining({ event: 'excluded', actor: 'carol@firm.test' }));
		request.links.push({ linkId: 'minted', approver: 'carol@firm.test', level: 1, purpose: 'request', issuedAt: T0.toISOString(), expiresAt: at(60).toISOString(), delivered: true });
		expect(refuseDecision(request, { approver: 'carol@firm.test', level: 1, linkId: 'minted' }, at(1))).toBe('ownRequest');
	});

	it('refuses links it never issued and decisions after the deadline', () => {
		const { request, notify } = open();
		const links = issue(request, notify, T0);
		expect(refuseDecision(request, { approver: 'bob@firm.test', level: 1, linkId: 'made-up' }, at(1))).toBe('unknownLink');
		expect(refuseDecision(request, { approver: 'bob@firm.test', level: 2, linkId: links.get('bob@firm.test')! }, at(1))).toBe('unknownLink');
		expect(decide(request, links, 'bob@firm.test', 'approve', at(60))).toBe('deadlinePassed');
	});

	it('opens the second level after the first approves, without the first-level approvers', () => {
		const policy: ApprovalPolicy = { ...basePolicy, secondLevel: { group: 'Finance', fromMinor: 100_000 } };
		const { request, notify } = open(policy);
		const links = issue(request, notify, T0);
		decide(request, links, 'bob@firm.test', 'approve', at(1));
		decide(request, links, 'carol@firm.test', 'approve', at(2));
		const second = settle(request, at(2));
		expect(request.status).toBe('pending');
		expect(second).toEqual([{ itemIndex: 0, approver: 'frank@firm.test', level: 2, group: 'Finance', purpose: 'request' }]);
		expect(decide(request, links, 'dave@firm.test', 'approve', at(3))).toBe('staleLevel');
		const secondLinks = issue(request, second, at(2));
		decide(request, secondLinks, 'frank@firm.test', 'reject', at(30), 2);
		settle(request, at(30));
		expect(request).toMatchObject({ status: 'rejected', reason: 'rejected at level 2' });
	});

	it('a rejection by the first level closes the request without a second level', () => {
		const policy: ApprovalPolicy = { ...basePolicy, secondLevel: { group: 'Finance', fromMinor: 0 } };
		const { request, notify } = open(policy);
		const links = issue(request, notify, T0);
		decide(request, links, 'bob@firm.test', 'reject', at(1));
		decide(request, links, 'dave@firm.test', 'reject', at(2));
		expect(settle(request, at(2))).toEqual([]);
		expect(request.status).toBe('rejected');
		expect(request.levels).toHaveLength(1);
	});
});

describe('approval deadlines', () => {
	it('does nothing before the deadline, then rejects on time-out', () => {
		const { request } = open();
		expect(applyDeadline(request, at(59))).toEqual([]);
		expect(request.status).toBe('pending');
		applyDeadline(request, at(60));
		expect(request).toMatchObject({ status: 'timedOut', closedBy: 'policy' });
		expect(approvalRecord(request).waited).toBe('1 h 0 min');
	});

	it('reminds whoever has not decided, escalates to the next group, and times out when none is left', () => {
		const policy: ApprovalPolicy = { ...basePolicy, onTimeout: { kind: 'escalate', path: [] } };
		const { request, notify } = open(policy);
		const links = issue(request, notify, T0);
		decide(request, links, 'bob@firm.test', 'approve', at(10));
		settle(request, at(10));
		const escalation = applyDeadline(request, at(61));
		expect(escalation).toEqual([
			{ itemIndex: 0, approver: 'carol@firm.test', level: 1, group: 'Managers', purpose: 'reminder' },
			{ itemIndex: 0, approver: 'dave@firm.test', level: 1, group: 'Managers', purpose: 'reminder' },
			{ itemIndex: 0, approver: 'erin@firm.test', level: 1, group: 'Directors', purpose: 'escalation' },
		]);
		expect(request.levels[0].deadline).toBe(at(121).toISOString());
		const escalated = issue(request, escalation, at(61));
		expect(decide(request, escalated, 'erin@firm.test', 'approve', at(70))).toBeUndefined();
		settle(request, at(70));
		expect(request.status).toBe('approved');
		expect(request.trail.map((entry) => entry.event)).toContain('escalated');
	});

	it('times out after the last escalation group also missed its deadline', () => {
		const policy: ApprovalPolicy = { ...basePolicy, onTimeout: { kind: 'escalate', path: ['Directors'] } };
		const { request } = open(policy);
		expect(applyDeadline(request, at(60)).some((need) => need.group === 'Directors')).toBe(true);
		expect(applyDeadline(request, at(120))).toEqual([]);
		expect(request).toMatchObject({ status: 'timedOut', reason: expect.stringContaining('every escalation group') });
	});

	it('auto-approves below the limit on time-out and times out above it', () => {
		const policy: ApprovalPolicy = { ...basePolicy, onTimeout: { kind: 'approveBelow', limitMinor: 50_000 } };
		const small = open(policy, 49_999).request;
		applyDeadline(small, at(60));
		expect(small).toMatchObject({ status: 'approved', closedBy: 'policy' });
		expect(small.trail.at(-1)?.event).toBe('autoApproved');
		const large = open(policy, 50_000).request;
		applyDeadline(large, at(60));
		expect(large.status).toBe('timedOut');
	});
});
