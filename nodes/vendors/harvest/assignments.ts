import type { AssignmentFilters, PsaConnector } from '../../Psa/connector';
import type { Assignment, MapContext } from '../../shared/canonical';
import type { ListQuery } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { fromCanonicalTaskAssignment, fromCanonicalUserAssignment, harvestId, toCanonicalTaskAssignment, toCanonicalUserAssignment, type HarvestTaskAssignment, type HarvestUserAssignment } from './records';
import { checkCurrency, flag, since, type HarvestReader } from './reader';
import { eachRecord } from './writes';

/** Assignments: people (user assignments) and tasks (task assignments) on projects. */
export function harvestAssignments(client: VendorClient, reader: HarvestReader, context: MapContext): PsaConnector['assignments'] {
	const listAssignments = (query: ListQuery): AsyncIterable<Assignment[]> => {
		const filters = (query.filters ?? {}) as AssignmentFilters;
		const include = filters.include ?? 'people';
		const projectId = filters.projectId ? String(harvestId(filters.projectId, 'projectId')) : undefined;
		const base = projectId ? `/projects/${projectId}` : '';
		const qs = { is_active: flag(filters.active), updated_since: since(query.modifiedSince) };
		async function* read(): AsyncIterable<Assignment[]> {
			if (!projectId) await reader.preloadProjectCurrencies();
			if (include !== 'tasks') {
				const people = reader.pages<HarvestUserAssignment>(`${base}/user_assignments`, 'user_assignments', { ...qs, user_id: filters.resourceId }, query.limit);
				for await (const page of people) {
					const mapped: Assignment[] = [];
					for (const raw of page) mapped.push(toCanonicalUserAssignment(raw, await reader.projectCurrency(raw.project.id), context));
					yield mapped;
				}
			}
			if (include !== 'people') {
				for await (const page of reader.pages<HarvestTaskAssignment>(`${base}/task_assignments`, 'task_assignments', qs, query.limit)) {
					const mapped: Assignment[] = [];
					for (const raw of page) mapped.push(toCanonicalTaskAssignment(raw, await reader.projectCurrency(raw.project.id), context));
					yield mapped;
				}
			}
		}
		return read();
	};
	const assignmentWriter = (kind: 'user' | 'task') => async (records: Assignment[]) =>
		await eachRecord(records, (record) => `${kind === 'user' ? 'Person' : 'Task'} assignment on project ${record.projectId}`, async (record) => {
			const projectId = String(harvestId(record.projectId, 'projectId'));
			const currency = await reader.projectCurrency(projectId);
			checkCurrency('billRate', record.billRate, currency, "this project's");
			const body = kind === 'user' ? fromCanonicalUserAssignment(record) : fromCanonicalTaskAssignment(record);
			const created = await client.send<HarvestUserAssignment & HarvestTaskAssignment>({
				method: 'POST',
				url: `/projects/${projectId}/${kind}_assignments`,
				body,
				// A person or task is on a project at most once: a lost answer is found on the project before any retry.
				retrySafety: {
					lookup: async () =>
						(await collect(reader.pages<HarvestUserAssignment & HarvestTaskAssignment>(`/projects/${projectId}/${kind}_assignments`, `${kind}_assignments`))).find((found) =>
							kind === 'user' ? String(found.user?.id) === String(body.user_id) : String(found.task?.id) === String(body.task_id),
						),
				},
			});
			return kind === 'user' ? toCanonicalUserAssignment(created, currency, context) : toCanonicalTaskAssignment(created, currency, context);
		});
	const assignments: PsaConnector['assignments'] = {
		get: async () => {
			throw new Error('Harvest reads one assignment only through its project: list the assignments with the project filter instead');
		},
		list: listAssignments,
		create: assignmentWriter('user'),
		createTaskAssignments: assignmentWriter('task'),
	};
	return assignments;
}
