import { bamboohr } from './bamboohr';
import { businessCentral } from './businessCentral';
import { harvest } from './harvest';
import { hubspot } from './hubspot';
import { kantata } from './kantata';
import { quickBooksOnline } from './quickBooksOnline';
import { salesforce } from './salesforce';
import { xero } from './xero';
import type { Category, CategoryConnectors, Vendor } from './vendor';
import type { SystemDefinition } from '../shared/node/types';
import type { RegisteredProfile } from '../shared/mapping/profile';

export type { Category, Vendor } from './vendor';

/**
 * THE registry: every vendor of the pack, one line each. The category nodes' systems and
 * credentials, the Canonical Mapping node's profiles, the keys `externalRefs` may carry, the
 * sandbox's coverage and every test suite's rows derive from this list.
 */
export const vendors: Vendor[] = [
	hubspot,
	salesforce,
	harvest,
	kantata,
	xero,
	businessCentral,
	quickBooksOnline,
	bamboohr,
];

/** The systems of one category, in registry order. */
export function systemsOf<K extends Category>(category: K): Array<SystemDefinition<CategoryConnectors[K]>> {
	return vendors.flatMap((vendor) => {
		const system = vendor.systems[category];
		return system ? [system] : [];
	});
}

/** Every registered system key: the keys a record's `externalRefs` may carry (besides `key`). */
export const systemKeys: readonly string[] = vendors.map((vendor) => vendor.key);

/** Every built-in mapping profile of the Canonical Mapping node. */
export const mappingProfiles: RegisteredProfile[] = vendors.flatMap((vendor) => vendor.mappingProfiles);
