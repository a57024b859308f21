import type { ExpenseFilters } from '../../Psa/connector';
import type { Expense, MapContext } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { fromCanonicalExpense, harvestId, toCanonicalExpense, type HarvestExpense } from './records';
import { checkCurrency, flag, since, type HarvestReader } from './reader';
import { eachRecord, mapPages, recordPath } from './writes';

/** Expenses (help.getharvest.com/api-v2/expenses-api/expenses/expenses). */
export function harvestExpenses(client: VendorClient, reader: HarvestReader, context: MapContext): RecordApi<Expense> {
	const expenses: RecordApi<Expense> = {
		get: async (id) => toCanonicalExpense(await reader.get<HarvestExpense>(recordPath('/expenses', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as ExpenseFilters;
			const qs = {
				project_id: filters.projectId, client_id: filters.clientId, user_id: filters.resourceId, from: filters.from, to: filters.to,
				is_billed: flag(filters.invoiced), updated_since: since(query.modifiedSince),
			};
			const local = filters.billable !== undefined;
			return mapPages(reader.pages<HarvestExpense>('/expenses', 'expenses', qs, local ? undefined : query.limit), (page) =>
				page.map((raw) => toCanonicalExpense(raw, context)).filter((expense) => filters.billable === undefined || expense.billable === filters.billable),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => `Expense of ${record.date} on project ${record.projectId}`, async (record) => {
				checkCurrency('amount', record.amount, await reader.projectCurrency(String(harvestId(record.projectId, 'projectId'))), "this project's");
				const body = fromCanonicalExpense(record, await reader.expenseCategoryId(record.category));
				return toCanonicalExpense(await client.send<HarvestExpense>({ method: 'POST', url: '/expenses', body }), context);
			}),
	};
	return expenses;
}
