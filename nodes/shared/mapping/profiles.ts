import type { CanonicalEntity } from '../canonical';
import { bamboohrMappingProfiles } from '../../vendors/bamboohr/mapping';
import { businessCentralMappingProfiles } from '../../vendors/businessCentral/mapping';
import { harvestMappingProfiles } from '../../vendors/harvest/mapping';
import { hubspotMappingProfiles } from '../../vendors/hubspot/mapping';
import { salesforceMappingProfiles } from '../../vendors/salesforce/mapping';
import { xeroMappingProfiles } from '../../vendors/xero/mapping';
import type { RegisteredProfile } from './profile';

export type { MappingProfile, RegisteredProfile } from './profile';

/** Every built-in mapping: one line per vendor, each vendor's list from its own `mapping.ts`. */
export const mappingProfiles: RegisteredProfile[] = [
	...hubspotMappingProfiles,
	...salesforceMappingProfiles,
	...harvestMappingProfiles,
	...xeroMappingProfiles,
	...businessCentralMappingProfiles,
	...bamboohrMappingProfiles,
];

export function findProfile(system: string, entity: CanonicalEntity): RegisteredProfile | undefined {
	return mappingProfiles.find((profile) => profile.system === system && profile.entity === entity);
}

/** The systems that have built-in profiles, each with the entities it maps (for the node's system picker). */
export function profileSystems(): Array<{ system: string; systemName: string; entities: CanonicalEntity[]; readOnly: CanonicalEntity[] }> {
	const systems = new Map<string, { system: string; systemName: string; entities: CanonicalEntity[]; readOnly: CanonicalEntity[] }>();
	for (const profile of mappingProfiles) {
		const entry = systems.get(profile.system) ?? { system: profile.system, systemName: profile.systemName, entities: [], readOnly: [] };
		entry.entities.push(profile.entity);
		if (!profile.write) entry.readOnly.push(profile.entity);
		systems.set(profile.system, entry);
	}
	return [...systems.values()].sort((a, b) => a.systemName.localeCompare(b.systemName));
}
