import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';
import type {
	ExpenseRecord,
	HarvestClientRecord,
	HarvestProjectRecord,
	HarvestTables,
	HarvestTaskRecord,
	HarvestUserRecord,
	TaskAssignmentRecord,
	TimeEntryRecord,
	UserAssignmentRecord,
} from './store';

/** help.getharvest.com/api-v2/introduction/overview/pagination: per_page defaults to and is capped at 2000. */
export const MAX_PER_PAGE = 2000;

/** Harvest answers validation failures with 422 and a `message` body. */
export const unprocessable = (message: string): SandboxResponse => json(422, { message });
export const notFound = (): SandboxResponse => json(404, { status: 404, error: 'Not Found' });

const userName = (user: HarvestUserRecord | undefined) => (user ? `${user.first_name} ${user.last_name}` : '');

export function clientJson(client: HarvestClientRecord) {
	return { ...client };
}

export function projectJson(t: HarvestTables, project: HarvestProjectRecord) {
	const { client_id: clientId, ...rest } = project;
	const client = t.clients.get(clientId);
	return { ...rest, client: { id: clientId, name: client?.name ?? '', currency: client?.currency ?? null } };
}

export function taskJson(task: HarvestTaskRecord) {
	return { ...task };
}

export function userJson(user: HarvestUserRecord) {
	return { ...user, avatar_url: `https://cache.harvestapp.com/assets/profile_images/${user.id}.png` };
}

const projectRef = (t: HarvestTables, id: number) => {
	const project = t.projects.get(id);
	return { id, name: project?.name ?? '', code: project?.code ?? null };
};

export function userAssignmentJson(t: HarvestTables, assignment: UserAssignmentRecord) {
	const { project_id: projectId, user_id: userId, ...rest } = assignment;
	return { ...rest, project: projectRef(t, projectId), user: { id: userId, name: userName(t.users.get(userId)) } };
}

export function taskAssignmentJson(t: HarvestTables, assignment: TaskAssignmentRecord) {
	const { project_id: projectId, task_id: taskId, ...rest } = assignment;
	return { ...rest, project: projectRef(t, projectId), task: { id: taskId, name: t.tasks.get(taskId)?.name ?? '' } };
}

const embeddedAssignment = <T extends { project_id: number }>(record: T | undefined) => {
	if (!record) return null;
	// Embedded assignments carry no project, user or task reference.
	const rest: Record<string, unknown> = { ...record };
	for (const key of ['project_id', 'user_id', 'task_id']) delete rest[key];
	return rest;
};

/**
 * A time entry. `user_assignment`, `task_assignment` and `invoice` come only with a single entry:
 * help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries says the list leaves them out.
 */
export function timeEntryJson(t: HarvestTables, entry: TimeEntryRecord, detail: boolean) {
	const project = t.projects.get(entry.project_id);
	const client = project ? t.clients.get(project.client_id) : undefined;
	const { user_id: userId, project_id: projectId, task_id: taskId, invoice, ...rest } = entry;
	const answer: Record<string, unknown> = {
		...rest,
		user: { id: userId, name: userName(t.users.get(userId)) },
		client: { id: client?.id ?? null, name: client?.name ?? '' },
		project: { id: projectId, name: project?.name ?? '' },
		task: { id: taskId, name: t.tasks.get(taskId)?.name ?? '' },
		hours_without_timer: entry.hours,
		rounded_hours: entry.hours,
		started_time: null,
		ended_time: null,
		external_reference: null,
	};
	if (detail) {
		answer.user_assignment = embeddedAssignment([...t.userAssignments.values()].find((a) => a.project_id === projectId && a.user_id === userId));
		answer.task_assignment = embeddedAssignment([...t.taskAssignments.values()].find((a) => a.project_id === projectId && a.task_id === taskId));
		answer.invoice = invoice;
	}
	return answer;
}

export function expenseJson(t: HarvestTables, expense: ExpenseRecord) {
	const project = t.projects.get(expense.project_id);
	const client = project ? t.clients.get(project.client_id) : undefined;
	const category = t.expenseCategories.get(expense.expense_category_id);
	const { project_id: projectId, user_id: userId, expense_category_id: categoryId, ...rest } = expense;
	return {
		...rest,
		receipt: null,
		user: { id: userId, name: userName(t.users.get(userId)) },
		user_assignment: embeddedAssignment([...t.userAssignments.values()].find((a) => a.project_id === projectId && a.user_id === userId)),
		project: projectRef(t, projectId),
		expense_category: { id: categoryId, name: category?.name ?? '', unit_price: category?.unit_price ?? null, unit_name: category?.unit_name ?? null },
		client: { id: client?.id ?? null, name: client?.name ?? '', currency: client?.currency ?? null },
	};
}

const encodeCursor = (afterId: number) => Buffer.from(JSON.stringify({ after: { id: afterId } })).toString('base64').replace(/=+$/, '');
function decodeCursor(cursor: string): number | undefined {
	try {
		const value = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { after?: { id?: unknown } };
		return typeof value.after?.id === 'number' ? value.after.id : undefined;
	} catch {
		return undefined;
	}
}

/**
 * One page of a list, with Harvest's pagination block. `cursor` endpoints (clients, projects,
 * users, assignments) hand out `cursor=` next links and null page numbers after the first page;
 * `page` endpoints (time entries, expenses, tasks, categories) number their pages.
 */
export function listAnswer<T extends { id: number }>(
	request: SandboxRequest,
	key: string,
	records: T[],
	render: (record: T) => unknown,
	mode: 'cursor' | 'page',
): SandboxResponse {
	const perPageText = request.query.get('per_page');
	const perPage = perPageText === null ? MAX_PER_PAGE : Number(perPageText);
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
		return unprocessable(`per_page must be between 1 and ${MAX_PER_PAGE}`);
	}
	const cursor = mode === 'cursor' ? request.query.get('cursor') : null;
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	let start: number;
	let page: number | null;
	if (cursor) {
		const afterId = decodeCursor(cursor);
		if (afterId === undefined) return unprocessable('cursor is invalid');
		const position = records.findIndex((record) => record.id === afterId);
		start = position === -1 ? records.length : position + 1;
		page = null;
	} else {
		page = Number(request.query.get('page') ?? 1);
		if (!Number.isInteger(page) || page < 1) return unprocessable('page must be a positive integer');
		start = (page - 1) * perPage;
	}
	const slice = records.slice(start, start + perPage);
	const more = start + perPage < records.length;
	const link = (extra: Record<string, string>) => {
		const query = new URLSearchParams(request.query);
		for (const name of ['page', 'cursor', 'ref']) query.delete(name);
		query.set('per_page', String(perPage));
		for (const [name, value] of Object.entries(extra)) query.set(name, value);
		return `${request.vendorBaseUrl}${request.path}?${query.toString()}`;
	};
	let next: string | null = null;
	if (more) next = mode === 'cursor' ? link({ cursor: encodeCursor(slice[slice.length - 1].id), ref: 'next_cursor' }) : link({ page: String((page ?? 1) + 1) });
	const onLastPage = !more && page === null;
	return json(200, {
		[key]: slice.map(render),
		per_page: perPage,
		total_pages: totalPages,
		total_entries: records.length,
		next_page: page !== null && more ? page + 1 : null,
		previous_page: page !== null && page > 1 ? page - 1 : null,
		page: onLastPage ? totalPages : page,
		links: {
			first: link({ page: '1', ref: 'first' }),
			next,
			previous: page !== null && page > 1 ? link({ page: String(page - 1), ref: 'previous' }) : null,
			last: link({ page: String(totalPages), ref: 'last' }),
		},
	});
}
