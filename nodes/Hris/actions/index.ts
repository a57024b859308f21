import { systemResource } from '../../shared/operations/capabilities.operation';
import { rawRequestOperation } from '../../shared/operations/rawRequest.operation';
import type { CategoryDefinition } from '../../shared/node/types';
import type { HrisConnector } from '../connector';
import { hrisCapabilities, hrisSystems, referenceSystems } from '../systems';
import { employeeResource } from './employee';
import { timeOffResource } from './timeOff';

export const hrisCategory: CategoryDefinition<HrisConnector> = {
	category: 'HRIS',
	systems: hrisSystems,
	capabilities: hrisCapabilities,
	referenceSystems,
	resources: [
		employeeResource,
		timeOffResource,
		systemResource<HrisConnector>('HRIS', hrisCapabilities),
		{
			value: 'rawRequest',
			name: 'Raw Request',
			operations: [
				{ value: 'send', name: 'Send', action: 'Send a raw request', description: 'Call any endpoint of the chosen HRIS with its credential', operation: rawRequestOperation<HrisConnector>() },
			],
		},
	],
};
