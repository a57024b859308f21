import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { allSystemsUnderTest, useSystemCredentials, type SystemUnderTest } from '../support/systems';
import { run, type SandboxHandle } from './support';

export type { SystemUnderTest } from '../support/systems';

/** Every registered system of every category, by system key (derived from the registry and the sandbox). */
export const SYSTEMS: Record<string, SystemUnderTest> = Object.fromEntries(allSystemsUnderTest().map((system) => [system.key, system]));

/** The credentials of every system, pointed at this test file's sandbox. */
export function useAllCredentials(sandbox: SandboxHandle): void {
	useSystemCredentials(sandbox, Object.values(SYSTEMS));
}

/** Runs a category node's operation on items under continue-on-fail. */
export async function runWrite(system: SystemUnderTest, parameters: INodeParameters, items: IDataObject[]): Promise<INodeExecutionData[]> {
	return await run(system.node, { ...system.parameters, options: {}, ...parameters }, { credentials: system.credentials, items, continueOnFail: true });
}

/** Requests that change something at the vendor: any method but GET, token requests left out. */
export function writesTo(sandbox: SandboxHandle, vendor: string): Array<{ method: string; path: string; body: unknown }> {
	return sandbox.sandbox.requests.filter((request) => request.vendor === vendor && request.method !== 'GET' && !/token$/.test(request.path) && !/\/(search|batch\/read)$/.test(request.path));
}
