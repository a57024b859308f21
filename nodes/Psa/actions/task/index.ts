import { Task } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, getOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { PsaConnector, TaskFilters } from '../../connector';
import { activeFilter, projectFilter, readFilters } from '../filters';

export const taskFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'projectId', label: 'Project', kind: 'string', listSearch: 'searchProjects', hint: 'Also add the new task to this project' },
	{ path: 'billable', label: 'Billable', kind: 'boolean', hint: 'Whether time on the task is billable' },
	{ path: 'hourlyRate', label: 'Hourly Rate', kind: 'money', hint: 'Task bill rate and currency, e.g. 120.00 USD' },
	{ path: 'isActive', label: 'Active', kind: 'boolean', hint: 'Whether the task is active' },
];

const spec: EntityOperationsSpec<PsaConnector, Task> = {
	entity: 'Task',
	idParameter: 'taskId',
	fields: taskFields,
	requiredFields: ['name'],
	schema: Task,
	api: (connector) => connector.tasks,
	listFilters: {
		properties: [projectFilter, activeFilter],
		read(ctx, itemIndex) {
			const filters = readFilters(ctx, itemIndex);
			const read: TaskFilters = { projectId: filters.id('projectId'), active: filters.flag('active') };
			return { ...read };
		},
	},
};

export const taskResource: ResourceDefinition<PsaConnector> = {
	value: 'task',
	name: 'Task',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a task', description: 'Get a task by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many tasks', description: 'List tasks, or the tasks of one project with its billable flags and rates', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a task', description: 'Create tasks, optionally adding each to a project', operation: createOperation(spec) },
	],
};
