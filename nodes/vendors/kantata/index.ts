import type { PsaConnector } from '../../Psa/connector';
import type { SystemDefinition } from '../../shared/node/types';
import type { Vendor } from '../vendor';
import { kantataMappingProfiles } from './mappingProfiles';
import { kantataPsaConnector } from './psa.connector';
import { kantataTransport } from './transport';

/**
 * Kantata OX (formerly Mavenlink) as a PSA. Capabilities: time approval (timesheet submissions),
 * marking time invoiced (invoices made from time entry and expense ids), expenses. Not
 * `taskAssignments`: a Kantata task (story) lives in one project, there is none to add from elsewhere.
 */
export const kantataPsa: SystemDefinition<PsaConnector> = {
	key: 'kantata',
	displayName: 'Kantata',
	aliases: ['Mavenlink', 'Kantata OX'],
	credentials: [
		{ authentication: 'oAuth2', displayName: 'OAuth2', credentialType: 'p2cKantataOAuth2Api' },
		{ authentication: 'accessToken', displayName: 'Access Token', credentialType: 'p2cKantataAccessTokenApi' },
	],
	capabilities: ['timeApproval', 'markTimeInvoiced', 'expenses'],
	transport: kantataTransport,
	connect: kantataPsaConnector,
};

export const kantata: Vendor = {
	key: kantataPsa.key,
	displayName: kantataPsa.displayName,
	systems: { psa: kantataPsa },
	mappingProfiles: kantataMappingProfiles,
};
