import type { INodeParameters } from 'n8n-workflow';
import { HARVEST_ACCOUNT_ID, HARVEST_PERSONAL_ACCESS_TOKEN, type HarvestFake } from '../../../sandbox/vendors/harvest';
import type { HarvestTables } from '../../../sandbox/vendors/harvest/store';
import type { LoggedRequest } from '../../../sandbox/server';
import { useCredential, useSandbox, type SandboxHandle } from '../../integration/support';

export type HarvestState = { [K in keyof HarvestTables]: Array<HarvestTables[K] extends Map<number, infer R> ? R : never> };

export const credentials = { p2cHarvestPersonalAccessTokenApi: 'harvest-pat' };
export const CONTACT = 'ops@meridian-advisory.example';

/** A sandbox for a Harvest test file, the personal-access-token credential, and readers of the fake's state and request log. */
export function useHarvest(): {
	sandbox: SandboxHandle;
	state(): Promise<HarvestState>;
	counts(): Promise<Record<string, number>>;
	requests(): Promise<LoggedRequest[]>;
	fake(): HarvestFake;
} {
	const sandbox = useSandbox();
	beforeEach(() => {
		useCredential('harvest-pat', 'p2cHarvestPersonalAccessTokenApi', {
			accessToken: HARVEST_PERSONAL_ACCESS_TOKEN,
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: CONTACT,
			baseUrl: `${sandbox.sandbox.url}/harvest/v2`,
		});
	});
	return {
		sandbox,
		state: async () => await sandbox.admin<HarvestState>('GET', '/state/harvest'),
		counts: async () => (await sandbox.admin<{ counts: Record<string, number> }>('GET', '/requests?vendor=harvest&log=false')).counts,
		requests: async () => (await sandbox.admin<{ requests: LoggedRequest[] }>('GET', '/requests?vendor=harvest')).requests,
		fake: () => sandbox.sandbox.vendors.get('harvest') as HarvestFake,
	};
}

export const psa = (parameters: INodeParameters): INodeParameters => ({ system: 'harvest', harvestAuthentication: 'personalAccessToken', ...parameters });

/** A resource-locator value picked by id, as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
