import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { connectorFor } from '../../shared/node/connect';
import type { HrisConnector, PickerOption } from '../connector';
import { hrisSystems, referenceSystems } from '../systems';

const hris = { category: 'HRIS', systems: hrisSystems, referenceSystems };

const results = (options: PickerOption[]): INodeListSearchResult => ({ results: options.map(({ name, value }) => ({ name, value })) });

/** The account's employee fields, standard and custom, for the custom field mapping. */
export async function searchFields(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<HrisConnector>(this, hris);
	return results(await connector.listFields(filter));
}

export async function searchDepartments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<HrisConnector>(this, hris);
	return results(await connector.listDepartments(filter));
}

export async function searchEmployees(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<HrisConnector>(this, hris);
	return results(await connector.listEmployees(filter));
}
