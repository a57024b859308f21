import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import type { CategoryDefinition } from './types';

/** The display names of a category's systems (and the vendor's short names), for the codex aliases the node panel searches. */
export function systemNames(systems: Array<{ displayName: string; aliases?: readonly string[] }>): string[] {
	return systems.flatMap((system) => [system.displayName, ...(system.aliases ?? [])]);
}

export const authenticationParameter = (system: string): string => `${system}Authentication`;

/** The system picker, each system's authentication picker and the credential slots they open. */
export function describeSystems<C>(category: Pick<CategoryDefinition<C>, 'category' | 'systems'>): {
	properties: INodeProperties[];
	credentials: INodeCredentialDescription[];
} {
	// Defaults come from the registry: the first system, its first credential (n8n's linter reads an identifier as a default).
	const firstSystem = category.systems[0].key;
	const properties: INodeProperties[] = [
		{
			displayName: 'System',
			name: 'system',
			type: 'options',
			noDataExpression: true,
			options: category.systems.map((system) => ({ name: system.displayName, value: system.key })),
			default: firstSystem,
			description: `The ${category.category} system to work with; the operations are the same for every system`,
		},
	];
	const credentials: INodeCredentialDescription[] = [];
	for (const system of category.systems) {
		const firstCredential = system.credentials[0].authentication;
		properties.push({
			displayName: 'Authentication',
			name: authenticationParameter(system.key),
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { system: [system.key] } },
			options: system.credentials.map((credential) => ({ name: credential.displayName, value: credential.authentication })),
			default: firstCredential,
		});
		for (const credential of system.credentials) {
			credentials.push({
				name: credential.credentialType,
				required: true,
				displayOptions: {
					show: { system: [system.key], [authenticationParameter(system.key)]: [credential.authentication] },
				},
			});
		}
	}
	return { properties, credentials };
}

/** Resource and operation pickers, and each operation's fields shown only for it. */
export function describeResources<C>(category: CategoryDefinition<C>): INodeProperties[] {
	const firstResource = category.resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: category.resources.map((resource) => ({ name: resource.name, value: resource.value })),
			default: firstResource,
		},
	];
	for (const resource of category.resources) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map((entry) => ({
				name: entry.name,
				value: entry.value,
				action: entry.action,
				description: entry.description,
			})),
			default: firstOperation,
		});
		for (const entry of resource.operations) {
			for (const property of entry.operation.description) {
				const show = { ...(property.displayOptions?.show ?? {}), resource: [resource.value], operation: [entry.value] };
				properties.push({ ...property, displayOptions: { ...property.displayOptions, show } });
			}
		}
	}
	return properties;
}
