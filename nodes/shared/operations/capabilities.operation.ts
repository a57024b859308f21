import type { IDataObject } from 'n8n-workflow';
import type { CapabilityDefinition, ResourceDefinition } from '../node/types';

/**
 * The System resource every category node has: which optional canonical features the chosen
 * system has, so a workflow can branch on a feature (an IF on `capabilities.invoiceNotes`)
 * instead of on a system's name. Reads nothing from the vendor.
 */
export function systemResource<C>(category: string, capabilities: CapabilityDefinition[]): ResourceDefinition<C> {
	return {
		value: 'system',
		name: 'System',
		operations: [
			{
				value: 'getCapabilities',
				name: 'Get Capabilities',
				action: 'Get the capabilities of the system',
				description: `Which optional ${category} features the chosen system has, to branch a workflow on them`,
				operation: {
					kind: 'item',
					description: [],
					async execute(run) {
						const has = new Set(run.system.capabilities);
						const flags: IDataObject = {};
						for (const capability of capabilities) flags[capability.value] = has.has(capability.value);
						return {
							category,
							system: run.system.key,
							systemName: run.system.displayName,
							capabilities: flags,
							features: capabilities.map((capability) => ({ capability: capability.value, feature: capability.feature, available: has.has(capability.value) })),
						};
					},
				},
			},
		],
	};
}
