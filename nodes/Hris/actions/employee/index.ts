import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { EmploymentStatus } from '../../../shared/canonical';
import { asJson, collectWithLimit, modifiedSinceProperty, readIsoInstant, returnAllProperties } from '../../../shared/operations/common';
import { pickedValue } from '../../../shared/operations/fields';
import type { ItemOperation, ResourceDefinition } from '../../../shared/node/types';
import type { EmployeeFilters, HrisConnector } from '../../connector';
import { customFieldsProperty, readCustomFields } from '../common';


const employeeIdProperty: INodeProperties = {
	displayName: 'Employee',
	name: 'employeeId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The employee to read, as a canonical Resource',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchEmployees', searchable: true } },
		{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. 123' },
	],
};

const getOperation: ItemOperation<HrisConnector> = {
	kind: 'item',
	description: [employeeIdProperty, customFieldsProperty],
	async execute(run, itemIndex) {
		const id = String(pickedValue(run.ctx.getNodeParameter('employeeId', itemIndex)) ?? '').trim();
		if (id === '') throw new NodeOperationError(run.ctx.getNode(), `Employee in item ${itemIndex}: employeeId is empty`, { itemIndex });
		return asJson(await run.connector.employees.get(id, readCustomFields(run.ctx, itemIndex)));
	},
};

const STATUS_LABELS: Record<string, string> = { active: 'Active', contractor: 'Contractor', on_leave: 'On Leave', terminated: 'Terminated' };

const employeeFilters: INodeProperties = {
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
		{
			displayName: 'Employment Status',
			name: 'employmentStatus',
			type: 'options',
			options: EmploymentStatus.options.map((value) => ({ name: STATUS_LABELS[value] ?? value, value })).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'active',
		},
		{ displayName: 'Hired On or After', name: 'hiredOnOrAfter', type: 'dateTime', default: '' },
		{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
		{ displayName: 'Location', name: 'location', type: 'string', default: '' },
		{ displayName: 'Manager ID', name: 'managerId', type: 'string', default: '', description: 'Only direct reports of this employee' },
		modifiedSinceProperty,
		{ displayName: 'Terminated On or After', name: 'terminatedOnOrAfter', type: 'dateTime', default: '' },
	],
};

function readFilters(ctx: IExecuteFunctions, itemIndex: number): EmployeeFilters {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const text = (value: unknown): string | undefined => {
		const picked = pickedValue(value);
		return typeof picked === 'string' && picked.trim() !== '' ? picked.trim() : undefined;
	};
	const date = (value: unknown): string | undefined => text(value)?.slice(0, 10);
	return {
		employmentStatus: text(filters.employmentStatus) as EmployeeFilters['employmentStatus'],
		department: text(filters.department),
		jobTitle: text(filters.jobTitle),
		location: text(filters.location),
		managerId: text(filters.managerId),
		hiredOnOrAfter: date(filters.hiredOnOrAfter),
		terminatedOnOrAfter: date(filters.terminatedOnOrAfter),
	};
}

const listOperation: ItemOperation<HrisConnector> = {
	kind: 'item',
	description: [...returnAllProperties, employeeFilters, customFieldsProperty],
	async execute(run, itemIndex) {
		const filters = run.ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const modifiedSince = filters.modifiedSince ? readIsoInstant(run.ctx, 'filters.modifiedSince', itemIndex) : undefined;
		const fields = readCustomFields(run.ctx, itemIndex);
		const records = await collectWithLimit(run.ctx, itemIndex, (limit) =>
			run.connector.employees.list({ modifiedSince, filters: readFilters(run.ctx, itemIndex), limit }, fields),
		);
		return records.map(asJson);
	},
};

export const employeeResource: ResourceDefinition<HrisConnector> = {
	value: 'employee',
	name: 'Employee',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get an employee', description: 'Get an employee as a canonical Resource, with skills, rates and capacity', operation: getOperation },
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many employees',
			description: 'List employees (one read for all where the HRIS allows) by department, job title, location, status, manager, hire or termination date',
			operation: listOperation,
		},
	],
};
