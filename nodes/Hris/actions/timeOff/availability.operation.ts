import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { pickedValue } from '../../../shared/operations/fields';
import { collect } from '../../../shared/transport/pagination';
import type { ItemOperation } from '../../../shared/node/types';
import { weeklyAvailability } from '../../availability';
import type { HrisConnector } from '../../connector';
import { customFieldsProperty, dateRangeProperties, readCustomFields, readDateRange } from '../common';

/**
 * What one run of the node has read, by what it asked: items that ask for the same people and
 * period (every project of a handoff run starting the same week) share one read instead of each
 * reading the whole directory and leave calendar again. Kept for that run only.
 */
const readsOfRun = new WeakMap<object, Map<string, Promise<unknown>>>();

async function onceInRun<T>(ctx: object, key: string, read: () => Promise<T>): Promise<T> {
	const reads = readsOfRun.get(ctx) ?? new Map<string, Promise<unknown>>();
	readsOfRun.set(ctx, reads);
	let pending = reads.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = read();
		// A failed read is not kept: the next item asks again (and fails on its own, with its own index).
		pending.catch(() => reads.delete(key));
		reads.set(key, pending);
	}
	return await pending;
}

/**
 * Reads every employee (one report), the approved time off of the period (one request) and, when
 * asked, the company holidays (one request), then computes availability from the canonical records.
 * Items asking for the same people and period share those reads.
 */
export const availabilityOperation: ItemOperation<HrisConnector> = {
	kind: 'item',
	description: [
		...dateRangeProperties('period'),
		{
			displayName: 'Default Weekly Capacity',
			name: 'defaultWeeklyCapacity',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 40,
			description: 'Hours a week for people whose record has no weekly capacity (see Custom Fields)',
		},
		{
			displayName: 'Subtract Company Holidays',
			name: 'subtractHolidays',
			type: 'boolean',
			default: false,
			description: 'Whether company holidays reduce everyone\'s capacity',
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Department',
					name: 'department',
					type: 'resourceLocator',
					default: { mode: 'list', value: '' },
					modes: [
						{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchDepartments', searchable: true } },
						{ displayName: 'Name', name: 'id', type: 'string', placeholder: 'e.g. Engineering' },
					],
				},
				{ displayName: 'Location', name: 'location', type: 'string', default: '' },
			],
		},
		customFieldsProperty,
	],
	async execute(run, itemIndex) {
		const range = readDateRange(run.ctx, itemIndex);
		const defaultWeeklyCapacityHours = Number(run.ctx.getNodeParameter('defaultWeeklyCapacity', itemIndex, 40));
		if (!(defaultWeeklyCapacityHours >= 0)) {
			throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Default Weekly Capacity must be 0 or more`, { itemIndex });
		}
		const filters = run.ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const department = String(pickedValue(filters.department) ?? '').trim() || undefined;
		const location = String(filters.location ?? '').trim() || undefined;
		const customFields = readCustomFields(run.ctx, itemIndex);
		const people = JSON.stringify({ department, location, customFields });
		const resources = await onceInRun(run.ctx, `employees ${people}`, async () => await collect(run.connector.employees.list({ filters: { department, location } }, customFields)));
		const capacityById = new Map(resources.map((resource) => [resource.id, resource.weeklyCapacityHours ?? defaultWeeklyCapacityHours]));
		const timeOff = await onceInRun(run.ctx, `timeOff ${people} ${defaultWeeklyCapacityHours} ${JSON.stringify(range)}`, async () =>
			await collect(
				run.connector.timeOff.list({
					...range,
					statuses: ['approved'],
					// Leave counted in days becomes hours at each person's own daily capacity.
					hoursPerDay: (resourceId) => {
						const weekly = capacityById.get(resourceId);
						return weekly !== undefined && weekly > 0 ? weekly / 5 : undefined;
					},
				}),
			),
		);
		const subtractHolidays = run.ctx.getNodeParameter('subtractHolidays', itemIndex, false) as boolean;
		const holidays = subtractHolidays ? (await onceInRun(run.ctx, `whosOut ${JSON.stringify(range)}`, async () => await run.connector.timeOff.whosOut(range))).holidays : [];
		const computedAt = new Date().toISOString();
		return weeklyAvailability({ resources, timeOff, holidays, ...range, defaultWeeklyCapacityHours }).map((row) => ({
			...row,
			_meta: { system: run.system.key, entity: 'availability', fetchedAt: computedAt, ...(run.options.correlationId ? { correlationId: run.options.correlationId } : {}) },
		})) as unknown as IDataObject[];
	},
};
