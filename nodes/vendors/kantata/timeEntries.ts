import type { TimeEntryFilters } from '../../Psa/connector';
import type { MapContext, TimeEntry } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import type { QueryValue } from '../../shared/transport/types';
import { workspacesOfClient } from './clients';
import { fromCanonicalTimeEntry, kantataId, toCanonicalTimeEntry, type KantataTimeEntry } from './records';
import { flag, instant, type KantataReader } from './reader';
import { createMany, eachRecord, recordPath, updateOne } from './writes';

export const TIME_ENTRIES = '/time_entries.json';

/** `date_performed_between` takes both ends, `YYYY-MM-DD:YYYY-MM-DD`; an open end is the calendar's. */
export const between = (from: string | undefined, to: string | undefined): QueryValue => (from || to ? `${from ?? '1900-01-01'}:${to ?? '2999-12-31'}` : undefined);

/** Whether an entry passes the canonical filters (applied again after Kantata's own, which cover only some). */
export function timeEntryMatches(entry: TimeEntry, filters: TimeEntryFilters, clientWorkspaces?: Set<string>): boolean {
	return (
		(!filters.projectId || entry.projectId === filters.projectId) &&
		(!clientWorkspaces || clientWorkspaces.has(entry.projectId)) &&
		(!filters.resourceId || entry.resourceId === filters.resourceId) &&
		(!filters.taskId || entry.taskId === filters.taskId) &&
		(!filters.from || entry.date >= filters.from) &&
		(!filters.to || entry.date <= filters.to) &&
		(filters.billable === undefined || entry.billable === filters.billable) &&
		(filters.approved === undefined || (entry.approvalStatus === 'approved') === filters.approved) &&
		(filters.invoiced === undefined || entry.invoiced === filters.invoiced)
	);
}

/**
 * Time entries (developer.kantata.com/kantata/specification/time-entries/get-time-entries): Kantata
 * filters the project, person, dates, billable and `approved` (which it always reads as true, so
 * unapproved time is picked here); the task, client and invoiced state are filtered after reading.
 */
export function kantataTimeEntries(client: VendorClient, reader: KantataReader, context: MapContext): RecordApi<TimeEntry> {
	return {
		get: async (id) => toCanonicalTimeEntry((await reader.get<KantataTimeEntry>(recordPath('/time_entries', id))).record, context),
		list: (query) => {
			const filters = (query.filters ?? {}) as TimeEntryFilters;
			async function* read(): AsyncIterable<TimeEntry[]> {
				const clientWorkspaces = filters.clientId ? new Set(await workspacesOfClient(reader, filters.clientId)) : undefined;
				if (clientWorkspaces?.size === 0) return;
				const qs = {
					workspace_id: filters.projectId ? kantataId(filters.projectId, 'projectId') : clientWorkspaces?.size === 1 ? [...clientWorkspaces][0] : undefined,
					with_user_ids: filters.resourceId ? kantataId(filters.resourceId, 'resourceId') : undefined,
					date_performed_between: between(filters.from, filters.to),
					billable: flag(filters.billable),
					approved: filters.approved === true ? 'true' : undefined,
					updated_after: instant(query.modifiedSince),
				};
				const local = Boolean(filters.taskId || clientWorkspaces || filters.approved === false || filters.invoiced !== undefined);
				for await (const page of reader.pages<KantataTimeEntry>(TIME_ENTRIES, qs, local ? undefined : query.limit)) {
					yield page.map((raw) => toCanonicalTimeEntry(raw, context)).filter((entry) => timeEntryMatches(entry, filters, clientWorkspaces));
				}
			}
			return read();
		},
		create: async (records) =>
			// No idempotency key for time: only a refused (429) create is sent again.
			(await createMany<TimeEntry, KantataTimeEntry>(client, records, {
				path: TIME_ENTRIES,
				key: 'time_entries',
				label: (record) => `Time entry of ${record.date} on project ${record.projectId}`,
				body: (record) => fromCanonicalTimeEntry(record),
			})).map((result) => (result instanceof Error ? result : toCanonicalTimeEntry(result, context))),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Time entry ${change.id}`, async (change) =>
				toCanonicalTimeEntry(await updateOne<KantataTimeEntry>(client, recordPath('/time_entries', change.id), 'time_entry', fromCanonicalTimeEntry(change.record)), context),
			),
	};
}
