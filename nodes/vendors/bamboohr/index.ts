import type { HrisConnector } from '../../Hris/connector';
import type { SystemDefinition } from '../../shared/node/types';
import { bamboohrHrisConnector } from './hris.connector';
import { bamboohrProfile } from './profile';

export const bamboohrHris: SystemDefinition<HrisConnector> = {
	key: 'bamboohr',
	displayName: 'BambooHR',
	credentials: [{ authentication: 'apiKey', displayName: 'API Key', credentialType: 'p2cBambooHrApi' }],
	profile: bamboohrProfile,
	connect: bamboohrHrisConnector,
};
