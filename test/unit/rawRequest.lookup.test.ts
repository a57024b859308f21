import { findMatching } from '../../nodes/shared/operations/rawRequest.operation';

describe('raw request look-up before retry: findMatching', () => {
	const answer = { invoices: [{ id: 1, purchase_order: 'P-1-2026-10', client: { id: 7 } }, { id: 2, purchase_order: 'P-2-2026-10', client: { id: 8 } }], links: { next: null } };

	it('finds the record with every field asked for, dotted paths included, in the first list of the answer', () => {
		expect(findMatching(answer, { purchase_order: 'P-2-2026-10' })).toMatchObject({ id: 2 });
		expect(findMatching(answer, { purchase_order: 'P-1-2026-10', 'client.id': '7' })).toMatchObject({ id: 1 });
		expect(findMatching(answer.invoices, { id: 2 })).toMatchObject({ id: 2 });
	});

	it('finds nothing when a field differs or the answer holds no list', () => {
		expect(findMatching(answer, { purchase_order: 'P-1-2026-10', 'client.id': 8 })).toBeUndefined();
		expect(findMatching({ message: 'ok' }, { id: 1 })).toBeUndefined();
		expect(findMatching(undefined, { id: 1 })).toBeUndefined();
	});
});
