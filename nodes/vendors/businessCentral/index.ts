import type { ErpConnector } from '../../Erp/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { businessCentralMappingProfiles } from './mappingProfiles';
import { businessCentralErpConnector } from './erp.connector';
import { businessCentralTransport } from './transport';

export const businessCentralErp: SystemDefinition<ErpConnector> = {
	key: 'businessCentral',
	displayName: 'Microsoft Dynamics 365 Business Central',
	aliases: ['Business Central', 'Dynamics 365'],
	credentials: [
		{ authentication: 'clientCredentials', displayName: 'Client Credentials (Microsoft Entra ID)', credentialType: 'p2cBusinessCentralClientCredentialsApi' },
	],
	capabilities: ['invoiceApproval', 'projects', 'items'],
	transport: businessCentralTransport,
	connect: businessCentralErpConnector,
};

export const businessCentral: Vendor = {
	key: businessCentralErp.key,
	displayName: businessCentralErp.displayName,
	systems: { erp: businessCentralErp },
	mappingProfiles: businessCentralMappingProfiles,
};
