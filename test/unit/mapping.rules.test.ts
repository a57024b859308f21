import { checkCanonical } from '../../nodes/shared/mapping/applyMapping';
import { checkBusinessRules, parseBusinessRules, type BusinessRule } from '../../nodes/shared/mapping/businessRules';
import { ruleFromEditorRow } from '../../nodes/CanonicalMapping/rulesEditor';

const rules = (input: unknown): BusinessRule[] => {
	const parsed = parseBusinessRules(input);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	return parsed.rules;
};

const project = {
	name: 'Data platform',
	status: 'active',
	startDate: '2026-03-01',
	endDate: '2026-02-01',
	budgetAmount: { amountMinor: 500000, currency: 'USD' },
	budgetHours: 12,
	code: 'pr-7',
};

describe('business rules', () => {
	it.each([
		[{ rule: 'required', field: 'managerId' }, 'managerId', 'required', 'managerId is required'],
		[{ rule: 'min', field: 'budgetAmount', value: 10000 }, 'budgetAmount', 'min', 'budgetAmount is 5000.00 USD, below the minimum of 10000'],
		[{ rule: 'max', field: 'budgetHours', value: '10' }, 'budgetHours', 'max', 'budgetHours is 12, above the maximum of 10'],
		[{ rule: 'min', field: 'startDate', value: '2026-06-01' }, 'startDate', 'min', 'startDate is "2026-03-01", below the minimum of 2026-06-01'],
		[{ rule: 'pattern', field: 'code', value: '^PR-\\d+$' }, 'code', 'pattern', 'code is "pr-7", which does not match ^PR-\\d+$'],
		[{ rule: 'oneOf', field: 'status', value: ['planned', 'on_hold'] }, 'status', 'oneOf', 'status is "active"; allowed are planned, on_hold'],
		[{ rule: 'dateOrder', field: 'startDate', otherField: 'endDate' }, 'startDate', 'dateOrder', 'startDate (2026-03-01) is after endDate (2026-02-01); it must be on or before it'],
		[{ rule: 'currency', field: 'budgetAmount', value: 'eur' }, 'budgetAmount', 'currency', 'budgetAmount is in USD; it must be in EUR'],
		[{ rule: 'currency', field: 'budgetAmount', value: 'EUR', name: 'budget-in-eur', message: 'Budgets are kept in euros' }, 'budgetAmount', 'budget-in-eur', 'Budgets are kept in euros'],
	])('%j fails with a field-level message', (rule, path, ruleName, message) => {
		expect(checkBusinessRules(project, rules([rule]))).toEqual([{ path, rule: ruleName, message }]);
	});

	it('passes a record that keeps the rules, and skips empty fields except for required', () => {
		const passing = rules([
			{ rule: 'required', field: 'name' },
			{ rule: 'min', field: 'budgetAmount', value: '4999.99' },
			{ rule: 'max', field: 'budgetAmount', value: 5000 },
			{ rule: 'pattern', field: 'code', value: '^pr-' },
			{ rule: 'oneOf', field: 'status', value: 'planned, active' },
			{ rule: 'dateOrder', field: 'endDate', otherField: 'startDate' },
			{ rule: 'currency', field: 'budgetAmount', value: 'USD' },
			{ rule: 'max', field: 'hourlyRate', value: 1 },
		]);
		expect(checkBusinessRules(project, passing)).toEqual([]);
	});

	it.each([
		[[{ rule: 'min', field: 'budgetHours' }], '0.value'],
		[[{ rule: 'dateOrder', field: 'startDate' }], '0.otherField'],
		[[{ rule: 'pattern', field: 'code', value: '(' }], '0.value'],
		[[{ rule: 'currency', field: 'budgetAmount', value: 'euro' }], '0.value'],
		[[{ rule: 'between', field: 'x', value: 1 }], '0.rule'],
		[[{ rule: 'max', field: 'budgetHours', value: 'lots' }], '0.value'],
	])('refuses the broken rule list %j at %s', (input, path) => {
		const parsed = parseBusinessRules(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.issues.map((issue) => issue.path)).toContain(path);
	});

	it('reads editor rows as the JSON form of the same rules', () => {
		expect(ruleFromEditorRow({ kind: 'oneOf', field: 'status', value: 'planned, active', otherField: '', name: '', message: '' })).toEqual({ rule: 'oneOf', field: 'status', value: ['planned', 'active'] });
		expect(ruleFromEditorRow({ kind: 'dateOrder', field: 'startDate', value: '', otherField: 'endDate', name: 'start-before-end', message: '' })).toEqual({ rule: 'dateOrder', field: 'startDate', otherField: 'endDate', name: 'start-before-end' });
	});

	it('adds rule issues to schema issues, without repeating a field the mapping already reported', () => {
		const checked = checkCanonical('project', { ...project, status: 'paused' }, {
			rules: rules([{ rule: 'dateOrder', field: 'startDate', otherField: 'endDate' }, { rule: 'required', field: 'budgetAmount' }]),
			alreadyReported: [{ path: 'budgetAmount', rule: 'transform.money', message: 'budgetAmount: "x" is not a decimal amount' }],
		});
		expect(checked.ok).toBe(false);
		if (!checked.ok) expect(checked.issues.map((issue) => `${issue.path}:${issue.rule}`)).toEqual(['budgetAmount:transform.money', 'status:invalid_enum_value', 'startDate:dateOrder']);
	});
});
