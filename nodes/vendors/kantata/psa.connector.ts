import type { PickerOption, PsaConnector } from '../../Psa/connector';
import type { MapContext, TimeEntry } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { kantataAssignments } from './assignments';
import { kantataClients } from './clients';
import { kantataExpenses } from './expenses';
import { kantataMarkTimeInvoiced } from './invoicedTime';
import { kantataPeople } from './people';
import { kantataProjects } from './projects';
import { instant, KantataReader } from './reader';
import { kantataId, toCanonicalProject, toCanonicalTimeEntry, type KantataStory, type KantataTimeEntry, type KantataUser, type KantataWorkspace, type KantataWorkspaceGroup } from './records';
import { STORIES, kantataTasks } from './tasks';
import { kantataTimeEntries, TIME_ENTRIES } from './timeEntries';
import { mapPages } from './writes';

/** The fields of a timesheet submission the trigger reads (developer.kantata.com/kantata/specification/timesheet-submissions). */
interface KantataTimesheetSubmission {
	id: string;
	status?: string;
	time_entry_ids?: string[];
}

/** The canonical PSA operations over Kantata OX API v1: it assembles the resources of this folder, one file each. */
export function kantataPsaConnector(client: VendorClient, context: MapContext): PsaConnector {
	const reader = new KantataReader(client, context);
	const toTime = (raw: KantataTimeEntry): TimeEntry => toCanonicalTimeEntry(raw, context);

	const pick = async <R>(pages: AsyncIterable<R[]>, option: (raw: R) => PickerOption, filter?: string): Promise<PickerOption[]> => {
		const wanted = filter?.toLowerCase();
		const options = (await collect(pages)).map(option);
		return options.filter((candidate) => !wanted || `${candidate.name} ${candidate.description ?? ''}`.toLowerCase().includes(wanted));
	};

	/**
	 * Time is approved through timesheet submissions, which approval changes, not necessarily the
	 * entries: the approved ones changed since are read, and the entries of timesheets approved since.
	 * An entry found both ways is one event (the trigger drops repeated keys).
	 */
	async function* approvedTimeEntriesSince(since: string): AsyncIterable<TimeEntry[]> {
		const after = instant(since);
		yield* mapPages(reader.pages<KantataTimeEntry>(TIME_ENTRIES, { approved: 'true', updated_after: after }), (page) => page.filter((raw) => raw.approved).map(toTime));
		for await (const page of reader.pages<KantataTimesheetSubmission>('/timesheet_submissions.json', { updated_after: after })) {
			const ids = page.filter((submission) => submission.status === 'approved').flatMap((submission) => submission.time_entry_ids ?? []);
			if (ids.length > 0) yield (await reader.only<KantataTimeEntry>(TIME_ENTRIES, ids.map(String))).filter((raw) => raw.approved).map(toTime);
		}
	}

	return {
		clients: kantataClients(client, reader, context),
		projects: kantataProjects(client, reader, context),
		tasks: kantataTasks(client, reader, context),
		assignments: kantataAssignments(client, reader, context),
		timeEntries: kantataTimeEntries(client, reader, context),
		markTimeInvoiced: kantataMarkTimeInvoiced(client, reader),
		expenses: kantataExpenses(client, reader, context),
		people: kantataPeople(reader, context),
		listClients: async (filter) =>
			await pick(mapPages(reader.pages<KantataWorkspaceGroup>('/workspace_groups.json'), (page) => page.filter((group) => group.company)), (raw) => ({ name: raw.name, value: String(raw.id), description: raw.email ?? undefined }), filter),
		listProjects: async (filter) => await pick(reader.pages<KantataWorkspace>('/workspaces.json'), (raw) => ({ name: raw.title, value: String(raw.id), description: raw.currency ?? undefined }), filter),
		listResources: async (filter) =>
			await pick(mapPages(reader.pages<KantataUser>('/users.json', { on_my_account: 'true' }), (page) => page.filter((user) => !user.disabled)), (raw) => ({ name: raw.full_name, value: String(raw.id), description: raw.email_address ?? undefined }), filter),
		listTasks: async (projectId, filter) =>
			await pick(reader.pages<KantataStory>(STORIES, { workspace_id: projectId ? kantataId(projectId, 'projectId') : undefined }), (raw) => ({ name: raw.title, value: String(raw.id), description: raw.story_type }), filter),
		approvedTimeEntriesSince,
		projectsChangedSince: (since) =>
			mapPages(reader.pages<KantataWorkspace>('/workspaces.json', { include_archived: 'true', updated_after: instant(since) }), (page) => page.map((raw) => toCanonicalProject(raw, context))),
	};
}
