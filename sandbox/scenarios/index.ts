import type { Sandbox } from '../server';
import { stageApprovedTime, type StagedTime } from './approvedTime';
import { stageOverdueInvoices, type StagedInvoice } from './overdueInvoices';
import { winHubSpotDeals, type WonDeal } from './wonDeals';

export { lastMonth, stageApprovedTime, stageEveryBillingModel, type BillingCase, type StagedProject, type StagedTime, type TimeCase } from './approvedTime';
export type { TimeAtScale } from './approvedTimeAtScale';
export type { DealsAtScale } from './wonDealsAtScale';
export { stageOverdueInvoices, type DunningCase, type StagedInvoice } from './overdueInvoices';
export { adminState, harvestApi, hubspotApi, isoDay, salesforceApi } from './vendorCalls';
export { NEW_CLIENT, winHubSpotDeals, winSalesforceDeals, type DealCase, type WonDeal } from './wonDeals';

/** The business events all three templates act on, staged at once (for the demo). */
export async function stageTemplateScenarios(sandbox: Sandbox): Promise<{ deals: WonDeal[]; time: StagedTime; invoices: StagedInvoice[] }> {
	const deals = await winHubSpotDeals(sandbox, 'Demo');
	const time = await stageApprovedTime(sandbox);
	const invoices = stageOverdueInvoices(sandbox);
	return { deals, time, invoices };
}
