import type { Sandbox } from '../server';
import { HARVEST_ACCOUNT_ID, HARVEST_PERSONAL_ACCESS_TOKEN } from '../vendors/harvest';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../vendors/hubspot';
import { SALESFORCE_CONNECTED_APP } from '../vendors/salesforce/auth';

/**
 * What a person does in a vendor's own UI, done through the vendor's API on the sandbox with the
 * fakes' fixed tokens: win a deal in HubSpot or Salesforce, book time in Harvest. Used to stage the
 * business events the templates act on (demo and end-to-end tests).
 */

type Json = Record<string, unknown>;

export const SALESFORCE_API_VERSION = 'v62.0';

async function call<T>(url: string, init: { method: string; headers: Record<string, string>; body?: unknown }): Promise<T> {
	const response = await fetch(url, {
		method: init.method,
		headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${init.method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
	return (text === '' ? undefined : JSON.parse(text)) as T;
}

export async function adminState<T>(sandbox: Sandbox, vendor: string): Promise<T> {
	return await call<T>(`${sandbox.url}/__admin/state/${vendor}`, { method: 'GET', headers: {} });
}

export function hubspotApi(sandbox: Sandbox) {
	const headers = { authorization: `Bearer ${HUBSPOT_PRIVATE_APP_TOKEN}` };
	return async <T = Json>(method: string, path: string, body?: unknown): Promise<T> => await call<T>(`${sandbox.url}/hubspot${path}`, { method, headers, body });
}

export async function salesforceApi(sandbox: Sandbox) {
	const token = await fetch(`${sandbox.url}/salesforce/services/oauth2/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SALESFORCE_CONNECTED_APP.clientId, client_secret: SALESFORCE_CONNECTED_APP.clientSecret }).toString(),
	});
	if (!token.ok) throw new Error(`Salesforce token request answered ${token.status}: ${await token.text()}`);
	const { access_token: accessToken } = (await token.json()) as { access_token: string };
	const headers = { authorization: `Bearer ${accessToken}` };
	return async <T = Json>(method: string, path: string, body?: unknown): Promise<T> =>
		await call<T>(`${sandbox.url}/salesforce/services/data/${SALESFORCE_API_VERSION}${path}`, { method, headers, body });
}

export function harvestApi(sandbox: Sandbox) {
	const headers = { authorization: `Bearer ${HARVEST_PERSONAL_ACCESS_TOKEN}`, 'harvest-account-id': HARVEST_ACCOUNT_ID, 'user-agent': 'Project-to-Cash scenarios (ops@meridian-advisory.example)' };
	return async <T = Json>(method: string, path: string, body?: unknown): Promise<T> => await call<T>(`${sandbox.url}/harvest/v2${path}`, { method, headers, body });
}

/** Timesheet Approval in Harvest's UI (its API has none): the fake's `approve` admin action. */
export async function approveInHarvest(sandbox: Sandbox, ids: { timeEntryIds?: number[]; expenseIds?: number[] }): Promise<void> {
	await call(`${sandbox.url}/__admin/vendors/harvest/approve`, { method: 'POST', headers: {}, body: ids });
}

export const DAY_MS = 86_400_000;
/** Today (UTC) plus `days`, as YYYY-MM-DD. */
export const isoDay = (days = 0): string => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
