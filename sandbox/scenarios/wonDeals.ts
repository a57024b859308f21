import type { Sandbox } from '../server';
import { adminState, hubspotApi, isoDay, salesforceApi } from './vendorCalls';
import { winHubSpotDealsAtScale, type DealsAtScale } from './wonDealsAtScale';

/**
 * Deals won today, for the opportunity-to-project template: each one exercises one path.
 * - `small`: an existing client, a budget below the approval threshold: handed off directly.
 * - `large`: an existing client, a budget above the threshold: waits for the Approval Gate.
 * - `newClient`: a client the ERP and the PSA do not know yet: both create it.
 * - `missingData`: no start date: the deal is marked as needing data and its owner is told.
 */

export type DealCase = 'small' | 'large' | 'newClient' | 'missingData';

export interface WonDeal {
	case: DealCase;
	id: string;
	name: string;
	clientName: string;
	/** Decimal string in the deal's currency. */
	amount: string;
	currency: string;
	billingModel: string;
	startDate?: string;
	ownerId?: string;
}

interface HarvestClientRow {
	name: string;
	currency: string;
}

/** A new client company the ERP and the PSA do not have. */
export const NEW_CLIENT = { name: 'Quartzline Analytics', domain: 'quartzline-analytics.example', currency: 'USD' };

interface DealSpec {
	case: DealCase;
	client: { name: string; currency: string };
	topic: string;
	amount: string;
	billingModel: string;
	startDate?: string;
}

/** Two seeded clients every fake knows (same firm seed), one billed in GBP and one in EUR. */
async function dealSpecs(sandbox: Sandbox, tag: string): Promise<DealSpec[]> {
	const { clients } = await adminState<{ clients: HarvestClientRow[] }>(sandbox, 'harvest');
	const byCurrency = (currency: string) => {
		const found = clients.find((client) => client.currency === currency);
		if (!found) throw new Error(`the sandbox has no ${currency} client`);
		return found;
	};
	const gbp = byCurrency('GBP');
	const eur = byCurrency('EUR');
	const start = isoDay(14);
	return [
		{ case: 'small', client: gbp, topic: `Pricing study ${tag}`, amount: '24850.00', billingModel: 'time_and_materials', startDate: start },
		{ case: 'large', client: eur, topic: `Operating model review ${tag}`, amount: '180000.00', billingModel: 'milestone', startDate: start },
		{ case: 'newClient', client: NEW_CLIENT, topic: `Data platform ${tag}`, amount: '42500.00', billingModel: 'retainer', startDate: start },
		{ case: 'missingData', client: gbp, topic: `Cloud migration ${tag}`, amount: '61000.00', billingModel: 'fixed_fee' },
	];
}

/**
 * Wins the four deals in HubSpot: closed won today, with the pack's billing model and start date
 * properties; with `atScale`, `deals` deals in the same mix of cases (benchmarks).
 */
export async function winHubSpotDeals(sandbox: Sandbox, tag = 'E2E', atScale?: DealsAtScale): Promise<WonDeal[]> {
	if (atScale) return winHubSpotDealsAtScale(sandbox, tag, atScale);
	const hubspot = hubspotApi(sandbox);
	const state = await adminState<{ companies: Array<{ id: string; properties: Record<string, string | null> }> }>(sandbox, 'hubspot');
	const companyIds = new Map(state.companies.map((company) => [company.properties.name ?? '', company]));
	const created = await hubspot<{ id: string }>('POST', '/crm/v3/objects/companies', { properties: { name: NEW_CLIENT.name, domain: NEW_CLIENT.domain, country: 'US' } });
	companyIds.set(NEW_CLIENT.name, { id: created.id, properties: { hubspot_owner_id: state.companies[0].properties.hubspot_owner_id } });
	const deals: WonDeal[] = [];
	for (const spec of await dealSpecs(sandbox, tag)) {
		const company = companyIds.get(spec.client.name)!;
		const ownerId = company.properties.hubspot_owner_id ?? undefined;
		const name = `${spec.client.name} - ${spec.topic}`;
		const deal = await hubspot<{ id: string }>('POST', '/crm/v3/objects/deals', {
			properties: {
				dealname: name,
				amount: spec.amount,
				deal_currency_code: spec.client.currency,
				dealstage: 'closedwon',
				pipeline: 'default',
				closedate: new Date().toISOString(),
				p2c_billing_model: spec.billingModel,
				...(spec.startDate ? { p2c_start_date: spec.startDate } : {}),
				...(ownerId ? { hubspot_owner_id: ownerId } : {}),
			},
			associations: [{ to: { id: company.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 341 }] }],
		});
		deals.push({ case: spec.case, id: deal.id, name, clientName: spec.client.name, amount: spec.amount, currency: spec.client.currency, billingModel: spec.billingModel, startDate: spec.startDate, ownerId });
	}
	return deals;
}

/** Wins the same four deals in Salesforce: Closed Won today on the account. */
export async function winSalesforceDeals(sandbox: Sandbox, tag = 'E2E'): Promise<WonDeal[]> {
	const salesforce = await salesforceApi(sandbox);
	const accounts = await salesforce<{ records: Array<{ Id: string; Name: string; OwnerId: string }> }>('GET', `/query?q=${encodeURIComponent('SELECT Id, Name, OwnerId FROM Account')}`);
	const accountIds = new Map(accounts.records.map((account) => [account.Name, account]));
	const created = await salesforce<{ id: string }>('POST', '/sobjects/Account', { Name: NEW_CLIENT.name, Website: `https://www.${NEW_CLIENT.domain}`, CurrencyIsoCode: NEW_CLIENT.currency });
	accountIds.set(NEW_CLIENT.name, { Id: created.id, Name: NEW_CLIENT.name, OwnerId: accounts.records[0].OwnerId });
	const deals: WonDeal[] = [];
	for (const spec of await dealSpecs(sandbox, tag)) {
		const account = accountIds.get(spec.client.name)!;
		const name = `${spec.client.name} - ${spec.topic}`;
		const deal = await salesforce<{ id: string }>('POST', '/sobjects/Opportunity', {
			Name: name,
			AccountId: account.Id,
			Amount: Number(spec.amount),
			CurrencyIsoCode: spec.client.currency,
			StageName: 'Closed Won',
			CloseDate: isoDay(0),
			P2C_Billing_Model__c: spec.billingModel,
			...(spec.startDate ? { P2C_Start_Date__c: spec.startDate } : {}),
		});
		deals.push({ case: spec.case, id: deal.id, name, clientName: spec.client.name, amount: spec.amount, currency: spec.client.currency, billingModel: spec.billingModel, startDate: spec.startDate, ownerId: account.OwnerId });
	}
	return deals;
}
