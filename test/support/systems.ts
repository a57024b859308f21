/**
 * Every registered system of every category, as the test suites drive it: derived from the vendor
 * registry (nodes/vendors) and the sandbox's fakes (sandbox/vendors), never from a hand-kept list,
 * so a vendor that is registered gets its rows in every suite built on this, and a vendor that is
 * registered without a fake or a sandbox credential fails here, naming it.
 */
import type { ICredentialDataDecryptedObject, INodeParameters, INodeType } from 'n8n-workflow';
import { Crm } from '../../nodes/Crm/Crm.node';
import { CrmTrigger } from '../../nodes/Crm/CrmTrigger.node';
import { Erp } from '../../nodes/Erp/Erp.node';
import { ErpTrigger } from '../../nodes/Erp/ErpTrigger.node';
import { Hris } from '../../nodes/Hris/Hris.node';
import { HrisTrigger } from '../../nodes/Hris/HrisTrigger.node';
import { Psa } from '../../nodes/Psa/Psa.node';
import { PsaTrigger } from '../../nodes/Psa/PsaTrigger.node';
import { crmCategory } from '../../nodes/Crm/actions';
import { erpCategory } from '../../nodes/Erp/actions';
import { hrisCategory } from '../../nodes/Hris/actions';
import { psaCategory } from '../../nodes/Psa/actions';
import { authenticationParameter } from '../../nodes/shared/node/describe';
import type { CategoryDefinition, OperationEntry, SystemCredential, SystemDefinition } from '../../nodes/shared/node/types';
import { systemsOf, type Category } from '../../nodes/vendors';
import type { N8nCredentialRecord } from '../../sandbox/core/credentials';
import type { VendorFake } from '../../sandbox/core/vendor';
import { createVendorFakes } from '../../sandbox/vendors';
import { useCredential } from '../harness/n8n';
import type { SandboxHandle } from '../integration/support';

export const CATEGORIES: readonly Category[] = ['crm', 'psa', 'erp', 'hris'];

/** The node and the trigger of each category. */
const NODES: Record<Category, { node: () => INodeType; trigger: () => INodeType }> = {
	crm: { node: () => new Crm(), trigger: () => new CrmTrigger() },
	psa: { node: () => new Psa(), trigger: () => new PsaTrigger() },
	erp: { node: () => new Erp(), trigger: () => new ErpTrigger() },
	hris: { node: () => new Hris(), trigger: () => new HrisTrigger() },
};

/** Each category node's resources, operations and optional features, as its router knows them. */
export const CATEGORY_DEFINITIONS: Record<Category, CategoryDefinition<unknown>> = {
	crm: crmCategory as CategoryDefinition<unknown>,
	psa: psaCategory as CategoryDefinition<unknown>,
	erp: erpCategory as CategoryDefinition<unknown>,
	hris: hrisCategory as CategoryDefinition<unknown>,
};

/** An operation of a category node; throws for one the node does not have. */
export function operationEntry(category: Category, resource: string, operation: string): OperationEntry<unknown> {
	const entry = CATEGORY_DEFINITIONS[category].resources.find((candidate) => candidate.value === resource)?.operations.find((candidate) => candidate.value === operation);
	if (!entry) throw new Error(`the ${category.toUpperCase()} node has no operation ${resource} > ${operation}`);
	return entry;
}

/** Whether the system has what the operation requires (every operation without a requirement runs on every system). */
export const supports = (system: SystemUnderTest, resource: string, operation: string): boolean => {
	const requires = operationEntry(system.category, resource, operation).requires;
	return requires === undefined || system.definition.capabilities.includes(requires);
};

/** A canonical read of each category (a short list): for suites that need any request to the system. */
export const CANONICAL_READS: Record<Category, INodeParameters> = {
	crm: { resource: 'client', operation: 'list', returnAll: false, limit: 2 },
	psa: { resource: 'client', operation: 'list', returnAll: false, limit: 2 },
	erp: { resource: 'customer', operation: 'list', returnAll: false, limit: 2 },
	hris: { resource: 'employee', operation: 'list', returnAll: false, limit: 2 },
};

/** One system behind a category node, as a test drives it over the sandbox. */
export interface SystemUnderTest {
	category: Category;
	/** Registry key: the node's `system` parameter, `_meta.system`. */
	key: string;
	displayName: string;
	/** The registry's definition (capabilities, credentials, connector). */
	definition: SystemDefinition<unknown>;
	/** The category node and its trigger. */
	node: INodeType;
	trigger: INodeType;
	/** `{ system, <system>Authentication }`: what every run of the node starts from. */
	parameters: INodeParameters;
	/** The credential the tests use: one the sandbox has a record for. */
	credential: SystemCredential;
	/** `{ credentialType: id }`, as runNode takes it. */
	credentials: Record<string, string>;
	/** The fake that stands in for the system (a fresh instance: its name and credential records; the running one is `liveFake`). */
	fake: VendorFake;
	/** The fake's path prefix on the sandbox, and the request log's `vendor`. */
	vendor: string;
	/** The sandbox's credential record, pointed at this sandbox. */
	credentialRecord(sandbox: SandboxHandle): N8nCredentialRecord;
	/** Stores the sandbox record's data as the credential `credentials` names (call it in a beforeEach: tests may change it). */
	useCredentials(sandbox: SandboxHandle): void;
	/** The fake instance the running sandbox serves. */
	liveFake(sandbox: SandboxHandle): VendorFake;
}

// Only the credential types matter here, not the URL the records point at.
const PROBE_URL = 'http://127.0.0.1:1';

/** An authorization-code OAuth2 record needs a browser consent flow and an expired token refreshed first: a last choice. */
const isAuthorizationCode = (record: N8nCredentialRecord): boolean => record.data.grantType === 'authorizationCode';

/** One registered system as the tests drive it, with the sandbox's fakes to find its stand-in among. */
export function systemUnderTest(category: Category, definition: SystemDefinition<unknown>, fakes: VendorFake[]): SystemUnderTest {
	const label = `${definition.displayName} (${definition.key}), a registered ${category.toUpperCase()} system`;
	const fake = fakes.find((candidate) => candidate.system === definition.key);
	if (!fake) throw new Error(`${label}, has no sandbox fake: add one whose system is "${definition.key}" to sandbox/vendors/index.ts`);
	const records = fake.credentialRecords?.(PROBE_URL) ?? [];
	const usable = definition.credentials
		.map((credential) => ({ credential, record: records.find((record) => record.type === credential.credentialType) }))
		.filter((entry): entry is { credential: SystemCredential; record: N8nCredentialRecord } => entry.record !== undefined);
	if (usable.length === 0) {
		const types = definition.credentials.map((credential) => credential.credentialType).join(', ');
		throw new Error(`${label}, has no sandbox credential record for any of its credential types (${types}): give its fake's credentialRecords one`);
	}
	const { credential, record } = usable.find((entry) => !isAuthorizationCode(entry.record)) ?? usable[0];
	const recordFor = (sandbox: SandboxHandle): N8nCredentialRecord => fake.credentialRecords!(sandbox.sandbox.url).find((candidate) => candidate.type === credential.credentialType)!;
	const { node, trigger } = NODES[category];
	return {
		category,
		key: definition.key,
		displayName: definition.displayName,
		definition,
		node: node(),
		trigger: trigger(),
		parameters: { system: definition.key, [authenticationParameter(definition.key)]: credential.authentication },
		credential,
		credentials: { [credential.credentialType]: record.id },
		fake,
		vendor: fake.name,
		credentialRecord: recordFor,
		useCredentials(sandbox) {
			const current = recordFor(sandbox);
			useCredential(current.id, current.type, structuredClone(current.data) as ICredentialDataDecryptedObject);
		},
		liveFake(sandbox) {
			const live = sandbox.sandbox.vendors.get(fake.name);
			if (!live) throw new Error(`the sandbox serves no fake at /${fake.name} for ${label}`);
			return live;
		},
	};
}

/** Every registered system of a category, in registry order. Throws, naming the vendor, for one the sandbox cannot stand in for. */
export function systemsUnderTest(category: Category): SystemUnderTest[] {
	const fakes = createVendorFakes();
	return systemsOf(category).map((definition) => systemUnderTest(category, definition as SystemDefinition<unknown>, fakes));
}

/** Every registered system of every category. */
export function allSystemsUnderTest(): SystemUnderTest[] {
	return CATEGORIES.flatMap((category) => systemsUnderTest(category));
}

/** Registers every system's sandbox credential before each test of the file. */
export function useSystemCredentials(sandbox: SandboxHandle, systems: SystemUnderTest[]): void {
	beforeEach(() => {
		for (const system of systems) system.useCredentials(sandbox);
	});
}
