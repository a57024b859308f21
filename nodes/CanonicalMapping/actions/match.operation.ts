import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { CanonicalEntity } from '../../shared/canonical';
import { CandidateIndex, candidateLabel, findCounterpart, MATCH_STRATEGIES, type MatchHit, type MatchStrategy } from '../../shared/mapping/match';
import { readPath } from '../../shared/mapping/paths';
import { ENTITY_NAMES, entityProperty, readJsonParameter, recordProperty } from '../properties';
import type { MappingOperation, MappingRun } from '../types';

const description: INodeProperties[] = [
	entityProperty('The canonical entity of the records and of the second list'),
	recordProperty('Record', 'The record whose counterpart is looked for'),
	{
		displayName: 'Second List From',
		name: 'candidatesSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Field of the Input Item', value: 'field', description: 'A list the input item carries' },
			{ name: 'JSON', value: 'json', description: 'A list given here, e.g. the items of an earlier node' },
		],
		default: 'json',
	},
	{
		displayName: 'Second List',
		name: 'candidates',
		type: 'json',
		default: '[]',
		description: 'The records to match against, from another system, e.g. {{ $(\'ERP\').all() }} (items are unwrapped to their JSON)',
		displayOptions: { show: { candidatesSource: ['json'] } },
	},
	{
		displayName: 'List Field',
		name: 'candidatesField',
		type: 'string',
		default: '',
		placeholder: 'e.g. erpCustomers',
		description: 'Dotted path of the list in the input item',
		displayOptions: { show: { candidatesSource: ['field'] } },
	},
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'multiOptions',
		options: [
			{ name: 'Domain (Confidence 0.85)', value: 'domain', description: 'Same domain, from domain, website or a company e-mail address' },
			{ name: 'E-Mail (Confidence 0.95)', value: 'email' },
			{ name: 'External Reference (Confidence 1.0)', value: 'externalRef', description: 'One record carries the other\'s ID in externalRefs' },
			{ name: 'Name (Confidence 0.9)', value: 'name', description: 'Same name once case, punctuation, accents and legal forms (Inc, Ltd, GmbH, ...) are removed' },
		],
		default: ['domain', 'email', 'externalRef', 'name'],
		description: 'Tried strongest first; the first that finds anything decides, and several finds are reported as ambiguous',
	},
	{
		displayName: 'Unmatched Records to Exceptions',
		name: 'requireMatch',
		type: 'boolean',
		default: false,
		description: 'Whether a record without a counterpart is an exception; otherwise it goes to Valid with match.status "none" (safe to create)',
	},
];

/** The second list as plain records: n8n items (`{ json }`) are unwrapped. */
function candidatesOf(value: unknown): unknown[] | undefined {
	if (!Array.isArray(value)) return undefined;
	return value.map((entry) => (entry && typeof entry === 'object' && 'json' in entry && typeof (entry as IDataObject).json === 'object' ? (entry as IDataObject).json : entry));
}

/**
 * `{{ $('Some Node').all() }}` is the same list for every item. Evaluated per item, n8n copies the
 * whole list each time (1,000 items against 1,000 candidates took over a minute); such a list is
 * read and indexed once per run of the node instead. Any other expression is evaluated per item.
 */
const SAME_FOR_EVERY_ITEM = /^=\s*\{\{\s*\$\(\s*(['"])[^'"\\]+\1\s*\)\.all\(\s*\)\s*\}\}\s*$/;
const indexOfRun = new WeakMap<object, CandidateIndex>();

function secondList(ctx: MappingRun['ctx'], itemIndex: number): CandidateIndex {
	const source = ctx.getNodeParameter('candidatesSource', itemIndex, 'json') as string;
	const raw = ctx.getNode().parameters.candidates;
	const shared = source === 'json' && typeof raw === 'string' && SAME_FOR_EVERY_ITEM.test(raw);
	const known = shared ? indexOfRun.get(ctx) : undefined;
	if (known) return known;
	const list =
		source === 'field'
			? readPath(ctx.getInputData()[itemIndex].json, ctx.getNodeParameter('candidatesField', itemIndex, '') as string)
			: readJsonParameter(ctx, 'candidates', itemIndex, 'the second list');
	const candidates = candidatesOf(list);
	if (!candidates) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: the second list is not a list (got ${list === undefined ? 'nothing' : typeof list})`, { itemIndex });
	}
	const index = new CandidateIndex(candidates);
	if (shared) indexOfRun.set(ctx, index);
	return index;
}

const hitJson = (hit: MatchHit): IDataObject => ({
	candidateIndex: hit.candidateIndex,
	confidence: hit.confidence,
	strategy: hit.strategy,
	reason: hit.reason,
	field: hit.field,
	candidate: hit.candidate as IDataObject,
});

/**
 * Finds each record's counterpart in a second list from another system: the master-data check
 * before a customer is created twice. Matched and unmatched records go to Valid with a `match`
 * block (status, confidence, reason, the counterpart); ambiguous ones go to Exceptions.
 */
export const matchOperation: MappingOperation = {
	description,
	execute(run, itemIndex) {
		const { ctx } = run;
		const entity = ctx.getNodeParameter('entity', itemIndex) as CanonicalEntity;
		const record = readJsonParameter(ctx, 'record', itemIndex, 'the record');
		const index = secondList(ctx, itemIndex);
		const candidates = index.candidates;
		const strategies = (ctx.getNodeParameter('matchBy', itemIndex, MATCH_STRATEGIES) as MatchStrategy[]).filter((strategy) => MATCH_STRATEGIES.includes(strategy));
		const requireMatch = ctx.getNodeParameter('requireMatch', itemIndex, false) as boolean;
		const result = findCounterpart(record, index, strategies);
		const fields = record && typeof record === 'object' && !Array.isArray(record) ? (record as IDataObject) : { value: record as string };
		const label = ENTITY_NAMES[entity]?.toLowerCase() ?? entity;

		if (result.status === 'matched') return { valid: { ...fields, match: { status: 'matched', ...hitJson(result.hit) } } };
		if (result.status === 'ambiguous') {
			const listed = result.hits.map((hit) => `#${hit.candidateIndex} "${candidateLabel(hit.candidate)}"`).join(', ');
			const message = `matches ${result.hits.length} records of the second list by ${result.hits[0].reason}: ${listed}; none was picked. Add an external reference to the right one, or merge the duplicates`;
			return {
				exception: {
					input: record,
					entity,
					issues: [{ path: result.hits[0].field, rule: 'match.ambiguous', message: `${result.hits[0].field} ${message}` }],
					details: { match: { status: 'ambiguous', strategy: result.strategy, candidates: result.hits.map(hitJson) } },
				},
			};
		}
		if (requireMatch) {
			const message = `no ${label} in the second list (${candidates.length} records) matches by ${strategies.join(', ') || 'any strategy'}`;
			return { exception: { input: record, entity, issues: [{ path: '(record)', rule: 'match.none', message }], details: { match: { status: 'none' } } } };
		}
		return { valid: { ...fields, match: { status: 'none', candidatesChecked: candidates.length } } };
	},
};
