import type { CrmConnector } from '../../Crm/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { hubspotMappingProfiles } from './mappingProfiles';
import { hubspotCrmConnector } from './crm.connector';
import { hubspotTransport } from './transport';

export const hubspotCrm: SystemDefinition<CrmConnector> = {
	key: 'hubspot',
	displayName: 'HubSpot',
	credentials: [
		{ authentication: 'privateApp', displayName: 'Private App Token', credentialType: 'p2cHubSpotPrivateAppApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2', credentialType: 'p2cHubSpotOAuth2Api' },
	],
	capabilities: ['opportunityReferences', 'upsertByExternalId'],
	transport: hubspotTransport,
	connect: hubspotCrmConnector,
};

export const hubspot: Vendor = {
	key: hubspotCrm.key,
	displayName: hubspotCrm.displayName,
	systems: { crm: hubspotCrm },
	mappingProfiles: hubspotMappingProfiles,
};
