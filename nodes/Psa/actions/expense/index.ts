import { ApprovalStatus, Expense } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, getOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { ExpenseFilters, PsaConnector } from '../../connector';
import { clientFilter, dateFilter, flagFilter, projectFilter, readFilters, resourceFilter } from '../filters';

/** What recording an expense takes: approval follows from the approval process, billable defaults on. */
const ExpenseInput = Expense.extend({ billable: Expense.shape.billable.default(true), approvalStatus: ApprovalStatus.optional() });

export const expenseFields: FieldSpec[] = [
	{ path: 'date', label: 'Date', kind: 'date' },
	{ path: 'amount', label: 'Amount', kind: 'money', hint: 'Total and currency of the project\'s client, e.g. 84.50 USD' },
	{ path: 'projectId', label: 'Project', kind: 'string', listSearch: 'searchProjects' },
	{ path: 'category', label: 'Category', kind: 'string', hint: 'Expense category name (e.g. Travel) or ID' },
	{ path: 'resourceId', label: 'Person', kind: 'string', listSearch: 'searchResources', hint: 'Who spent it; empty for the credential\'s own user' },
	{ path: 'billable', label: 'Billable', kind: 'boolean', hint: 'Whether the expense is re-billed to the client' },
	{ path: 'notes', label: 'Notes', kind: 'string' },
];

const spec: EntityOperationsSpec<PsaConnector, Expense> = {
	entity: 'Expense',
	idParameter: 'expenseId',
	fields: expenseFields,
	requiredFields: ['date', 'amount', 'projectId', 'category'],
	schema: ExpenseInput,
	api: (connector) => connector.expenses,
	listFilters: {
		properties: [
			projectFilter,
			clientFilter,
			resourceFilter,
			dateFilter('from'),
			dateFilter('to'),
			flagFilter('billable', 'Billable', 'Whether to return only billable expenses (on) or only non-billable ones (off)'),
			flagFilter('invoiced', 'Invoiced', 'Whether to return only expenses already billed on an invoice (on) or only unbilled ones (off)'),
		],
		read(ctx, itemIndex) {
			const filters = readFilters(ctx, itemIndex);
			const read: ExpenseFilters = {
				projectId: filters.id('projectId'),
				clientId: filters.id('clientId'),
				resourceId: filters.id('resourceId'),
				from: filters.day('from'),
				to: filters.day('to'),
				billable: filters.flag('billable'),
				invoiced: filters.flag('invoiced'),
			};
			return { ...read };
		},
	},
};

export const expenseResource: ResourceDefinition<PsaConnector> = {
	value: 'expense',
	name: 'Expense',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get an expense', description: 'Get an expense by ID', requires: 'expenses', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many expenses', description: 'List expenses by project, person, dates and billing state', requires: 'expenses', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create an expense', description: 'Record expenses on projects', requires: 'expenses', operation: createOperation(spec) },
	],
};
