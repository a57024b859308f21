import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { connectorFor } from './connect';
import { describeSystems } from './describe';
import { pollOnce } from './poll';
import type { SystemDefinition } from './types';

/** One thing a category trigger can watch for; its records are polled and deduplicated by the shared loop. */
export interface TriggerEvent<C> {
	value: string;
	label: string;
	hint: string;
	/** Canonical records changed at or after `since`, page by page. */
	fetch(connector: C, ctx: IPollFunctions): (since: string) => AsyncIterable<object[]>;
	/** What makes two records the same event (an id for "became won"; id and change time for "changed"). */
	dedupeKey(record: IDataObject): string;
}

export interface CategoryTrigger<C> {
	category: string;
	systems: Array<SystemDefinition<C>>;
	referenceSystems: readonly string[];
	events: Array<TriggerEvent<C>>;
}

/**
 * What every category trigger's description shares: polling, no inputs, the system and credential
 * pickers, then the event. Nodes spread it into their own literal description (name, icon, codex),
 * which n8n's linter reads.
 */
export function triggerDescription<C>(
	trigger: CategoryTrigger<C>,
	defaultEvent: string,
	extraProperties: INodeProperties[] = [],
): Pick<INodeTypeDescription, 'polling' | 'inputs' | 'outputs' | 'credentials' | 'properties'> {
	const systems = describeSystems(trigger);
	const eventProperty: INodeProperties = {
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: trigger.events
			.map((event) => ({ name: event.label, value: event.value, description: event.hint }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: '',
	};
	eventProperty.default = defaultEvent;
	return {
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [...systems.properties, eventProperty, ...extraProperties],
	};
}

/** The `poll` of every category trigger: the chosen system's connector, the chosen event, the shared loop. */
export async function pollTrigger<C>(ctx: IPollFunctions, trigger: CategoryTrigger<C>): Promise<INodeExecutionData[][] | null> {
	const value = ctx.getNodeParameter('event') as string;
	const event = trigger.events.find((candidate) => candidate.value === value) ?? trigger.events[0];
	const { connector, system } = await connectorFor<C>(ctx, trigger);
	return await pollOnce<IDataObject>(ctx, {
		stateKey: `${system.key}:${event.value}`,
		fetch: event.fetch(connector, ctx) as (since: string) => AsyncIterable<IDataObject[]>,
		dedupeKey: (record) => event.dedupeKey(record),
	});
}
