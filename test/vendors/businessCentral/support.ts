import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { BC_CLIENT, BC_COMPANY_ID, BC_PAYMENT_JOURNAL, BC_REVENUE_ACCOUNT, BC_TENANT_ID } from '../../../sandbox/vendors/businessCentral';
import { useCredential, type SandboxHandle } from '../../integration/support';

export interface BcRow {
	id: string;
	'@odata.etag': string;
	lastModifiedDateTime: string;
	[key: string]: unknown;
}

/** What `/__admin/state/businesscentral` holds, as far as the tests read it. */
export interface BcState {
	customers: Array<BcRow & { number: string; displayName: string; currencyCode: string; email: string; phoneNumber: string }>;
	projects: Array<BcRow & { number: string; displayName: string }>;
	salesInvoices: Array<
		BcRow & {
			number: string;
			externalDocumentNumber: string;
			status: string;
			customerId: string;
			currencyCode: string;
			dueDate: string;
			totalAmountExcludingTax: number;
			totalTaxAmount: number;
			totalAmountIncludingTax: number;
			remainingAmount: number;
			salesInvoiceLines: Array<{ lineType: string; lineObjectNumber: string; description: string; quantity: number; unitPrice: number; amountExcludingTax: number }>;
		}
	>;
	customerPaymentJournals: Array<BcRow & { code: string; balancingAccountNumber: string }>;
	customerPayments: Array<BcRow & { journalId: string; amount: number; appliesToInvoiceId: string; externalDocumentNumber: string }>;
	postedPayments: Array<{ invoiceId: string; amount: number; postingDate: string; externalDocumentNumber?: string }>;
	/** Access tokens the fake's Entra endpoint has issued. */
	tokens: number;
}

export interface LoggedBcRequest {
	method: string;
	path: string;
	route: string;
	query: Record<string, string[]>;
	headers: Record<string, string>;
	body: unknown;
	status?: number;
}

export const bcToday = (): string => new Date().toISOString().slice(0, 10);
export const bcDaysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
export const bcCredentials = { p2cBusinessCentralClientCredentialsApi: 'bc-app' };
export const bcErp = (parameters: INodeParameters): INodeParameters => ({ system: 'businessCentral', businessCentralAuthentication: 'clientCredentials', ...parameters });

/** Canonical overdue in BC terms: posted (Open), due before today, money still owed. */
export const bcOverdueIds = (state: BcState): string[] =>
	state.salesInvoices.filter((invoice) => invoice.status === 'Open' && invoice.remainingAmount > 0 && invoice.dueDate < bcToday()).map((invoice) => invoice.id);

export function businessCentralHelpers(sandbox: SandboxHandle) {
	const state = async () => await sandbox.admin<BcState>('GET', '/state/businesscentral');
	const requests = async () => (await sandbox.admin<{ requests: LoggedBcRequest[] }>('GET', '/requests?vendor=businesscentral')).requests;
	const vendorAdmin = async (action: string, body: IDataObject = {}) => await sandbox.admin<IDataObject>('POST', `/vendors/businesscentral/${action}`, body);
	const useApp = (extra: IDataObject = {}) =>
		useCredential('bc-app', 'p2cBusinessCentralClientCredentialsApi', {
			tenantId: BC_TENANT_ID,
			environment: 'production',
			companyId: BC_COMPANY_ID,
			clientId: BC_CLIENT.clientId,
			clientSecret: BC_CLIENT.clientSecret,
			revenueAccount: BC_REVENUE_ACCOUNT,
			paymentJournal: BC_PAYMENT_JOURNAL,
			postPayments: true,
			tokenUrl: `${sandbox.sandbox.url}/businesscentral/login/${BC_TENANT_ID}/oauth2/v2.0/token`,
			apiBaseUrl: `${sandbox.sandbox.url}/businesscentral`,
			...extra,
		});
	/** Requests to one entity set or action, e.g. `salesInvoices`, `$batch`, `Microsoft.NAV.post`. */
	const requestsTo = async (method: string, pathEnd: RegExp) => (await requests()).filter((request) => request.method === method && pathEnd.test(request.path));
	return { state, requests, requestsTo, vendorAdmin, useApp };
}
