import { ApprovalStatus, TimeEntry } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, getOperation, listOperation, updateOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { PsaConnector, TimeEntryFilters } from '../../connector';
import { markInvoicedOperation } from './markInvoiced.operation';
import { clientFilter, dateFilter, flagFilter, projectFilter, readFilters, resourceFilter, taskFilter } from '../filters';

/** What booking time takes: billable and approval follow from the project and the approval process. */
const TimeEntryInput = TimeEntry.extend({ billable: TimeEntry.shape.billable.optional(), approvalStatus: ApprovalStatus.optional() });

export const timeEntryFields: FieldSpec[] = [
	{ path: 'date', label: 'Date', kind: 'date' },
	{ path: 'hours', label: 'Hours', kind: 'number' },
	{ path: 'projectId', label: 'Project', kind: 'string', listSearch: 'searchProjects' },
	{ path: 'taskId', label: 'Task', kind: 'string', listSearch: 'searchTasks' },
	{ path: 'resourceId', label: 'Person', kind: 'string', listSearch: 'searchResources', hint: 'Who spent the time; empty for the credential\'s own user' },
	{ path: 'notes', label: 'Notes', kind: 'string' },
];

const spec: EntityOperationsSpec<PsaConnector, TimeEntry> = {
	entity: 'Time entry',
	idParameter: 'timeEntryId',
	fields: timeEntryFields,
	requiredFields: ['date', 'hours', 'projectId', 'taskId'],
	schema: TimeEntryInput,
	api: (connector) => connector.timeEntries,
	listFilters: {
		properties: [
			projectFilter,
			clientFilter,
			resourceFilter,
			taskFilter,
			dateFilter('from'),
			dateFilter('to'),
			flagFilter('approved', 'Approved', 'Whether to return only approved time (on) or only time not yet approved (off)'),
			flagFilter('billable', 'Billable', 'Whether to return only billable time (on) or only non-billable time (off)'),
			flagFilter('invoiced', 'Invoiced', 'Whether to return only time already billed on an invoice (on) or only unbilled time (off)'),
		],
		read(ctx, itemIndex) {
			const filters = readFilters(ctx, itemIndex);
			const read: TimeEntryFilters = {
				projectId: filters.id('projectId'),
				clientId: filters.id('clientId'),
				resourceId: filters.id('resourceId'),
				taskId: filters.id('taskId'),
				from: filters.day('from'),
				to: filters.day('to'),
				approved: filters.flag('approved'),
				billable: filters.flag('billable'),
				invoiced: filters.flag('invoiced'),
			};
			return { ...read };
		},
	},
};

export const timeEntryResource: ResourceDefinition<PsaConnector> = {
	value: 'timeEntry',
	name: 'Time Entry',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a time entry', description: 'Get a time entry by ID, with its invoice when billed', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many time entries', description: 'List time by project, person, dates, approval and billing state', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a time entry', description: 'Book time on a project task', operation: createOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update a time entry', description: 'Change time entries by ID (approved or invoiced time is locked)', operation: updateOperation(spec) },
		{
			value: 'markInvoiced',
			name: 'Mark Invoiced',
			action: 'Mark time as invoiced',
			description: 'Record that a project\'s time and expenses of a period are on an ERP invoice, so they are not billed again',
			requires: 'markTimeInvoiced',
			operation: markInvoicedOperation,
		},
	],
};
