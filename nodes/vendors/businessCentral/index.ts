import type { ErpConnector } from '../../Erp/connector';
import type { SystemDefinition } from '../../shared/node/types';
import { businessCentralErpConnector } from './erp.connector';
import { businessCentralProfile } from './profile';

export const businessCentralErp: SystemDefinition<ErpConnector> = {
	key: 'businessCentral',
	displayName: 'Microsoft Dynamics 365 Business Central',
	credentials: [
		{ authentication: 'clientCredentials', displayName: 'Client Credentials (Microsoft Entra ID)', credentialType: 'p2cBusinessCentralClientCredentialsApi' },
	],
	profile: businessCentralProfile,
	connect: businessCentralErpConnector,
};
