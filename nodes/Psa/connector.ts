import type { PickerOption } from '../shared/node/types';
import type { Assignment, Client, Expense, Project, Resource, Task, TimeEntry } from '../shared/canonical';
import type { RecordApi, WriteResult } from '../shared/operations/recordApi';

/**
 * The canonical PSA operations, as each PSA vendor's connector implements them. Filters are
 * canonical: ids are the PSA's own, dates ISO 8601, flags booleans; a connector applies the ones
 * its vendor cannot filter on after reading.
 */

export type { PickerOption } from '../shared/node/types';

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

export interface PersonFilters {
	/** true: active people only; false: deactivated only. */
	active?: boolean;
	/** Exact e-mail address (any case). */
	email?: string;
}

/**
 * A period of a project's time and expenses that the ERP has invoiced: the PSA records it (an
 * invoice that imports the period, or a billed flag on each entry), so the time is not billed again.
 */
export interface TimeInvoicedRequest {
	projectId: string;
	/** The project's client in the PSA, where the PSA files invoices by client. */
	clientId?: string;
	/** ISO dates, inclusive: the billing period. */
	from: string;
	to: string;
	/** The invoice's reference (the pack's idempotency key, e.g. `PRJ-7-2026-10`): one period is marked once. */
	reference: string;
	/** The ERP's invoice number, when it has one. */
	invoiceNumber?: string;
	currency?: string;
	issueDate?: string;
	dueDate?: string;
	/** A line for people who read the PSA's record of it. */
	subject?: string;
}

export interface TimeInvoicedResult {
	projectId: string;
	reference: string;
	from: string;
	to: string;
	/** false: the period was marked before (by this reference); nothing changed now. */
	marked: boolean;
	/** The PSA's own record of the billing (its invoice id), where it keeps one. */
	psaRecordId?: string;
	/** Time entries and expenses now counted as invoiced, where the PSA says. */
	timeEntryIds: string[];
	expenseIds: string[];
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
	/** Present with the `markTimeInvoiced` capability: marks a period's time and expenses of a project as invoiced, once per reference. */
	markTimeInvoiced?(request: TimeInvoicedRequest): Promise<TimeInvoicedResult>;
	/** Present with the `expenses` capability. */
	expenses: RecordApi<Expense>;
	/** People who book time (the PSA's users or resources), as canonical Resources with their PSA ids. */
	people: Pick<RecordApi<Resource>, 'get' | 'list'>;
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
