import type { PersonFilters, PsaConnector } from '../../Psa/connector';
import type { MapContext } from '../../shared/canonical';
import { harvestId, toCanonicalPerson, type HarvestUser } from './records';
import { flag, since, type HarvestReader } from './reader';

/** People: Harvest users (help.getharvest.com/api-v2/users-api/users/users), filtered by `is_active` and `updated_since`. */
export function harvestPeople(reader: HarvestReader, context: MapContext): PsaConnector['people'] {
	return {
		get: async (id) => toCanonicalPerson(await reader.get<HarvestUser>(`/users/${harvestId(id, 'id')}`), context),
		async *list(query) {
			const filters = (query.filters ?? {}) as PersonFilters;
			const email = filters.email?.trim().toLowerCase();
			// Harvest has no e-mail filter: the pages are then read whole and filtered here.
			const pages = reader.pages<HarvestUser>('/users', 'users', { is_active: flag(filters.active), updated_since: since(query.modifiedSince) }, email ? undefined : query.limit);
			for await (const page of pages) {
				yield page.filter((user) => !email || user.email?.toLowerCase() === email).map((user) => toCanonicalPerson(user, context));
			}
		},
	};
}
