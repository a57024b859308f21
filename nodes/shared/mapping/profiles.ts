import type { CanonicalEntity } from '../canonical';
import type { RegisteredProfile } from './profile';

export type { MappingProfile, RegisteredProfile } from './profile';

/** A system's entry in the Canonical Mapping node's system picker: the entities it maps. */
export interface ProfileSystem {
	system: string;
	systemName: string;
	entities: CanonicalEntity[];
	readOnly: CanonicalEntity[];
}

export function findProfile(profiles: RegisteredProfile[], system: string, entity: CanonicalEntity): RegisteredProfile | undefined {
	return profiles.find((profile) => profile.system === system && profile.entity === entity);
}

/** The systems that have built-in profiles, each with the entities it maps (for the node's system picker). */
export function profileSystems(profiles: RegisteredProfile[]): ProfileSystem[] {
	const systems = new Map<string, ProfileSystem>();
	for (const profile of profiles) {
		const entry = systems.get(profile.system) ?? { system: profile.system, systemName: profile.systemName, entities: [], readOnly: [] };
		entry.entities.push(profile.entity);
		if (!profile.write) entry.readOnly.push(profile.entity);
		systems.set(profile.system, entry);
	}
	return [...systems.values()].sort((a, b) => a.systemName.localeCompare(b.systemName));
}
