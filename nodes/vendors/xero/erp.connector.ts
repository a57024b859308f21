import type { IDataObject } from 'n8n-workflow';
import type { ErpConnector, ErpPaymentApi, PaymentFilters, PickerOption } from '../../Erp/connector';
import type { Client, MapContext, Payment, Project } from '../../shared/canonical';
import type { ListQuery, RecordApi, WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { money } from '../../shared/canonical';
import { XeroInvoices } from './invoices';
import {
	fromCanonicalClient,
	fromCanonicalPayment,
	toCanonicalClient,
	toCanonicalPayment,
	toCanonicalProject,
	xeroWhereDate,
	xeroWhereString,
	type XeroContact,
	type XeroPayment,
	type XeroProject,
} from './records';
import { xeroProjectsBaseUrl } from './transport';
import { chunk, elementError, idempotencyKey, orWhereGroups, recordError, XERO_WRITE_BATCH, xeroPages } from './reads';

// Fields a contact can be keyed on by the firm's own id: ContactNumber is writable only through the API
// and meant for ids of external systems (developer.xero.com/documentation/api/accounting/contacts).
const CONTACT_KEY_FIELDS = ['ContactNumber', 'AccountNumber'] as const;
// Xero Projects pages hold at most 500 projects (Projects API, GET /Projects pageSize).
const PROJECTS_MAX_PAGE_SIZE = 500;

function customersApi(client: VendorClient, context: MapContext): RecordApi<Client> & Required<Pick<RecordApi<Client>, 'upsert'>> {
	const canonical = (contact: XeroContact): Client => toCanonicalClient(contact, context);

	const byKeys = async (field: string, keys: string[]): Promise<Map<string, XeroContact>> => {
		const found = new Map<string, XeroContact>();
		for (const anyKey of orWhereGroups(keys, (key) => `${field}==${xeroWhereString(key)}`)) {
			for await (const page of xeroPages<XeroContact>(client, { url: '/Contacts', itemsKey: 'Contacts', where: [anyKey], qs: { includeArchived: true } })) {
				for (const contact of page) {
					const key = contact[field as 'ContactNumber' | 'AccountNumber'];
					if (key && !found.has(key)) found.set(key, contact);
				}
			}
		}
		return found;
	};

	return {
		async get(id) {
			const body = await client.send<{ Contacts: XeroContact[] }>({ method: 'GET', url: `/Contacts/${encodeURIComponent(id)}` });
			return canonical(body.Contacts[0]);
		},
		async *list(query: ListQuery) {
			for await (const page of xeroPages<XeroContact>(client, { url: '/Contacts', itemsKey: 'Contacts', modifiedSince: query.modifiedSince, limit: query.limit, qs: { order: 'UpdatedDateUTC ASC' } })) {
				yield page.map(canonical);
			}
		},
		/**
		 * Create or update by the firm's key in ContactNumber (or AccountNumber). Existing contacts are
		 * found first and updated by ContactID (POST); new ones are created with PUT, which refuses a
		 * name another contact has, where POST would quietly update that other contact.
		 */
		async upsert(records, idField): Promise<Array<WriteResult<Client>>> {
			const field = idField ?? 'ContactNumber';
			if (!(CONTACT_KEY_FIELDS as readonly string[]).includes(field)) {
				return records.map((entry) => recordError(client, { record: `Customer "${entry.externalId}"`, field: 'externalIdField', message: `must be ContactNumber or AccountNumber, not "${field}"` }));
			}
			const existing = await byKeys(field, records.map((entry) => entry.externalId));
			const results = new Array<WriteResult<Client>>(records.length);
			const indexes = records.map((_entry, index) => index);
			const updates = indexes.filter((index) => existing.has(records[index].externalId));
			const creates = indexes.filter((index) => !existing.has(records[index].externalId));
			const write = async (method: 'POST' | 'PUT', group: number[]) => {
				const contacts = group.map((index) => {
					const { externalId, record } = records[index];
					const current = existing.get(externalId);
					return { ...fromCanonicalClient(record), [field]: externalId, ...(current ? { ContactID: current.ContactID } : {}) };
				});
				const body = { Contacts: contacts as IDataObject[] };
				const keys = group.map((index) => records[index].externalId);
				try {
					const answer = await client.send<{ Contacts: XeroContact[] }>({
						method,
						url: '/Contacts',
						qs: { summarizeErrors: false },
						body,
						headers: { 'Idempotency-Key': idempotencyKey(`contacts-${method}`, body) },
						// An update by ContactID can be re-sent; a create is looked up by its key before a retry.
						retrySafety:
							method === 'POST'
								? 'idempotent'
								: {
										lookup: async () => {
											const made = await byKeys(field, keys);
											return keys.every((key) => made.has(key)) ? { Contacts: keys.map((key) => made.get(key)) } : undefined;
										},
									},
					});
					group.forEach((index, position) => {
						const element = answer.Contacts[position];
						results[index] = elementError(client, `Customer "${records[index].externalId}"`, element, 'client') ?? canonical(element);
					});
				} catch (error) {
					for (const index of group) results[index] = error as Error;
				}
			};
			for (const group of chunk(updates, XERO_WRITE_BATCH)) await write('POST', group);
			for (const group of chunk(creates, XERO_WRITE_BATCH)) await write('PUT', group);
			return results;
		},
	};
}

function paymentsApi(client: VendorClient, context: MapContext): ErpPaymentApi {
	const canonical = (payment: XeroPayment): Payment => toCanonicalPayment(payment, context);
	const where = (filters: PaymentFilters): string[] => [
		'PaymentType=="ACCRECPAYMENT"',
		'Status=="AUTHORISED"',
		...(filters.invoiceId ? [`Invoice.InvoiceID==Guid(${xeroWhereString(filters.invoiceId)})`] : []),
		...(filters.fromDate ? [`Date>=${xeroWhereDate(filters.fromDate)}`] : []),
		...(filters.toDate ? [`Date<=${xeroWhereDate(filters.toDate)}`] : []),
	];
	const list = (query: ListQuery & { filters?: PaymentFilters }) =>
		xeroPages<XeroPayment>(client, { url: '/Payments', itemsKey: 'Payments', where: where(query.filters ?? {}), modifiedSince: query.modifiedSince, limit: query.limit, qs: { order: 'UpdatedDateUTC ASC' } });

	return {
		async get(id) {
			const body = await client.send<{ Payments: XeroPayment[] }>({ method: 'GET', url: `/Payments/${encodeURIComponent(id)}` });
			return canonical(body.Payments[0]);
		},
		async *list(query) {
			for await (const page of list(query)) yield page.map(canonical);
		},
		async record({ payment, account }) {
			const label = `Payment on invoice ${payment.invoiceId}`;
			if (!account) throw recordError(client, { record: label, field: 'account', message: 'is required: the code or AccountID of the bank account the money was received into' });
			const invoice = await client.send<{ Invoices: Array<{ CurrencyCode?: string; InvoiceNumber?: string }> }>({ method: 'GET', url: `/Invoices/${encodeURIComponent(payment.invoiceId)}` });
			const currency = invoice.Invoices[0]?.CurrencyCode;
			if (currency && currency !== payment.amount.currency) {
				throw recordError(client, { record: label, field: 'amount', message: `is in ${payment.amount.currency}; invoice ${invoice.Invoices[0].InvoiceNumber ?? payment.invoiceId} is in ${currency}` });
			}
			const body = { Payments: [fromCanonicalPayment(payment, account)] as unknown as IDataObject[] };
			const answer = await client.send<{ Payments: XeroPayment[] }>({
				method: 'PUT',
				url: '/Payments',
				// Per-element answers, so a refusal comes back with the payment it is about.
				qs: { summarizeErrors: false },
				body,
				headers: { 'Idempotency-Key': idempotencyKey('payment', body) },
				// PUT creates a payment: before a retry, look for the one the lost attempt may have recorded.
				retrySafety: {
					lookup: async () => {
						for await (const page of list({ filters: { invoiceId: payment.invoiceId, fromDate: payment.date, toDate: payment.date } })) {
							const match = page.find((candidate) => money(candidate.Amount ?? 0, payment.amount.currency).amountMinor === payment.amount.amountMinor && (candidate.Reference ?? '') === (payment.reference ?? ''));
							if (match) return { Payments: [match] };
						}
						return undefined;
					},
				},
			});
			const element = answer.Payments[0];
			const error = elementError(client, label, element, 'payment');
			if (error) throw error;
			return canonical(element);
		},
	};
}

function projectsApi(client: VendorClient, context: MapContext): Pick<RecordApi<Project>, 'get' | 'list'> {
	const base = xeroProjectsBaseUrl(client.credentials);
	return {
		async get(id) {
			return toCanonicalProject(await client.send<XeroProject>({ method: 'GET', url: `${base}/Projects/${encodeURIComponent(id)}` }), context);
		},
		async *list(query) {
			const filters = (query.filters ?? {}) as { clientId?: string; status?: string };
			const qs = { ...(filters.clientId ? { contactID: filters.clientId } : {}), ...(filters.status === 'completed' ? { states: 'CLOSED' } : filters.status === 'active' ? { states: 'INPROGRESS' } : {}) };
			for await (const page of xeroPages<XeroProject>(client, { url: `${base}/Projects`, itemsKey: 'items', qs, limit: query.limit, maxPageSize: PROJECTS_MAX_PAGE_SIZE })) {
				yield page.map((project) => toCanonicalProject(project, context));
			}
		},
	};
}

function matches(option: PickerOption, filter?: string): boolean {
	return !filter || `${option.name} ${option.value}`.toLowerCase().includes(filter.toLowerCase());
}

export function xeroErpConnector(client: VendorClient, context: MapContext): ErpConnector {
	const invoices = new XeroInvoices(client, context);
	const payments = paymentsApi(client, context);
	return {
		customers: customersApi(client, context),
		projects: projectsApi(client, context),
		invoices,
		payments,
		invoicesBecameOverdueSince: (since) => invoices.becameOverdueSince(since),
		async *paymentsReceivedSince(since) {
			for await (const page of payments.list({ modifiedSince: since })) yield page;
		},
		async listAccounts(kind, filter) {
			// Invoice lines post to revenue accounts by code; payments go to bank accounts or accounts enabled for payments.
			const where = kind === 'bank' ? 'Status=="ACTIVE" AND (Type=="BANK" OR EnablePaymentsToAccount==true)' : 'Status=="ACTIVE" AND Class=="REVENUE"';
			const body = await client.send<{ Accounts: Array<{ AccountID: string; Code?: string; Name: string; Type: string }> }>({ method: 'GET', url: '/Accounts', qs: { where, order: 'Code ASC' } });
			return body.Accounts.map((account) => ({ name: account.Code ? `${account.Code} - ${account.Name}` : account.Name, value: account.Code || account.AccountID, description: account.Type })).filter((option) => matches(option, filter));
		},
		async listTaxRates(filter) {
			const body = await client.send<{ TaxRates: Array<{ Name: string; TaxType: string; EffectiveRate?: number; CanApplyToRevenue?: boolean }> }>({ method: 'GET', url: '/TaxRates', qs: { where: 'Status=="ACTIVE"' } });
			return body.TaxRates.filter((rate) => rate.CanApplyToRevenue !== false)
				.map((rate) => ({ name: `${rate.Name} (${rate.EffectiveRate ?? 0}%)`, value: rate.TaxType }))
				.filter((option) => matches(option, filter));
		},
		async listItems(filter) {
			const body = await client.send<{ Items: Array<{ Code: string; Name?: string; IsSold?: boolean }> }>({ method: 'GET', url: '/Items', qs: { order: 'Code ASC' } });
			return body.Items.filter((item) => item.IsSold !== false).map((item) => ({ name: item.Name ? `${item.Code} - ${item.Name}` : item.Code, value: item.Code })).filter((option) => matches(option, filter));
		},
	};
}
