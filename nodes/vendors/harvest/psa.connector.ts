import type { PickerOption, PsaConnector } from '../../Psa/connector';
import type { MapContext } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { harvestAssignments } from './assignments';
import { harvestClients } from './clients';
import { harvestExpenses } from './expenses';
import { harvestMarkTimeInvoiced } from './invoicedTime';
import { harvestPeople } from './people';
import { harvestProjects } from './projects';
import { HarvestReader, since } from './reader';
import { harvestId, toCanonicalProject, type HarvestClient, type HarvestProject, type HarvestTask, type HarvestTaskAssignment, type HarvestTimeEntry, type HarvestUser } from './records';
import { harvestTasks } from './tasks';
import { harvestTimeEntries, timeEntryMapper } from './timeEntries';
import { mapPages } from './writes';

/** The canonical PSA operations over Harvest API v2: it assembles the resources of this folder, one file each. */
export function harvestPsaConnector(client: VendorClient, context: MapContext): PsaConnector {
	const reader = new HarvestReader(client, context);
	const timeEntriesToCanonical = timeEntryMapper(reader, context);
	const clients = harvestClients(client, reader, context);
	const projects = harvestProjects(client, reader, context);
	const tasks = harvestTasks(client, reader, context);
	const assignments = harvestAssignments(client, reader, context);
	const timeEntries = harvestTimeEntries(client, reader, context);
	const expenses = harvestExpenses(client, reader, context);

	const pick = async <R>(pages: AsyncIterable<R[]>, option: (raw: R) => PickerOption, filter?: string): Promise<PickerOption[]> => {
		const wanted = filter?.toLowerCase();
		const options = (await collect(pages)).map(option);
		return options.filter((candidate) => !wanted || `${candidate.name} ${candidate.description ?? ''}`.toLowerCase().includes(wanted));
	};

	return {
		clients,
		projects,
		tasks,
		assignments,
		timeEntries,
		markTimeInvoiced: harvestMarkTimeInvoiced(client, reader),
		expenses,
		people: harvestPeople(reader, context),
		listClients: async (filter) =>
			await pick(reader.pages<HarvestClient>('/clients', 'clients', { is_active: 'true' }), (raw) => ({ name: raw.name, value: String(raw.id), description: raw.currency }), filter),
		listProjects: async (filter) =>
			await pick(reader.pages<HarvestProject>('/projects', 'projects', { is_active: 'true' }), (raw) => ({ name: raw.code ? `${raw.name} (${raw.code})` : raw.name, value: String(raw.id), description: raw.client?.name }), filter),
		listResources: async (filter) =>
			await pick(reader.pages<HarvestUser>('/users', 'users', { is_active: 'true' }), (raw) => ({ name: `${raw.first_name} ${raw.last_name}`, value: String(raw.id), description: raw.email }), filter),
		listTasks: async (projectId, filter) =>
			projectId
				? await pick(reader.pages<HarvestTaskAssignment>(`/projects/${harvestId(projectId, 'projectId')}/task_assignments`, 'task_assignments', { is_active: 'true' }), (raw) => ({ name: raw.task.name ?? '', value: String(raw.task.id) }), filter)
				: await pick(reader.pages<HarvestTask>('/tasks', 'tasks', { is_active: 'true' }), (raw) => ({ name: raw.name, value: String(raw.id) }), filter),
		// Harvest has no approval filter or approval time: approving changes the entry (is_closed, is_locked), so it
		// falls in the updated_since window, and the approved ones are picked here.
		approvedTimeEntriesSince: (instant) =>
			mapPages(reader.pages<HarvestTimeEntry>('/time_entries', 'time_entries', { updated_since: since(instant) }), async (page) => await timeEntriesToCanonical(page.filter((raw) => raw.is_closed))),
		projectsChangedSince: (instant) =>
			mapPages(reader.pages<HarvestProject>('/projects', 'projects', { updated_since: since(instant) }), (page) => page.map((raw) => toCanonicalProject(raw, context))),
	};
}
