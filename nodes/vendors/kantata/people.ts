import type { PersonFilters, PsaConnector } from '../../Psa/connector';
import type { MapContext } from '../../shared/canonical';
import { toCanonicalPerson, type KantataUser } from './records';
import type { KantataReader } from './reader';
import { recordPath } from './writes';

/** People: the users of the account (developer.kantata.com/kantata/specification/users, `on_my_account`), disabled ones as terminated. */
export function kantataPeople(reader: KantataReader, context: MapContext): PsaConnector['people'] {
	return {
		get: async (id) => toCanonicalPerson((await reader.get<KantataUser>(recordPath('/users', id))).record, context),
		async *list(query) {
			const filters = (query.filters ?? {}) as PersonFilters;
			const email = filters.email?.trim().toLowerCase();
			const local = filters.active !== undefined;
			const pages = reader.pages<KantataUser>('/users.json', { on_my_account: 'true', by_email_address: email }, local ? undefined : query.limit);
			for await (const page of pages) {
				// The e-mail filter is Kantata's; the case of an address is compared here as well.
				yield page
					.filter((user) => (!email || user.email_address?.toLowerCase() === email) && (filters.active === undefined || !user.disabled === filters.active))
					.map((user) => toCanonicalPerson(user, context));
			}
		},
	};
}
