import { businessCentralErp } from '../vendors/businessCentral';
import { xeroErp } from '../vendors/xero';
import type { SystemDefinition } from '../shared/node/types';
import type { ErpConnector } from './connector';

/** The ERP systems of the pack; adding one is one line here (Xero, Business Central). */
export const erpSystems: Array<SystemDefinition<ErpConnector>> = [xeroErp, businessCentralErp];
