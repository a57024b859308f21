import type { Router, SandboxRequest, SandboxResponse } from '../../core/http';
import { booleanFilter, byId, includes, instantFilter, invalid, isDate, isResponse, listOf, missingParameters, notFound, postedChanges, postedRecords, showOf } from './present';
import { baseUnitOf, centsOf, kantataNow, symbolOf, type KantataStore, type ParticipationRecord, type StoryRecord, type WorkspaceGroupRecord, type WorkspaceRecord } from './store';

/** Registers a route under both of Kantata's spellings: `/workspaces.json` (the reference's) and `/workspaces`. */
export function route(router: Router, method: string, template: string, handler: (request: SandboxRequest, params: Record<string, string>) => SandboxResponse): void {
	router.on(method, `${template}.json`, handler);
	router.on(method, template, handler);
}

const text = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));
const STORY_TYPES = new Set(['task', 'deliverable', 'milestone', 'issue']);

/** Users, workspace groups, workspaces, participations and stories (developer.kantata.com/kantata/specification). */
export function accountRoutes(router: Router, store: KantataStore): void {
	const t = () => store.tables;

	// ---- Users: `on_my_account`, `by_email_address`, `only`; /users/me is the token's user.
	route(router, 'GET', '/api/v1/users/me', () => showOf('users', t().users.get(store.tokenUserId)));
	route(router, 'GET', '/api/v1/users', (request) => {
		const email = request.query.get('by_email_address')?.toLowerCase();
		return listOf(request, 'users', byId(t().users.values()).filter((user) => !email || user.email_address.toLowerCase() === email));
	});
	route(router, 'GET', '/api/v1/users/:id', (_request, params) => showOf('users', t().users.get(params.id)));

	// ---- Workspace groups: a group's workspaces only when included.
	const groupIncluded = (request: SandboxRequest, group: WorkspaceGroupRecord) => {
		if (!includes(request).has('workspaces')) return { group, included: undefined };
		const workspaces = byId(t().workspaces.values()).filter((workspace) => workspace.workspace_group_ids.includes(group.id));
		return { group: { ...group, workspace_ids: workspaces.map((workspace) => workspace.id) }, included: { workspaces } };
	};
	route(router, 'GET', '/api/v1/workspace_groups', (request) => listOf(request, 'workspace_groups', byId(t().workspaceGroups.values())));
	route(router, 'GET', '/api/v1/workspace_groups/:id', (request, params) => {
		const found = t().workspaceGroups.get(params.id);
		if (!found) return notFound();
		const { group, included } = groupIncluded(request, found);
		return showOf('workspace_groups', group, included);
	});
	const groupFields = (input: Record<string, unknown>, current?: WorkspaceGroupRecord): WorkspaceGroupRecord | SandboxResponse => {
		const name = input.name !== undefined ? text(input.name) : (current?.name ?? null);
		if (!name) return invalid('name', "Name can't be blank");
		const pick = (field: keyof WorkspaceGroupRecord) => (input[field] !== undefined ? text(input[field]) : ((current?.[field] as string | null | undefined) ?? null));
		return {
			id: current?.id ?? '', name, company: input.company !== undefined ? input.company === true || input.company === 'true' : (current?.company ?? false),
			contact_name: pick('contact_name'), email: pick('email'), phone_number: pick('phone_number'), address: pick('address'), website: pick('website'), notes: pick('notes'),
		};
	};
	route(router, 'POST', '/api/v1/workspace_groups', (request) => create(request, 'workspace_groups', 'workspace_group', (input) => groupFields(input), (record) => {
		record.id = store.newId('workspaceGroups');
		t().workspaceGroups.set(record.id, record);
	}));
	route(router, 'PUT', '/api/v1/workspace_groups/:id', (request, params) => update(request, 'workspace_groups', 'workspace_group', t().workspaceGroups.get(params.id), (changes, current) => groupFields(changes, current), (record) => t().workspaceGroups.set(record.id, record)));

	// ---- Workspaces: archived ones only with `include_archived`; `updated_after`; participations when included.
	const workspacesIncluded = (request: SandboxRequest) => (page: WorkspaceRecord[]): Record<string, Array<{ id: string }>> => {
		if (!includes(request).has('participations')) return {};
		const participations = byId(t().participations.values()).filter((participation) => page.some((workspace) => workspace.id === participation.workspace_id));
		return { participations };
	};
	const presentWorkspace = (request: SandboxRequest, workspace: WorkspaceRecord) =>
		includes(request).has('participations') ? { ...workspace, participation_ids: byId(t().participations.values()).filter((p) => p.workspace_id === workspace.id).map((p) => p.id) } : workspace;
	route(router, 'GET', '/api/v1/workspaces', (request) => {
		const after = instantFilter(request, 'updated_after');
		if (isResponse(after)) return after;
		const archived = booleanFilter(request, 'include_archived') === true;
		const rows = byId(t().workspaces.values()).filter((workspace) => (archived || !workspace.archived) && (after === undefined || Date.parse(workspace.updated_at) > after));
		const response = listOf(request, 'workspaces', rows, { included: workspacesIncluded(request) });
		const body = response.body as { workspaces?: Record<string, WorkspaceRecord> };
		if (body.workspaces) for (const id of Object.keys(body.workspaces)) body.workspaces[id] = presentWorkspace(request, body.workspaces[id]) as WorkspaceRecord;
		return response;
	});
	route(router, 'GET', '/api/v1/workspaces/:id', (request, params) => {
		const workspace = t().workspaces.get(params.id);
		return workspace ? showOf('workspaces', presentWorkspace(request, workspace), workspacesIncluded(request)([workspace])) : notFound();
	});
	const workspaceFields = (input: Record<string, unknown>, current?: WorkspaceRecord): WorkspaceRecord | SandboxResponse => {
		const title = input.title !== undefined ? text(input.title) : (current?.title ?? null);
		if (!title) return invalid('title', "Title can't be blank");
		if (!current && input.creator_role !== 'maven' && input.creator_role !== 'buyer') return invalid('creator_role', 'Creator role is not included in the list');
		const groups = input.workspace_group_ids !== undefined ? (Array.isArray(input.workspace_group_ids) ? input.workspace_group_ids.map(String) : [String(input.workspace_group_ids)]) : (current?.workspace_group_ids ?? []);
		for (const group of groups) if (!t().workspaceGroups.has(group)) return invalid('workspace_group_ids', `Workspace group ${group} was not found`);
		for (const field of ['start_date', 'due_date'] as const) if (input[field] !== undefined && input[field] !== null && !isDate(input[field])) return invalid(field, `${field} must be a date (YYYY-MM-DD)`);
		const currency = input.currency !== undefined ? String(input.currency).toUpperCase() : (current?.currency ?? 'USD');
		if (!/^[A-Z]{3}$/.test(currency)) return invalid('currency', 'Currency is not a supported currency');
		if (input.price !== undefined && input.price !== null && !/^-?\d+(\.\d+)?$/.test(String(input.price))) return invalid('price', 'Price is not a number');
		const primaryGroup = input.primary_workspace_group_id !== undefined ? text(input.primary_workspace_group_id) : (current?.primary_workspace_group_id ?? groups[0] ?? null);
		const manager = input.primary_maven_id !== undefined ? text(input.primary_maven_id) : (current?.primary_maven_id ?? null);
		if (manager && !t().users.has(manager)) return invalid('primary_maven_id', `User ${manager} was not found`);
		const flag = (field: 'archived' | 'budgeted' | 'stories_are_fixed_fee_by_default', fallback: boolean) => (input[field] !== undefined ? input[field] === true || input[field] === 'true' : fallback);
		return {
			id: current?.id ?? '', title, description: input.description !== undefined ? text(input.description) : (current?.description ?? null), archived: flag('archived', current?.archived ?? false),
			budgeted: flag('budgeted', current?.budgeted ?? false), price_in_cents: input.price !== undefined ? (input.price === null ? null : centsOf(String(input.price), currency)) : (current?.price_in_cents ?? null),
			currency, currency_base_unit: baseUnitOf(currency), currency_symbol: symbolOf(currency),
			start_date: input.start_date !== undefined ? text(input.start_date) : (current?.start_date ?? null), due_date: input.due_date !== undefined ? text(input.due_date) : (current?.due_date ?? null),
			stories_are_fixed_fee_by_default: flag('stories_are_fixed_fee_by_default', current?.stories_are_fixed_fee_by_default ?? false),
			status: current?.status ?? { color: 'grey', key: 200, message: 'Not Started' }, workspace_group_ids: groups, primary_workspace_group_id: primaryGroup, primary_maven_id: manager,
			require_time_approvals: current?.require_time_approvals ?? true, require_expense_approvals: current?.require_expense_approvals ?? true, creator_id: current?.creator_id ?? store.tokenUserId,
			created_at: current?.created_at ?? kantataNow(), updated_at: kantataNow(),
		};
	};
	route(router, 'POST', '/api/v1/workspaces', (request) => create(request, 'workspaces', 'workspace', (input) => workspaceFields(input), (record) => {
		record.id = store.newId('workspaces');
		t().workspaces.set(record.id, record);
		// The creator joins the workspace's provider team.
		store.participate(record.id, store.tokenUserId, true, null, record.created_at);
	}));
	route(router, 'PUT', '/api/v1/workspaces/:id', (request, params) => update(request, 'workspaces', 'workspace', t().workspaces.get(params.id), (changes, current) => workspaceFields(changes, current), (record) => t().workspaces.set(record.id, record)));

	// ---- Participations: `workspace_id`; a user is on a workspace once.
	route(router, 'GET', '/api/v1/participations', (request) => {
		const workspace = request.query.get('workspace_id');
		return listOf(request, 'participations', byId(t().participations.values()).filter((participation) => !workspace || participation.workspace_id === workspace));
	});
	route(router, 'GET', '/api/v1/participations/:id', (_request, params) => showOf('participations', t().participations.get(params.id)));
	route(router, 'POST', '/api/v1/participations', (request) => {
		const pending: Array<{ workspace: string; user: string }> = [];
		return create(request, 'participations', 'participation', (input) => {
			const workspace = text(input.workspace_id);
			const user = text(input.user_id);
			if (!workspace || !t().workspaces.has(workspace)) return invalid('workspace_id', 'Workspace was not found');
			if (!user || !t().users.has(user)) return invalid('user_id', 'User was not found');
			if (input.role !== 'maven' && input.role !== 'buyer') return invalid('role', 'Role is not included in the list');
			const taken = [...t().participations.values()].some((p) => p.workspace_id === workspace && p.user_id === user) || pending.some((p) => p.workspace === workspace && p.user === user);
			if (taken) return invalid('user_id', 'User is already a participant in this workspace');
			pending.push({ workspace, user });
			const now = kantataNow();
			return { id: '', workspace_id: workspace, user_id: user, role: input.role, is_team_lead: false, rate_in_cents: null, access_level: 'financial', created_at: now, updated_at: now } satisfies ParticipationRecord;
		}, (record) => {
			record.id = store.newId('participations');
			t().participations.set(record.id, record);
		});
	});
	route(router, 'PUT', '/api/v1/participations/:id', (request, params) => update(request, 'participations', 'participation', t().participations.get(params.id), (changes, current) => {
		if (changes.rate_in_cents !== undefined && changes.rate_in_cents !== null && !Number.isInteger(Number(changes.rate_in_cents))) return invalid('rate_in_cents', 'Rate in cents must be an integer');
		return {
			...current, is_team_lead: changes.team_lead !== undefined ? changes.team_lead === true || changes.team_lead === 'true' : current.is_team_lead,
			rate_in_cents: changes.rate_in_cents !== undefined ? (changes.rate_in_cents === null ? null : Number(changes.rate_in_cents)) : current.rate_in_cents, updated_at: kantataNow(),
		};
	}, (record) => t().participations.set(record.id, record)));

	// ---- Stories: `workspace_id`, `updated_after`; each of one workspace.
	route(router, 'GET', '/api/v1/stories', (request) => {
		const after = instantFilter(request, 'updated_after');
		if (isResponse(after)) return after;
		const workspace = request.query.get('workspace_id');
		return listOf(request, 'stories', byId(t().stories.values()).filter((story) => (!workspace || story.workspace_id === workspace) && (after === undefined || Date.parse(story.updated_at) > after)));
	});
	route(router, 'GET', '/api/v1/stories/:id', (_request, params) => showOf('stories', t().stories.get(params.id)));
	const storyFields = (input: Record<string, unknown>, current?: StoryRecord): StoryRecord | SandboxResponse => {
		const title = input.title !== undefined ? text(input.title) : (current?.title ?? null);
		if (!title) return invalid('title', "Title can't be blank");
		const workspace = current?.workspace_id ?? text(input.workspace_id);
		if (!workspace || !t().workspaces.has(workspace)) return invalid('workspace_id', 'Workspace was not found');
		const type = input.story_type !== undefined ? String(input.story_type) : (current?.story_type ?? '');
		if (!STORY_TYPES.has(type)) return invalid('story_type', 'Story type is not included in the list');
		if (input.time_estimate_in_minutes !== undefined && input.time_estimate_in_minutes !== null && !Number.isInteger(Number(input.time_estimate_in_minutes))) return invalid('time_estimate_in_minutes', 'Time estimate in minutes must be an integer');
		const flag = (field: 'billable' | 'archived', fallback: boolean) => (input[field] !== undefined ? input[field] === true || input[field] === 'true' : fallback);
		const now = kantataNow();
		return {
			id: current?.id ?? '', title, workspace_id: workspace, story_type: type as StoryRecord['story_type'], billable: flag('billable', current?.billable ?? true), archived: flag('archived', current?.archived ?? false),
			state: current?.state ?? 'not started', time_estimate_in_minutes: input.time_estimate_in_minutes !== undefined ? (input.time_estimate_in_minutes === null ? null : Number(input.time_estimate_in_minutes)) : (current?.time_estimate_in_minutes ?? null),
			start_date: current?.start_date ?? null, due_date: current?.due_date ?? null, description: input.description !== undefined ? text(input.description) : (current?.description ?? null),
			creator_id: current?.creator_id ?? store.tokenUserId, created_at: current?.created_at ?? now, updated_at: now,
		};
	};
	route(router, 'POST', '/api/v1/stories', (request) => create(request, 'stories', 'story', (input) => storyFields(input), (record) => {
		record.id = store.newId('stories');
		t().stories.set(record.id, record);
	}));
	route(router, 'PUT', '/api/v1/stories/:id', (request, params) => update(request, 'stories', 'story', t().stories.get(params.id), (changes, current) => storyFields(changes, current), (record) => t().stories.set(record.id, record)));
}

/**
 * A create of one or several records: every record is checked first and one refusal refuses the
 * lot (nothing is saved), as a transaction would; the answer lists them in the order posted.
 */
export function create<R extends { id: string }>(request: SandboxRequest, plural: string, singular: string, check: (input: Record<string, unknown>) => R | SandboxResponse, save: (record: R) => void): SandboxResponse {
	const inputs = postedRecords(request, plural, singular);
	if (!inputs || inputs.length === 0) return missingParameters();
	const records: R[] = [];
	for (const input of inputs) {
		const checked = check(input);
		if (isResponse(checked)) return checked;
		records.push(checked);
	}
	for (const record of records) save(record);
	return showMany(plural, records);
}

const showMany = (key: string, records: Array<{ id: string }>): SandboxResponse => {
	const response = showOf(key, records[0]);
	const body = response.body as Record<string, unknown>;
	body.count = records.length;
	body.results = records.map((record) => ({ key, id: record.id }));
	body[key] = Object.fromEntries(records.map((record) => [record.id, record]));
	(body.meta as Record<string, number>).count = records.length;
	return response;
};

/** An update of one record by id: 404 when it is not there, the route's checks, then saved. */
export function update<R extends { id: string }>(request: SandboxRequest, plural: string, singular: string, current: R | undefined, check: (changes: Record<string, unknown>, current: R) => R | SandboxResponse, save: (record: R) => void): SandboxResponse {
	if (!current) return notFound();
	const changes = postedChanges(request, singular);
	if (!changes) return missingParameters();
	const checked = check(changes, current);
	if (isResponse(checked)) return checked;
	save(checked);
	return showOf(plural, checked);
}

