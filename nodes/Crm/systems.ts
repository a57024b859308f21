import { hubspotCrm } from '../vendors/hubspot';
import { salesforceCrm } from '../vendors/salesforce';
import type { SystemDefinition } from '../shared/node/types';
import type { CrmConnector } from './connector';

/** The CRM systems of the pack; adding one is one line here. */
export const crmSystems: Array<SystemDefinition<CrmConnector>> = [hubspotCrm, salesforceCrm];
