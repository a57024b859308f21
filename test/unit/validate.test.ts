import { Client, Invoice, TimeEntry, validateRecord } from '../../nodes/shared/canonical';
import { coerceMoney } from '../../nodes/shared/operations/recordInput';
import { recordFromFields, type FieldSpec } from '../../nodes/shared/operations/fields';

describe('validateRecord', () => {
	it('names every failed field with its path, rule and a readable message', () => {
		const outcome = validateRecord(TimeEntry, { date: '2026-02-30', hours: 25, billable: 'yes', approvalStatus: 'ok', projectId: '' });
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		const byPath = Object.fromEntries(outcome.issues.map((issue) => [issue.path, issue]));
		expect(byPath.date.message).toBe('date is not a real calendar date');
		expect(byPath.hours.message).toBe('hours cannot exceed 24 hours in a day');
		expect(byPath.billable.rule).toBe('invalid_type');
		expect(byPath.approvalStatus.rule).toBe('invalid_enum_value');
		expect(byPath.projectId.message).toBe('projectId is required');
	});

	it('reports nested paths in invoice lines', () => {
		const outcome = validateRecord(Invoice, {
			clientId: 'c1',
			status: 'draft',
			currency: 'usd',
			issueDate: '2026-01-31',
			lines: [{ description: 'Consulting', quantity: 2, unitPrice: { amountMinor: 100.5, currency: 'USD' }, lineAmount: { amountMinor: 201, currency: 'USD' } }],
		});
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.issues.map((issue) => issue.path).sort()).toEqual(['currency', 'lines.0.unitPrice.amountMinor']);
	});

	it('fills defaults on a valid record', () => {
		const outcome = validateRecord(Client, { name: 'Acme' });
		expect(outcome).toEqual({ ok: true, value: { schemaVersion: 1, name: 'Acme', externalRefs: {}, isActive: true } });
	});
});

describe('field editor input', () => {
	const fields: FieldSpec[] = [
		{ path: 'name', label: 'Name', kind: 'string' },
		{ path: 'amount', label: 'Amount', kind: 'money' },
		{ path: 'billingAddress.city', label: 'City', kind: 'string' },
		{ path: 'skills', label: 'Skills', kind: 'stringList' },
		{ path: 'stage', label: 'Stage', kind: 'string', listSearch: 'searchStages' },
	];

	it('builds a nested canonical record and exact money from "1,250.10 usd"', () => {
		const record = recordFromFields(fields, { name: 'Deal', amount: '1,250.10 usd', billingAddressCity: 'Leeds', skills: 'sql, python ,', stage: { __rl: true, mode: 'list', value: 'closedwon' } });
		expect(record).toEqual({ name: 'Deal', amount: { amount: '1,250.10', currency: 'USD' }, billingAddress: { city: 'Leeds' }, skills: ['sql', 'python'], stage: 'closedwon' });
		expect(coerceMoney(record)).toMatchObject({ amount: { amountMinor: 125010, currency: 'USD' } });
	});
});
