import type { CrmConnector } from '../../Crm/connector';
import type { SystemDefinition } from '../../shared/node/types';
import { salesforceCrmConnector } from './crm.connector';
import { salesforceProfile } from './profile';

export const salesforceCrm: SystemDefinition<CrmConnector> = {
	key: 'salesforce',
	displayName: 'Salesforce',
	credentials: [
		{ authentication: 'clientCredentials', displayName: 'OAuth2 Client Credentials (Server-to-Server)', credentialType: 'p2cSalesforceClientCredentialsApi' },
		{ authentication: 'oAuth2', displayName: 'OAuth2 (Authorization Code)', credentialType: 'p2cSalesforceOAuth2Api' },
	],
	profile: salesforceProfile,
	connect: salesforceCrmConnector,
};
