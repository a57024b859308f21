import type { IDataObject } from 'n8n-workflow';
import { Opportunity } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { pickedValue, pickerProperty } from '../../../shared/operations/fields';
import { getOperation, listOperation, updateOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { CrmConnector, OpportunityFilters } from '../../connector';
import { setExternalRefsOperation } from './setExternalRefs.operation';

export const opportunityFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'amount', label: 'Amount', kind: 'money' },
	{ path: 'stage', label: 'Stage', kind: 'string', listSearch: 'searchStages' },
	{ path: 'closeDate', label: 'Close Date', kind: 'date' },
	{ path: 'startDate', label: 'Start Date', kind: 'date', hint: 'When delivery should start' },
	{
		path: 'billingModel',
		label: 'Billing Model',
		kind: 'options',
		choices: [
			{ name: 'Fixed Fee', value: 'fixed_fee' },
			{ name: 'Milestone', value: 'milestone' },
			{ name: 'Retainer', value: 'retainer' },
			{ name: 'Time and Materials', value: 'time_and_materials' },
		],
	},
	{ path: 'ownerId', label: 'Owner', kind: 'string', listSearch: 'searchOwners' },
	{ path: 'nextStep', label: 'Next Step', kind: 'string', hint: 'What has to happen next on the deal, e.g. the data a handoff still needs' },
];

const spec: EntityOperationsSpec<CrmConnector, Opportunity> = {
	entity: 'Opportunity',
	idParameter: 'opportunityId',
	fields: opportunityFields,
	requiredFields: [],
	schema: Opportunity,
	api: (connector) => connector.opportunities,
	listFilters: {
		properties: [
			pickerProperty({ displayName: 'Stage', name: 'stage', description: 'Only opportunities in this stage' }, 'searchStages'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Open', value: 'open' },
					{ name: 'Won', value: 'won' },
					{ name: 'Lost', value: 'lost' },
				],
				default: '',
			},
			{ displayName: 'Closed Since', name: 'closedSince', type: 'dateTime', default: '', description: 'Only opportunities whose close date is at or after this date' },
		],
		read(ctx, itemIndex) {
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const stage = pickedValue(filters.stage);
			const read: OpportunityFilters = {
				stage: stage ? String(stage) : undefined,
				status: filters.status ? (filters.status as OpportunityFilters['status']) : undefined,
				closedSince: filters.closedSince ? new Date(String(filters.closedSince)).toISOString() : undefined,
			};
			return { ...read };
		},
	},
};

export const opportunityResource: ResourceDefinition<CrmConnector> = {
	value: 'opportunity',
	name: 'Opportunity',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get an opportunity', description: 'Get an opportunity with its client and contacts', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many opportunities', description: 'List opportunities by stage, status, close date or change date', operation: listOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update an opportunity', description: 'Update opportunities by ID (in batches)', operation: updateOperation(spec) },
		{
			value: 'setExternalRefs',
			requires: 'opportunityReferences',
			name: 'Set External References',
			action: 'Set external references on an opportunity',
			description: 'Write the IDs of the records other systems made from this opportunity (PSA project, ERP customer)',
			operation: setExternalRefsOperation,
		},
	],
};
