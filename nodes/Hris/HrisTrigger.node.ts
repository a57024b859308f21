import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollTrigger, triggerDescription, type CategoryTrigger } from '../shared/node/trigger';
import { customFieldsProperty, readCustomFields } from './actions/common';
import type { HrisConnector } from './connector';
import { searchFields } from './methods/listSearch';
import { hrisSystems, referenceSystems } from './systems';
import { systemNames } from '../shared/node/describe';

const hrisTrigger: CategoryTrigger<HrisConnector> = {
	category: 'HRIS',
	systems: hrisSystems,
	referenceSystems,
	events: (['any', 'hire', 'termination'] as const).map((kind) => ({
		value: kind,
		label: { any: 'Hire or Termination', hire: 'Hire', termination: 'Termination' }[kind],
		hint: {
			any: 'Either event, each once',
			hire: 'A hire recorded since the last poll (recent or upcoming hire date), each once',
			termination: 'A termination recorded since the last poll, each once',
		}[kind],
		fetch: (connector: HrisConnector, ctx: IPollFunctions) => {
			const fields = readCustomFields(ctx);
			return async function* (since: string) {
				for await (const page of connector.employmentEventsSince(since, fields)) yield page.filter((entry) => kind === 'any' || entry.event === kind);
			};
		},
		// A person is hired (or leaves) on a date once: id, event and date are the event.
		dedupeKey: (entry: IDataObject) => `${String(entry.resourceId)}:${String(entry.event)}:${String(entry.date)}`,
	})),
};

export class HrisTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash HRIS Trigger',
		name: 'hrisTrigger',
		icon: { light: 'file:hris.svg', dark: 'file:hris.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when the HRIS records a hire or a termination',
		defaults: { name: 'HRIS Trigger' },
		codex: { categories: ['Miscellaneous'], alias: [...systemNames(hrisSystems), 'employee', 'new hire', 'termination', 'offboarding', 'HRIS'] },
		...triggerDescription(hrisTrigger, 'any', [customFieldsProperty]),
	};

	methods = {
		listSearch: { searchFields },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, hrisTrigger);
	}
}
