import { systemResource } from '../../shared/operations/capabilities.operation';
import { rawRequestOperation } from '../../shared/operations/rawRequest.operation';
import type { CategoryDefinition } from '../../shared/node/types';
import type { PsaConnector } from '../connector';
import { psaCapabilities, psaSystems, referenceSystems } from '../systems';
import { assignmentResource } from './assignment';
import { clientResource } from './client';
import { expenseResource } from './expense';
import { personResource } from './person';
import { projectResource } from './project';
import { taskResource } from './task';
import { timeEntryResource } from './timeEntry';

export const psaCategory: CategoryDefinition<PsaConnector> = {
	category: 'PSA',
	systems: psaSystems,
	capabilities: psaCapabilities,
	referenceSystems,
	resources: [
		projectResource,
		timeEntryResource,
		assignmentResource,
		taskResource,
		clientResource,
		expenseResource,
		personResource,
		systemResource<PsaConnector>('PSA', psaCapabilities),
		{
			value: 'rawRequest',
			name: 'Raw Request',
			operations: [
				{ value: 'send', name: 'Send', action: 'Send a raw request', description: 'Call any endpoint of the chosen PSA with its credential', operation: rawRequestOperation<PsaConnector>() },
			],
		},
	],
};
