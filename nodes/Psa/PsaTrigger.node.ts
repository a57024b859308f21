import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollTrigger, triggerDescription, type CategoryTrigger } from '../shared/node/trigger';
import type { PsaConnector } from './connector';
import { psaSystems, referenceSystems } from './systems';
import { systemNames } from '../shared/node/describe';

const psaTrigger: CategoryTrigger<PsaConnector> = {
	category: 'PSA',
	systems: psaSystems,
	referenceSystems,
	events: [
		{
			value: 'timeEntryApproved',
			label: 'Time Entry Approved',
			hint: 'Time was approved since the last poll (each entry once)',
			fetch: (connector) => (since) => connector.approvedTimeEntriesSince(since),
			// Approved once, emitted once: later changes (such as being invoiced) do not repeat it.
			dedupeKey: (entry) => `${String(entry.id)}:${String(entry.approvalStatus)}`,
		},
		{
			value: 'projectChanged',
			label: 'Project Created or Updated',
			hint: 'A project was created or changed since the last poll',
			fetch: (connector) => (since) => connector.projectsChangedSince(since),
			dedupeKey: (project) => `${String(project.id)}@${String(project.updatedAt ?? '')}`,
		},
	],
};

export class PsaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash PSA Trigger',
		name: 'psaTrigger',
		icon: { light: 'file:psa.svg', dark: 'file:psa.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when time is approved in the PSA, or a project is created or changed',
		defaults: { name: 'PSA Trigger' },
		codex: { categories: ['Productivity'], alias: [...systemNames(psaSystems), 'approved time', 'timesheet approved', 'PSA'] },
		...triggerDescription(psaTrigger, 'timeEntryApproved'),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, psaTrigger);
	}
}
