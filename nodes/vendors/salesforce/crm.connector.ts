import { NodeOperationError } from 'n8n-workflow';
import type { CrmConnector, OpportunityFilters, PickerOption } from '../../Crm/connector';
import type { Client, Contact, MapContext, Opportunity } from '../../shared/canonical';
import type { ListQuery, RecordApi, WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import {
	accountFields,
	contactFields,
	contactIdsFromRoles,
	EXTERNAL_ID_FIELD,
	fromCanonicalClient,
	fromCanonicalContact,
	fromCanonicalOpportunity,
	opportunityFields,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	writeExternalRefs,
	type SalesforceFields,
	type SalesforceRecord,
} from './records';
import { SalesforceRest, type CollectionInput, type WriteAction } from './rest';
import { buildSoql, SoqlDate, SoqlDateTime, where, type SoqlCondition, type SoqlSelect } from './soql';

/** How one sObject maps to one canonical entity. */
interface ObjectSpec<T> {
	sobject: 'Account' | 'Contact' | 'Opportunity';
	fields: string[];
	subqueries?: SoqlSelect['subqueries'];
	toCanonical(records: SalesforceRecord[]): Promise<T[]>;
	toFields(record: Partial<T>): SalesforceFields;
	/** Names a record in error messages: `"Acme Advisory"`. */
	label(record: Partial<T>): string;
}

// Change tracking on SystemModstamp: indexed, and also moved by system changes LastModifiedDate misses.
const CHANGE_ORDER: SoqlSelect['orderBy'] = [{ field: 'SystemModstamp' }, { field: 'Id' }];
const ROLE_QUERY_IDS = 200;

const quoted = (value: string | undefined, fallback: string): string => (value ? `"${value}"` : fallback);

function objectApi<T>(rest: SalesforceRest, spec: ObjectSpec<T>) {
	const select = (conditions: SoqlCondition[], limit?: number): string =>
		buildSoql({ fields: spec.fields, subqueries: spec.subqueries, from: spec.sobject, where: conditions, orderBy: CHANGE_ORDER, limit });

	async function* search(conditions: SoqlCondition[], limit?: number): AsyncIterable<T[]> {
		for await (const page of rest.query(select(conditions, limit), limit)) yield await spec.toCanonical(page);
	}

	/** Reads the written records back in one batch read, so that the output is the record as Salesforce keeps it. */
	async function readBack(results: Array<WriteResult<string>>): Promise<Array<WriteResult<T>>> {
		const ids = results.filter((result): result is string => typeof result === 'string');
		if (ids.length === 0) return results as Error[];
		const found = await rest.retrieve(spec.sobject, ids, spec.fields);
		const present = found.filter((record): record is SalesforceRecord => record !== undefined);
		const canonical = await spec.toCanonical(present);
		const byId = new Map(present.map((record, index) => [record.Id, canonical[index]]));
		return results.map((result) => {
			if (typeof result !== 'string') return result;
			return byId.get(result) ?? new Error(`Salesforce wrote ${spec.sobject} ${result} but returned nothing when it was read back`);
		});
	}

	async function write(action: WriteAction, inputs: CollectionInput[], externalIdField?: string): Promise<Array<WriteResult<T>>> {
		return await readBack(await rest.writeCollection(action, spec.sobject, inputs, externalIdField));
	}

	const api: RecordApi<T> = {
		async get(id) {
			return (await spec.toCanonical([await rest.getRecord(spec.sobject, id, spec.fields)]))[0];
		},
		list: (query: ListQuery) => search(query.modifiedSince ? [where.field('SystemModstamp', '>=', new SoqlDateTime(query.modifiedSince))] : [], query.limit),
		create: async (records) => await write('create', records.map((record) => ({ fields: spec.toFields(record), label: spec.label(record) }))),
		update: async (changes) =>
			await write('update', changes.map((change) => ({ id: change.id, fields: spec.toFields(change.record), label: quoted(change.id, 'without an id') }))),
		upsert: async (records, idField) => {
			const field = idField ?? EXTERNAL_ID_FIELD;
			return await write(
				'upsert',
				records.map((entry) => ({ fields: { ...spec.toFields(entry.record), [field]: entry.externalId }, label: `${field} "${entry.externalId}"` })),
				field,
			);
		},
	};
	return { api, search };
}

function opportunityConditions(filters: OpportunityFilters, modifiedSince?: string): SoqlCondition[] {
	const conditions: SoqlCondition[] = [];
	if (filters.stage) conditions.push(where.field('StageName', '=', filters.stage));
	if (filters.status === 'won') conditions.push(where.field('IsWon', '=', true));
	if (filters.status === 'lost') conditions.push(where.field('IsClosed', '=', true), where.field('IsWon', '=', false));
	if (filters.status === 'open') conditions.push(where.field('IsClosed', '=', false));
	// CloseDate is a date field: compare it with a date literal, not a dateTime.
	if (filters.closedSince) conditions.push(where.field('CloseDate', '>=', new SoqlDate(filters.closedSince.slice(0, 10))));
	if (modifiedSince) conditions.push(where.field('SystemModstamp', '>=', new SoqlDateTime(modifiedSince)));
	return conditions;
}

export function salesforceCrmConnector(client: VendorClient, context: MapContext): CrmConnector {
	const rest = new SalesforceRest(client);
	// CurrencyIsoCode exists only in multi-currency orgs; naming it in a single-currency org fails every query with INVALID_FIELD.
	const multiCurrency = client.credentials.multiCurrency !== false;
	const opportunityFieldList = multiCurrency ? opportunityFields(context.referenceSystems) : opportunityFields(context.referenceSystems).filter((field) => field !== 'CurrencyIsoCode');
	const opportunityToFields = (opportunity: Partial<Opportunity>) => {
		if (!multiCurrency && opportunity.amount && opportunity.amount.currency !== context.defaultCurrency) {
			throw new NodeOperationError(client.node, `Opportunity amount.currency ${opportunity.amount.currency} cannot be written to a single-currency Salesforce org, whose currency is ${context.defaultCurrency} (the Default Currency option)`);
		}
		const fields = fromCanonicalOpportunity(opportunity);
		if (!multiCurrency) delete fields.CurrencyIsoCode;
		return fields;
	};

	/** Contact ids of opportunities read without the contact-role subquery, one query per 200 opportunities. */
	const contactRolesOf = async (opportunityIds: string[]): Promise<Map<string, string[]>> => {
		const byOpportunity = new Map<string, Array<{ ContactId: string; IsPrimary: boolean }>>();
		for (let start = 0; start < opportunityIds.length; start += ROLE_QUERY_IDS) {
			const soql = buildSoql({
				fields: ['OpportunityId', 'ContactId', 'IsPrimary'],
				from: 'OpportunityContactRole',
				where: [where.in('OpportunityId', opportunityIds.slice(start, start + ROLE_QUERY_IDS))],
				orderBy: [{ field: 'Id' }],
			});
			for (const role of await rest.queryAll<{ OpportunityId: string; ContactId: string; IsPrimary: boolean }>(soql)) {
				byOpportunity.set(role.OpportunityId, [...(byOpportunity.get(role.OpportunityId) ?? []), role]);
			}
		}
		return new Map([...byOpportunity].map(([id, roles]) => [id, contactIdsFromRoles({ records: roles })]));
	};

	const opportunitiesToCanonical = async (records: SalesforceRecord[]): Promise<Opportunity[]> => {
		const withoutRoles = records.filter((record) => !('OpportunityContactRoles' in record)).map((record) => record.Id);
		const roles = withoutRoles.length > 0 ? await contactRolesOf(withoutRoles) : new Map<string, string[]>();
		return records.map((record) =>
			toCanonicalOpportunity(record, 'OpportunityContactRoles' in record ? contactIdsFromRoles(record.OpportunityContactRoles) : (roles.get(record.Id) ?? []), context),
		);
	};

	const accounts = objectApi<Client>(rest, {
		sobject: 'Account',
		fields: accountFields(context.referenceSystems),
		toCanonical: async (records) => records.map((record) => toCanonicalClient(record, context)),
		toFields: fromCanonicalClient,
		label: (record) => quoted(record.name, 'without a name'),
	});
	const contacts = objectApi<Contact>(rest, {
		sobject: 'Contact',
		fields: contactFields(context.referenceSystems),
		toCanonical: async (records) => records.map((record) => toCanonicalContact(record, context)),
		toFields: fromCanonicalContact,
		label: (record) => quoted(record.email ?? [record.firstName, record.lastName].filter(Boolean).join(' '), 'without an email'),
	});
	const opportunities = objectApi<Opportunity>(rest, {
		sobject: 'Opportunity',
		fields: opportunityFieldList,
		// The contact roles come with each page of opportunities: one query, not one per opportunity.
		subqueries: [{ relationship: 'OpportunityContactRoles', fields: ['ContactId', 'IsPrimary'] }],
		toCanonical: opportunitiesToCanonical,
		toFields: opportunityToFields,
		label: (record) => quoted(record.name, 'without a name'),
	});

	return {
		clients: accounts.api,
		contacts: contacts.api,
		opportunities: {
			...opportunities.api,
			list: (query) => opportunities.search(opportunityConditions((query.filters ?? {}) as OpportunityFilters, query.modifiedSince), query.limit),
			async setExternalRefs(id, refs) {
				await rest.patchRecord('Opportunity', id, writeExternalRefs(refs));
				return await opportunities.api.get(id);
			},
		},
		async listStages(): Promise<PickerOption[]> {
			const soql = buildSoql({
				fields: ['ApiName', 'MasterLabel', 'IsClosed', 'IsWon', 'DefaultProbability'],
				from: 'OpportunityStage',
				where: [where.field('IsActive', '=', true)],
				orderBy: [{ field: 'SortOrder' }],
			});
			const stages = await rest.queryAll<{ ApiName: string; MasterLabel: string; IsClosed: boolean; IsWon: boolean; DefaultProbability?: number }>(soql);
			return stages.map((stage) => ({
				name: stage.MasterLabel,
				value: stage.ApiName,
				description: stage.IsWon ? 'closed won' : stage.IsClosed ? 'closed lost' : `open, ${stage.DefaultProbability ?? 0}%`,
			}));
		},
		async listOwners(filter?: string): Promise<PickerOption[]> {
			const conditions = [where.field('IsActive', '=', true), where.field('UserType', '=', 'Standard')];
			const wanted = filter?.trim();
			if (wanted) conditions.push(where.or(where.like('Name', wanted), where.like('Email', wanted)));
			const soql = buildSoql({ fields: ['Id', 'Name', 'Email'], from: 'User', where: conditions, orderBy: [{ field: 'Name' }], limit: 200 });
			const users = await rest.queryAll<{ Id: string; Name: string; Email: string }>(soql);
			return users.map((user) => ({ name: user.Name, value: user.Id, description: user.Email }));
		},
		wonOpportunitiesSince: (since) => opportunities.search(opportunityConditions({ status: 'won' }, since)),
		clientsChangedSince: (since) => accounts.search([where.field('SystemModstamp', '>=', new SoqlDateTime(since))]),
	};
}
