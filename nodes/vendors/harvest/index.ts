import type { PsaConnector } from '../../Psa/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { harvestMappingProfiles } from './mappingProfiles';
import { harvestTransport } from './transport';
import { harvestPsaConnector } from './psa.connector';

export const harvestPsa: SystemDefinition<PsaConnector> = {
	key: 'harvest',
	displayName: 'Harvest',
	credentials: [
		{ authentication: 'personalAccessToken', displayName: 'Personal Access Token', credentialType: 'p2cHarvestPersonalAccessTokenApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2', credentialType: 'p2cHarvestOAuth2Api' },
	],
	capabilities: ['timeApproval', 'markTimeInvoiced', 'expenses', 'taskAssignments'],
	transport: harvestTransport,
	connect: harvestPsaConnector,
};

export const harvest: Vendor = {
	key: harvestPsa.key,
	displayName: harvestPsa.displayName,
	systems: { psa: harvestPsa },
	mappingProfiles: harvestMappingProfiles,
};
