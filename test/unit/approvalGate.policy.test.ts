import type { ApprovalPolicy, ApproverGroup, SeatedGroup } from '../../nodes/ApprovalGate/policy';
import {
	escalationPath,
	firstLevelGroup,
	groupOutcome,
	levelOutcome,
	needsSecondLevel,
	parseIdentities,
	PolicyError,
	resolveTimeout,
	seatGroup,
} from '../../nodes/ApprovalGate/policy';

const managers: ApproverGroup = { name: 'Managers', members: ['Bob@Firm.test', 'carol@firm.test', 'dave@firm.test'], quorum: { kind: 'nOfM', required: 2 } };
const directors: ApproverGroup = { name: 'Directors', members: ['erin@firm.test', 'frank@firm.test'], quorum: { kind: 'any' } };
const cfo: ApproverGroup = { name: 'CFO', members: ['grace@firm.test'], quorum: { kind: 'all' } };

function policy(overrides: Partial<ApprovalPolicy> = {}): ApprovalPolicy {
	return {
		name: 'Spend policy 2026',
		currency: 'EUR',
		groups: [managers, directors, cfo],
		firstLevel: {
			kind: 'byAmount',
			thresholds: [
				{ fromMinor: 0, group: 'Managers' },
				{ fromMinor: 500_000, group: 'Directors' },
				{ fromMinor: 5_000_000, group: 'CFO' },
			],
		},
		deadlineMs: 86_400_000,
		onTimeout: { kind: 'reject' },
		...overrides,
	};
}

function seated(group: ApproverGroup, requester = '', earlier: string[] = []): SeatedGroup {
	const result = seatGroup(group, requester, earlier);
	if (!result.ok) throw new Error(result.problem);
	return result.group;
}

describe('approval policy: routing by amount', () => {
	it('sends a request to the group of the highest threshold its amount reaches', () => {
		expect(firstLevelGroup(policy(), 0).name).toBe('Managers');
		expect(firstLevelGroup(policy(), 499_999).name).toBe('Managers');
		expect(firstLevelGroup(policy(), 500_000).name).toBe('Directors');
		expect(firstLevelGroup(policy(), 12_000_000).name).toBe('CFO');
	});

	it('refuses an amount no threshold covers, and a threshold naming an unknown group', () => {
		const gap = policy({ firstLevel: { kind: 'byAmount', thresholds: [{ fromMinor: 100, group: 'Managers' }] } });
		expect(() => firstLevelGroup(gap, 99)).toThrow(PolicyError);
		const typo = policy({ firstLevel: { kind: 'byAmount', thresholds: [{ fromMinor: 0, group: 'Managerz' }] } });
		expect(() => firstLevelGroup(typo, 10)).toThrow('no approver group named "Managerz"');
	});

	it('escalates up the threshold ladder unless a path is configured', () => {
		const escalating = policy({ onTimeout: { kind: 'escalate', path: [] } });
		expect(escalationPath(escalating, 'Managers')).toEqual(['Directors', 'CFO']);
		expect(escalationPath(escalating, 'CFO')).toEqual([]);
		expect(escalationPath(policy({ onTimeout: { kind: 'escalate', path: ['cfo'] } }), 'Managers')).toEqual(['CFO']);
		expect(escalationPath(policy(), 'Managers')).toEqual([]);
	});
});

describe('approval policy: segregation of duties', () => {
	it('takes the requester out of the group and counts the quorum over who is left', () => {
		const group = seated({ ...managers, quorum: { kind: 'all' } }, ' BOB@firm.test ');
		expect(group.eligible).toEqual(['carol@firm.test', 'dave@firm.test']);
		expect(group.excluded).toEqual([{ identity: 'bob@firm.test', reason: 'requester' }]);
		expect(group.required).toBe(2);
	});

	it('never counts a requester vote, even one that reached the quorum check', () => {
		const group = seated({ ...managers, quorum: { kind: 'any' } }, 'bob@firm.test');
		expect(groupOutcome(group, [{ approver: 'bob@firm.test', decision: 'approve' }])).toBe('pending');
	});

	it('refuses a quorum that cannot be met once the requester is excluded', () => {
		const result = seatGroup({ name: 'Pair', members: ['a@x.test', 'b@x.test'], quorum: { kind: 'nOfM', required: 2 } }, 'a@x.test');
		expect(result).toEqual({ ok: false, problem: expect.stringContaining('needs 2 approvals but only 1 eligible') });
		expect(seatGroup({ name: 'Solo', members: ['a@x.test'], quorum: { kind: 'any' } }, 'A@x.test').ok).toBe(false);
	});

	it('excludes first-level approvers from the second level (four eyes)', () => {
		const group = seated({ name: 'Finance', members: ['carol@firm.test', 'erin@firm.test'], quorum: { kind: 'any' } }, 'alice@firm.test', ['Carol@firm.test']);
		expect(group.eligible).toEqual(['erin@firm.test']);
		expect(group.excluded).toEqual([{ identity: 'carol@firm.test', reason: 'approvedEarlierLevel' }]);
	});
});

describe('approval policy: quorum', () => {
	it('two of three approves on the second approval and rejects once two can no longer approve', () => {
		const group = seated(managers);
		expect(groupOutcome(group, [{ approver: 'bob@firm.test', decision: 'approve' }])).toBe('pending');
		expect(groupOutcome(group, [{ approver: 'bob@firm.test', decision: 'approve' }, { approver: 'carol@firm.test', decision: 'approve' }])).toBe('approved');
		expect(groupOutcome(group, [{ approver: 'bob@firm.test', decision: 'reject' }])).toBe('pending');
		expect(groupOutcome(group, [{ approver: 'bob@firm.test', decision: 'reject' }, { approver: 'dave@firm.test', decision: 'reject' }])).toBe('rejected');
	});

	it('"all" rejects on the first rejection; "any one" only when everybody rejected', () => {
		const all = seated({ ...managers, quorum: { kind: 'all' } });
		expect(groupOutcome(all, [{ approver: 'carol@firm.test', decision: 'reject' }])).toBe('rejected');
		const any = seated(directors);
		expect(groupOutcome(any, [{ approver: 'erin@firm.test', decision: 'reject' }])).toBe('pending');
		expect(groupOutcome(any, [{ approver: 'erin@firm.test', decision: 'reject' }, { approver: 'frank@firm.test', decision: 'approve' }])).toBe('approved');
		expect(groupOutcome(any, [{ approver: 'erin@firm.test', decision: 'reject' }, { approver: 'frank@firm.test', decision: 'reject' }])).toBe('rejected');
	});

	it('counts one vote per approver and ignores strangers', () => {
		const group = seated(managers);
		const votes = [
			{ approver: 'bob@firm.test', decision: 'approve' as const },
			{ approver: 'BOB@firm.test', decision: 'approve' as const },
			{ approver: 'mallory@evil.test', decision: 'approve' as const },
		];
		expect(groupOutcome(group, votes)).toBe('pending');
	});

	it('treats the groups of one level as alternatives', () => {
		expect(levelOutcome(['pending', 'approved'])).toBe('approved');
		expect(levelOutcome(['rejected', 'pending'])).toBe('pending');
		expect(levelOutcome(['rejected', 'rejected'])).toBe('rejected');
	});
});

describe('approval policy: second level and time-outs', () => {
	it('runs the second level only from its amount up', () => {
		const twoLevels = policy({ secondLevel: { group: 'CFO', fromMinor: 1_000_000 } });
		expect(needsSecondLevel(twoLevels, 999_999)).toBe(false);
		expect(needsSecondLevel(twoLevels, 1_000_000)).toBe(true);
		expect(needsSecondLevel(policy(), 99_999_999)).toBe(false);
	});

	it('rejects, auto-approves below the limit, or escalates until the path is used up', () => {
		expect(resolveTimeout(policy(), 10, [], 0)).toEqual({ kind: 'timeOut', outcome: 'rejected', reason: expect.stringContaining('rejects') });
		const approveBelow = policy({ onTimeout: { kind: 'approveBelow', limitMinor: 100_00 } });
		expect(resolveTimeout(approveBelow, 99_99, [], 0)).toEqual({ kind: 'approve' });
		expect(resolveTimeout(approveBelow, 100_00, [], 0).kind).toBe('timeOut');
		const escalate = policy({ onTimeout: { kind: 'escalate', path: [] } });
		expect(resolveTimeout(escalate, 10, ['Directors', 'CFO'], 0)).toEqual({ kind: 'escalate', group: 'Directors' });
		expect(resolveTimeout(escalate, 10, ['Directors', 'CFO'], 1)).toEqual({ kind: 'escalate', group: 'CFO' });
		expect(resolveTimeout(escalate, 10, ['Directors', 'CFO'], 2)).toEqual({ kind: 'timeOut', outcome: 'timedOut', reason: expect.any(String) });
	});

	it('parses identity lists loosely and without duplicates', () => {
		expect(parseIdentities(' A@x.test; b@x.test,\n a@X.test ,, ')).toEqual(['a@x.test', 'b@x.test']);
	});
});
