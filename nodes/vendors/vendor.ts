import type { CrmConnector } from '../Crm/connector';
import type { ErpConnector } from '../Erp/connector';
import type { HrisConnector } from '../Hris/connector';
import type { PsaConnector } from '../Psa/connector';
import type { RegisteredProfile } from '../shared/mapping/profile';
import type { SystemDefinition } from '../shared/node/types';

/** The connector each category node speaks through. */
export interface CategoryConnectors {
	crm: CrmConnector;
	psa: PsaConnector;
	erp: ErpConnector;
	hris: HrisConnector;
}

export type Category = keyof CategoryConnectors;

/**
 * One vendor of the pack, as its own `index.ts` declares it: the category systems it is (a PSA
 * that is also a CRM declares both, under one key) and the Canonical Mapping node's built-in
 * profiles of its objects. Registering it is one line in `nodes/vendors/index.ts`.
 */
export interface Vendor {
	/** System key: `_meta.system`, the System parameter's value and the vendor's key in `externalRefs`. */
	key: string;
	displayName: string;
	systems: { [K in Category]?: SystemDefinition<CategoryConnectors[K]> };
	mappingProfiles: RegisteredProfile[];
}
