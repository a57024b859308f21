import { rawRequestOperation } from '../../shared/operations/rawRequest.operation';
import type { CategoryDefinition } from '../../shared/node/types';
import type { ErpConnector } from '../connector';
import { erpSystems } from '../systems';
import { customerResource } from './customer';
import { invoiceResource } from './invoice';
import { paymentResource } from './payment';
import { projectResource } from './project';

export const erpCategory: CategoryDefinition<ErpConnector> = {
	category: 'ERP',
	systems: erpSystems,
	resources: [
		customerResource,
		invoiceResource,
		paymentResource,
		projectResource,
		{
			value: 'rawRequest',
			name: 'Raw Request',
			operations: [
				{ value: 'send', name: 'Send', action: 'Send a raw request', description: 'Call any endpoint of the chosen ERP with its credential', operation: rawRequestOperation<ErpConnector>() },
			],
		},
	],
};
