import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { connectorFor } from '../shared/node/connect';
import { describeSystems } from '../shared/node/describe';
import { pollOnce } from '../shared/node/poll';
import { customFieldsProperty, readCustomFields } from './actions/common';
import type { EmploymentEvent, HrisConnector } from './connector';
import { searchFields } from './methods/listSearch';
import { hrisSystems } from './systems';

const hris = { category: 'HRIS', systems: hrisSystems };
const systems = describeSystems({ ...hris, resources: [] });

export class HrisTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash HRIS Trigger',
		name: 'hrisTrigger',
		icon: { light: 'file:hris.svg', dark: 'file:hris.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when BambooHR records a hire or a termination',
		defaults: { name: 'HRIS Trigger' },
		codex: { categories: ['Miscellaneous'], alias: ['BambooHR', 'HiBob', 'employee', 'new hire', 'termination', 'offboarding', 'HRIS'] },
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
					{ name: 'Hire or Termination', value: 'any', description: 'Either event, each once' },
					{ name: 'Hire', value: 'hire', description: 'A hire recorded since the last poll (recent or upcoming hire date), each once' },
					{ name: 'Termination', value: 'termination', description: 'A termination recorded since the last poll, each once' },
				],
				default: 'any',
			},
			customFieldsProperty,
		],
	};

	methods = {
		listSearch: { searchFields },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as 'any' | 'hire' | 'termination';
		const { connector, system } = await connectorFor<HrisConnector>(this, hris);
		const fields = readCustomFields(this);
		async function* events(since: string): AsyncIterable<EmploymentEvent[]> {
			for await (const page of connector.employmentEventsSince(since, fields)) yield page.filter((entry) => event === 'any' || entry.event === event);
		}
		return await pollOnce<EmploymentEvent>(this, {
			stateKey: `${system.key}:employment:${event}`,
			fetch: events,
			// A person is hired (or leaves) on a date once: id, event and date are the event.
			dedupeKey: (entry) => `${entry.resourceId}:${entry.event}:${entry.date}`,
		});
	}
}
