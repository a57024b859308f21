import type { ErpConnector } from '../../Erp/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { xeroMappingProfiles } from './mappingProfiles';
import { xeroErpConnector } from './erp.connector';
import { xeroTransport } from './transport';

export const xeroErp: SystemDefinition<ErpConnector> = {
	key: 'xero',
	displayName: 'Xero',
	credentials: [
		{ authentication: 'oAuth2', displayName: 'OAuth2 (App)', credentialType: 'p2cXeroOAuth2Api' },
		{ authentication: 'clientCredentials', displayName: 'Custom Connection', credentialType: 'p2cXeroClientCredentialsApi' },
	],
	capabilities: ['invoiceApproval', 'invoiceNotes', 'projects', 'items'],
	transport: xeroTransport,
	connect: xeroErpConnector,
};

export const xero: Vendor = {
	key: xeroErp.key,
	displayName: xeroErp.displayName,
	systems: { erp: xeroErp },
	mappingProfiles: xeroMappingProfiles,
};
