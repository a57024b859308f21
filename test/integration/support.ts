import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';
import { resetPacing } from '../../nodes/shared/transport/pacing';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runNode, useCredential, watchIssuedTokens } from '../harness/n8n';

export interface SandboxHandle {
	sandbox: Sandbox;
	/** GET/POST/DELETE on the sandbox admin API. */
	admin<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T>;
}

/** Starts a fresh sandbox for a test file; `beforeEach` resets its data, faults and request log. */
export function useSandbox(): SandboxHandle {
	const handle = {} as SandboxHandle;
	beforeAll(async () => {
		handle.sandbox = await startSandbox({ port: 0, seed: 42, scale: 1 });
		// Every node run fails if a token the fakes issued shows up in its output or error.
		watchIssuedTokens('sandbox token endpoints', () => handle.sandbox.issuedTokens);
	});
	beforeEach(() => {
		handle.sandbox.reset({ seed: 42, scale: 1 });
		resetPacing();
	});
	afterAll(async () => {
		await handle.sandbox.close();
	});
	handle.admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${handle.sandbox.url}/__admin${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as T;
	};
	return handle;
}

/** Runs a node and returns its first output's JSON. */
export async function run(
	type: INodeType,
	parameters: INodeParameters,
	options: { credentials: Record<string, string>; items?: IDataObject[]; continueOnFail?: boolean },
): Promise<INodeExecutionData[]> {
	const output = await runNode({ type, parameters, credentials: options.credentials, items: options.items, continueOnFail: options.continueOnFail });
	return output[0];
}

export const json = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);

export { useCredential };
