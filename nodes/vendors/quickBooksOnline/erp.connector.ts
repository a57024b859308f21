import type { ErpConnector, PickerOption } from '../../Erp/connector';
import type { MapContext } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { QboCustomers } from './customers';
import { QboInvoices } from './invoices';
import { QboPayments } from './payments';
import { clause, type QboClause } from './query';
import type { QboAccount, QboItem, QboTaxCode } from './records';
import { QboSession } from './session';

function matches(option: PickerOption, filter?: string): boolean {
	return !filter || `${option.name} ${option.value}`.toLowerCase().includes(filter.toLowerCase());
}

/**
 * The canonical ERP operations over the QuickBooks Online Accounting API of one company. No
 * `approve` cycle and no invoice notes (capabilities `invoiceApproval` and `invoiceNotes` absent):
 * an invoice is final when created, and QuickBooks keeps no note history on it.
 */
export function quickBooksOnlineErpConnector(client: VendorClient, context: MapContext): ErpConnector {
	const session = new QboSession(client, context);
	const customers = new QboCustomers(session);
	const invoices = new QboInvoices(session);
	const payments = new QboPayments(session, invoices);

	async function options<T>(entity: string, where: QboClause[], toOption: (record: T) => PickerOption, filter?: string): Promise<PickerOption[]> {
		return (await session.all<T>(entity, where, 'Id')).map(toOption).filter((option) => matches(option, filter));
	}

	return {
		customers: {
			get: async (id) => await customers.get(id),
			list: (query) => customers.list(query),
			upsert: async (records, idField) => await customers.upsert(records, idField),
		},
		invoices: {
			get: async (id) => await invoices.get(id),
			list: (query) => invoices.list(query),
			createDrafts: async (list) => await invoices.createDrafts(list),
			findByReference: async (reference) => await invoices.findByReference(reference),
			approve: async (id) => await invoices.approve(id),
			void: async (id) => await invoices.void(id),
			// QuickBooks Online keeps no notes or history on an invoice: addNote/listNotes are absent.
		},
		payments: {
			get: async (id) => await payments.get(id),
			list: (query) => payments.list(query),
			record: async (payment) => await payments.record(payment),
		},
		invoicesBecameOverdueSince: (since) => invoices.becameOverdueSince(since),
		paymentsReceivedSince: (since) => payments.receivedSince(since),
		async listAccounts(kind, filter) {
			// Invoice lines post to Income accounts (through their item); payments are deposited to Bank accounts.
			const type = kind === 'bank' ? 'Bank' : 'Income';
			return await options<QboAccount>('Account', [clause('AccountType', '=', type)], (account) => ({ name: account.AcctNum ? `${account.AcctNum} ${account.Name ?? ''}`.trim() : String(account.Name ?? account.Id), value: account.Id, description: account.AccountType }), filter);
		},
		listTaxRates: async (filter) => await options<QboTaxCode>('TaxCode', [], (code) => ({ name: String(code.Name ?? code.Id), value: code.Id, description: code.Description }), filter),
		listItems: async (filter) => await options<QboItem>('Item', [clause('Type', '=', 'Service')], (item) => ({ name: String(item.Name ?? item.Id), value: item.Id, description: item.Description }), filter),
	};
}
