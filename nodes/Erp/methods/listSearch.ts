import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { connectorFor } from '../../shared/node/connect';
import type { ErpConnector, PickerOption } from '../connector';
import { erpSystems, referenceSystems } from '../systems';

const erp = { category: 'ERP', systems: erpSystems, referenceSystems };
// Customers are filtered here from the first pages: enough for a picker, cheap on rate limits.
const CUSTOMER_PICKER_LIMIT = 500;

const results = (options: PickerOption[]): INodeListSearchResult => ({ results: options.map(({ name, value }) => ({ name, value })) });

export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<ErpConnector>(this, erp);
	const wanted = filter?.toLowerCase();
	const options: PickerOption[] = [];
	let seen = 0;
	for await (const page of connector.customers.list({ limit: CUSTOMER_PICKER_LIMIT })) {
		for (const customer of page) {
			seen += 1;
			if (customer.id && (!wanted || customer.name.toLowerCase().includes(wanted))) options.push({ name: customer.name, value: customer.id });
		}
		if (seen >= CUSTOMER_PICKER_LIMIT) break;
	}
	return results(options.sort((a, b) => a.name.localeCompare(b.name)));
}

export async function searchRevenueAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<ErpConnector>(this, erp);
	return results(await connector.listAccounts('revenue', filter));
}

export async function searchBankAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<ErpConnector>(this, erp);
	return results(await connector.listAccounts('bank', filter));
}

export async function searchTaxRates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<ErpConnector>(this, erp);
	return results(await connector.listTaxRates(filter));
}

export async function searchItems(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { connector } = await connectorFor<ErpConnector>(this, erp);
	return results(connector.listItems ? await connector.listItems(filter) : []);
}
