import type { IDataObject } from 'n8n-workflow';
import { Project } from '../../../shared/canonical';
import type { RecordApi } from '../../../shared/operations/recordApi';
import { getOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { ErpConnector } from '../../connector';

/** What an ERP without projects answers. */
const noProjects: RecordApi<Project> = {
	get: async () => {
		throw new Error('The chosen ERP has no projects');
	},
	// eslint-disable-next-line require-yield -- refuses before yielding anything
	list: async function* () {
		throw new Error('The chosen ERP has no projects');
	},
};

const spec: EntityOperationsSpec<ErpConnector, Project> = {
	entity: 'Project',
	idParameter: 'projectId',
	fields: [],
	requiredFields: [],
	schema: Project,
	api: (connector) => (connector.projects as RecordApi<Project> | undefined) ?? noProjects,
	listFilters: {
		properties: [
			{ displayName: 'Customer ID', name: 'clientId', type: 'string', default: '', description: 'Only projects for this customer' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Any', value: '' },
					{ name: 'Completed', value: 'completed' },
				],
				default: '',
			},
		],
		read(ctx, itemIndex) {
			const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			return { ...(filters.clientId ? { clientId: String(filters.clientId) } : {}), ...(filters.status ? { status: String(filters.status) } : {}) };
		},
	},
};

export const projectResource: ResourceDefinition<ErpConnector> = {
	value: 'project',
	name: 'Project',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a project', description: 'Get an ERP project by ID', requires: 'projects', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many projects', description: 'List ERP projects, by customer or status', requires: 'projects', operation: listOperation(spec) },
	],
};
