/**
 * What the conformance suites share: one sandbox per file, the systems of a category derived from
 * the registry (test/support/systems.ts), runs of the category node and its trigger, the fakes'
 * stored records read vendor-neutrally (`VendorFake.records`), and the rows every system runs the
 * same way: error paths, capabilities, trigger polls.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { mapContext } from '../../nodes/shared/canonical/provenance';
import type { VendorClient } from '../../nodes/shared/transport/client';
import type { Category } from '../../nodes/vendors';
import type { StoredEntity } from '../../sandbox/core/vendor';
import { generateFirm, SEED_ANCHOR, type FirmData } from '../../sandbox/seed/firm';
import type { N8nCredentialRecord } from '../../sandbox/core/credentials';
import { credentialsHelper, runLoadOptions, runNode, runPoll, useCredential } from '../harness/n8n';
import { secretsOfCredential } from '../harness/secrets';
import { useSandbox, type SandboxHandle } from '../integration/support';
import { CATEGORY_DEFINITIONS, systemsUnderTest, useSystemCredentials, type SystemUnderTest } from '../support/systems';

export type { SystemUnderTest } from '../support/systems';
export type { SandboxHandle } from '../integration/support';

/** The firm every fake is seeded from (useSandbox's seed): the same clients, people and projects in every system. */
export const firm: FirmData = generateFirm({ seed: 42, scale: 1 });

/** A conformance file's sandbox and the registered systems of its category, credentials stored before each test. */
export function useConformance(category: Category): { sandbox: SandboxHandle; systems: SystemUnderTest[]; rows: Array<[string, SystemUnderTest]> } {
	const sandbox = useSandbox();
	const systems = systemsUnderTest(category);
	useSystemCredentials(sandbox, systems);
	return { sandbox, systems, rows: systems.map((system) => [system.displayName, system]) };
}

/** Runs the category node on the system and returns its first output's items. */
export async function runItems(system: SystemUnderTest, parameters: INodeParameters, options: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: Record<string, string> } = {}): Promise<INodeExecutionData[]> {
	const output = await runNode({ type: system.node, parameters: { ...system.parameters, options: {}, ...parameters }, credentials: options.credentials ?? system.credentials, items: options.items, continueOnFail: options.continueOnFail });
	return output[0];
}

/** Runs the category node and returns its output's JSON. */
export async function runOn(system: SystemUnderTest, parameters: INodeParameters, items?: IDataObject[]): Promise<IDataObject[]> {
	return (await runItems(system, parameters, { items })).map((item) => item.json);
}

/** The one record an operation on one item returns. */
export async function runOne(system: SystemUnderTest, parameters: INodeParameters, item?: IDataObject): Promise<IDataObject> {
	const output = await runOn(system, parameters, item ? [item] : undefined);
	expect(output).toHaveLength(1);
	return output[0];
}

/** The values of a list-search picker of the node (e.g. bank accounts), as the editor would show them. */
export async function pickerValues(system: SystemUnderTest, method: string, parameters: INodeParameters = {}): Promise<string[]> {
	const result = (await runLoadOptions({ type: system.node, parameters: { ...system.parameters, ...parameters }, credentials: system.credentials }, 'listSearch', method)) as { results: INodePropertyOptions[] };
	return result.results.map((option) => String(option.value));
}

export async function failureOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the run to fail');
}

/** The fake's stored records of a canonical entity, in the vendor's shape. */
export function stored(sandbox: SandboxHandle, system: SystemUnderTest, entity: StoredEntity): Array<Record<string, unknown>> {
	const fake = system.liveFake(sandbox);
	if (!fake.records) throw new Error(`the ${system.displayName} fake has no records(): it cannot be checked vendor-neutrally`);
	return fake.records(entity);
}

// A vendor's id field: id, Id or ID; for a vendor that names it after the record (ContactID,
// projectId), a name ending in them. Top level only: nested ones point elsewhere.
const OWN_ID = /^(id|Id|ID)$/;
const NAMED_ID = /[a-z](Id|ID)$/;

/** The values of a stored record's own id field(s), as text. */
export function idsOf(record: Record<string, unknown>): string[] {
	const keys = Object.keys(record).filter((key) => typeof record[key] === 'string' || typeof record[key] === 'number');
	const own = keys.filter((key) => OWN_ID.test(key));
	return (own.length > 0 ? own : keys.filter((key) => NAMED_ID.test(key))).map((key) => String(record[key]));
}

/** The stored records whose id field holds this canonical id. */
export const withId = (records: Array<Record<string, unknown>>, id: unknown): Array<Record<string, unknown>> => records.filter((record) => idsOf(record).includes(String(id)));

/** Every text (and number, as text) anywhere in a stored record. */
export function valuesIn(value: unknown, into: string[] = []): string[] {
	if (Array.isArray(value)) for (const entry of value) valuesIn(entry, into);
	else if (value && typeof value === 'object') for (const entry of Object.values(value)) valuesIn(entry, into);
	else if (typeof value === 'string' || typeof value === 'number') into.push(String(value));
	return into;
}

/** Whether a stored record holds this text as one of its values. */
export const holds = (record: Record<string, unknown>, text: string): boolean => valuesIn(record).includes(text);

/** The stored records that hold this text as a value (a name, a reference written). */
export const holding = (records: Array<Record<string, unknown>>, text: string): Array<Record<string, unknown>> => records.filter((record) => holds(record, text));

/** The one stored record with this id; fails the test naming the entity when there is not exactly one. */
export function storedRecord(sandbox: SandboxHandle, system: SystemUnderTest, entity: StoredEntity, id: unknown): Record<string, unknown> {
	const found = withId(stored(sandbox, system, entity), id);
	expect({ entity, id: String(id), stored: found.length }).toEqual({ entity, id: String(id), stored: 1 });
	return found[0];
}

/** An id shaped like `known` (same length and characters but digits) that no stored record of the entity has. */
export function unknownIdLike(known: string, records: Array<Record<string, unknown>>): string {
	const taken = new Set(records.flatMap(idsOf));
	// Past a short prefix (a key prefix such as an object type), so the id stays well-formed.
	const from = Math.min(3, Math.max(0, known.length - 2));
	for (let shift = 1; shift < 10; shift++) {
		const candidate = known.slice(0, from) + known.slice(from).replace(/\d/g, (digit) => String((Number(digit) + shift) % 10));
		if (candidate !== known && !taken.has(candidate)) return candidate;
	}
	throw new Error(`no unknown id shaped like ${known}`);
}

/** A unique text for one test run, so a record written is found by it and only it. */
export const unique = (label: string): string => `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Ids of canonical records, as text, in order. */
export const idList = (records: IDataObject[]): string[] => records.map((record) => String(record.id));

/**
 * A list's contract: a small limit returns that many, all of them in the full list; the full list
 * (Return All) has each record once, every one from the system.
 */
export async function expectPaging(system: SystemUnderTest, parameters: INodeParameters, limit = 3): Promise<IDataObject[]> {
	const some = await runOn(system, { ...parameters, returnAll: false, limit });
	const all = await runOn(system, { ...parameters, returnAll: true });
	expect(all.length).toBeGreaterThan(limit);
	expect(some).toHaveLength(limit);
	expect(new Set(idList(all)).size).toBe(all.length);
	expect(idList(all)).toEqual(expect.arrayContaining(idList(some)));
	for (const record of all) expect((record._meta as IDataObject | undefined)?.system).toBe(system.key);
	return all;
}

// The path of every request but a token endpoint's: faults hit the vendor's API, not the credential's grant.
const NOT_A_TOKEN_ENDPOINT = '^(?!.*token$)';

const injectFault = async (sandbox: SandboxHandle, system: SystemUnderTest, rule: IDataObject) => await sandbox.admin('POST', '/faults', { vendor: system.vendor, path: NOT_A_TOKEN_ENDPOINT, count: 1, ...rule });

/** The credential's data with every secret (its password fields, an OAuth2 client secret and tokens) made wrong. */
function withWrongSecrets(system: SystemUnderTest, record: N8nCredentialRecord): { data: Record<string, unknown>; secrets: string[] } {
	const type = record.type;
	const found = secretsOfCredential(record.id, type, record.data as ICredentialDataDecryptedObject, credentialsHelper.types.get(type), credentialsHelper.getParentTypes(type));
	expect(found.length).toBeGreaterThan(0);
	const wrong = structuredClone(record.data);
	const secrets: string[] = [];
	for (const { field, value } of found) {
		const wrongValue = `${value.split('').reverse().join('')}-wrong`;
		const path = field.split('.');
		const holder = path.slice(0, -1).reduce<Record<string, unknown>>((into, key) => into[key] as Record<string, unknown>, wrong);
		holder[path[path.length - 1]] = wrongValue;
		secrets.push(value, wrongValue);
	}
	return { data: wrong, secrets };
}

/**
 * Rows a system fails because its connector, fake or the shared transport differs from the
 * contract, outside the conformance suite: kept as `test.failing` (so a fix turns them red until
 * the entry goes) with why, by `<system key>: <row>`.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
	// Payment > Record returns the journal line's id; with Post Payments on (the sandbox credential)
	// the line is posted and leaves the journal, so Payment > Get of that id answers 404
	// (nodes/vendors/businessCentral/payments.ts). The listed "received to date" payment can be read.
	'businessCentral: payment get recorded': 'recorded payment id cannot be read back after posting',
};

/** `test`, or `test.failing` for a row listed in KNOWN_DIFFERENCES. */
export const row = (system: SystemUnderTest, id: string): jest.It => (KNOWN_DIFFERENCES[`${system.key}: ${id}`] ? test.failing : test);

/** What each category's error rows run: a read, a get by id, and a write that one bad item can break. */
export interface ErrorPathSpec {
	/** A canonical list read (the operation's parameters, e.g. clients, limit 2). */
	read: INodeParameters;
	/** Get by id: the operation, the entity whose records hold the id, and how the id parameter is given. */
	get: { parameters: INodeParameters; entity: StoredEntity; id(id: string): INodeParameters };
	/** Three items under continue-on-fail, the middle one bad in `field`. */
	badInput(system: SystemUnderTest): Promise<{ parameters: INodeParameters; items: IDataObject[]; field: string }>;
}

/** The error rows every system runs: 401, 404, 429 with Retry-After, a malformed body, a bad item. */
export function errorPathTests(sandbox: SandboxHandle, system: SystemUnderTest, spec: ErrorPathSpec): void {
	const name = system.displayName;

	row(system, '401')(`${name}: a wrong secret is refused with HTTP 401, no secret in the error`, async () => {
		const record = system.credentialRecord(sandbox);
		const { data, secrets } = withWrongSecrets(system, record);
		useCredential(`${record.id}-wrong`, record.type, data as ICredentialDataDecryptedObject);
		const error = await failureOf(runOn({ ...system, credentials: { [record.type]: `${record.id}-wrong` } }, spec.read));
		const text = `${error.message} ${String((error as NodeApiError).description ?? '')}`;
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
	});

	test(`${name}: get of an id that does not exist is a 404`, async () => {
		const [first] = await runOn(system, { ...spec.read, returnAll: false, limit: 1 });
		const missing = unknownIdLike(String(first.id), stored(sandbox, system, spec.get.entity));
		const error = await failureOf(runOn(system, { ...spec.get.parameters, ...spec.get.id(missing) }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
	});

	test(`${name}: a 429 with Retry-After is retried once, then succeeds`, async () => {
		await injectFault(sandbox, system, { kind: 'status', status: 429, retryAfter: '1' });
		const output = await runOn(system, spec.read);
		expect(output.length).toBeGreaterThan(0);
		const log = sandbox.sandbox.requests.filter((request) => request.vendor === system.vendor);
		const refused = log.findIndex((request) => request.status === 429);
		expect(refused).toBeGreaterThanOrEqual(0);
		expect(log.filter((request) => request.status === 429)).toHaveLength(1);
		// The same request again, answered (after a token refresh, where the credential's token was stale).
		const retried = log.slice(refused + 1).filter((request) => request.method === log[refused].method && request.path === log[refused].path);
		expect(retried.some((request) => (request.status ?? 500) < 400)).toBe(true);
	});

	test(`${name}: a malformed body is a clear error, not a crash`, async () => {
		await injectFault(sandbox, system, { kind: 'malformed' });
		const error = await failureOf(runOn(system, spec.read));
		expect(error instanceof NodeApiError || error instanceof NodeOperationError).toBe(true);
		expect(error.message).toMatch(/malformed/i);
	});

	test(`${name}: a bad input item under continue-on-fail is an error item naming the item and the field`, async () => {
		const { parameters, items, field } = await spec.badInput(system);
		const output = await runItems(system, parameters, { items, continueOnFail: true });
		expect(output).toHaveLength(items.length);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_item, index) => ({ item: index })));
		expect(output.map((item) => item.json.error === undefined)).toEqual([true, false, true]);
		expect(String(output[1].json.error)).toMatch(/\bitem 1\b/i);
		expect(String(output[1].json.error)).toContain(field);
	});
}

/** Each category's optional connector members, by the capability that says they are there. */
export const OPTIONAL_MEMBERS: Record<Category, Record<string, string[]>> = {
	crm: {},
	psa: { markTimeInvoiced: ['markTimeInvoiced'] },
	erp: { invoiceNotes: ['invoices.addNote', 'invoices.listNotes'], projects: ['projects'], items: ['listItems'] },
	hris: {},
};

/**
 * A client that holds the sandbox credential's data and refuses every request: connecting is
 * assembling (it may read the credential's settings), it must not call the vendor.
 */
function offlineClient(system: SystemUnderTest): VendorClient {
	const known: Record<string, unknown> = { credentials: system.credentialRecord({ sandbox: { url: 'http://127.0.0.1:1' } } as SandboxHandle).data, credentialType: system.credential.credentialType, secrets: [], baseUrl: 'http://127.0.0.1:1' };
	return new Proxy(known, {
		get: (target, property) => {
			if (typeof property !== 'string' || property === 'then') return undefined;
			if (property in target) return target[property];
			return () => {
				throw new Error(`the ${system.displayName} connector called client.${property} while connecting`);
			};
		},
	}) as unknown as VendorClient;
}

const memberAt = (connector: unknown, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], connector);

/** The rows on what a system declares: names from its category's list, the optional members it has, Get Capabilities, and what it lacks refused. */
export function capabilityTests(sandbox: SandboxHandle, system: SystemUnderTest): void {
	const name = system.displayName;
	const category = CATEGORY_DEFINITIONS[system.category];
	const known = category.capabilities.map((capability) => capability.value);

	test(`${name}: declares only capabilities of the ${category.category} list, and has the optional members of exactly those`, () => {
		expect(system.definition.capabilities.filter((capability) => !known.includes(capability))).toEqual([]);
		const connector = system.definition.connect(offlineClient(system), mapContext({ referenceSystems: category.referenceSystems }));
		const members = Object.entries(OPTIONAL_MEMBERS[system.category]).flatMap(([capability, paths]) => paths.map((path) => ({ capability, path, declared: system.definition.capabilities.includes(capability) })));
		expect(members.map(({ path }) => ({ path, present: memberAt(connector, path) !== undefined }))).toEqual(members.map(({ path, declared }) => ({ path, present: declared })));
	});

	test(`${name}: Get Capabilities reports what it declares`, async () => {
		const result = await runOne(system, { resource: 'system', operation: 'getCapabilities' });
		expect(result.system).toBe(system.key);
		expect(result.capabilities).toEqual(Object.fromEntries(known.map((capability) => [capability, system.definition.capabilities.includes(capability)])));
	});

	const absent = category.resources.flatMap((resource) =>
		resource.operations.filter((entry) => entry.requires !== undefined && !system.definition.capabilities.includes(entry.requires)).map((entry) => ({ resource: resource.value, operation: entry.value, requires: entry.requires! })),
	);
	if (absent.length === 0) return;
	test.each(absent)(`${name}: $resource $operation, which needs "$requires" it lacks, fails naming the system and the capability`, async ({ resource, operation, requires }) => {
		const output = await runItems(system, { resource, operation }, { items: [{}, {}], continueOnFail: true });
		expect(output).toHaveLength(2);
		for (const item of output) {
			expect(String(item.json.error)).toContain(name);
			expect(String(item.json.error)).toContain(`"${requires}"`);
		}
		// Refused before any request reaches the vendor.
		expect(sandbox.sandbox.requests.filter((request) => request.vendor === system.vendor)).toEqual([]);
	});
}

/** The trigger's events, as its Event parameter offers them. */
export const triggerEvents = (system: SystemUnderTest): string[] =>
	((system.trigger.description.properties.find((property) => property.name === 'event')?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));

/** A poller of the system's trigger: each call is one poll, static data kept between calls as n8n keeps it. */
export function poller(system: SystemUnderTest, event: string): { poll(): Promise<IDataObject[]>; rewind(to: number): void } {
	const staticData: IDataObject = {};
	return {
		async poll() {
			const result = await runPoll({ type: system.trigger, parameters: { ...system.parameters, event }, credentials: system.credentials, staticData });
			return result?.[0].map((item) => item.json) ?? [];
		},
		// Moves the trigger's cursor back, as if it had last polled then: what changed since is due.
		rewind(to) {
			const visit = (value: unknown): void => {
				if (!value || typeof value !== 'object') return;
				if ('cursor' in value) (value as IDataObject).cursor = new Date(to).toISOString();
				else Object.values(value).forEach(visit);
			};
			visit(staticData);
		},
	};
}

/** The poll rows: each event, from a cursor before the seeded firm's history, emits events once and a second poll repeats none. */
export function triggerTests(system: SystemUnderTest, eventKey: (record: IDataObject) => string = (record) => String(record.id)): void {
	test.each(triggerEvents(system))(`${system.displayName}: trigger %s emits each event once across two polls`, async (event) => {
		const trigger = poller(system, event);
		expect(await trigger.poll()).toEqual([]);
		trigger.rewind(SEED_ANCHOR - 3 * 365 * 86_400_000);
		const first = (await trigger.poll()).map(eventKey);
		expect(first.length).toBeGreaterThan(0);
		expect(new Set(first).size).toBe(first.length);
		const second = (await trigger.poll()).map(eventKey);
		expect(second.filter((key) => first.includes(key))).toEqual([]);
	});
}
