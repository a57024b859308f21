import { Client } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { createOperation, getOperation, listOperation, updateOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { ResourceDefinition } from '../../../shared/node/types';
import type { PsaConnector } from '../../connector';
import { activeFilter, readFilters } from '../filters';

export const clientFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'currency', label: 'Currency', kind: 'string', hint: 'ISO 4217 code the client is billed in, e.g. EUR; empty for the account currency' },
	{ path: 'isActive', label: 'Active', kind: 'boolean', hint: 'Whether the client is active (off archives it)' },
	{ path: 'billingAddress.line1', label: 'Street', kind: 'string' },
	{ path: 'billingAddress.line2', label: 'Address Line 2', kind: 'string' },
	{ path: 'billingAddress.postalCode', label: 'Postal Code', kind: 'string' },
	{ path: 'billingAddress.city', label: 'City', kind: 'string' },
	{ path: 'billingAddress.region', label: 'Region or State', kind: 'string' },
	{ path: 'billingAddress.country', label: 'Country', kind: 'string' },
];

const spec: EntityOperationsSpec<PsaConnector, Client> = {
	entity: 'Client',
	idParameter: 'clientId',
	fields: clientFields,
	requiredFields: ['name'],
	schema: Client,
	api: (connector) => connector.clients,
	listFilters: {
		properties: [activeFilter],
		read: (ctx, itemIndex) => ({ active: readFilters(ctx, itemIndex).flag('active') }),
	},
};

export const clientResource: ResourceDefinition<PsaConnector> = {
	value: 'client',
	name: 'Client',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a client', description: 'Get a client by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many clients', description: 'List clients, optionally active only or changed since a time', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a client', description: 'Create clients', operation: createOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update a client', description: 'Update clients by ID', operation: updateOperation(spec) },
	],
};
