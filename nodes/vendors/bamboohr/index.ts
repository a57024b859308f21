import type { HrisConnector } from '../../Hris/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { bamboohrMappingProfiles } from './mappingProfiles';
import { bamboohrHrisConnector } from './hris.connector';
import { bamboohrTransport } from './transport';

export const bamboohrHris: SystemDefinition<HrisConnector> = {
	key: 'bamboohr',
	displayName: 'BambooHR',
	credentials: [{ authentication: 'apiKey', displayName: 'API Key', credentialType: 'p2cBambooHrApi' }],
	capabilities: ['timeOff', 'employmentEvents', 'customFields'],
	transport: bamboohrTransport,
	connect: bamboohrHrisConnector,
};

export const bamboohr: Vendor = {
	key: bamboohrHris.key,
	displayName: bamboohrHris.displayName,
	systems: { hris: bamboohrHris },
	mappingProfiles: bamboohrMappingProfiles,
};
