import type { ErpConnector, PickerOption } from '../../Erp/connector';
import type { MapContext } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { BcCustomers } from './customers';
import { BcInvoices } from './invoices';
import { toCanonicalProject, type BcProject } from './records';
import { compare, guid, isGuid, text } from './odata';
import { BcPayments } from './payments';
import { BcSession } from './session';
import { DAY_MS } from '../../shared/canonical';

interface Named {
	id: string;
	code?: string;
	number?: string;
	displayName?: string;
	category?: string;
	balancingAccountNumber?: string;
}

function matches(option: PickerOption, filter?: string): boolean {
	return !filter || `${option.name} ${option.value}`.toLowerCase().includes(filter.toLowerCase());
}

/** The canonical ERP operations over the Business Central API v2.0 of one company. */
export function businessCentralErpConnector(client: VendorClient, context: MapContext): ErpConnector {
	const session = new BcSession(client, context);
	const customers = new BcCustomers(session);
	const invoices = new BcInvoices(session);
	const payments = new BcPayments(session, invoices);

	async function options(path: string, toOption: (record: Named) => PickerOption | undefined, filter?: string, odataFilter?: string): Promise<PickerOption[]> {
		const list: PickerOption[] = [];
		for await (const page of session.list<Named>(path, { filter: odataFilter })) {
			for (const record of page) {
				const option = toOption(record);
				if (option && matches(option, filter)) list.push(option);
			}
		}
		return list;
	}

	return {
		customers: {
			get: async (id) => await customers.get(id),
			list: (query) => customers.list(query),
			upsert: async (records, idField) => await customers.upsert(records, idField),
			update: async (changes) => await customers.update(changes),
		},
		projects: {
			async get(id) {
				const project = isGuid(id)
					? await session.getOne<BcProject>(`/projects(${guid(id).value})`)
					: await session.findOne<BcProject>('/projects', compare('number', 'eq', text(id)));
				if (!project) throw new Error(`Business Central has no project with id or number "${id}"`);
				return toCanonicalProject(project, context);
			},
			async *list(query) {
				// projects carry only id, number and displayName in API v2.0 (resources/dynamics_project): no change date to filter on.
				if (query.modifiedSince) throw new Error('Business Central projects have no modification date in API v2.0: remove the Modified Since filter');
				if (query.filters?.clientId) throw new Error('Business Central projects carry no customer in API v2.0: remove the Customer ID filter');
				// No status either: every project reads as active, so "completed" finds none.
				if (query.filters?.status === 'completed') return;
				for await (const page of session.list<BcProject>('/projects', { limit: query.limit })) yield page.map((project) => toCanonicalProject(project, context));
			},
		},
		invoices: {
			get: async (id) => await invoices.get(id),
			list: (query) => invoices.list(query),
			createDrafts: async (list) => await invoices.createDrafts(list),
			findByReference: async (reference) => await invoices.findByReference(reference),
			approve: async (id) => await invoices.approve(id),
			void: async (id) => await invoices.void(id),
			// Business Central API v2.0 has no notes or history on sales invoices: addNote/listNotes are absent.
		},
		payments: {
			get: async (id) => await payments.get(id),
			list: (query) => payments.list(query),
			record: async (payment) => await payments.record(payment),
		},
		invoicesBecameOverdueSince(since) {
			// Due before today and on or after the day before `since`: became overdue since the last poll.
			const dueOnOrAfter = new Date(Date.parse(since) - DAY_MS).toISOString().slice(0, 10);
			return invoices.overdue(dueOnOrAfter);
		},
		paymentsReceivedSince: (since) => payments.receivedSince(since),
		async listAccounts(kind, filter) {
			if (kind === 'bank') {
				// A payment lands in the bank account a customer payment journal balances against.
				return await options('/customerPaymentJournals', (journal) =>
					journal.balancingAccountNumber ? { name: `${journal.displayName || journal.code} (${journal.balancingAccountNumber})`, value: journal.balancingAccountNumber, description: `Journal ${journal.code}` } : undefined,
				filter);
			}
			return await options('/accounts', (account) => ({ name: `${account.number} ${account.displayName ?? ''}`.trim(), value: String(account.number) }), filter, compare('category', 'eq', text('Income')));
		},
		listTaxRates: async (filter) => await options('/taxGroups', (group) => ({ name: group.displayName || String(group.code), value: String(group.code) }), filter),
		listItems: async (filter) => await options('/items', (item) => ({ name: `${item.number} ${item.displayName ?? ''}`.trim(), value: String(item.number) }), filter),
	};
}
