import type { IDataObject } from 'n8n-workflow';
import type { AssignmentFilters, PsaConnector } from '../../Psa/connector';
import type { Assignment, MapContext } from '../../shared/canonical';
import type { ListQuery, WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import {
	fromCanonicalParticipation,
	kantataId,
	STORY_ASSIGNMENT,
	toCanonicalParticipation,
	toCanonicalStoryAssignment,
	toCents,
	type KantataParticipation,
	type KantataStory,
	type KantataWorkspace,
} from './records';
import { checkCurrency, included, instant, type KantataReader } from './reader';
import { STORIES } from './tasks';
import { createMany, recordError, recordPath, updateOne } from './writes';

const PARTICIPATIONS = '/participations.json';
/** The provider side of a workspace (`maven`); `buyer` participants are the client's people, not staffing. */
const PROVIDER = 'maven';

/**
 * Assignments: people on a project are its provider participations
 * (developer.kantata.com/kantata/specification/participations), with their rate and team-lead flag;
 * tasks on a project are its stories, whose ids carry the `story:` prefix. Kantata has no task to add
 * to a project from elsewhere (no `taskAssignments`).
 */
export function kantataAssignments(client: VendorClient, reader: KantataReader, context: MapContext): PsaConnector['assignments'] {
	const toParticipation = async (raw: KantataParticipation): Promise<Assignment> => toCanonicalParticipation(raw, (await reader.money(raw.workspace_id)).currency, context);

	async function* people(filters: AssignmentFilters, query: ListQuery): AsyncIterable<Assignment[]> {
		const wanted = (raw: KantataParticipation) => raw.role === PROVIDER && (!filters.resourceId || String(raw.user_id) === filters.resourceId);
		if (filters.projectId) {
			const workspaceId = kantataId(filters.projectId, 'projectId');
			await reader.money(workspaceId);
			for await (const page of reader.pages<KantataParticipation>(PARTICIPATIONS, { workspace_id: workspaceId }, filters.resourceId ? undefined : query.limit)) {
				yield await Promise.all(page.filter(wanted).map(toParticipation));
			}
			return;
		}
		// Across projects: each page of workspaces with their participations included, one request per 200 projects.
		const pages = reader.pagesWith<KantataWorkspace, KantataParticipation[]>('/workspaces.json', { include: 'participations', include_archived: 'true' }, undefined, (workspace, body) => {
			reader.rememberWorkspaces([workspace]);
			return (workspace.participation_ids ?? []).flatMap((id) => included<KantataParticipation>(body, 'participations', id) ?? []);
		});
		for await (const page of pages) yield await Promise.all(page.flat().filter(wanted).map(toParticipation));
	}

	async function* tasks(filters: AssignmentFilters, query: ListQuery): AsyncIterable<Assignment[]> {
		const qs = { workspace_id: filters.projectId ? kantataId(filters.projectId, 'projectId') : undefined, updated_after: instant(query.modifiedSince) };
		for await (const page of reader.pages<KantataStory>(STORIES, qs, filters.active === undefined ? query.limit : undefined)) {
			yield page.filter((story) => filters.active === undefined || !story.archived === filters.active).map((story) => toCanonicalStoryAssignment(story, context));
		}
	}

	/** Rate and lead are update attributes of a participation: set after it is made. */
	const settle = async (created: KantataParticipation, record: Assignment): Promise<KantataParticipation> => {
		const changes: IDataObject = {};
		if (record.billRate) changes.rate_in_cents = toCents(record.billRate, (await reader.money(created.workspace_id)).baseUnit);
		if (record.isProjectManager) changes.team_lead = true;
		return Object.keys(changes).length > 0 ? await updateOne<KantataParticipation>(client, recordPath('/participations', String(created.id)), 'participation', changes) : created;
	};

	return {
		get: async (id) => {
			if (id.startsWith(STORY_ASSIGNMENT)) return toCanonicalStoryAssignment((await reader.get<KantataStory>(recordPath('/stories', id.slice(STORY_ASSIGNMENT.length)))).record, context);
			return await toParticipation((await reader.get<KantataParticipation>(recordPath('/participations', id))).record);
		},
		list: (query) => {
			const filters = (query.filters ?? {}) as AssignmentFilters;
			const include = filters.include ?? 'people';
			async function* read(): AsyncIterable<Assignment[]> {
				// A participation has no archived state: every person on a project is on it.
				if (include !== 'tasks' && filters.active !== false) yield* people(filters, query);
				if (include !== 'people' && !filters.resourceId) yield* tasks(filters, query);
			}
			return read();
		},
		create: async (records) => {
			const made = await createMany<Assignment, KantataParticipation>(client, records, {
				path: PARTICIPATIONS,
				key: 'participations',
				label: (record) => `Person assignment on project ${record.projectId}`,
				body: async (record) => {
					const body = fromCanonicalParticipation(record);
					checkCurrency('billRate', record.billRate, await reader.money(String(body.workspace_id)));
					return body;
				},
				// A person is on a workspace once: a lost create is found among its participations before any retry.
				lookup: async (_inputs, bodies) => {
					const found: KantataParticipation[] = [];
					for (const body of bodies) {
						const match = (await collect(reader.pages<KantataParticipation>(PARTICIPATIONS, { workspace_id: String(body.workspace_id) }))).find((raw) => String(raw.user_id) === String(body.user_id));
						if (!match) return undefined;
						found.push(match);
					}
					return found;
				},
			});
			const results: Array<WriteResult<Assignment>> = [];
			for (const [index, result] of made.entries()) {
				if (result instanceof Error) {
					results.push(result);
					continue;
				}
				try {
					results.push(await toParticipation(await settle(result, records[index])));
				} catch (error) {
					results.push(recordError(`Person assignment ${result.id} on project ${records[index].projectId} (made, but its rate or lead not set)`, error));
				}
			}
			return results;
		},
		createTaskAssignments: async (records) =>
			records.map((record) => recordError(`Task assignment on project ${record.projectId}`, new Error('Kantata has no task to add to a project from elsewhere: a task (story) is created inside its project, with its projectId'))),
	};
}
