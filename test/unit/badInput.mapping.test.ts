import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { CanonicalMapping } from '../../nodes/CanonicalMapping/CanonicalMapping.node';
import { mappingProfiles } from '../../nodes/vendors';
import { readPath } from '../../nodes/shared/mapping/paths';
import { runNode } from '../harness/n8n';
import { BAD_INPUT_CORPUS, corpusCounts, freeTextCases, badInputCases, type BadInputCase } from '../support/badInput/corpus';
import { ENTITY_PROFILES, type EntityProfile } from '../support/badInput/entities';

/**
 * The bad-input corpus through the Canonical Mapping node: every malformed record leaves on
 * Exceptions, blamed at its field, named by its item; valid records (hostile-looking free text
 * included) leave on Valid; as many items come out as went in; the node never fails.
 */
const node = new CanonicalMapping();

interface Issue {
	path: string;
	rule: string;
	message: string;
}

/** Each item carries its record under `record`, so that a record may be anything: an array, text, null. */
const itemsOf = (records: unknown[]): IDataObject[] => records.map((record) => ({ record }) as IDataObject);

async function run(parameters: INodeParameters, records: unknown[]): Promise<{ valid: INodeExecutionData[]; exceptions: INodeExecutionData[] }> {
	const [valid, exceptions] = await runNode({ type: node, parameters: { record: '={{ $json.record }}', rulesSource: 'none', options: {}, ...parameters }, items: itemsOf(records) });
	return { valid, exceptions };
}

const blames = (issue: Issue, path: string): boolean => issue.path === path || issue.path.startsWith(`${path}.`);

/** Every bad case sits on Exceptions, paired with its item, with an issue at its field and a message naming the item and the field. */
function expectBlamed(exceptions: INodeExecutionData[], cases: BadInputCase[], firstIndex: number): void {
	const byItem = new Map(exceptions.map((item) => [(item.pairedItem as { item: number }).item, item.json]));
	const failures: string[] = [];
	cases.forEach((entry, position) => {
		const index = firstIndex + position;
		const json = byItem.get(index);
		if (!json) return failures.push(`${entry.id}: not on Exceptions`);
		const issues = json.issues as unknown as Issue[];
		const issue = issues.find((candidate) => blames(candidate, entry.path));
		if (!issue) return failures.push(`${entry.id}: no issue at ${entry.path} (got ${issues.map((candidate) => candidate.path).join(', ')})`);
		if (!issue.message.includes(issue.path)) failures.push(`${entry.id}: message "${issue.message}" does not name ${issue.path}`);
		const message = json.message as string;
		if (!message.includes(`in item ${index}`) || !message.includes(issue.path)) failures.push(`${entry.id}: message "${message.slice(0, 200)}" does not name item ${index} and ${issue.path}`);
		// A message is for a person: one line, of a readable length, whatever the record held.
		if (message.length > 4000 || /[\r\n]/.test(message)) failures.push(`${entry.id}: message of ${message.length} characters, or over several lines`);
		return undefined;
	});
	expect(failures).toEqual([]);
}

describe('the bad-input corpus', () => {
	it('holds at least 500 malformed records, across every entity and category', () => {
		const { byEntity, byCategory } = corpusCounts();
		expect(BAD_INPUT_CORPUS.length).toBeGreaterThanOrEqual(500);
		expect(Object.keys(byEntity).sort()).toEqual(ENTITY_PROFILES.map((profile) => profile.entity).sort());
		expect(Object.keys(byCategory).sort()).toEqual(['currency', 'date', 'enum', 'injection', 'missing', 'nonObject', 'oversized', 'wrongType']);
		expect(new Set(BAD_INPUT_CORPUS.map((entry) => entry.id)).size).toBe(BAD_INPUT_CORPUS.length);
	});
});

describe.each(ENTITY_PROFILES.map((profile): [string, EntityProfile] => [profile.entity, profile]))('Canonical Mapping, %s', (entity, profile) => {
	const cases = badInputCases(profile);
	const freeText = freeTextCases(profile);
	const good = [profile.valid, ...freeText.map((entry) => entry.record)];

	it('Validate: every malformed record on Exceptions at its field, the valid and hostile-looking ones on Valid', async () => {
		const { valid, exceptions } = await run({ operation: 'validate', entity }, [...good, ...cases.map((entry) => entry.record)]);
		expect(valid.length + exceptions.length).toBe(good.length + cases.length);
		expect(valid.map((item) => item.pairedItem)).toEqual(good.map((_record, item) => ({ item })));
		// Free text is kept exactly as given.
		freeText.forEach((entry, position) => expect(readPath(valid[position + 1].json, entry.path)).toBe(entry.text));
		expectBlamed(exceptions, cases, good.length);
	});

	it('Validate, partial records: the fields present are still checked', async () => {
		const present = cases.filter((entry) => entry.category !== 'missing');
		const { valid, exceptions } = await run({ operation: 'validate', entity, options: { partial: true } }, present.map((entry) => entry.record));
		expect(valid.map((item) => item.json)).toEqual([]);
		expect(exceptions).toHaveLength(present.length);
		expectBlamed(exceptions, present, 0);
	});

	const writers = mappingProfiles.filter((candidate) => candidate.entity === entity && candidate.write);
	if (writers.length === 0) return;
	it.each(writers.map((writer) => [writer.systemName, writer.system]))('Canonical Record to %s Payload: no payload from a malformed record', async (_name, system) => {
		const { valid, exceptions } = await run({ operation: 'fromCanonical', mappingSource: 'builtIn', entity, system }, cases.map((entry) => entry.record));
		expect(valid).toEqual([]);
		expect(exceptions).toHaveLength(cases.length);
		expectBlamed(exceptions, cases, 0);
	});
});
