import type { ProjectFilters } from '../../Psa/connector';
import type { MapContext, Project } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { workspacesOfClient } from './clients';
import { fromCanonicalProject, kantataId, toCanonicalProject, type KantataWorkspace } from './records';
import { checkCurrency, instant, type KantataReader } from './reader';
import { createMany, eachRecord, named, recordPath, updateOne } from './writes';

const WORKSPACES = '/workspaces.json';

/**
 * Projects: workspaces (developer.kantata.com/kantata/specification/workspaces). Archived ones are
 * left out of a list unless `include_archived` is sent; the client is the workspace's primary group.
 */
export function kantataProjects(client: VendorClient, reader: KantataReader, context: MapContext): RecordApi<Project> {
	const remember = (page: KantataWorkspace[]): KantataWorkspace[] => {
		reader.rememberWorkspaces(page);
		return page;
	};
	return {
		get: async (id) => toCanonicalProject(await reader.workspace(kantataId(id, 'projectId')), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as ProjectFilters;
			async function* read(): AsyncIterable<Project[]> {
				const only = filters.clientId ? await workspacesOfClient(reader, filters.clientId) : undefined;
				if (only && only.length === 0) return;
				const qs = { include_archived: filters.active === true ? undefined : 'true', updated_after: instant(query.modifiedSince), only: only?.join(',') };
				const local = filters.active === false;
				for await (const page of reader.pages<KantataWorkspace>(WORKSPACES, qs, local ? undefined : query.limit)) {
					yield remember(page).filter((raw) => filters.active === undefined || raw.archived !== filters.active).map((raw) => toCanonicalProject(raw, context));
				}
			}
			return read();
		},
		create: async (records) =>
			(await createMany<Project, KantataWorkspace>(client, records, {
				path: WORKSPACES,
				key: 'workspaces',
				label: (record) => named('Project', record.name),
				body: (record) => fromCanonicalProject(record, { creating: true }),
				// A lost create is found again by title among the client's workspaces, before any retry.
				lookup: async (inputs) => {
					const found: KantataWorkspace[] = [];
					for (const input of inputs) {
						const ids = input.clientId ? await workspacesOfClient(reader, input.clientId) : undefined;
						const candidates = ids ? (ids.length > 0 ? await reader.only<KantataWorkspace>(WORKSPACES, ids, { include_archived: 'true' }) : []) : await collect(reader.pages<KantataWorkspace>(WORKSPACES, { include_archived: 'true' }));
						const match = candidates.filter((workspace) => workspace.title === input.name).pop();
						if (!match) return undefined;
						found.push(match);
					}
					return found;
				},
			})).map((result) => (result instanceof Error ? result : toCanonicalProject(remember([result])[0], context))),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Project ${change.id}`, async (change) => {
				const current = await reader.workspace(kantataId(change.id, 'projectId'));
				if (current.currency) for (const field of ['budgetAmount', 'fixedFee'] as const) checkCurrency(field, change.record[field], await reader.money(current.id));
				const body = fromCanonicalProject(change.record, { creating: false, current });
				const updated = await updateOne<KantataWorkspace>(client, recordPath('/workspaces', change.id, 'projectId'), 'workspace', body);
				return toCanonicalProject(remember([updated])[0], context);
			}),
	};
}
