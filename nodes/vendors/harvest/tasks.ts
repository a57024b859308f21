import { NodeOperationError } from 'n8n-workflow';
import type { TaskFilters } from '../../Psa/connector';
import type { MapContext, Task } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { fromCanonicalTask, fromCanonicalTaskAssignment, harvestId, toCanonicalProjectTask, toCanonicalTask, type HarvestTask, type HarvestTaskAssignment } from './records';
import { checkCurrency, flag, since, type HarvestReader } from './reader';
import { eachRecord, mapPages, named, recordPath } from './writes';

/** Tasks: account-wide, or as assigned to one project (task assignments). */
export function harvestTasks(client: VendorClient, reader: HarvestReader, context: MapContext): RecordApi<Task> {
	const tasks: RecordApi<Task> = {
		get: async (id) => toCanonicalTask(await reader.get<HarvestTask>(recordPath('/tasks', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as TaskFilters;
			const qs = { is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
			if (filters.projectId) {
				const projectId = String(harvestId(filters.projectId, 'projectId'));
				return mapPages(reader.pages<HarvestTaskAssignment>(`/projects/${projectId}/task_assignments`, 'task_assignments', qs, query.limit), async (page) => {
					const currency = await reader.projectCurrency(projectId);
					return page.map((raw) => toCanonicalProjectTask(raw, currency, context));
				});
			}
			return mapPages(reader.pages<HarvestTask>('/tasks', 'tasks', qs, query.limit), (page) => page.map((raw) => toCanonicalTask(raw, context)));
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Task', record.name), async (record) => {
				const created = await client.send<HarvestTask>({ method: 'POST', url: '/tasks', body: fromCanonicalTask(record) });
				if (!record.projectId) return toCanonicalTask(created, context);
				// A task given a project is also assigned to it, billable and rated as the record says.
				const projectId = String(harvestId(record.projectId, 'projectId'));
				try {
					checkCurrency('hourlyRate', record.hourlyRate, await reader.projectCurrency(projectId), "this project's");
					const assignment = await client.send<HarvestTaskAssignment>({
						method: 'POST',
						url: `/projects/${projectId}/task_assignments`,
						body: fromCanonicalTaskAssignment({ schemaVersion: 1, kind: 'allocation', projectId, taskId: String(created.id), billRate: record.hourlyRate, billable: record.billable, isProjectManager: false, externalRefs: {} }),
					});
					return toCanonicalProjectTask(assignment, await reader.projectCurrency(projectId), context);
				} catch (error) {
					throw new NodeOperationError(client.node, `created as Harvest task ${created.id} but not added to project ${projectId}: ${(error as Error).message}`);
				}
			}),
	};
	return tasks;
}
