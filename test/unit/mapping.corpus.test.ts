import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { CanonicalMapping } from '../../nodes/CanonicalMapping/CanonicalMapping.node';
import { runNode } from '../harness/n8n';

/**
 * A corpus of broken records: each must leave on the Exceptions output with the issue at the
 * field that is wrong, a message a person can act on, the input and a correlation id; and every
 * run must put out exactly as many items as came in.
 */
const node = new CanonicalMapping();

interface BrokenCase {
	label: string;
	record: unknown;
	/** Path of the issue that must be reported, and its rule. */
	path: string;
	rule: string | RegExp;
}

interface CorpusGroup {
	name: string;
	parameters: INodeParameters;
	broken: BrokenCase[];
	/** A record of the same group that must pass, so routing is checked both ways. */
	valid: unknown;
}

const timeEntry = { date: '2026-03-02', hours: 7.5, billable: true, approvalStatus: 'approved', projectId: 'p-1', rate: { amountMinor: 15000, currency: 'USD' } };
const invoice = {
	clientId: 'c-1',
	status: 'draft',
	currency: 'EUR',
	issueDate: '2026-03-01',
	lines: [{ description: 'Consulting', quantity: 2, unitPrice: { amountMinor: 10000, currency: 'EUR' }, lineAmount: { amountMinor: 20000, currency: 'EUR' } }],
};
const project = { name: 'Data platform', status: 'active', startDate: '2026-03-01', endDate: '2026-06-30', budgetAmount: { amountMinor: 5000000, currency: 'EUR' } };
const deal = { id: '1001', properties: { dealname: 'Acme - Data platform', amount: '1500.00', deal_currency_code: 'EUR', dealstage: 'closedwon', hs_is_closed: 'true', hs_is_closed_won: 'true' } };

const groups: CorpusGroup[] = [
	{
		name: 'time entries against the canonical schema',
		parameters: { operation: 'validate', entity: 'timeEntry', record: '={{ $json }}', rulesSource: 'none' },
		valid: timeEntry,
		broken: [
			{ label: 'missing project', record: { ...timeEntry, projectId: undefined }, path: 'projectId', rule: 'invalid_type' },
			{ label: 'negative hours', record: { ...timeEntry, hours: -2 }, path: 'hours', rule: 'too_small' },
			{ label: 'more than a day of hours', record: { ...timeEntry, hours: 30 }, path: 'hours', rule: 'too_big' },
			{ label: 'an impossible date', record: { ...timeEntry, date: '2026-02-30' }, path: 'date', rule: 'custom' },
			{ label: 'hours as text', record: { ...timeEntry, hours: '8' }, path: 'hours', rule: 'invalid_type' },
			{ label: 'an unknown approval status', record: { ...timeEntry, approvalStatus: 'pending' }, path: 'approvalStatus', rule: 'invalid_enum_value' },
			{ label: 'billable as a word', record: { ...timeEntry, billable: 'yes' }, path: 'billable', rule: 'invalid_type' },
			{ label: 'a lower-case currency', record: { ...timeEntry, rate: { amountMinor: 15000, currency: 'usd' } }, path: 'rate.currency', rule: 'invalid_string' },
			{ label: 'a fractional minor-unit amount', record: { ...timeEntry, rate: { amountMinor: 150.5, currency: 'USD' } }, path: 'rate.amountMinor', rule: 'invalid_type' },
		],
	},
	{
		name: 'invoices against the canonical schema',
		parameters: { operation: 'validate', entity: 'invoice', record: '={{ $json }}', rulesSource: 'none' },
		valid: invoice,
		broken: [
			{ label: 'no client', record: { ...invoice, clientId: undefined }, path: 'clientId', rule: 'invalid_type' },
			{ label: 'a currency that is no ISO code', record: { ...invoice, currency: 'EURO' }, path: 'currency', rule: 'invalid_string' },
			{ label: 'a day-first date', record: { ...invoice, issueDate: '01/03/2026' }, path: 'issueDate', rule: 'invalid_string' },
			{ label: 'a quantity as text', record: { ...invoice, lines: [{ ...invoice.lines[0], quantity: '2' }] }, path: 'lines.0.quantity', rule: 'invalid_type' },
			{ label: 'an unknown status', record: { ...invoice, status: 'sent' }, path: 'status', rule: 'invalid_enum_value' },
			{ label: 'an empty line description', record: { ...invoice, lines: [{ ...invoice.lines[0], description: '' }] }, path: 'lines.0.description', rule: 'too_small' },
		],
	},
	{
		name: 'projects against the firm\'s business rules',
		parameters: {
			operation: 'validate',
			entity: 'project',
			record: '={{ $json }}',
			rulesSource: 'editor',
			businessRules: {
				rule: [
					{ kind: 'dateOrder', field: 'startDate', otherField: 'endDate', value: '', name: '', message: '' },
					{ kind: 'currency', field: 'budgetAmount', value: 'EUR', otherField: '', name: 'budget-in-eur', message: '' },
				],
			},
		},
		valid: project,
		broken: [
			{ label: 'a start after the end', record: { ...project, startDate: '2026-07-01' }, path: 'startDate', rule: 'dateOrder' },
			{ label: 'a budget in the wrong currency', record: { ...project, budgetAmount: { amountMinor: 100, currency: 'USD' } }, path: 'budgetAmount', rule: 'budget-in-eur' },
			{ label: 'an empty name', record: { ...project, name: '  ' }, path: 'name', rule: 'too_small' },
			{ label: 'an unknown project status', record: { ...project, status: 'paused' }, path: 'status', rule: 'invalid_enum_value' },
		],
	},
	{
		name: 'HubSpot deals through the built-in profile',
		parameters: { operation: 'toCanonical', mappingSource: 'builtIn', entity: 'opportunity', system: 'hubspot', record: '={{ $json }}', rulesSource: 'none' },
		valid: deal,
		broken: [
			{ label: 'an amount that is not a number', record: { ...deal, properties: { ...deal.properties, amount: 'a lot' } }, path: 'properties.amount', rule: 'decimal' },
			{ label: 'a close date that is no date', record: { ...deal, properties: { ...deal.properties, closedate: 'next quarter' } }, path: 'properties.closedate', rule: 'date' },
			{ label: 'no properties', record: { id: '1003' }, path: 'properties', rule: 'vendorShape' },
			{ label: 'a currency that is no ISO code', record: { ...deal, properties: { ...deal.properties, deal_currency_code: 'euro' } }, path: 'amount.currency', rule: 'invalid_string' },
			{ label: 'no deal name', record: { ...deal, properties: { ...deal.properties, dealname: null } }, path: 'name', rule: 'too_small' },
		],
	},
	{
		name: 'contacts through a custom mapping',
		parameters: {
			operation: 'toCanonical',
			mappingSource: 'editor',
			entity: 'contact',
			customSystem: 'legacyCrm',
			record: '={{ $json }}',
			rulesSource: 'none',
			mappingFields: {
				field: [
					{ target: 'email', valueFrom: 'source', source: 'mail', transform: 'trim' },
					{ target: 'lastName', valueFrom: 'source', source: 'surname', transform: 'none' },
					{ target: 'createdAt', valueFrom: 'source', source: 'created', transform: 'date', dateFormat: 'dd.MM.yyyy', dateZone: 'UTC', dateOutput: 'dateTime' },
				],
			},
		},
		valid: { mail: 'kim@acme.example', surname: 'Allen', created: '02.03.2026' },
		broken: [
			{ label: 'an address that is no e-mail', record: { mail: 'kim at acme', surname: 'Allen' }, path: 'email', rule: 'invalid_string' },
			{ label: 'a date in the wrong format', record: { mail: 'kim@acme.example', created: '2026-03-02' }, path: 'createdAt', rule: 'transform.date' },
		],
	},
];

const total = groups.reduce((count, group) => count + group.broken.length, 0);

async function run(group: CorpusGroup): Promise<{ items: IDataObject[]; valid: INodeExecutionData[]; exceptions: INodeExecutionData[] }> {
	const items = [group.valid, ...group.broken.map((entry) => entry.record)].map((record) => (Array.isArray(record) ? { list: record } : (record as IDataObject)));
	const [valid, exceptions] = await runNode({ type: node, parameters: { ...group.parameters, options: { correlationId: 'corpus-run' } }, items });
	return { items, valid, exceptions };
}

describe('a corpus of broken records', () => {
	it('has at least twenty broken records', () => expect(total).toBeGreaterThanOrEqual(20));

	describe.each(groups.map((group): [string, CorpusGroup] => [group.name, group]))('%s', (_name, group) => {
		it('sends every broken record to Exceptions with the failed field, its rule and a readable message', async () => {
			const { items, valid, exceptions } = await run(group);
			expect(valid.length + exceptions.length).toBe(items.length);
			expect(valid.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			expect(exceptions).toHaveLength(group.broken.length);
			group.broken.forEach((entry, position) => {
				const exception = exceptions[position];
				const label = `${group.name}: ${entry.label}`;
				expect({ label, pairedItem: exception.pairedItem }).toEqual({ label, pairedItem: { item: position + 1 } });
				const json = exception.json as { input: unknown; issues: Array<{ path: string; rule: string; message: string }>; correlationId: string; message: string };
				expect({ label, input: json.input }).toEqual({ label, input: items[position + 1] });
				expect(json.correlationId).toBe('corpus-run');
				const issue = json.issues.find((candidate) => candidate.path === entry.path);
				expect({ label, paths: json.issues.map((candidate) => candidate.path) }).toEqual({ label, paths: expect.arrayContaining([entry.path]) });
				expect(issue!.rule).toEqual(typeof entry.rule === 'string' ? entry.rule : expect.stringMatching(entry.rule));
				// The message names the field (or the rule's own wording) and reads as a sentence, not a code.
				expect(issue!.message.length).toBeGreaterThan(entry.path.length + 8);
				if (!issue!.rule.startsWith('budget-')) expect(issue!.message).toContain(entry.path);
				expect(json.message).toContain(`in item ${position + 1}`);
			});
		});
	});
});
