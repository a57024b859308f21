import { systemResource } from '../../shared/operations/capabilities.operation';
import { rawRequestOperation } from '../../shared/operations/rawRequest.operation';
import type { CategoryDefinition } from '../../shared/node/types';
import type { CrmConnector } from '../connector';
import { crmCapabilities, crmSystems, referenceSystems } from '../systems';
import { clientResource } from './client';
import { contactResource } from './contact';
import { opportunityResource } from './opportunity';

export const crmCategory: CategoryDefinition<CrmConnector> = {
	category: 'CRM',
	systems: crmSystems,
	capabilities: crmCapabilities,
	referenceSystems,
	resources: [
		clientResource,
		contactResource,
		opportunityResource,
		systemResource<CrmConnector>('CRM', crmCapabilities),
		{
			value: 'rawRequest',
			name: 'Raw Request',
			operations: [
				{ value: 'send', name: 'Send', action: 'Send a raw request', description: 'Call any endpoint of the chosen CRM with its credential', operation: rawRequestOperation<CrmConnector>() },
			],
		},
	],
};
