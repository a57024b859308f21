import type { CapabilityDefinition } from '../shared/node/types';
import { systemKeys, systemsOf } from '../vendors';

/** The CRM systems of the pack: every registered vendor that declares a CRM system. */
export const crmSystems = systemsOf('crm');

/** The optional CRM features a system declares; an operation that needs one names it. */
export const crmCapabilities: CapabilityDefinition[] = [
	{ value: 'opportunityReferences', feature: 'references to other systems written on an opportunity' },
	{ value: 'upsertByExternalId', feature: 'create-or-update of clients and contacts by the firm\'s external ID' },
];

export { systemKeys as referenceSystems };
