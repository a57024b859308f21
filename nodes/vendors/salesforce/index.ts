import type { CrmConnector } from '../../Crm/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { salesforceMappingProfiles } from './mappingProfiles';
import { salesforceCrmConnector } from './crm.connector';
import { salesforceTransport } from './transport';

export const salesforceCrm: SystemDefinition<CrmConnector> = {
	key: 'salesforce',
	displayName: 'Salesforce',
	credentials: [
		{ authentication: 'clientCredentials', displayName: 'OAuth2 Client Credentials (Server-to-Server)', credentialType: 'p2cSalesforceClientCredentialsApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2 (Authorization Code)', credentialType: 'p2cSalesforceOAuth2Api' },
	],
	capabilities: ['opportunityReferences', 'upsertByExternalId'],
	transport: salesforceTransport,
	connect: salesforceCrmConnector,
};

export const salesforce: Vendor = {
	key: salesforceCrm.key,
	displayName: salesforceCrm.displayName,
	systems: { crm: salesforceCrm },
	mappingProfiles: salesforceMappingProfiles,
};
