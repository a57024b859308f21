import type { IDataObject } from 'n8n-workflow';
import type { CrmConnector, OpportunityFilters, PickerOption } from '../../Crm/connector';
import type { Client, Contact, MapContext, Opportunity } from '../../shared/canonical';
import type { ListQuery, RecordApi, WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { cursorPagination, keysetPagination, paginate } from '../../shared/transport/pagination';
import type { VendorRequest } from '../../shared/transport/types';
import {
	companyProperties,
	contactProperties,
	dealProperties,
	EXTERNAL_ID_PROPERTY,
	fromCanonicalClient,
	fromCanonicalContact,
	fromCanonicalOpportunity,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	writeExternalRefs,
	type DealAssociations,
	type HubSpotObject,
	type HubSpotProperties,
} from './records';
import { chunk } from '../../shared/transport/batches';

type ObjectType = 'companies' | 'contacts' | 'deals';

// developers.hubspot.com/docs/api/crm/understanding-the-crm: list pages hold at most 100 records,
// batch endpoints take at most 100 inputs, search pages at most 200.
const LIST_PAGE = 100;
const BATCH_SIZE = 100;
const SEARCH_PAGE = 200;

interface SearchFilter {
	propertyName: string;
	operator: string;
	value?: string;
}

interface BatchResult extends HubSpotObject {
	objectWriteTraceId?: string;
}

/** Reads and writes one HubSpot object type; the mapper turns its records into canonical ones. */
class HubSpotObjects<T> {
	constructor(
		private readonly client: VendorClient,
		readonly type: ObjectType,
		private readonly properties: string[],
		private readonly modifiedProperty: string,
		private readonly toCanonical: (records: HubSpotObject[]) => Promise<T[]>,
	) {}

	async get(id: string): Promise<T> {
		const record = await this.client.send<HubSpotObject>({
			method: 'GET',
			url: `/crm/v3/objects/${this.type}/${encodeURIComponent(id)}`,
			qs: { properties: this.properties.join(',') },
		});
		return (await this.toCanonical([record]))[0];
	}

	/** Plain listing pages with the `after` cursor; filtered reads go through search. */
	async *list(query: ListQuery, filters: SearchFilter[] = []): AsyncIterable<T[]> {
		const allFilters = [...filters];
		if (query.modifiedSince) {
			allFilters.push({ propertyName: this.modifiedProperty, operator: 'GTE', value: String(Date.parse(query.modifiedSince)) });
		}
		const pages =
			allFilters.length > 0
				? this.search(allFilters, query.limit)
				: paginate<HubSpotObject>(
						this.client,
						{
							method: 'GET',
							url: `/crm/v3/objects/${this.type}`,
							qs: { limit: Math.min(LIST_PAGE, query.limit ?? LIST_PAGE), properties: this.properties.join(','), archived: false },
						},
						cursorPagination({ itemsPath: 'results', cursorPath: 'paging.next.after', cursorParam: 'after', in: 'qs' }),
					);
		for await (const page of pages) yield await this.toCanonical(page);
	}

	/**
	 * CRM search, walked by keyset on hs_object_id so that more than the API's 10,000-result
	 * cap can be read; paced to the search API's own lower limit.
	 */
	search(filters: SearchFilter[], limit?: number): AsyncIterable<HubSpotObject[]> {
		const pageSize = Math.min(SEARCH_PAGE, limit ?? SEARCH_PAGE);
		const request = (lastId?: string): VendorRequest => ({
			method: 'POST',
			url: `/crm/v3/objects/${this.type}/search`,
			body: {
				filterGroups: [{ filters: lastId ? [...filters, { propertyName: 'hs_object_id', operator: 'GT', value: lastId }] : filters }],
				sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
				properties: this.properties,
				limit: pageSize,
			},
			retrySafety: 'idempotent',
			rateLimitRule: 'search',
		});
		return paginate<HubSpotObject>(
			this.client,
			request(),
			keysetPagination<HubSpotObject>({
				itemsPath: 'results',
				pageSize,
				keyOf: (record) => record.id,
				withKey: (_previous, lastId) => request(lastId),
			}),
		);
	}

	/**
	 * Writes through a batch endpoint, 100 inputs a call. Results are matched to inputs by
	 * objectWriteTraceId (HubSpot does not keep input order). A batch that HubSpot refuses as a
	 * whole (4xx) is re-sent record by record, so each error lands on the record that caused it.
	 */
	async writeBatch(
		action: 'create' | 'update' | 'upsert',
		inputs: IDataObject[],
		single: (input: IDataObject) => VendorRequest,
	): Promise<Array<WriteResult<T>>> {
		const results: Array<WriteResult<T>> = [];
		for (const group of chunk(inputs, BATCH_SIZE)) {
			const traced = group.map((input, index) => ({ ...input, objectWriteTraceId: String(index) }));
			try {
				const body = await this.client.send<{ results: BatchResult[] }>({
					method: 'POST',
					url: `/crm/v3/objects/${this.type}/batch/${action}`,
					body: { inputs: traced },
					// Create has no idempotency key: only a refused (429) batch is re-sent.
					retrySafety: action === 'create' ? 'never' : 'idempotent',
				});
				const byTrace = new Map(body.results.map((result) => [result.objectWriteTraceId, result]));
				const ordered = traced.map((input) => byTrace.get(input.objectWriteTraceId));
				const canonical = await this.toCanonical(ordered.filter((record): record is BatchResult => record !== undefined));
				let next = 0;
				for (const record of ordered) results.push(record ? canonical[next++] : new Error('HubSpot returned no result for this record'));
			} catch (error) {
				const status = Number((error as { httpCode?: string }).httpCode);
				if (group.length === 1 || !(status >= 400 && status < 500) || status === 429) {
					for (let index = 0; index < group.length; index++) results.push(error as Error);
					continue;
				}
				for (const input of group) {
					try {
						const record = await this.client.send<HubSpotObject>(single(input));
						results.push((await this.toCanonical([record]))[0]);
					} catch (singleError) {
						results.push(singleError as Error);
					}
				}
			}
		}
		return results;
	}

	api(toProperties: (record: Partial<T>) => HubSpotProperties): RecordApi<T> {
		const path = `/crm/v3/objects/${this.type}`;
		return {
			get: async (id) => await this.get(id),
			list: (query) => this.list(query),
			create: async (records) =>
				await this.writeBatch('create', records.map((record) => ({ properties: toProperties(record) })), (input) => ({
					method: 'POST',
					url: path,
					body: { properties: input.properties as IDataObject },
				})),
			update: async (changes) =>
				await this.writeBatch('update', changes.map((change) => ({ id: change.id, properties: toProperties(change.record) })), (input) => ({
					method: 'PATCH',
					url: `${path}/${encodeURIComponent(String(input.id))}`,
					body: { properties: input.properties as IDataObject },
				})),
			upsert: async (records, idField) => {
				const idProperty = idField ?? EXTERNAL_ID_PROPERTY;
				return await this.writeBatch(
					'upsert',
					records.map((entry) => ({ idProperty, id: entry.externalId, properties: { ...toProperties(entry.record), [idProperty]: entry.externalId } })),
					(input) => ({
						method: 'POST',
						url: `${path}/batch/upsert`,
						body: { inputs: [input] },
						retrySafety: 'idempotent',
					}),
				);
			},
		};
	}
}

export function hubspotCrmConnector(client: VendorClient, context: MapContext): CrmConnector {
	const associationsOf = async (dealIds: string[], toType: 'companies' | 'contacts'): Promise<Map<string, string[]>> => {
		const links = new Map<string, string[]>();
		for (const group of chunk(dealIds, BATCH_SIZE)) {
			const body = await client.send<{ results: Array<{ from: { id: string }; to: Array<{ toObjectId: number | string }> }> }>({
				method: 'POST',
				url: `/crm/v4/associations/deals/${toType}/batch/read`,
				body: { inputs: group.map((id) => ({ id })) },
				retrySafety: 'idempotent',
			});
			for (const result of body.results ?? []) links.set(String(result.from.id), result.to.map((link) => String(link.toObjectId)));
		}
		return links;
	};

	/** One batch association read per page of deals, not one per deal. */
	const dealsToCanonical = async (records: HubSpotObject[]): Promise<Opportunity[]> => {
		if (records.length === 0) return [];
		const ids = records.map((record) => record.id);
		const [companies, contacts] = await Promise.all([associationsOf(ids, 'companies'), associationsOf(ids, 'contacts')]);
		return records.map((record) => {
			const associations: DealAssociations = { companyIds: companies.get(record.id) ?? [], contactIds: contacts.get(record.id) ?? [] };
			return toCanonicalOpportunity(record, associations, context);
		});
	};

	const companies = new HubSpotObjects<Client>(client, 'companies', companyProperties(context.referenceSystems), 'hs_lastmodifieddate', async (records) => records.map((record) => toCanonicalClient(record, context)));
	const contacts = new HubSpotObjects<Contact>(client, 'contacts', contactProperties(context.referenceSystems), 'lastmodifieddate', async (records) => records.map((record) => toCanonicalContact(record, context)));
	const deals = new HubSpotObjects<Opportunity>(client, 'deals', dealProperties(context.referenceSystems), 'hs_lastmodifieddate', dealsToCanonical);
	const dealApi = deals.api(fromCanonicalOpportunity);

	const dealFilters = (filters: OpportunityFilters): SearchFilter[] => {
		const list: SearchFilter[] = [];
		if (filters.stage) list.push({ propertyName: 'dealstage', operator: 'EQ', value: filters.stage });
		if (filters.status === 'won') list.push({ propertyName: 'hs_is_closed_won', operator: 'EQ', value: 'true' });
		if (filters.status === 'lost') list.push({ propertyName: 'hs_is_closed_won', operator: 'EQ', value: 'false' }, { propertyName: 'hs_is_closed', operator: 'EQ', value: 'true' });
		if (filters.status === 'open') list.push({ propertyName: 'hs_is_closed', operator: 'EQ', value: 'false' });
		if (filters.closedSince) list.push({ propertyName: 'closedate', operator: 'GTE', value: String(Date.parse(filters.closedSince)) });
		return list;
	};

	async function* searchCanonical<T>(objects: HubSpotObjects<T>, filters: SearchFilter[], map: (records: HubSpotObject[]) => Promise<T[]>): AsyncIterable<T[]> {
		for await (const page of objects.search(filters)) yield await map(page);
	}

	return {
		clients: companies.api(fromCanonicalClient),
		contacts: contacts.api(fromCanonicalContact),
		opportunities: {
			...dealApi,
			list: (query) => deals.list(query, dealFilters((query.filters ?? {}) as OpportunityFilters)),
			async setExternalRefs(id, refs) {
				await client.send<HubSpotObject>({
					method: 'PATCH',
					url: `/crm/v3/objects/deals/${encodeURIComponent(id)}`,
					body: { properties: writeExternalRefs(refs) },
				});
				// The PATCH answer holds only some properties; read the deal back whole.
				return await dealApi.get(id);
			},
		},
		async listStages(): Promise<PickerOption[]> {
			const body = await client.send<{ results: Array<{ id: string; label: string; stages: Array<{ id: string; label: string; metadata?: IDataObject }> }> }>({
				method: 'GET',
				url: '/crm/v3/pipelines/deals',
			});
			return body.results.flatMap((pipeline) =>
				pipeline.stages.map((stage) => ({ name: `${stage.label} (${pipeline.label})`, value: stage.id, description: stage.metadata?.isClosed === 'true' ? 'closed' : 'open' })),
			);
		},
		async listOwners(filter?: string): Promise<PickerOption[]> {
			const options: PickerOption[] = [];
			const pages = paginate<{ id: string; email: string; firstName?: string; lastName?: string }>(
				client,
				{ method: 'GET', url: '/crm/v3/owners', qs: { limit: 100 } },
				cursorPagination({ itemsPath: 'results', cursorPath: 'paging.next.after', cursorParam: 'after', in: 'qs' }),
			);
			for await (const page of pages) {
				for (const owner of page) {
					const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email;
					if (!filter || `${name} ${owner.email}`.toLowerCase().includes(filter.toLowerCase())) options.push({ name, value: owner.id, description: owner.email });
				}
			}
			return options;
		},
		wonOpportunitiesSince: (since) =>
			searchCanonical(deals, [
				{ propertyName: 'hs_is_closed_won', operator: 'EQ', value: 'true' },
				{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) },
			], dealsToCanonical),
		clientsChangedSince: (since) =>
			searchCanonical(companies, [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) }], async (records) =>
				records.map((record) => toCanonicalClient(record, context)),
			),
	};
}
