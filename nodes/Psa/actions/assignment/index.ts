import type { IExecuteFunctions } from 'n8n-workflow';
import { Assignment } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { AssignmentFilters, PsaConnector } from '../../connector';
import { activeFilter, projectFilter, readFilters, resourceFilter } from '../filters';

/** Staffing writes are allocations of people (or tasks) to a project; `kind` needs no input. */
const StaffingAssignment = Assignment.extend({ kind: Assignment.shape.kind.default('allocation') });

const personFields: FieldSpec[] = [
	{ path: 'projectId', label: 'Project', kind: 'string', listSearch: 'searchProjects' },
	{ path: 'resourceId', label: 'Person', kind: 'string', listSearch: 'searchResources' },
	{ path: 'billRate', label: 'Bill Rate', kind: 'money', hint: 'Hourly rate for this person on this project, e.g. 180.00 USD; leave out to use their default rate' },
	{ path: 'isProjectManager', label: 'Project Manager', kind: 'boolean', hint: 'Whether the person manages the project' },
];

const taskFields: FieldSpec[] = [
	{ path: 'projectId', label: 'Project', kind: 'string', listSearch: 'searchProjects' },
	{ path: 'taskId', label: 'Task', kind: 'string', listSearch: 'searchTasks' },
	{ path: 'billRate', label: 'Bill Rate', kind: 'money', hint: 'Hourly rate for this task on this project, e.g. 150.00 USD' },
	{ path: 'billable', label: 'Billable', kind: 'boolean', hint: 'Whether time on the task is billable on this project (default on)' },
];

const common = {
	entity: 'Assignment',
	idParameter: 'assignmentId',
	schema: StaffingAssignment,
	listFilters: {
		properties: [
			projectFilter,
			resourceFilter,
			{
				displayName: 'Include',
				name: 'include',
				type: 'options' as const,
				options: [
					{ name: 'People', value: 'people', description: 'People staffed on projects' },
					{ name: 'People and Tasks', value: 'both' },
					{ name: 'Tasks', value: 'tasks', description: 'Tasks added to projects' },
				],
				default: 'people',
			},
			activeFilter,
		],
		read(ctx: IExecuteFunctions, itemIndex: number) {
			const filters = readFilters(ctx, itemIndex);
			const read: AssignmentFilters = {
				projectId: filters.id('projectId'),
				resourceId: filters.id('resourceId'),
				include: (filters.value('include') as AssignmentFilters['include']) ?? 'people',
				active: filters.flag('active'),
			};
			return { ...read };
		},
	},
};

const personSpec: EntityOperationsSpec<PsaConnector, Assignment> = {
	...common,
	fields: personFields,
	requiredFields: ['projectId', 'resourceId'],
	api: (connector) => connector.assignments,
};

const taskSpec: EntityOperationsSpec<PsaConnector, Assignment> = {
	...common,
	fields: taskFields,
	requiredFields: ['projectId', 'taskId'],
	api: (connector) => ({ ...connector.assignments, create: connector.assignments.createTaskAssignments }),
};

export const assignmentResource: ResourceDefinition<PsaConnector> = {
	value: 'assignment',
	name: 'Assignment',
	operations: [
		{ value: 'list', name: 'Get Many', action: 'Get many assignments', description: 'List who (and which tasks) are on a project', operation: listOperation(personSpec) },
		{ value: 'createPerson', name: 'Assign Person', action: 'Assign a person to a project', description: 'Put people on projects, with a bill rate and project-manager flag', operation: createOperation(personSpec) },
		{ value: 'createTask', name: 'Assign Task', action: 'Assign a task to a project', description: 'Add tasks to projects, with a bill rate and billable flag', requires: 'taskAssignments', operation: createOperation(taskSpec) },
	],
};
