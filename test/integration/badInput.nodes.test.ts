import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { CanonicalEntity } from '../../nodes/shared/canonical';
import type { Category } from '../../nodes/vendors';
import { badInputCases, type BadInputCase } from '../support/badInput/corpus';
import { profileOf } from '../support/badInput/entities';
import { INJECTIONS } from '../support/badInput/strings';
import { supports } from '../support/systems';
import { runWrite, SYSTEMS, useAllCredentials, writesTo, type SystemUnderTest } from './badInputSupport';
import { useSandbox } from './support';

/**
 * The bad-input corpus through every write operation of the category nodes, under continue-on-fail:
 * each malformed record comes out as an error item naming its item and field, as many items come
 * out as went in, and the vendor never receives a write.
 */
const sandbox = useSandbox();
useAllCredentials(sandbox);

/** A write of a category node, the same for every system of the category. */
interface WriteOperation {
	resource: string;
	operation: string;
	entity: CanonicalEntity;
	parameters?: INodeParameters;
	/** Cases this operation rightly accepts (an update leaves fields out; a draft's status is set by the node). */
	accepts?: (entry: BadInputCase) => boolean;
	/** The field blamed, where the operation adds fields of its own before checking. */
	blames?: (entry: BadInputCase) => string | undefined;
}

const leftOut = (entry: BadInputCase, ...paths: string[]): boolean => entry.category === 'missing' && entry.id.includes('/no ') && (paths.length === 0 || paths.includes(entry.path));
const update = (idParameter: string): Pick<WriteOperation, 'parameters' | 'accepts'> => ({ parameters: { [idParameter]: '12345' }, accepts: (entry) => leftOut(entry) });
const upsert: Pick<WriteOperation, 'parameters'> = { parameters: { externalId: 'EXT-0001' } };

/** Every write operation of each category node (HRIS has none). */
const WRITES_BY_CATEGORY: Record<Category, WriteOperation[]> = {
	crm: [
		{ resource: 'client', operation: 'create', entity: 'client' },
		{ resource: 'client', operation: 'update', entity: 'client', ...update('clientId') },
		{ resource: 'client', operation: 'upsert', entity: 'client', ...upsert },
		{ resource: 'contact', operation: 'create', entity: 'contact' },
		{ resource: 'contact', operation: 'update', entity: 'contact', ...update('contactId') },
		{ resource: 'contact', operation: 'upsert', entity: 'contact', ...upsert },
		{ resource: 'opportunity', operation: 'update', entity: 'opportunity', ...update('opportunityId') },
	],
	psa: [
		{ resource: 'client', operation: 'create', entity: 'client' },
		{ resource: 'client', operation: 'update', entity: 'client', ...update('clientId') },
		{ resource: 'project', operation: 'create', entity: 'project' },
		{ resource: 'project', operation: 'update', entity: 'project', ...update('projectId') },
		{ resource: 'task', operation: 'create', entity: 'task' },
		{ resource: 'timeEntry', operation: 'create', entity: 'timeEntry', accepts: (entry) => leftOut(entry, 'billable', 'approvalStatus') },
		{ resource: 'timeEntry', operation: 'update', entity: 'timeEntry', ...update('timeEntryId') },
		{ resource: 'assignment', operation: 'createPerson', entity: 'assignment', accepts: (entry) => leftOut(entry, 'kind') },
		{ resource: 'assignment', operation: 'createTask', entity: 'assignment', accepts: (entry) => leftOut(entry, 'kind') },
		{ resource: 'expense', operation: 'create', entity: 'expense', accepts: (entry) => leftOut(entry, 'billable', 'approvalStatus') },
	],
	erp: [
		{ resource: 'customer', operation: 'upsert', entity: 'client', ...upsert },
		{
			resource: 'invoice',
			operation: 'createDraft',
			entity: 'invoice',
			parameters: { lineDefaults: {} },
			// A draft's status is the node's to set; a plain unit price is in the invoice's currency, whose case is forgiven.
			accepts: (entry) => entry.path === 'status' || entry.id.endsWith('lines.0.unitPrice as a number') || entry.id.endsWith('currency "usd"'),
			// `{}` gets its draft status, so it is no longer empty: its missing required fields are named.
			blames: (entry) => (entry.id.endsWith('record is an empty object') ? 'clientId' : undefined),
		},
	],
	hris: [],
};

/** Each write of each registered system; a write the system lacks the capability for is the capability suites' to check. */
const WRITES: Array<{ system: SystemUnderTest; write: WriteOperation }> = Object.values(SYSTEMS).flatMap((system) =>
	WRITES_BY_CATEGORY[system.category].filter((write) => supports(system, write.resource, write.operation)).map((write) => ({ system, write })),
);
const systemsOf = (category: Category): SystemUnderTest[] => Object.values(SYSTEMS).filter((system) => system.category === category);

/** Every case an error item, in input order, naming its item and field; returns the failures. */
function misreported(output: Array<{ json: IDataObject; pairedItem?: unknown }>, cases: BadInputCase[], blames?: WriteOperation['blames']): string[] {
	const failures: string[] = [];
	cases.forEach((entry, index) => {
		const item = output[index];
		const message = String(item?.json.error ?? '');
		if (JSON.stringify(item?.pairedItem) !== JSON.stringify({ item: index })) failures.push(`${entry.id}: output ${index} is not paired with item ${index}`);
		if (!message) return failures.push(`${entry.id}: succeeded (${JSON.stringify(item?.json).slice(0, 120)})`);
		if (!message.includes(`in item ${index}`)) failures.push(`${entry.id}: "${message.slice(0, 160)}" does not name item ${index}`);
		const path = blames?.(entry) ?? entry.path;
		if (!message.includes(path)) failures.push(`${entry.id}: "${message.slice(0, 160)}" does not name ${path}`);
		if (message.length > 4000 || /[\r\n]/.test(message)) failures.push(`${entry.id}: message of ${message.length} characters, or over several lines`);
		return undefined;
	});
	return failures;
}

describe.each(WRITES.map(({ system, write }): [string, SystemUnderTest, WriteOperation] => [`${system.key} ${write.resource} ${write.operation}`, system, write]))('%s', (_name, system, write) => {
	it('puts every malformed record on the error output, names its item and field, and writes nothing', async () => {
		const cases = badInputCases(profileOf(write.entity)).filter((entry) => !write.accepts?.(entry));
		const output = await runWrite(system, { resource: write.resource, operation: write.operation, inputMode: 'json', record: '={{ $json.record }}', ...write.parameters }, cases.map((entry) => ({ record: entry.record }) as IDataObject));
		expect(output).toHaveLength(cases.length);
		expect(misreported(output, cases, write.blames)).toEqual([]);
		expect(writesTo(sandbox, system.vendor)).toEqual([]);
	});
});

describe('ids and external keys given as parameters', () => {
	const hostile = Object.values(INJECTIONS);

	it.each(systemsOf('crm').map((system) => [system.key, system] as const))('%s: an update or upsert whose id is no id is refused before any request', async (_key, system) => {
		const items = hostile.map((id) => ({ id, record: { name: 'Fine Name Ltd' } }));
		const updates = await runWrite(system, { resource: 'client', operation: 'update', clientId: '={{ $json.id }}', inputMode: 'json', record: '={{ $json.record }}' }, items);
		expect(updates.map((item) => String(item.json.error))).toEqual(hostile.map((_id, index) => expect.stringMatching(new RegExp(`in item ${index}: clientId .* must be an id`))));
		// An external key is free text, but not over several lines.
		const multiline = [INJECTIONS.crlf, INJECTIONS.nul, ' '];
		const upserts = await runWrite(system, { resource: 'client', operation: 'upsert', externalId: '={{ $json.id }}', inputMode: 'json', record: '={{ $json.record }}' }, multiline.map((id) => ({ id, record: { name: 'Fine Name Ltd' } })));
		expect(upserts.map((item) => String(item.json.error))).toEqual(multiline.map((_id, index) => expect.stringContaining(`in item ${index}: externalId`)));
		expect(writesTo(sandbox, system.vendor)).toEqual([]);
	});
});

describe('ERP payments recorded from parameters', () => {
	const payment = profileOf('payment');
	const fromFields = badInputCases(payment).filter((entry) => ['invoiceId', 'date'].includes(entry.path) && entry.record && typeof entry.record === 'object' && !Array.isArray(entry.record));
	const amounts: Array<[string, string]> = [
		['no amount', ''],
		['no number', 'a lot EUR'],
		['3 decimals in USD', '12.345 USD'],
		['a decimal in JPY', '100.5 JPY'],
		['an unknown currency', '10.00 XYZ'],
		['no currency', '10.00'],
	];

	it.each(systemsOf('erp').map((system) => [system.key, system] as const))('%s: every malformed payment is an error item at its field, and nothing is recorded', async (_key, system) => {
		const items = [
			...fromFields.map((entry) => ({ ...(entry.record as IDataObject), amountText: '200.00 EUR' })),
			...amounts.map(([, amountText]) => ({ ...payment.valid, amountText })),
		];
		const output = await runWrite(
			system,
			{ resource: 'payment', operation: 'record', invoiceId: '={{ $json.invoiceId }}', amount: '={{ $json.amountText }}', date: '={{ $json.date }}', account: { __rl: true, mode: 'id', value: '1000' }, reference: '={{ $json.reference }}' },
			items,
		);
		expect(output).toHaveLength(items.length);
		const expected = [...fromFields.map((entry) => entry.path), ...amounts.map(() => 'amount')];
		expect(output.map((item, index) => [index, String(item.json.error).includes(`in item ${index}`), String(item.json.error).includes(expected[index])])).toEqual(expected.map((_path, index) => [index, true, true]));
		expect(writesTo(sandbox, system.vendor)).toEqual([]);
	});
});
