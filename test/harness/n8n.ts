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

export const credentialsHelper = new TestCredentialsHelper(loadCredentialTypes());

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
	const { workflow, node } = buildWorkflow(setup);
	// The editor sends the node's current parameters with every list-search call; pickers read them.
	const context = new LoadOptionsContext(workflow, node, { ...additionalData(), currentNodeParameters: setup.parameters }, '');
	const fn = (setup.type.methods?.[kind] as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
	return await fn.call(context, filter);
}

/** Runs a credential type's declarative `test` request, as the credential editor's Test button does. */
export async function testCredential(type: string, data: ICredentialDataDecryptedObject): Promise<{ status: string; message: string }> {
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
