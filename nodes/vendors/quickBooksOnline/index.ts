import type { ErpConnector } from '../../Erp/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { quickBooksOnlineErpConnector } from './erp.connector';
import { quickBooksOnlineMappingProfiles } from './mappingProfiles';
import { quickBooksOnlineTransport } from './transport';

export const quickBooksOnlineErp: SystemDefinition<ErpConnector> = {
	key: 'quickBooksOnline',
	displayName: 'QuickBooks Online',
	aliases: ['QuickBooks', 'Intuit QuickBooks'],
	credentials: [{ authentication: 'oAuth2', displayName: 'OAuth2 (Intuit App)', credentialType: 'p2cQuickBooksOnlineOAuth2Api' }],
	// No draft-then-approve cycle (an invoice is final when created) and no invoice notes or history.
	capabilities: ['items'],
	transport: quickBooksOnlineTransport,
	connect: quickBooksOnlineErpConnector,
};

export const quickBooksOnline: Vendor = {
	key: quickBooksOnlineErp.key,
	displayName: quickBooksOnlineErp.displayName,
	systems: { erp: quickBooksOnlineErp },
	mappingProfiles: quickBooksOnlineMappingProfiles,
};
