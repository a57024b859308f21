import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { processRulesResources } from './actions';
import { routeProcessRules } from './router';

/** Resource and operation pickers, and each operation's fields shown only for it. */
function describeOperations(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: processRulesResources.map(({ name, value, description }) => ({ name, value, description })),
			default: 'billing',
		},
	];
	for (const resource of processRulesResources) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: firstOperation,
		});
		for (const entry of resource.operations) {
			for (const property of entry.operation.description) {
				properties.push({ ...property, displayOptions: { ...property.displayOptions, show: { ...(property.displayOptions?.show ?? {}), resource: [resource.value], operation: [entry.value] } } });
			}
		}
	}
	return properties;
}

export class ProcessRules implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash Process Rules',
		name: 'processRules',
		icon: { light: 'file:processRules.svg', dark: 'file:processRules.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			'Billing, collections and planning rules of project-to-cash as read-only computations on canonical records: invoice drafts from timesheets and expenses with the checks before invoicing, aging, DSO and dunning of receivables, the project a won deal becomes (milestone plan, standard tasks, staffing), and one-record summaries of invoice, collections and handoff runs',
		defaults: { name: 'Process Rules' },
		codex: {
			categories: ['Finance & Accounting', 'Productivity'],
			alias: ['invoice', 'invoicing', 'billing', 'timesheet', 'time entries', 'expenses', 'retainer', 'not to exceed', 'dunning', 'collections', 'aging', 'receivables', 'DSO', 'days sales outstanding', 'milestone', 'staffing', 'resourcing', 'handoff', 'run summary', 'project-to-cash'],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: describeOperations(),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeProcessRules(this, processRulesResources);
	}
}
