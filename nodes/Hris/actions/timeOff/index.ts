import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { collect } from '../../../shared/transport/pagination';
import type { ItemOperation, ResourceDefinition } from '../../../shared/node/types';
import type { HrisConnector, TimeOffStatus } from '../../connector';
import { dateRangeProperties, readDateRange } from '../common';
import { availabilityOperation } from './availability.operation';
import { asJson } from '../../../shared/operations/common';


const STATUS_OPTIONS: Array<{ name: string; value: TimeOffStatus }> = [
	{ name: 'Approved', value: 'approved' },
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Denied', value: 'denied' },
	{ name: 'Requested', value: 'requested' },
];

const listOperation: ItemOperation<HrisConnector> = {
	kind: 'item',
	description: [
		...dateRangeProperties('period: requests overlapping it are returned'),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'Employee ID', name: 'employeeId', type: 'string', default: '', description: 'Only this employee\'s requests' },
				{
					displayName: 'Hours Per Day',
					name: 'hoursPerDay',
					type: 'number',
					typeOptions: { minValue: 0.5 },
					default: 8,
					description: 'Hours in one day of leave, for policies that count leave in days',
				},
				{ displayName: 'Statuses', name: 'statuses', type: 'multiOptions', options: STATUS_OPTIONS, default: [], description: 'Only requests in these statuses; none selected means all' },
			],
		},
	],
	async execute(run, itemIndex) {
		const range = readDateRange(run.ctx, itemIndex);
		const filters = run.ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const hoursPerDay = Number(filters.hoursPerDay ?? 8);
		if (!(hoursPerDay > 0)) throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Hours Per Day must be more than 0`, { itemIndex });
		const records = await collect(
			run.connector.timeOff.list({
				...range,
				statuses: (filters.statuses as TimeOffStatus[] | undefined) ?? [],
				resourceId: typeof filters.employeeId === 'string' && filters.employeeId.trim() !== '' ? filters.employeeId.trim() : undefined,
				hoursPerDay,
			}),
		);
		return records.map(asJson);
	},
};

const whosOutOperation: ItemOperation<HrisConnector> = {
	kind: 'item',
	description: [
		...dateRangeProperties('period'),
		{
			displayName: 'Include Company Holidays',
			name: 'includeHolidays',
			type: 'boolean',
			default: false,
			description: 'Whether to add the company holidays of the period as items of their own (kind: holiday)',
		},
	],
	async execute(run, itemIndex) {
		const range = readDateRange(run.ctx, itemIndex);
		const { timeOff, holidays } = await run.connector.timeOff.whosOut(range);
		const items: IDataObject[] = timeOff.map(asJson);
		if (run.ctx.getNodeParameter('includeHolidays', itemIndex, false) as boolean) {
			for (const holiday of holidays) items.push({ kind: 'holiday', ...holiday, system: run.system.key });
		}
		return items;
	},
};

export const timeOffResource: ResourceDefinition<HrisConnector> = {
	value: 'timeOff',
	name: 'Time Off',
	operations: [
		{
			value: 'list',
			requires: 'timeOff',
			name: 'Get Many',
			action: 'Get many time off requests',
			description: 'List time off requests overlapping a period, with their status and hours per day',
			operation: listOperation,
		},
		{ value: 'whosOut', name: 'Get Who Is Out', action: 'Get who is out', description: 'List the people on approved leave in a period', requires: 'timeOff', operation: whosOutOperation },
		{
			value: 'availability',
			requires: 'timeOff',
			name: 'Get Availability',
			action: 'Get weekly availability',
			description: 'Per employee and week: capacity hours minus approved time off, for staffing',
			operation: availabilityOperation,
		},
	],
};
