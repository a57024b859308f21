import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { connectorFor } from '../../shared/node/connect';
import { pickedValue } from '../../shared/operations/fields';
import type { PickerOption, PsaConnector } from '../connector';
import { psaSystems, referenceSystems } from '../systems';

const psa = { category: 'PSA', systems: psaSystems, referenceSystems };

const results = (options: PickerOption[]): INodeListSearchResult => ({
	results: options.map(({ name, value, description }) => ({ name: description ? `${name} · ${description}` : name, value })),
});

export async function searchClients(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<PsaConnector>(this, psa);
	return results(await connector.listClients(filter));
}

export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<PsaConnector>(this, psa);
	return results(await connector.listProjects(filter));
}

export async function searchResources(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<PsaConnector>(this, psa);
	return results(await connector.listResources(filter));
}

/** The project being edited, wherever the operation keeps it (a field, a filter, a required parameter). */
function currentProject(ctx: ILoadOptionsFunctions): string | undefined {
	for (const name of ['projectId', 'filters.projectId', 'fields.projectId']) {
		try {
			const value = pickedValue(ctx.getCurrentNodeParameter(name));
			if (value !== undefined && value !== null && String(value).trim() !== '' && !String(value).startsWith('=')) return String(value).trim();
		} catch {
			// not a parameter of this operation
		}
	}
	return undefined;
}

/** Tasks of the chosen project when there is one, else every task of the account. */
export async function searchTasks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<PsaConnector>(this, psa);
	return results(await connector.listTasks(currentProject(this), filter));
}
