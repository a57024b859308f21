import type { TaskFilters } from '../../Psa/connector';
import type { MapContext, Task } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { fromCanonicalTask, kantataId, toCanonicalTask, type KantataStory } from './records';
import { instant, type KantataReader } from './reader';
import { createMany, eachRecord, mapPages, named, recordPath, updateOne } from './writes';

export const STORIES = '/stories.json';

/**
 * Tasks: stories (developer.kantata.com/kantata/specification/stories), each of one workspace;
 * deliverables and milestones are stories too (`story_type`). There is no account-wide task to
 * add to a project, so a task is created inside its project.
 */
export function kantataTasks(client: VendorClient, reader: KantataReader, context: MapContext): RecordApi<Task> {
	return {
		get: async (id) => toCanonicalTask((await reader.get<KantataStory>(recordPath('/stories', id))).record, context),
		list: (query) => {
			const filters = (query.filters ?? {}) as TaskFilters;
			const qs = { workspace_id: filters.projectId ? kantataId(filters.projectId, 'projectId') : undefined, updated_after: instant(query.modifiedSince) };
			const local = filters.active !== undefined;
			return mapPages(reader.pages<KantataStory>(STORIES, qs, local ? undefined : query.limit), (page) =>
				page.filter((raw) => filters.active === undefined || !raw.archived === filters.active).map((raw) => toCanonicalTask(raw, context)),
			);
		},
		create: async (records) =>
			(await createMany<Task, KantataStory>(client, records, {
				path: STORIES,
				key: 'stories',
				label: (record) => named('Task', record.name),
				body: (record) => fromCanonicalTask(record, true),
			})).map((result) => (result instanceof Error ? result : toCanonicalTask(result, context))),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Task ${change.id}`, async (change) =>
				toCanonicalTask(await updateOne<KantataStory>(client, recordPath('/stories', change.id), 'story', fromCanonicalTask(change.record, false)), context),
			),
	};
}
