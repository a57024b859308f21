import type { Client, MapContext } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { fromCanonicalClient, kantataId, toCanonicalClient, type KantataWorkspaceGroup } from './records';
import type { KantataReader } from './reader';
import { createMany, eachRecord, mapPages, named, recordPath, updateOne } from './writes';

const GROUPS = '/workspace_groups.json';

/**
 * Clients: Kantata has no client object of its own; a client is a workspace group marked `company`
 * (developer.kantata.com/kantata/specification/workspace-groups). Groups that are not companies
 * (departments, portfolios) are left out; groups have no archived state and no change time, so
 * `active: false` finds none and a modified-since list is the whole list.
 */
export function kantataClients(client: VendorClient, reader: KantataReader, context: MapContext): RecordApi<Client> {
	const companies = (limit?: number) => mapPages(reader.pages<KantataWorkspaceGroup>(GROUPS, {}, limit), (page) => page.filter((group) => group.company));
	return {
		get: async (id) => toCanonicalClient((await reader.get<KantataWorkspaceGroup>(recordPath('/workspace_groups', id))).record, context),
		list: (query) => {
			const filters = (query.filters ?? {}) as { active?: boolean };
			if (filters.active === false) return (async function* none(): AsyncIterable<Client[]> {})();
			return mapPages(companies(query.limit), (page) => page.map((raw) => toCanonicalClient(raw, context)));
		},
		create: async (records) =>
			(await createMany<Client, KantataWorkspaceGroup>(client, records, {
				path: GROUPS,
				key: 'workspace_groups',
				label: (record) => named('Client', record.name),
				body: (record) => fromCanonicalClient(record),
				// A lost create is found by the names it sent: a company of that name is this client (the handoff creates one only when none matched by name).
				lookup: async (inputs) => {
					const groups = await collect(companies());
					const found = inputs.map((input) => groups.filter((group) => group.name === input.name).pop());
					return found.every(Boolean) ? (found as KantataWorkspaceGroup[]) : undefined;
				},
			})).map((result) => (result instanceof Error ? result : toCanonicalClient(result, context))),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Client ${change.id}`, async (change) => {
				const path = recordPath('/workspace_groups', change.id);
				const current = change.record.externalRefs ? (await reader.get<KantataWorkspaceGroup>(path)).record : undefined;
				return toCanonicalClient(await updateOne<KantataWorkspaceGroup>(client, path, 'workspace_group', fromCanonicalClient(change.record, current?.notes)), context);
			}),
	};
}

/** The workspaces of a client (its group's `workspace_ids`, read by including them). */
export async function workspacesOfClient(reader: KantataReader, clientId: string): Promise<string[]> {
	const { record } = await reader.get<KantataWorkspaceGroup>(recordPath('/workspace_groups', kantataId(clientId, 'clientId')), { include: 'workspaces' });
	return (record.workspace_ids ?? []).map(String);
}
