import { Client } from '../../../shared/canonical';
import type { FieldSpec } from '../../../shared/operations/fields';
import { getOperation, listOperation, upsertOperation, type EntityOperationsSpec } from '../../../shared/operations/record.operations';
import type { BatchOperation, ResourceDefinition } from '../../../shared/node/types';
import type { ErpConnector } from '../../connector';

export const customerFields: FieldSpec[] = [
	{ path: 'name', label: 'Name', kind: 'string' },
	{ path: 'email', label: 'Email', kind: 'string', hint: 'Where invoices are sent' },
	{ path: 'phone', label: 'Phone', kind: 'string' },
	{ path: 'domain', label: 'Website Domain', kind: 'string', hint: 'e.g. acme.com' },
	{ path: 'taxNumber', label: 'Tax Number', kind: 'string', hint: 'VAT, GST or sales tax registration number' },
	{ path: 'currency', label: 'Currency', kind: 'string', hint: 'ISO 4217 code the customer is invoiced in, e.g. GBP' },
	{ path: 'billingAddress.line1', label: 'Billing Street', kind: 'string' },
	{ path: 'billingAddress.line2', label: 'Billing Street Line 2', kind: 'string' },
	{ path: 'billingAddress.city', label: 'Billing City', kind: 'string' },
	{ path: 'billingAddress.region', label: 'Billing Region or State', kind: 'string' },
	{ path: 'billingAddress.postalCode', label: 'Billing Postal Code', kind: 'string' },
	{ path: 'billingAddress.country', label: 'Billing Country', kind: 'string' },
];

const spec: EntityOperationsSpec<ErpConnector, Client> = {
	entity: 'Customer',
	idParameter: 'customerId',
	fields: customerFields,
	requiredFields: ['name'],
	schema: Client,
	api: (connector) => connector.customers,
};

/** The generic upsert, with the ERP's key fields named in the external ID field's help. */
function customerUpsert(): BatchOperation<ErpConnector, { externalId: string; record: Client }> {
	const operation = upsertOperation(spec);
	return {
		...operation,
		description: operation.description.map((property) =>
			property.name === 'externalIdField'
				? { ...property, description: 'The customer field that holds the external ID. Leave empty for the ERP\'s default customer number field (its README section names it).' }
				: property,
		),
	};
}

export const customerResource: ResourceDefinition<ErpConnector> = {
	value: 'customer',
	name: 'Customer',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get a customer', description: 'Get a customer by ID', operation: getOperation(spec) },
		{ value: 'list', name: 'Get Many', action: 'Get many customers', description: 'List customers, optionally changed since a time', operation: listOperation(spec) },
		{ value: 'upsert', name: 'Create or Update', action: 'Create or update a customer', description: 'Create a new record, or update the current one if it already exists (upsert)', operation: customerUpsert() },
	],
};
