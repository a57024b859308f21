import { Contact } from '../../../shared/canonical';
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

export const contactFields: FieldSpec[] = [
	{ path: 'email', label: 'Email', kind: 'string' },
	{ path: 'firstName', label: 'First Name', kind: 'string' },
	{ path: 'lastName', label: 'Last Name', kind: 'string' },
	{ path: 'phone', label: 'Phone', kind: 'string' },
	{ path: 'jobTitle', label: 'Job Title', kind: 'string' },
	{ path: 'ownerId', label: 'Owner', kind: 'string', listSearch: 'searchOwners' },
];

const spec: EntityOperationsSpec<CrmConnector, Contact> = {
	entity: 'Contact',
	idParameter: 'contactId',
	fields: contactFields,
	requiredFields: ['email'],
	schema: Contact,
	api: (connector) => connector.contacts,
};

export const contactResource: ResourceDefinition<CrmConnector> = {
	value: 'contact',
	name: 'Contact',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a contact', description: 'Get a contact by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many contacts', description: 'List contacts, optionally changed since a time', operation: listOperation(spec) },
		{ value: 'create', name: 'Create', action: 'Create a contact', description: 'Create contacts (in batches)', operation: createOperation(spec) },
		{ value: 'update', name: 'Update', action: 'Update a contact', description: 'Update contacts by ID (in batches)', operation: updateOperation(spec) },
		{ value: 'upsert', name: 'Create or Update', action: 'Create or update a contact', description: 'Create a new record, or update the current one if it already exists (upsert)', requires: 'upsertByExternalId', operation: upsertOperation(spec) },
	],
};
