import type { Sandbox } from '../server';
import type { HarvestFake } from '../vendors/harvest';
import type { HubSpotFake } from '../vendors/hubspot';
import { isoDay } from './vendorCalls';
import type { DealCase, WonDeal } from './wonDeals';

/**
 * Deals won today at a firm's scale, for benchmarks: `deals` HubSpot deals in the mix of the small
 * scenario: most `small` on existing clients, 3 in 100 `large` (the Approval Gate), 2 in 100 for a
 * `newClient` (each its own new company), 2 in 100 `missingData` (no start date). Written straight
 * into the fake's store, as deals closed in HubSpot's UI over a day leave them: through the API,
 * 1,000 deals would spend HubSpot's 100 requests per 10 s before the run starts.
 */

export interface DealsAtScale {
	deals: number;
}

export function dealCaseAt(index: number): DealCase {
	const slot = index % 100;
	if (slot === 7 || slot === 40 || slot === 73) return 'large';
	if (slot === 23 || slot === 89) return 'newClient';
	if (slot === 15 || slot === 61) return 'missingData';
	return 'small';
}

const BILLING_MODELS = ['time_and_materials', 'retainer', 'fixed_fee', 'milestone'];
const NEW_CLIENT_CURRENCIES = ['USD', 'GBP', 'EUR'];

export function winHubSpotDealsAtScale(sandbox: Sandbox, tag: string, size: DealsAtScale): WonDeal[] {
	const store = (sandbox.vendors.get('hubspot') as HubSpotFake).store;
	const harvest = (sandbox.vendors.get('harvest') as HarvestFake).store.tables;
	const currencyOf = new Map([...harvest.clients.values()].map((client) => [client.name, client.currency]));
	const companies = [...store.objects.companies.values()].filter((company) => !company.archived && currencyOf.has(company.properties.name ?? ''));
	if (companies.length === 0) throw new Error('the sandbox has no companies the PSA knows');
	const closedAt = new Date().toISOString();
	const start = isoDay(14);
	const deals: WonDeal[] = [];
	for (let index = 0; index < size.deals; index++) {
		const kind = dealCaseAt(index);
		let company = companies[(index * 37) % companies.length];
		let currency = currencyOf.get(company.properties.name ?? '')!;
		if (kind === 'newClient') {
			const name = `Quartzline Analytics ${tag} ${index + 1}`;
			currency = NEW_CLIENT_CURRENCIES[index % NEW_CLIENT_CURRENCIES.length];
			company = store.insert('companies', { name, domain: `quartzline-${index + 1}.example`, country: 'US', hubspot_owner_id: company.properties.hubspot_owner_id ?? null });
		}
		const clientName = company.properties.name ?? '';
		const amount = kind === 'large' ? `${150_000 + ((index * 991) % 200_000)}.00` : `${15_000 + ((index * 379) % 80_000)}.${String(index % 100).padStart(2, '0')}`;
		const billingModel = BILLING_MODELS[index % BILLING_MODELS.length];
		const name = `${clientName} - Engagement ${tag} ${index + 1}`;
		const ownerId = company.properties.hubspot_owner_id ?? undefined;
		const deal = store.insert('deals', {
			dealname: name,
			amount,
			deal_currency_code: currency,
			dealstage: 'closedwon',
			pipeline: 'default',
			closedate: closedAt,
			p2c_billing_model: billingModel,
			...(kind === 'missingData' ? {} : { p2c_start_date: start }),
			...(ownerId ? { hubspot_owner_id: ownerId } : {}),
		});
		store.associate('deals', deal.id, 'companies', company.id);
		deals.push({ case: kind, id: deal.id, name, clientName, amount, currency, billingModel, startDate: kind === 'missingData' ? undefined : start, ownerId });
	}
	return deals;
}
