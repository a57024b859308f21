import type { CrmConnector } from '../../Crm/connector';
import type { SystemDefinition } from '../../shared/node/types';
import { hubspotCrmConnector } from './crm.connector';
import { hubspotProfile } from './profile';

export const hubspotCrm: SystemDefinition<CrmConnector> = {
	key: 'hubspot',
	displayName: 'HubSpot',
	credentials: [
		{ authentication: 'privateApp', displayName: 'Private App Token', credentialType: 'p2cHubSpotPrivateAppApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2', credentialType: 'p2cHubSpotOAuth2Api' },
	],
	profile: hubspotProfile,
	connect: hubspotCrmConnector,
};
