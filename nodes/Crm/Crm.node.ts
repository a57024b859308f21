import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, describeSystems, systemNames } from '../shared/node/describe';
import { crmSystems } from './systems';
import { routeCategoryNode } from '../shared/node/router';
import { runOptionsProperty } from '../shared/operations/options';
import { crmCategory } from './actions';
import { searchOwners, searchStages } from './methods/listSearch';

const systems = describeSystems(crmCategory);

export class Crm implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash CRM',
		name: 'crm',
		icon: { light: 'file:crm.svg', dark: 'file:crm.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["operation"] + " " + $parameter["resource"]}}',
		description: 'Clients, contacts and opportunities in the firm\'s CRM, as one canonical model',
		defaults: { name: 'CRM' },
		codex: {
			categories: ['Sales'],
			alias: [...systemNames(crmSystems), 'deal', 'opportunity', 'account', 'company', 'contact', 'CRM'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [...systems.properties, ...describeResources(crmCategory), runOptionsProperty],
	};

	methods = {
		listSearch: { searchStages, searchOwners },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeCategoryNode(this, crmCategory);
	}
}
