import { Resource } from '../../../shared/canonical';
import type { RecordApi } from '../../../shared/operations/recordApi';
import { getOperation, listOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { PersonFilters, PsaConnector } from '../../connector';
import { activeFilter, readFilters } from '../filters';

const spec: EntityOperationsSpec<PsaConnector, Resource> = {
	entity: 'Person',
	idParameter: 'personId',
	fields: [],
	requiredFields: [],
	schema: Resource,
	api: (connector) => connector.people as RecordApi<Resource>,
	listFilters: {
		properties: [activeFilter, { displayName: 'E-Mail', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: 'Only the person with this e-mail address (any case)' }],
		read(ctx, itemIndex) {
			const filters = readFilters(ctx, itemIndex);
			const email = filters.value('email');
			const read: PersonFilters = { active: filters.flag('active'), email: typeof email === 'string' && email.trim() !== '' ? email.trim() : undefined };
			return { ...read };
		},
	},
};

/** People who book time in the PSA, with their PSA ids (to staff them, or to match them with the HRIS by e-mail). */
export const personResource: ResourceDefinition<PsaConnector> = {
	value: 'person',
	name: 'Person',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a person', description: 'Get a person of the PSA by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many people', description: 'List the PSA\'s people (users or resources), active only or by e-mail', operation: listOperation(spec) },
	],
};
