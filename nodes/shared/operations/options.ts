import type { INodeProperties } from 'n8n-workflow';

/** Options every category node offers, read by the router into RunOptions. */
export const runOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Correlation ID',
			name: 'correlationId',
			type: 'string',
			default: '',
			description: 'Ties the records of one business transaction together; written to _meta.correlationId of every output record',
		},
		{
			displayName: 'Default Currency',
			name: 'defaultCurrency',
			type: 'string',
			default: 'USD',
			description: 'ISO 4217 code for amounts the system gives without a currency',
		},
		{
			displayName: 'Include Raw Data',
			name: 'includeRaw',
			type: 'boolean',
			default: false,
			description: 'Whether to keep the vendor\'s own record in remoteData',
		},
	],
};
