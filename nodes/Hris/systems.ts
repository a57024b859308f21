import { bamboohrHris } from '../vendors/bamboohr';
import type { SystemDefinition } from '../shared/node/types';
import type { HrisConnector } from './connector';

/** The HRIS systems of the pack; adding one (HiBob) is one line here. */
export const hrisSystems: Array<SystemDefinition<HrisConnector>> = [bamboohrHris];
