import { mapContext } from '../../nodes/shared/canonical';
import { applyMapping, mapToCanonical } from '../../nodes/shared/mapping/applyMapping';
import { exportMappingDocument, parseMappingDocument, type MappingDocument } from '../../nodes/shared/mapping/mappingDocument';
import { applyTransform } from '../../nodes/shared/mapping/transforms';
import { documentFromEditor } from '../../nodes/CanonicalMapping/mappingEditor';

const parse = (input: unknown): MappingDocument => {
	const parsed = parseMappingDocument(input);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
	return parsed.document;
};
const context = mapContext({ fetchedAt: '2026-03-02T09:00:00.000Z', correlationId: 'corr-doc', defaultCurrency: 'USD' });
const transformContext = { record: { currency: 'gbp' }, defaultCurrency: 'USD' };

describe('the mapping document format', () => {
	it('fills defaults and exports with the format marker, stable for version control', () => {
		const document = parse({ version: 1, entity: 'client', fields: [{ target: 'name', source: 'company' }] });
		expect(document).toMatchObject({ format: 'p2c-mapping', direction: 'toCanonical', rules: [] });
		const exported = exportMappingDocument(document);
		expect(Object.keys(exported)).toEqual(['format', 'version', 'entity', 'direction', 'fields']);
		expect(parse(JSON.parse(JSON.stringify(exported)))).toEqual(document);
	});

	it.each([
		['a version this node does not read', { version: 2, entity: 'client', fields: [{ target: 'name', source: 'a' }] }, 'version'],
		['an unknown entity', { version: 1, entity: 'customer', fields: [{ target: 'name', source: 'a' }] }, 'entity'],
		['no fields', { version: 1, entity: 'client', fields: [] }, 'fields'],
		['a target that is no field of the entity', { version: 1, entity: 'client', fields: [{ target: 'nmae', source: 'a' }] }, 'fields.0.target'],
		['two sources for one field', { version: 1, entity: 'client', fields: [{ target: 'name', source: 'a', constant: 'b' }] }, 'fields.0.source'],
		['no source at all', { version: 1, entity: 'client', fields: [{ target: 'name' }] }, 'fields.0.source'],
		['one target written twice', { version: 1, entity: 'client', fields: [{ target: 'name', source: 'a' }, { target: 'name', source: 'b' }] }, 'fields.1.target'],
		['an unknown transform', { version: 1, entity: 'client', fields: [{ target: 'name', source: 'a', transform: { kind: 'uppercase' } }] }, 'fields.0.transform.kind'],
		['a bad currency in a money transform', { version: 1, entity: 'project', fields: [{ target: 'budgetAmount', source: 'a', transform: { kind: 'money', currency: 'euro' } }] }, 'fields.0.transform.currency'],
		['an unknown key', { version: 1, entity: 'client', fields: [{ target: 'name', source: 'a' }], mappings: [] }, '(record)'],
		['a broken rule', { version: 1, entity: 'client', fields: [{ target: 'name', source: 'a' }], rules: [{ rule: 'pattern', field: 'name', value: '([' }] }, 'rules.0.value'],
	])('refuses %s, naming the path', (_case, input, path) => {
		const parsed = parseMappingDocument(input);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.issues.map((issue) => issue.path)).toContain(path);
	});

	it('refuses text that is not JSON', () => {
		const parsed = parseMappingDocument('{ version: 1');
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.issues[0]).toMatchObject({ path: '(document)', rule: 'json' });
	});
});

describe('field transforms', () => {
	it.each([
		[{ kind: 'date' as const, zone: 'UTC', output: 'date' as const }, '2026-01-31T23:30:00-05:00', '2026-01-31'],
		[{ kind: 'date' as const, zone: 'UTC', output: 'date' as const }, 1769817600000, '2026-01-31'],
		[{ kind: 'date' as const, zone: 'UTC', output: 'date' as const }, '1769817600000', '2026-01-31'],
		[{ kind: 'date' as const, format: 'dd/MM/yyyy', zone: 'UTC', output: 'date' as const }, '31/01/2026', '2026-01-31'],
		[{ kind: 'date' as const, format: 'epochSeconds', zone: 'UTC', output: 'dateTime' as const }, 1769817600, '2026-01-31T00:00:00Z'],
		[{ kind: 'date' as const, zone: 'Europe/Berlin', output: 'dateTime' as const }, '2026-01-31 09:00', '2026-01-31T08:00:00Z'],
		[{ kind: 'money' as const, input: 'decimal' as const, output: 'money' as const }, '1,234.56', { amountMinor: 123456, currency: 'USD' }],
		[{ kind: 'money' as const, currency: 'JPY', input: 'decimal' as const, output: 'money' as const }, 1500, { amountMinor: 1500, currency: 'JPY' }],
		[{ kind: 'money' as const, currencyPath: 'currency', input: 'decimal' as const, output: 'money' as const }, 0.1, { amountMinor: 10, currency: 'GBP' }],
		[{ kind: 'money' as const, input: 'minorUnits' as const, output: 'decimalString' as const }, 125050, '1250.50'],
		[{ kind: 'money' as const, input: 'decimal' as const, output: 'decimalString' as const }, { amountMinor: 99, currency: 'EUR' }, '0.99'],
		[{ kind: 'money' as const, input: 'decimal' as const, output: 'minorUnits' as const }, { amount: '12.345', currency: 'KWD' }, 12345],
		[{ kind: 'valueMap' as const, map: { closedwon: 'active' }, caseInsensitive: true, otherwise: 'error' as const }, 'ClosedWon', 'active'],
		[{ kind: 'valueMap' as const, map: { a: 'b' }, caseInsensitive: false, otherwise: 'keep' as const }, 'z', 'z'],
		[{ kind: 'valueMap' as const, map: { a: 'b' }, caseInsensitive: false, otherwise: 'default' as const, default: 'planned' }, 'z', 'planned'],
		[{ kind: 'number' as const }, '1,234.5', 1234.5],
		[{ kind: 'boolean' as const }, 'Yes', true],
		[{ kind: 'boolean' as const }, 0, false],
		[{ kind: 'text' as const }, 4021178, '4021178'],
		[{ kind: 'text' as const }, 'INV-7', 'INV-7'],
		[{ kind: 'trim' as const }, '  Acme  ', 'Acme'],
		[{ kind: 'lowercase' as const }, 'Info@Acme.COM', 'info@acme.com'],
	])('%j turns %j into %j', (transform, input, expected) => {
		expect(applyTransform(transform, input, transformContext)).toEqual({ ok: true, value: expected });
	});

	it.each([
		[{ kind: 'date' as const, zone: 'UTC', output: 'date' as const }, '31.02.2026', /not a date/],
		[{ kind: 'date' as const, format: 'dd/MM/yyyy', zone: 'UTC', output: 'date' as const }, '2026-01-31', /in the format dd\/MM\/yyyy/],
		[{ kind: 'date' as const, zone: 'Mars/Olympus', output: 'date' as const }, '2026-01-31', /IANA zone/],
		[{ kind: 'money' as const, input: 'decimal' as const, output: 'money' as const }, 'twelve', /not a decimal amount/],
		[{ kind: 'money' as const, currency: 'EUR', input: 'decimal' as const, output: 'money' as const }, { amount: '1', currency: 'euro' }, /ISO 4217/],
		[{ kind: 'money' as const, input: 'minorUnits' as const, output: 'money' as const }, '12.5', /whole number of minor units/],
		[{ kind: 'valueMap' as const, map: { closedwon: 'active' }, caseInsensitive: false, otherwise: 'error' as const }, 'closedlost', /"closedlost" is not in the value map \(known values: closedwon\)/],
		[{ kind: 'number' as const }, 'n/a', /not a number/],
		[{ kind: 'boolean' as const }, 'maybe', /not a yes\/no value/],
		[{ kind: 'text' as const }, { id: 1 }, /is not text/],
	])('%j refuses %j with a message naming the value', (transform, input, message) => {
		const outcome = applyTransform(transform, input, transformContext);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.message).toMatch(message);
	});
});

describe('applying a document', () => {
	const document = parse({
		version: 1,
		entity: 'project',
		system: 'legacyPsa',
		fields: [
			{ target: 'id', source: 'projectNo' },
			{ target: 'name', source: 'title', transform: { kind: 'trim' } },
			{ target: 'status', source: 'stage', transform: { kind: 'valueMap', map: { closedwon: 'active', contractsent: 'planned' } } },
			{ target: 'budgetAmount', source: 'budget', transform: { kind: 'money', currencyPath: 'ccy' } },
			{ target: 'startDate', source: 'start', transform: { kind: 'date', format: 'dd.MM.yyyy' } },
			{ target: 'notes', expression: '{{ $json.a }} / {{ $json.b }}' },
			{ target: 'billingModel', constant: 'fixed_fee' },
			{ target: 'code', source: 'code', default: 'NONE' },
			{ target: 'externalRefs.hubspot', source: 'deal.id' },
		],
	});
	const record = { projectNo: 77, title: '  Data platform ', stage: 'closedwon', budget: '12000.50', ccy: 'eur', start: '06.01.2026', deal: { id: '1001' } };

	it('maps sources, transforms, expressions, constants and defaults', () => {
		const result = applyMapping(document, record, { defaultCurrency: 'USD', evaluate: (expression) => `evaluated ${expression}` });
		expect(result.issues).toEqual([]);
		expect(result.value).toEqual({
			id: 77,
			name: 'Data platform',
			status: 'active',
			budgetAmount: { amountMinor: 1200050, currency: 'EUR' },
			startDate: '2026-01-06',
			notes: 'evaluated {{ $json.a }} / {{ $json.b }}',
			billingModel: 'fixed_fee',
			code: 'NONE',
			externalRefs: { hubspot: '1001' },
		});
	});

	it('makes a canonical record with provenance from the document system', () => {
		const checked = mapToCanonical(document, record, { defaultCurrency: 'USD', evaluate: () => 'n', context });
		expect(checked.ok).toBe(true);
		if (checked.ok) {
			expect(checked.value).toMatchObject({ id: '77', schemaVersion: 1, _meta: { system: 'legacyPsa', entity: 'project', remoteId: '77', correlationId: 'corr-doc' } });
		}
	});

	it('reports a field that cannot be converted at its target, once, and keeps the others', () => {
		const checked = mapToCanonical(document, { ...record, stage: 'closedlost', start: '2026-13-45', budget: 'lots' }, { defaultCurrency: 'USD', evaluate: () => 'n', context });
		expect(checked.ok).toBe(false);
		if (!checked.ok) {
			expect(checked.issues.map((issue) => [issue.path, issue.rule])).toEqual([
				['status', 'transform.valueMap'],
				['budgetAmount', 'transform.money'],
				['startDate', 'transform.date'],
			]);
			expect(checked.issues[0].message).toBe('status: "closedlost" is not in the value map (known values: closedwon, contractsent) (from source stage)');
		}
	});

	it('says that an expression needs n8n when there is no evaluator', () => {
		const result = applyMapping(document, record, { defaultCurrency: 'USD' });
		expect(result.issues).toEqual([{ path: 'notes', rule: 'expression', message: 'notes: expressions can only be evaluated inside n8n' }]);
	});
});

describe('the field editor and the JSON document', () => {
	const rows = [
		{ target: 'name', valueFrom: 'source', source: 'title', transform: 'trim' },
		{ target: 'status', valueFrom: 'source', source: 'stage', transform: 'valueMap', valueMap: '{"closedwon":"active","contractsent":"planned"}', caseInsensitive: true, unmapped: 'default', unmappedDefault: 'planned' },
		{ target: 'budgetAmount', valueFrom: 'source', source: 'budget', transform: 'money', currency: 'eur', currencyPath: '', amountInput: 'decimal', moneyOutput: 'money' },
		{ target: 'startDate', valueFrom: 'source', source: 'start', transform: 'date', dateFormat: 'dd.MM.yyyy', dateZone: 'UTC', dateOutput: 'date' },
		{ target: 'notes', valueFrom: 'expression', expression: '={{ $json.title }}', transform: 'none' },
		{ target: 'budgetHours', valueFrom: 'constant', constant: '40', transform: 'number', defaultValue: '' },
	];
	const handWritten = {
		version: 1,
		entity: 'project',
		fields: [
			{ target: 'name', source: 'title', transform: { kind: 'trim' } },
			{ target: 'status', source: 'stage', transform: { kind: 'valueMap', map: { closedwon: 'active', contractsent: 'planned' }, caseInsensitive: true, otherwise: 'default', default: 'planned' } },
			{ target: 'budgetAmount', source: 'budget', transform: { kind: 'money', currency: 'EUR' } },
			{ target: 'startDate', source: 'start', transform: { kind: 'date', format: 'dd.MM.yyyy' } },
			{ target: 'notes', expression: '{{ $json.title }}' },
			{ target: 'budgetHours', constant: '40', transform: { kind: 'number' } },
		],
	};
	const records = [
		{ title: ' Alpha ', stage: 'ClosedWon', budget: '100.10', start: '01.02.2026' },
		{ title: 'Beta', stage: 'qualified', budget: 7, start: '28.02.2026' },
		{ title: 'Gamma', stage: 'contractsent', budget: 'n/a', start: '30.02.2026' },
	];

	it('turns the editor rows into the very document a person would write', () => {
		expect(parse(documentFromEditor(rows, { entity: 'project', direction: 'toCanonical' }))).toEqual(parse(handWritten));
	});

	it('gives the same result on every record, issues included', () => {
		const fromEditor = parse(documentFromEditor(rows, { entity: 'project', direction: 'toCanonical' }));
		const fromJson = parse(handWritten);
		for (const record of records) {
			const evaluate = (): unknown => record.title;
			expect(applyMapping(fromEditor, record, { defaultCurrency: 'USD', evaluate })).toEqual(applyMapping(fromJson, record, { defaultCurrency: 'USD', evaluate }));
		}
		expect(applyMapping(fromJson, records[2], { defaultCurrency: 'USD', evaluate: () => 'x' }).issues.map((issue) => issue.path)).toEqual(['budgetAmount', 'startDate']);
	});

	it('reports a value map that is not JSON at its field', () => {
		const problems: Array<{ path: string }> = [];
		documentFromEditor([{ target: 'status', valueFrom: 'source', source: 's', transform: 'valueMap', valueMap: '{closedwon: active}' }], { entity: 'project', direction: 'toCanonical' }, problems as never);
		expect(problems.map((problem) => problem.path)).toEqual(['fields.0.transform.map']);
	});
});
