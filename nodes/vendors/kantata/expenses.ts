import type { IDataObject } from 'n8n-workflow';
import type { ExpenseFilters } from '../../Psa/connector';
import type { Expense, MapContext } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { workspacesOfClient } from './clients';
import { fromCanonicalExpense, kantataId, toCanonicalExpense, type KantataExpense, type SubmissionStatus } from './records';
import { checkCurrency, included, instant, type KantataReader } from './reader';
import { createMany, recordPath } from './writes';

const EXPENSES = '/expenses.json';
/** An expense's approval is its expense report submission's: included with it. */
const WITH_SUBMISSION = { include: 'recent_submission' };

const submissionOf = (raw: KantataExpense, body: IDataObject): SubmissionStatus | undefined =>
	included<{ status?: string }>(body, 'expense_report_submissions', raw.recent_submission_id)?.status;

/**
 * Expenses (developer.kantata.com/kantata/specification/expenses), in their project's currency. Kantata
 * filters the project; person, dates, billable and invoiced state are filtered after reading.
 */
export function kantataExpenses(client: VendorClient, reader: KantataReader, context: MapContext): RecordApi<Expense> {
	return {
		get: async (id) => {
			const { record, body } = await reader.get<KantataExpense>(recordPath('/expenses', id), WITH_SUBMISSION);
			return toCanonicalExpense(record, context, submissionOf(record, body));
		},
		list: (query) => {
			const filters = (query.filters ?? {}) as ExpenseFilters;
			async function* read(): AsyncIterable<Expense[]> {
				const clientWorkspaces = filters.clientId ? new Set(await workspacesOfClient(reader, filters.clientId)) : undefined;
				if (clientWorkspaces?.size === 0) return;
				const qs = { ...WITH_SUBMISSION, workspace_id: filters.projectId ? kantataId(filters.projectId, 'projectId') : undefined, updated_after: instant(query.modifiedSince) };
				const local = Boolean(clientWorkspaces || filters.resourceId || filters.from || filters.to || filters.billable !== undefined || filters.invoiced !== undefined);
				const pages = reader.pagesWith<KantataExpense, Expense>(EXPENSES, qs, local ? undefined : query.limit, (raw, body) => toCanonicalExpense(raw, context, submissionOf(raw, body)));
				for await (const page of pages) {
					yield page.filter(
						(expense) =>
							(!clientWorkspaces || clientWorkspaces.has(expense.projectId)) &&
							(!filters.resourceId || expense.resourceId === filters.resourceId) &&
							(!filters.from || expense.date >= filters.from) &&
							(!filters.to || expense.date <= filters.to) &&
							(filters.billable === undefined || expense.billable === filters.billable) &&
							(filters.invoiced === undefined || expense.invoiced === filters.invoiced),
					);
				}
			}
			return read();
		},
		create: async (records) =>
			(await createMany<Expense, KantataExpense>(client, records, {
				path: EXPENSES,
				key: 'expenses',
				label: (record) => `Expense of ${record.date} on project ${record.projectId}`,
				body: async (record) => {
					if (!record.category || record.category.trim() === '') throw new Error('category is required: Kantata files every expense under a category');
					const money = await reader.money(kantataId(record.projectId, 'projectId'));
					checkCurrency('amount', record.amount, money);
					return fromCanonicalExpense(record, money.baseUnit);
				},
			})).map((result) => (result instanceof Error ? result : toCanonicalExpense(result, context))),
	};
}
