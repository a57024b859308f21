import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { CanonicalMapping } from '../../nodes/CanonicalMapping/CanonicalMapping.node';
import { runNode } from '../harness/n8n';

/**
 * The node reads parameters without expressions once per run (and parses a mapping document or
 * rules once); these tests pin that expressions still give each item its own value.
 */
const node = new CanonicalMapping();

const documentFor = (system: string, nameField: string): IDataObject => ({
	version: 1,
	entity: 'client',
	direction: 'toCanonical',
	system,
	fields: [{ target: 'name', source: nameField }],
});

const jsonOf = (items: Array<{ json: IDataObject }>): IDataObject[] => items.map((item) => item.json);

describe('Canonical Mapping: parameters across the items of one run', () => {
	it('maps every item by a fixed document, each with its own record', async () => {
		const [valid, exceptions] = await runNode({
			type: node,
			parameters: { operation: 'toCanonical', mappingSource: 'document', mappingDocument: JSON.stringify(documentFor('legacyCrm', 'companyName')), record: '={{ $json }}', rulesSource: 'none' },
			items: [{ companyName: 'Acme Ltd' }, { companyName: 'Globex' }, { other: 'no name' }],
		});
		expect(jsonOf(valid).map((record) => record.name)).toEqual(['Acme Ltd', 'Globex']);
		expect(exceptions).toHaveLength(1);
		expect(exceptions[0].pairedItem).toEqual({ item: 2 });
	});

	it('reads a document given by an expression per item', async () => {
		const [valid] = await runNode({
			type: node,
			parameters: { operation: 'toCanonical', mappingSource: 'document', mappingDocument: '={{ $json.mapping }}', record: '={{ $json.payload }}', rulesSource: 'none' },
			items: [
				{ mapping: documentFor('crmA', 'title'), payload: { title: 'From A' } },
				{ mapping: documentFor('crmB', 'label'), payload: { label: 'From B' } },
			],
		});
		expect(jsonOf(valid).map((record) => [record.name, (record._meta as IDataObject).system])).toEqual([
			['From A', 'crmA'],
			['From B', 'crmB'],
		]);
	});

	it('takes options given by an expression per item', async () => {
		const parameters: INodeParameters = {
			operation: 'toCanonical',
			mappingSource: 'builtIn',
			entity: 'client',
			system: 'hubspot',
			record: '={{ $json.company }}',
			rulesSource: 'none',
			options: { correlationId: '={{ $json.run }}' },
		};
		const company = (id: string, name: string) => ({ id, properties: { name, createdate: '2026-01-05T10:00:00Z', hs_lastmodifieddate: '2026-01-06T10:00:00Z' } });
		const [valid, exceptions] = await runNode({
			type: node,
			parameters,
			items: [
				{ run: 'run-1', company: company('101', 'Acme Ltd') },
				{ run: 'run-2', company: company('102', 'Globex') },
			],
		});
		expect(exceptions).toHaveLength(0);
		expect(jsonOf(valid).map((record) => (record._meta as IDataObject).correlationId)).toEqual(['run-1', 'run-2']);
	});

	it('reports a broken fixed document on every item under continue on fail', async () => {
		const [valid, exceptions] = await runNode({
			type: node,
			continueOnFail: true,
			parameters: { operation: 'toCanonical', mappingSource: 'document', mappingDocument: '{"version": 2}', record: '={{ $json }}', rulesSource: 'none' },
			items: [{ a: 1 }, { a: 2 }],
		});
		expect(valid).toHaveLength(0);
		expect(jsonOf(exceptions).map((exception) => String(exception.message))).toEqual([expect.stringContaining('item 0'), expect.stringContaining('item 1')]);
	});
});
