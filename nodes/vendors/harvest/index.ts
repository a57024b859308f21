import type { PsaConnector } from '../../Psa/connector';
import type { SystemDefinition } from '../../shared/node/types';
import { harvestProfile } from './profile';
import { harvestPsaConnector } from './psa.connector';

export const harvestPsa: SystemDefinition<PsaConnector> = {
	key: 'harvest',
	displayName: 'Harvest',
	credentials: [
		{ authentication: 'personalAccessToken', displayName: 'Personal Access Token', credentialType: 'p2cHarvestPersonalAccessTokenApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2', credentialType: 'p2cHarvestOAuth2Api' },
	],
	profile: harvestProfile,
	connect: harvestPsaConnector,
};
