import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { mappingOperations } from './actions';
import { mappingOptionsProperty } from './properties';
import { routeMappingNode } from './router';
import { readingParametersOncePerRun } from './runParameters';

/** Each operation's fields, shown only for it. */
function operationProperties(): INodeProperties[] {
	return mappingOperations.flatMap((entry) =>
		entry.operation.description.map((property) => ({
			...property,
			displayOptions: { ...property.displayOptions, show: { ...(property.displayOptions?.show ?? {}), operation: [entry.value] } },
		})),
	);
}

export class CanonicalMapping implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash Canonical Mapping',
		name: 'canonicalMapping',
		icon: { light: 'file:canonicalMapping.svg', dark: 'file:canonicalMapping.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description: 'Map vendor records to the canonical project-to-cash model and back, validate them and match them across systems, with exceptions kept visible',
		defaults: { name: 'Canonical Mapping' },
		codex: {
			categories: ['Data & Storage'],
			alias: ['mapping', 'canonical', 'validate', 'match', 'deduplicate', 'master data', 'transform'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Valid', 'Exceptions'],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: mappingOperations.map(({ value, name, action, description }) => ({ value, name, action, description })),
				default: 'toCanonical',
			},
			...operationProperties(),
			mappingOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeMappingNode(readingParametersOncePerRun(this), mappingOperations);
	}
}
