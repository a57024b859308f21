import type { ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { mapContext, type MapContext } from '../canonical/provenance';
import { VendorClient } from '../transport/client';
import { authenticationParameter } from './describe';
import type { CategoryDefinition, SystemDefinition } from './types';

/**
 * The chosen system's connector outside `execute`: for list-search pickers (which read the
 * parameters being edited) and for polling triggers.
 */
export async function connectorFor<C>(
	ctx: ILoadOptionsFunctions | IPollFunctions,
	category: Pick<CategoryDefinition<C>, 'category' | 'systems' | 'referenceSystems'>,
	context: Partial<MapContext> = {},
): Promise<{ connector: C; system: SystemDefinition<C> }> {
	const read = (name: string): unknown =>
		'getCurrentNodeParameter' in ctx ? ctx.getCurrentNodeParameter(name) : (ctx as IPollFunctions).getNodeParameter(name);
	const systemKey = String(read('system') ?? category.systems[0].key);
	const system = category.systems.find((candidate) => candidate.key === systemKey);
	if (!system) throw new NodeOperationError(ctx.getNode(), `Unknown ${category.category} system "${systemKey}"`);
	const authentication = read(authenticationParameter(system.key)) ?? system.credentials[0].authentication;
	const credential = system.credentials.find((candidate) => candidate.authentication === authentication) ?? system.credentials[0];
	const client = await VendorClient.create(ctx, system.transport, credential.credentialType);
	return { connector: system.connect(client, mapContext({ ...context, referenceSystems: category.referenceSystems })), system };
}
