import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, describeSystems, systemNames } from '../shared/node/describe';
import { psaSystems } from './systems';
import { routeCategoryNode } from '../shared/node/router';
import { runOptionsProperty } from '../shared/operations/options';
import { psaCategory } from './actions';
import { searchClients, searchProjects, searchResources, searchTasks } from './methods/listSearch';

const systems = describeSystems(psaCategory);

export class Psa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash PSA',
		name: 'psa',
		icon: { light: 'file:psa.svg', dark: 'file:psa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["operation"] + " " + $parameter["resource"]}}',
		description: 'Projects, staffing, time and expenses in the firm\'s PSA, as one canonical model',
		defaults: { name: 'PSA' },
		codex: {
			categories: ['Productivity'],
			alias: [...systemNames(psaSystems), 'PSA', 'professional services', 'timesheet', 'time tracking', 'project', 'staffing', 'expense'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [...systems.properties, ...describeResources(psaCategory), runOptionsProperty],
	};

	methods = {
		listSearch: { searchClients, searchProjects, searchResources, searchTasks },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeCategoryNode(this, psaCategory);
	}
}
