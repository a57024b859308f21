import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { XERO_CUSTOM_CONNECTION } from '../../../sandbox/vendors/xero';
import { useCredential, type SandboxHandle } from '../../integration/support';

/** What the Xero fake's `/__admin/state/xero` holds, as far as the tests read it. */
export interface XeroState {
	tenantId: string;
	contacts: Array<{ ContactID: string; ContactNumber?: string; Name: string; EmailAddress?: string; ContactStatus: string; UpdatedDateUTC: string }>;
	invoices: Array<{
		InvoiceID: string;
		InvoiceNumber: string;
		Reference: string;
		Status: string;
		Contact: { ContactID: string };
		DueDate?: string;
		AmountDue: number;
		AmountPaid: number;
		SubTotal: number;
		TotalTax: number;
		Total: number;
		CurrencyCode: string;
		LineItems: Array<{ Description: string; Quantity: number; UnitAmount: number; LineAmount: number; AccountCode?: string; TaxType: string }>;
	}>;
	payments: Array<{ PaymentID: string; Amount: number; Reference: string; Date: string; Invoice: { InvoiceID: string }; Account: { Code: string } }>;
	history: Record<string, Array<{ Changes: string; Details: string }>>;
	projects: Array<{ projectId: string; name: string; contactId: string; status: string }>;
}

export interface LoggedXeroRequest {
	method: string;
	path: string;
	route: string;
	query: Record<string, string[]>;
	headers: Record<string, string>;
	body: unknown;
	status?: number;
}

export const msOf = (xeroDate: string | undefined): number => Number(/\/Date\((-?\d+)/.exec(xeroDate ?? '')?.[1] ?? Number.NaN);
export const today = (): string => new Date().toISOString().slice(0, 10);
export const daysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Everything an ERP/Xero test needs: state, request log, the custom-connection credential, parameters. */
export function xeroHelpers(sandbox: SandboxHandle) {
	const state = async () => await sandbox.admin<XeroState>('GET', '/state/xero');
	const requests = async () => (await sandbox.admin<{ requests: LoggedXeroRequest[] }>('GET', '/requests?vendor=xero')).requests;
	const counts = async () => (await sandbox.admin<{ counts: Record<string, number> }>('GET', '/requests?vendor=xero&log=false')).counts;
	const useCustomConnection = (extra: IDataObject = {}) =>
		useCredential('xero-custom', 'p2cXeroClientCredentialsApi', {
			clientId: XERO_CUSTOM_CONNECTION.clientId,
			clientSecret: XERO_CUSTOM_CONNECTION.clientSecret,
			tokenUrl: `${sandbox.sandbox.url}/xero/connect/token`,
			baseUrl: `${sandbox.sandbox.url}/xero/api.xro/2.0`,
			...extra,
		});
	/** The overdue sales invoices of the fake, the way Xero's numbers say it: approved, past due, with a balance. */
	const overdueIds = (current: XeroState): string[] =>
		current.invoices.filter((invoice) => invoice.Status === 'AUTHORISED' && invoice.AmountDue > 0 && msOf(invoice.DueDate) < Date.parse(`${today()}T00:00:00Z`)).map((invoice) => invoice.InvoiceID);
	return { state, requests, counts, useCustomConnection, overdueIds };
}

export const credentials = { p2cXeroClientCredentialsApi: 'xero-custom' };
export const erp = (parameters: INodeParameters): INodeParameters => ({ system: 'xero', xeroAuthentication: 'clientCredentials', ...parameters });
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
