import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { Project, TimeEntry } from '../shared/canonical';
import { connectorFor } from '../shared/node/connect';
import { describeSystems } from '../shared/node/describe';
import { pollOnce } from '../shared/node/poll';
import type { PsaConnector } from './connector';
import { psaSystems } from './systems';

const psa = { category: 'PSA', systems: psaSystems };
const systems = describeSystems({ ...psa, resources: [] });

export class PsaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash PSA Trigger',
		name: 'psaTrigger',
		icon: { light: 'file:psa.svg', dark: 'file:psa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when time is approved in Harvest, or a project is created or changed',
		defaults: { name: 'PSA Trigger' },
		codex: { categories: ['Productivity'], alias: ['Harvest', 'Kantata', 'approved time', 'timesheet approved', 'PSA'] },
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
					{ name: 'Project Created or Updated', value: 'projectChanged', description: 'A project was created or changed since the last poll' },
					{ name: 'Time Entry Approved', value: 'timeEntryApproved', description: 'Time was approved since the last poll (each entry once)' },
				],
				default: 'timeEntryApproved',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const { connector, system } = await connectorFor<PsaConnector>(this, psa);
		if (event === 'projectChanged') {
			return await pollOnce<Project>(this, {
				stateKey: `${system.key}:projectChanged`,
				fetch: (since) => connector.projectsChangedSince(since),
				dedupeKey: (project) => `${project.id}@${project.updatedAt ?? ''}`,
			});
		}
		return await pollOnce<TimeEntry>(this, {
			stateKey: `${system.key}:timeEntryApproved`,
			fetch: (since) => connector.approvedTimeEntriesSince(since),
			// Approved once, emitted once: later changes (such as being invoiced) do not repeat it.
			dedupeKey: (entry) => `${entry.id}:${entry.approvalStatus}`,
		});
	}
}
