import type { Assignment, Client, Expense, Project, Task, TimeEntry } from '../shared/canonical';
import type { RecordApi, WriteResult } from '../shared/operations/recordApi';

/**
 * The canonical PSA operations, as each PSA vendor's connector implements them (Harvest now,
 * Kantata next). Filters are canonical: ids are the PSA's own, dates ISO 8601, flags booleans;
 * a connector applies the ones its vendor cannot filter on after reading.
 */

export interface PickerOption {
	name: string;
	value: string;
	description?: string;
}

export interface ProjectFilters {
	clientId?: string;
	/** true: active projects only; false: archived or completed only. */
	active?: boolean;
}

export interface TaskFilters {
	/** The tasks assigned to this project, with the project's billable flag and rate. */
	projectId?: string;
	active?: boolean;
}

export interface AssignmentFilters {
	projectId?: string;
	resourceId?: string;
	/** People on projects (`people`), tasks on projects (`tasks`), or both. Default `people`. */
	include?: 'people' | 'tasks' | 'both';
	active?: boolean;
}

export interface TimeEntryFilters {
	projectId?: string;
	clientId?: string;
	resourceId?: string;
	taskId?: string;
	/** ISO dates, inclusive: the day the time was spent. */
	from?: string;
	to?: string;
	billable?: boolean;
	/** true: approved only; false: not yet approved. */
	approved?: boolean;
	/** true: billed on an invoice; false: not yet billed. */
	invoiced?: boolean;
}

export interface ExpenseFilters {
	projectId?: string;
	clientId?: string;
	resourceId?: string;
	from?: string;
	to?: string;
	billable?: boolean;
	invoiced?: boolean;
}

/** The canonical PSA operations; every method speaks canonical records. */
export interface PsaConnector {
	clients: RecordApi<Client>;
	projects: RecordApi<Project>;
	tasks: RecordApi<Task>;
	/** People (and tasks) on projects: list, and create for one project. */
	assignments: RecordApi<Assignment> & {
		/** Adds tasks to projects (`taskId`, `projectId`, optional `billRate`, `billable`). */
		createTaskAssignments(records: Assignment[]): Promise<Array<WriteResult<Assignment>>>;
	};
	timeEntries: RecordApi<TimeEntry>;
	expenses: RecordApi<Expense>;
	/** Pickers for the node's list-search fields. */
	listClients(filter?: string): Promise<PickerOption[]>;
	listProjects(filter?: string): Promise<PickerOption[]>;
	listResources(filter?: string): Promise<PickerOption[]>;
	listTasks(projectId?: string, filter?: string): Promise<PickerOption[]>;
	/** Polling: time entries that are approved and changed at or after `since`. */
	approvedTimeEntriesSince(since: string): AsyncIterable<TimeEntry[]>;
	/** Polling: projects created or changed at or after `since`. */
	projectsChangedSince(since: string): AsyncIterable<Project[]>;
}
