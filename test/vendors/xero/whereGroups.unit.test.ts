import { orWhereGroups, XERO_WHERE_MAX_LENGTH, XERO_WRITE_BATCH } from '../../../nodes/vendors/xero/reads';

const clause = (reference: string) => `Reference=="${reference}"`;

describe('Xero look-up filters (orWhereGroups)', () => {
	it('puts one write batch of short keys in one filter, without repeats', () => {
		const keys = Array.from({ length: 120 }, (_, index) => `INV-${index}`);
		const groups = orWhereGroups([...keys, ...keys.slice(0, 10)], clause);
		expect(groups.map((group) => group.split(' OR ').length)).toEqual([XERO_WRITE_BATCH, XERO_WRITE_BATCH, 20]);
		expect(groups.join(' OR ').split(' OR ').sort()).toEqual(keys.map(clause).sort());
	});

	it('keeps each filter within the length budget when keys are long', () => {
		const keys = Array.from({ length: 30 }, (_, index) => `${'P'.repeat(200)}-${index}`);
		const groups = orWhereGroups(keys, clause);
		expect(groups.length).toBeGreaterThan(1);
		for (const group of groups) expect(group.length).toBeLessThanOrEqual(XERO_WHERE_MAX_LENGTH);
		expect(groups.flatMap((group) => group.split(' OR '))).toHaveLength(30);
	});

	it('sends a single key longer than the budget on its own, and nothing for no keys', () => {
		const long = 'x'.repeat(XERO_WHERE_MAX_LENGTH + 10);
		expect(orWhereGroups([long, 'a'], clause)).toEqual([clause(long), clause('a')]);
		expect(orWhereGroups([], clause)).toEqual([]);
	});
});
