import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, describeSystems, systemNames } from '../shared/node/describe';
import { hrisSystems } from './systems';
import { routeCategoryNode } from '../shared/node/router';
import { runOptionsProperty } from '../shared/operations/options';
import { hrisCategory } from './actions';
import { searchDepartments, searchEmployees, searchFields } from './methods/listSearch';

const systems = describeSystems(hrisCategory);

export class Hris implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash HRIS',
		name: 'hris',
		icon: { light: 'file:hris.svg', dark: 'file:hris.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["operation"] + " " + $parameter["resource"]}}',
		description: 'Employees, time off and staffing availability in the firm\'s HRIS, as one canonical model',
		defaults: { name: 'HRIS' },
		codex: {
			categories: ['Miscellaneous'],
			alias: [...systemNames(hrisSystems), 'employee', 'time off', 'leave', 'availability', 'HRIS'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [...systems.properties, ...describeResources(hrisCategory), runOptionsProperty],
	};

	methods = {
		listSearch: { searchDepartments, searchEmployees, searchFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeCategoryNode(this, hrisCategory);
	}
}
