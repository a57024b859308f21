import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { pickedValue, pickerProperty } from '../../shared/operations/fields';

/** List filters the PSA resources share: pickers for records, dates, yes/no flags. */
export const projectFilter = pickerProperty({ displayName: 'Project', name: 'projectId', description: 'Only records of this project' }, 'searchProjects');
export const clientFilter = pickerProperty({ displayName: 'Client', name: 'clientId', description: 'Only records of this client' }, 'searchClients');
export const resourceFilter = pickerProperty({ displayName: 'Person', name: 'resourceId', description: 'Only records of this person' }, 'searchResources');
export const taskFilter = pickerProperty({ displayName: 'Task', name: 'taskId', description: 'Only records of this task' }, 'searchTasks');

export const dateFilter = (name: 'from' | 'to'): INodeProperties => ({
	displayName: name === 'from' ? 'From Date' : 'To Date',
	name,
	type: 'dateTime',
	default: '',
	description: name === 'from' ? 'Only records dated on or after this day' : 'Only records dated on or before this day',
});

export const flagFilter = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: true,
	description,
});

export const activeFilter = flagFilter('active', 'Active', 'Whether to return only active records (on) or only archived ones (off)');

/** Reads the filters collection into canonical filter values. */
export function readFilters(ctx: IExecuteFunctions, itemIndex: number): {
	id(name: string): string | undefined;
	day(name: string): string | undefined;
	flag(name: string): boolean | undefined;
	value(name: string): unknown;
} {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		id(name) {
			const value = pickedValue(filters[name]);
			return value === undefined || value === null || value === '' ? undefined : String(value).trim();
		},
		day(name) {
			const value = filters[name];
			if (value === undefined || value === null || value === '') return undefined;
			// The calendar day as entered: a date-time picker's value without its time, no time-zone shift.
			const match = /^\d{4}-\d{2}-\d{2}/.exec(String(value));
			if (!match) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: filter ${name} "${String(value)}" is not a date`, { itemIndex });
			return match[0];
		},
		flag(name) {
			return typeof filters[name] === 'boolean' ? (filters[name] as boolean) : undefined;
		},
		value(name) {
			return filters[name];
		},
	};
}
