import type { TimeEntryFilters } from '../../Psa/connector';
import type { MapContext, TimeEntry } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { fromCanonicalTimeEntry, toCanonicalTimeEntry, type HarvestTimeEntry } from './records';
import { flag, since, type HarvestReader } from './reader';
import { eachRecord, mapPages, recordPath } from './writes';

/** Maps a page of Harvest time entries, each in its client's currency (Harvest gives rates as bare decimals). */
export function timeEntryMapper(reader: HarvestReader, context: MapContext): (page: HarvestTimeEntry[]) => Promise<TimeEntry[]> {
	return async (page) => {
		const canonical: TimeEntry[] = [];
		for (const raw of page) canonical.push(toCanonicalTimeEntry(raw, await reader.clientCurrency(raw.client?.id), context));
		return canonical;
	};
}

/** Time entries (help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries). */
export function harvestTimeEntries(client: VendorClient, reader: HarvestReader, context: MapContext): RecordApi<TimeEntry> {
	const timeEntriesToCanonical = timeEntryMapper(reader, context);
	const timeEntries: RecordApi<TimeEntry> = {
		get: async (id) => (await timeEntriesToCanonical([await reader.get<HarvestTimeEntry>(recordPath('/time_entries', id))]))[0],
		list: (query) => {
			const filters = (query.filters ?? {}) as TimeEntryFilters;
			// Harvest filters these itself; billable and approval are filtered here, so pages are then read whole.
			const qs = {
				project_id: filters.projectId, client_id: filters.clientId, user_id: filters.resourceId, task_id: filters.taskId,
				from: filters.from, to: filters.to, is_billed: flag(filters.invoiced), updated_since: since(query.modifiedSince),
			};
			const local = filters.billable !== undefined || filters.approved !== undefined;
			return mapPages(reader.pages<HarvestTimeEntry>('/time_entries', 'time_entries', qs, local ? undefined : query.limit), async (page) =>
				(await timeEntriesToCanonical(page)).filter(
					(entry) => (filters.billable === undefined || entry.billable === filters.billable) && (filters.approved === undefined || (entry.approvalStatus === 'approved') === filters.approved),
				),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => `Time entry of ${record.date} on project ${record.projectId}`, async (record) => {
				if (!record.taskId) throw new Error('taskId is required: Harvest books time on a task of the project');
				// No idempotency key in Harvest: only a refused (429) create is re-sent.
				const created = await client.send<HarvestTimeEntry>({ method: 'POST', url: '/time_entries', body: fromCanonicalTimeEntry(record) });
				return (await timeEntriesToCanonical([created]))[0];
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Time entry ${change.id}`, async (change) => {
				const updated = await client.send<HarvestTimeEntry>({ method: 'PATCH', url: recordPath('/time_entries', change.id), body: fromCanonicalTimeEntry(change.record), retrySafety: 'idempotent' });
				return (await timeEntriesToCanonical([updated]))[0];
			}),
	};
	return timeEntries;
}
