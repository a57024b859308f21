import { Project } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, getOperation, listOperation, updateOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { ProjectFilters, PsaConnector } from '../../connector';
import { activeFilter, clientFilter, readFilters } from '../filters';

export const projectFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'clientId', label: 'Client', kind: 'string', listSearch: 'searchClients' },
	{ path: 'code', label: 'Code', kind: 'string', hint: 'Short project code, e.g. PRJ-0042' },
	{
		path: 'billingModel',
		label: 'Billing Model',
		kind: 'options',
		hint: 'How the client pays; leave out for a non-billable project',
		choices: [
			{ name: 'Fixed Fee', value: 'fixed_fee' },
			{ name: 'Milestone', value: 'milestone' },
			{ name: 'Retainer', value: 'retainer' },
			{ name: 'Time and Materials', value: 'time_and_materials' },
		],
	},
	{ path: 'hourlyRate', label: 'Hourly Rate', kind: 'money', hint: 'Project bill rate and currency, e.g. 150.00 EUR; leave out to bill each person at their own rate' },
	{ path: 'fixedFee', label: 'Fixed Fee', kind: 'money', hint: 'What the client pays for a fixed-fee project, e.g. 48000.00 EUR' },
	{ path: 'budgetAmount', label: 'Budget Amount', kind: 'money', hint: 'Money budget, e.g. 40000.00 EUR' },
	{ path: 'budgetHours', label: 'Budget Hours', kind: 'number' },
	{ path: 'startDate', label: 'Start Date', kind: 'date' },
	{ path: 'endDate', label: 'End Date', kind: 'date' },
	{
		path: 'status',
		label: 'Status',
		kind: 'options',
		choices: [
			{ name: 'Active', value: 'active' },
			{ name: 'Cancelled', value: 'cancelled' },
			{ name: 'Completed', value: 'completed' },
			{ name: 'On Hold', value: 'on_hold' },
			{ name: 'Planned', value: 'planned' },
		],
	},
	{ path: 'notes', label: 'Notes', kind: 'string' },
];

const spec: EntityOperationsSpec<PsaConnector, Project> = {
	entity: 'Project',
	idParameter: 'projectId',
	fields: projectFields,
	requiredFields: ['name', 'clientId'],
	schema: Project,
	api: (connector) => connector.projects,
	listFilters: {
		properties: [clientFilter, activeFilter],
		read(ctx, itemIndex) {
			const filters = readFilters(ctx, itemIndex);
			const read: ProjectFilters = { clientId: filters.id('clientId'), active: filters.flag('active') };
			return { ...read };
		},
	},
};

export const projectResource: ResourceDefinition<PsaConnector> = {
	value: 'project',
	name: 'Project',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a project', description: 'Get a project by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many projects', description: 'List projects by client, state or change time', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a project', description: 'Create projects from canonical projects (billing model, budget, rates, dates)', operation: createOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update a project', description: 'Update projects by ID', operation: updateOperation(spec) },
	],
};
