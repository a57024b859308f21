import { systemResource } from '../../shared/operations/capabilities.operation';
import { rawRequestOperation } from '../../shared/operations/rawRequest.operation';
import type { CategoryDefinition } from '../../shared/node/types';
import type { ErpConnector } from '../connector';
import { erpCapabilities, erpSystems, referenceSystems } from '../systems';
import { customerResource } from './customer';
import { invoiceResource } from './invoice';
import { paymentResource } from './payment';
import { projectResource } from './project';

export const erpCategory: CategoryDefinition<ErpConnector> = {
	category: 'ERP',
	systems: erpSystems,
	capabilities: erpCapabilities,
	referenceSystems,
	resources: [
		customerResource,
		invoiceResource,
		paymentResource,
		projectResource,
		systemResource<ErpConnector>('ERP', erpCapabilities),
		{
			value: 'rawRequest',
			name: 'Raw Request',
			operations: [
				{ value: 'send', name: 'Send', action: 'Send a raw request', description: 'Call any endpoint of the chosen ERP with its credential', operation: rawRequestOperation<ErpConnector>() },
			],
		},
	],
};
