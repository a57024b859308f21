import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { connectorFor } from '../../shared/node/connect';
import type { CrmConnector } from '../connector';
import { crmSystems, referenceSystems } from '../systems';

const crm = { category: 'CRM', systems: crmSystems, referenceSystems };

export async function searchStages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<CrmConnector>(this, crm);
	const stages = await connector.listStages();
	const wanted = filter?.toLowerCase();
	return { results: stages.filter((stage) => !wanted || stage.name.toLowerCase().includes(wanted)).map(({ name, value }) => ({ name, value })) };
}

export async function searchOwners(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<CrmConnector>(this, crm);
	return { results: (await connector.listOwners(filter)).map(({ name, value }) => ({ name, value })) };
}
