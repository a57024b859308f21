import type { IDataObject, IExecuteFunctions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { pickedValue } from '../../shared/operations/fields';
import type { CustomFieldMapping } from '../connector';

/** A resource locator over the account's fields: pick one, or type its API name or id. */
function fieldPicker(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchFields', searchable: true } },
			{ displayName: 'Field Name or ID', name: 'id', type: 'string', placeholder: 'e.g. customSkills' },
		],
	};
}

/** Which of the firm's own HRIS fields hold skills, rates and capacity. */
export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'collection',
	placeholder: 'Add Custom Field',
	default: {},
	description: 'The fields of your HRIS that hold what staffing needs; the HRIS has no standard field for these',
	options: [
		fieldPicker('Bill Rate Field', 'billRateField', 'Currency field with the standard hourly bill rate'),
		fieldPicker('Cost Rate Field', 'costRateField', 'Currency field with the internal hourly cost'),
		fieldPicker('Skills Field', 'skillsField', 'Text or multi-select field listing skills, separated by commas'),
		fieldPicker('Weekly Capacity Field', 'weeklyCapacityField', 'Number field with the hours a week the person can be staffed (e.g. standardHoursPerWeek)'),
	],
};

export function readCustomFields(ctx: IExecuteFunctions | IPollFunctions, itemIndex?: number): CustomFieldMapping {
	const values = (itemIndex === undefined
		? (ctx as IPollFunctions).getNodeParameter('customFields', {})
		: (ctx as IExecuteFunctions).getNodeParameter('customFields', itemIndex, {})) as IDataObject;
	const read = (name: string): string | undefined => {
		const value = pickedValue(values[name]);
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	};
	return { skills: read('skillsField'), costRate: read('costRateField'), billRate: read('billRateField'), weeklyCapacity: read('weeklyCapacityField') };
}

export function dateRangeProperties(what: string): INodeProperties[] {
	return [
		{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', required: true, default: '', description: `First day of the ${what}` },
		{ displayName: 'End Date', name: 'endDate', type: 'dateTime', required: true, default: '', description: `Last day of the ${what} (inclusive)` },
	];
}

/** A date parameter as YYYY-MM-DD; the error names the item and the parameter. */
export function readDate(ctx: IExecuteFunctions, name: string, itemIndex: number, label: string): string {
	const raw = String(ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
	const date = raw.slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: ${label} "${raw}" is not a date (YYYY-MM-DD)`, { itemIndex });
	}
	return date;
}

export function readDateRange(ctx: IExecuteFunctions, itemIndex: number): { startDate: string; endDate: string } {
	const startDate = readDate(ctx, 'startDate', itemIndex, 'Start Date');
	const endDate = readDate(ctx, 'endDate', itemIndex, 'End Date');
	if (endDate < startDate) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: End Date ${endDate} is before Start Date ${startDate}`, { itemIndex });
	}
	return { startDate, endDate };
}
