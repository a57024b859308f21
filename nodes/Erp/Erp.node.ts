import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, describeSystems, systemNames } from '../shared/node/describe';
import { erpSystems } from './systems';
import { routeCategoryNode } from '../shared/node/router';
import { runOptionsProperty } from '../shared/operations/options';
import { erpCategory } from './actions';
import { searchBankAccounts, searchCustomers, searchItems, searchRevenueAccounts, searchTaxRates } from './methods/listSearch';

const systems = describeSystems(erpCategory);

export class Erp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash ERP',
		name: 'erp',
		icon: { light: 'file:erp.svg', dark: 'file:erp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["operation"] + " " + $parameter["resource"]}}',
		description: 'Customers, invoices, payments and projects in the firm\'s ERP, as one canonical model',
		defaults: { name: 'ERP' },
		codex: {
			categories: ['Finance & Accounting'],
			alias: [...systemNames(erpSystems), 'accounting', 'invoice', 'payment', 'customer', 'ERP'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [...systems.properties, ...describeResources(erpCategory), runOptionsProperty],
	};

	methods = {
		listSearch: { searchCustomers, searchRevenueAccounts, searchBankAccounts, searchTaxRates, searchItems },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeCategoryNode(this, erpCategory);
	}
}
