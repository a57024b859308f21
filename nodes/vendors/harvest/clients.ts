import type { Client, MapContext } from '../../shared/canonical';
import type { RecordApi } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { collect } from '../../shared/transport/pagination';
import { fromCanonicalClient, toCanonicalClient, type HarvestClient } from './records';
import { flag, since, type HarvestReader } from './reader';
import { eachRecord, mapPages, named, recordPath } from './writes';

/** Clients (help.getharvest.com/api-v2/clients-api/clients/clients). */
export function harvestClients(client: VendorClient, reader: HarvestReader, context: MapContext): RecordApi<Client> {
	const clients: RecordApi<Client> = {
		get: async (id) => toCanonicalClient(await reader.get<HarvestClient>(recordPath('/clients', id)), context),
		list: (query) => {
			const filters = (query.filters ?? {}) as { active?: boolean };
			return mapPages(reader.pages<HarvestClient>('/clients', 'clients', { is_active: flag(filters.active), updated_since: since(query.modifiedSince) }, query.limit), (page) =>
				page.map((raw) => toCanonicalClient(raw, context)),
			);
		},
		create: async (records) =>
			await eachRecord(records, (record) => named('Client', record.name), async (record) => {
				const startedAt = new Date(Date.now() - 60_000).toISOString();
				const created = await client.send<HarvestClient>({
					method: 'POST',
					url: '/clients',
					body: fromCanonicalClient(record),
					// Client names are unique in Harvest: a lost answer is found again by name.
					retrySafety: { lookup: async () => (await collect(reader.pages<HarvestClient>('/clients', 'clients', { updated_since: since(startedAt) }))).find((found) => found.name === record.name) },
				});
				return toCanonicalClient(created, context);
			}),
		update: async (changes) =>
			await eachRecord(changes, (change) => `Client ${change.id}`, async (change) =>
				toCanonicalClient(await client.send<HarvestClient>({ method: 'PATCH', url: recordPath('/clients', change.id), body: fromCanonicalClient(change.record), retrySafety: 'idempotent' }), context),
			),
	};
	return clients;
}
