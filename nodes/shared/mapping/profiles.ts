import type { CanonicalEntity } from '../canonical';
import { hubspotMappingProfiles } from '../../vendors/hubspot/mapping';
import type { RegisteredProfile } from './profile';

export type { MappingProfile, RegisteredProfile } from './profile';

/** Every built-in mapping: one line per vendor, each vendor's list from its own `mapping.ts`. */
export const mappingProfiles: RegisteredProfile[] = [
	...hubspotMappingProfiles,
];

export function findProfile(system: string, entity: CanonicalEntity): RegisteredProfile | undefined {
	return mappingProfiles.find((profile) => profile.system === system && profile.entity === entity);
}

/** The systems that have built-in profiles, each with the entities it maps (for the node's system picker). */
export function profileSystems(): Array<{ system: string; systemName: string; entities: CanonicalEntity[] }> {
	const systems = new Map<string, { system: string; systemName: string; entities: CanonicalEntity[] }>();
	for (const profile of mappingProfiles) {
		const entry = systems.get(profile.system) ?? { system: profile.system, systemName: profile.systemName, entities: [] };
		entry.entities.push(profile.entity);
		systems.set(profile.system, entry);
	}
	return [...systems.values()].sort((a, b) => a.systemName.localeCompare(b.systemName));
}
