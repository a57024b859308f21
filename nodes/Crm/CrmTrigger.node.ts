import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollTrigger, triggerDescription, type CategoryTrigger } from '../shared/node/trigger';
import type { CrmConnector } from './connector';
import { crmSystems, referenceSystems } from './systems';
import { systemNames } from '../shared/node/describe';

const crmTrigger: CategoryTrigger<CrmConnector> = {
	category: 'CRM',
	systems: crmSystems,
	referenceSystems,
	events: [
		{
			value: 'opportunityWon',
			label: 'Opportunity Won',
			hint: 'An opportunity became closed-won since the last poll (each once)',
			fetch: (connector) => (since) => connector.wonOpportunitiesSince(since),
			// A deal is won once: its id alone is the event.
			dedupeKey: (opportunity) => String(opportunity.id),
		},
		{
			value: 'clientChanged',
			label: 'Client Created or Updated',
			hint: 'A client was created or changed since the last poll',
			fetch: (connector) => (since) => connector.clientsChangedSince(since),
			dedupeKey: (client) => `${String(client.id)}@${String(client.updatedAt ?? '')}`,
		},
	],
};

export class CrmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash CRM Trigger',
		name: 'crmTrigger',
		icon: { light: 'file:crm.svg', dark: 'file:crm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when an opportunity is won in the CRM, or a client changes',
		defaults: { name: 'CRM Trigger' },
		codex: { categories: ['Sales'], alias: [...systemNames(crmSystems), 'closed won', 'deal won', 'CRM'] },
		...triggerDescription(crmTrigger, 'opportunityWon'),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, crmTrigger);
	}
}
