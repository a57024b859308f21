import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { Client, Opportunity } from '../shared/canonical';
import { connectorFor } from '../shared/node/connect';
import { describeSystems } from '../shared/node/describe';
import { pollOnce } from '../shared/node/poll';
import type { CrmConnector } from './connector';
import { crmSystems } from './systems';

const crm = { category: 'CRM', systems: crmSystems };
const systems = describeSystems({ ...crm, resources: [] });

export class CrmTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash CRM Trigger',
		name: 'crmTrigger',
		icon: { light: 'file:crm.svg', dark: 'file:crm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when a HubSpot or Salesforce opportunity is won, or a client changes',
		defaults: { name: 'CRM Trigger' },
		codex: { categories: ['Sales'], alias: ['HubSpot', 'Salesforce', 'closed won', 'deal won', 'CRM'] },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [
			...systems.properties,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Opportunity Won', value: 'opportunityWon', description: 'An opportunity became closed-won since the last poll (each once)' },
					{ name: 'Client Created or Updated', value: 'clientChanged', description: 'A client was created or changed since the last poll' },
				],
				default: 'opportunityWon',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const { connector, system } = await connectorFor<CrmConnector>(this, crm);
		if (event === 'clientChanged') {
			return await pollOnce<Client>(this, {
				stateKey: `${system.key}:clientChanged`,
				fetch: (since) => connector.clientsChangedSince(since),
				dedupeKey: (client) => `${client.id}@${client.updatedAt ?? ''}`,
			});
		}
		return await pollOnce<Opportunity>(this, {
			stateKey: `${system.key}:opportunityWon`,
			fetch: (since) => connector.wonOpportunitiesSince(since),
			// A deal is won once: its id alone is the event.
			dedupeKey: (opportunity) => String(opportunity.id),
		});
	}
}
