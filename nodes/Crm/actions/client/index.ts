import { Client } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import {
	createOperation,
	getOperation,
	listOperation,
	updateOperation,
	upsertOperation,
	type EntityOperationsSpec,
} from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { CrmConnector } from '../../connector';

export const clientFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'domain', label: 'Domain', kind: 'string', hint: 'Website domain, e.g. acme.com' },
	{ path: 'phone', label: 'Phone', kind: 'string' },
	{ path: 'industry', label: 'Industry', kind: 'string' },
	{ path: 'ownerId', label: 'Owner', kind: 'string', listSearch: 'searchOwners' },
	{ path: 'billingAddress.line1', label: 'Street', kind: 'string' },
	{ path: 'billingAddress.city', label: 'City', kind: 'string' },
	{ path: 'billingAddress.region', label: 'Region or State', kind: 'string' },
	{ path: 'billingAddress.postalCode', label: 'Postal Code', kind: 'string' },
	{ path: 'billingAddress.country', label: 'Country', kind: 'string' },
];

const spec: EntityOperationsSpec<CrmConnector, Client> = {
	entity: 'Client',
	idParameter: 'clientId',
	fields: clientFields,
	requiredFields: ['name'],
	schema: Client,
	api: (connector) => connector.clients,
};

export const clientResource: ResourceDefinition<CrmConnector> = {
	value: 'client',
	name: 'Client',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a client', description: 'Get a client by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many clients', description: 'List clients, optionally changed since a time', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a client', description: 'Create clients (in batches)', operation: createOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update a client', description: 'Update clients by ID (in batches)', operation: updateOperation(spec) },
		{ value: 'upsert', name: 'Create or Update', action: 'Create or update a client', description: 'Create a new record, or update the current one if it already exists (upsert)', requires: 'upsertByExternalId', operation: upsertOperation(spec) },
	],
};
