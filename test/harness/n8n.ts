/* eslint-disable @n8n/community-nodes/require-node-api-error -- dev tooling: runs in plain Node.js, never inside n8n */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecuteContext, LoadOptionsContext, PollContext } from 'n8n-core';
import { loadCredentialTypes, TestCredentialsHelper } from './credentials';
import type { KnownSecret, SecretLeak } from './secrets';
import { errorShapes, findLeaks, looseSecrets, safeStringify, SecretLeakError, secretsOfCredential } from './secrets';

export const credentialsHelper = new TestCredentialsHelper(loadCredentialTypes());

const tokenSources = new Map<string, () => Iterable<string>>();

/** Tokens issued outside the credential store (e.g. by the sandbox's token endpoints) that must never leak either. */
export function watchIssuedTokens(source: string, tokens: () => Iterable<string>): void {
	tokenSources.set(source, tokens);
}

/** Every secret of every credential stored for this test file, as it is now (refreshed tokens included). */
export function knownSecrets(): KnownSecret[] {
	const secrets: KnownSecret[] = [];
	for (const [id, { type, data }] of credentialsHelper.store) {
		secrets.push(...secretsOfCredential(id, type, data, credentialsHelper.types.get(type), credentialsHelper.getParentTypes(type)));
	}
	for (const [source, tokens] of tokenSources) secrets.push(...looseSecrets(source, tokens()));
	return secrets;
}

/**
 * Runs one node call and fails it when a secret of any registered credential (or an issued token)
 * appears in what it returned or in what it threw, in any shape n8n would store or log.
 */
async function withoutSecretLeaks<T>(call: string, run: () => Promise<T>): Promise<T> {
	let result: T;
	try {
		result = await run();
	} catch (error) {
		const secrets = knownSecrets();
		const leaks = errorShapes(error).flatMap((shape) => findLeaks(`${call}: ${shape.where}`, shape.text, secrets));
		if (leaks.length > 0) throw new SecretLeakError(dedupe(leaks));
		throw error;
	}
	const leaks = findLeaks(`${call}: output`, safeStringify(result), knownSecrets());
	if (leaks.length > 0) throw new SecretLeakError(dedupe(leaks));
	return result;
}

function dedupe(leaks: SecretLeak[]): SecretLeak[] {
	const seen = new Set<string>();
	return leaks.filter((leak) => {
		const key = `${leak.secret.credential}/${leak.secret.field}/${leak.where}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Stores a credential for the nodes of this test run; returns its id. */
export function useCredential(id: string, type: string, data: ICredentialDataDecryptedObject): string {
	credentialsHelper.set(id, type, data);
	return id;
}

function additionalData(): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
}

function nodeTypesFor(type: INodeType, name: string): INodeTypes {
	return {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({ [name]: { type, sourcePath: '' } }),
	} as unknown as INodeTypes;
}

interface NodeSetup {
	type: INodeType;
	parameters: INodeParameters;
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
	staticData?: IDataObject;
}

function buildWorkflow(setup: NodeSetup): { workflow: Workflow; node: INode } {
	const typeName = `test.${setup.type.description.name}`;
	const credentials: INodeCredentials = {};
	for (const [credentialType, id] of Object.entries(setup.credentials ?? {})) {
		credentials[credentialType] = { id, name: id };
	}
	const node: INode = {
		id: 'node-under-test',
		name: setup.type.description.displayName,
		type: typeName,
		typeVersion: Array.isArray(setup.type.description.version)
			? Math.max(...setup.type.description.version)
			: setup.type.description.version,
		position: [0, 0],
		parameters: setup.parameters,
		credentials,
		continueOnFail: setup.continueOnFail,
		onError: setup.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypesFor(setup.type as INodeType | IVersionedNodeType as INodeType, typeName),
		staticData: setup.staticData ?? {},
	});
	return { workflow, node: workflow.getNode(node.name)! };
}

/** Runs a node's `execute` inside n8n-core's real execution context, over real HTTP. */
export async function runNode(setup: NodeSetup & { items?: IDataObject[] }): Promise<INodeExecutionData[][]> {
	return await withoutSecretLeaks('execute', async () => await executeNode(setup));
}

async function executeNode(setup: NodeSetup & { items?: IDataObject[] }): Promise<INodeExecutionData[][]> {
	const { workflow, node } = buildWorkflow(setup);
	const items: INodeExecutionData[] = (setup.items ?? [{}]).map((json, index) => ({ json, pairedItem: { item: index } }));
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(),
		'manual',
		runExecutionData,
		0,
		items,
		{ main: [items] },
		{ node, data: { main: [items] }, source: null },
		[],
	);
	const output = await setup.type.execute!.call(context);
	return output as INodeExecutionData[][];
}

/** Runs a polling trigger's `poll` once; static data persists in the object passed. */
export async function runPoll(
	setup: NodeSetup & { mode?: 'trigger' | 'manual' },
): Promise<INodeExecutionData[][] | null> {
	return await withoutSecretLeaks('poll', async () => await pollNode(setup));
}

async function pollNode(setup: NodeSetup & { mode?: 'trigger' | 'manual' }): Promise<INodeExecutionData[][] | null> {
	const staticData = setup.staticData ?? {};
	const { workflow, node } = buildWorkflow({ ...setup, staticData });
	const context = new PollContext(workflow, node, additionalData(), setup.mode ?? 'trigger', 'activate');
	const result = await setup.type.poll!.call(context);
	// n8n persists static data after each poll; the workflow object owns it here.
	Object.assign(staticData, workflow.staticData);
	return result;
}

/** Calls a `methods.listSearch` or `methods.loadOptions` function of a node. */
export async function runLoadOptions(
	setup: NodeSetup,
	kind: 'listSearch' | 'loadOptions',
	method: string,
	filter?: string,
): Promise<unknown> {
	return await withoutSecretLeaks(`${kind}.${method}`, async () => await loadOptions(setup, kind, method, filter));
}

async function loadOptions(setup: NodeSetup, kind: 'listSearch' | 'loadOptions', method: string, filter?: string): Promise<unknown> {
	const { workflow, node } = buildWorkflow(setup);
	// The editor sends the node's current parameters with every list-search call; pickers read them.
	const context = new LoadOptionsContext(workflow, node, { ...additionalData(), currentNodeParameters: setup.parameters }, '');
	const fn = (setup.type.methods?.[kind] as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
	return await fn.call(context, filter);
}

/** Runs a credential type's declarative `test` request, as the credential editor's Test button does. */
export async function testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<{ status: string; message: string }> {
	// The credential under test is not in the store: its secrets are checked too.
	const own = secretsOfCredential(`${type} under test`, type, data, credentialsHelper.types.get(type), credentialsHelper.getParentTypes(type));
	tokenSources.set('credential under test', () => own.map((secret) => secret.value));
	try {
		return await withoutSecretLeaks('credential test', async () => await runCredentialTest(type, data));
	} finally {
		tokenSources.delete('credential under test');
	}
}

async function runCredentialTest(type: string, data: ICredentialDataDecryptedObject): Promise<{ status: string; message: string }> {
	const credentialType = credentialsHelper.types.get(type);
	if (!credentialType?.test) throw new Error(`${type} has no credential test`);
	// n8n's own httpRequest helper, taken from a real execution context.
	const { workflow, node } = buildWorkflow({ type: { description: { name: 'credentialTest', displayName: 'Credential Test', version: 1, properties: [] } } as unknown as INodeType, parameters: {} });
	const context = new ExecuteContext(workflow, node, additionalData(), 'manual', createRunExecutionData(), 0, [], { main: [[]] }, { node, data: { main: [[]] }, source: null }, []);
	const helperData = { ...data };
	const preAuth = await credentialsHelper.runPreAuthentication({ helpers: context.helpers }, helperData, type);
	if (preAuth) Object.assign(helperData, preAuth);
	const request = credentialType.test.request;
	const baseURL = String(request.baseURL ?? '').replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) => String(helperData[key] ?? ''));
	const options = await credentialsHelper.authenticate(helperData, type, {
		method: request.method ?? 'GET',
		url: `${baseURL}${String(request.url ?? '')}`,
		headers: request.headers as Record<string, string> | undefined,
		qs: request.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const response = (await context.helpers.httpRequest(options)) as { statusCode: number; body: unknown };
	if (response.statusCode >= 200 && response.statusCode < 300) return { status: 'OK', message: 'Connection successful' };
	return { status: 'Error', message: `HTTP ${response.statusCode}: ${JSON.stringify(response.body).slice(0, 200)}` };
}
