import type { IDataObject } from 'n8n-workflow';
import type { ProjectFilters } from '../../Psa/connector';
import type { MapContext, Project } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { fromCanonicalProject, harvestId, toCanonicalProject, type HarvestProject } from './records';
import { checkCurrency, flag, since, type HarvestReader } from './reader';
import { eachRecord, mapPages, named, recordPath } from './writes';

/** Projects (help.getharvest.com/api-v2/projects-api/projects/projects): amounts in the client's currency. */
export function harvestProjects(client: VendorClient, reader: HarvestReader, context: MapContext): RecordApi<Project> {
	const projectBody = async (project: Partial<Project>, creating: boolean, current?: HarvestProject): Promise<IDataObject> => {
		const clientId = project.clientId ?? (current ? String(current.client.id) : undefined);
		if (creating && !clientId) throw new Error('clientId is required: every Harvest project belongs to a client');
		const currency = project.clientId || !current ? await reader.clientCurrency(clientId) : current.client.currency ?? context.defaultCurrency;
		for (const field of ['hourlyRate', 'budgetAmount', 'fixedFee'] as const) checkCurrency(field, project[field], currency, "this client's");
		return fromCanonicalProject(project, { creating, currentNotes: current?.notes });
	};
	const projects: RecordApi<Project> = {
		get: async (id) => toCanonicalProject(await reader.project(String(harvestId(id, 'projectId'))), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as ProjectFilters;
			const qs = { client_id: filters.clientId, is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
			return mapPages(reader.pages<HarvestProject>('/projects', 'projects', qs, query.limit), (page) => page.map((raw) => toCanonicalProject(raw, context)));
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Project', record.name), async (record) => {
				const body = await projectBody(record, true);
				const startedAt = new Date(Date.now() - 60_000).toISOString();
				const created = await client.send<HarvestProject>({
					method: 'POST',
					url: '/projects',
					body,
					// Project names are unique per client: a lost answer is found again before any retry.
					retrySafety: {
						lookup: async () =>
							(await collect(reader.pages<HarvestProject>('/projects', 'projects', { client_id: String(body.client_id), updated_since: since(startedAt) }))).find((found) => found.name === record.name),
					},
				});
				return toCanonicalProject(created, context);
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Project ${change.id}`, async (change) => {
				const current = await reader.project(String(harvestId(change.id, 'projectId')));
				const body = await projectBody(change.record, false, current);
				return toCanonicalProject(await client.send<HarvestProject>({ method: 'PATCH', url: recordPath('/projects', change.id), body, retrySafety: 'idempotent' }), context);
			}),
	};
	return projects;
}
