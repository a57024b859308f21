import { harvestPsa } from '../vendors/harvest';
import type { SystemDefinition } from '../shared/node/types';
import type { PsaConnector } from './connector';

/** The PSA systems of the pack; adding one (Kantata) is one line here. */
export const psaSystems: Array<SystemDefinition<PsaConnector>> = [harvestPsa];
