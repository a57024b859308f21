import type { Client, Contact, MapContext, Opportunity } from '../../shared/canonical';
import { BillingModel, money, provenance, toDecimalString } from '../../shared/canonical';

/** A record as the REST API returns it: `attributes`, then field values (dateTimes as `2026-01-31T09:00:00.000+0000`). */
export interface SalesforceRecord {
	attributes?: { type: string; url?: string };
	Id: string;
	[field: string]: unknown;
}

/** Field values to write; `null` clears a field. */
export type SalesforceFields = Record<string, string | number | boolean | null>;

/** Custom External ID field (unique, case-sensitive) that holds `externalRefs.key`: the upsert key. */
export const EXTERNAL_ID_FIELD = 'P2C_External_Id__c';

/** A system key to its reference field: `psaTool` -> `P2C_Ref_PsaTool__c`. */
export function refField(system: string): string {
	return `P2C_Ref_${system.charAt(0).toUpperCase()}${system.slice(1)}__c`;
}

/** The reference fields of the other registered systems. */
export function refFields(referenceSystems: readonly string[]): string[] {
	return referenceSystems.filter((key) => key !== 'salesforce').map(refField);
}

const COMMON_FIELDS = ['Id', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', EXTERNAL_ID_FIELD];
/** The fields the pack reads of each object, its reference fields included. */
export const accountFields = (referenceSystems: readonly string[]): string[] => ['Name', 'Website', 'Phone', 'Industry', 'BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry', ...COMMON_FIELDS, ...refFields(referenceSystems)];
export const contactFields = (referenceSystems: readonly string[]): string[] => ['FirstName', 'LastName', 'Email', 'Phone', 'Title', 'AccountId', ...COMMON_FIELDS, ...refFields(referenceSystems)];
export const opportunityFields = (referenceSystems: readonly string[]): string[] => [
	'Name', 'AccountId', 'Amount', 'CurrencyIsoCode', 'StageName', 'CloseDate', 'IsClosed', 'IsWon', 'Probability', 'NextStep', 'P2C_Billing_Model__c', 'P2C_Start_Date__c', ...COMMON_FIELDS, ...refFields(referenceSystems),
];

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Salesforce writes dateTimes with a `+0000` offset; canonical instants are ISO 8601 UTC. */
export function toInstant(value: unknown): string | undefined {
	const raw = text(value);
	if (!raw) return undefined;
	const time = Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const dateOnly = (value: unknown): string | undefined => {
	const raw = text(value);
	return raw && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : undefined;
};

/** `https://www.acme.com/about` -> `acme.com`: the canonical domain is a bare host. */
export function websiteToDomain(website: unknown): string | undefined {
	const raw = text(website)?.trim();
	if (!raw) return undefined;
	const host = raw.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0].toLowerCase();
	return host.replace(/^www\./, '') || undefined;
}

export function readExternalRefs(record: SalesforceRecord, referenceSystems: readonly string[]): Record<string, string> {
	const refs: Record<string, string> = { salesforce: record.Id };
	const key = text(record[EXTERNAL_ID_FIELD]);
	if (key) refs.key = key;
	for (const system of referenceSystems) {
		if (system === 'salesforce') continue;
		const value = text(record[refField(system)]);
		if (value) refs[system] = value;
	}
	return refs;
}

/** `externalRefs` to fields; the Salesforce id itself is never written. */
export function writeExternalRefs(refs: Record<string, string> | undefined): SalesforceFields {
	const fields: SalesforceFields = {};
	for (const [system, value] of Object.entries(refs ?? {})) {
		if (system === 'salesforce') continue;
		fields[system === 'key' ? EXTERNAL_ID_FIELD : refField(system)] = value;
	}
	return fields;
}

function meta(context: MapContext, entity: string, record: SalesforceRecord) {
	return provenance(
		context,
		{ system: 'salesforce', entity, remoteId: record.Id, remoteUpdatedAt: toInstant(record.SystemModstamp) ?? toInstant(record.LastModifiedDate) },
		record,
	);
}

export function toCanonicalClient(record: SalesforceRecord, context: MapContext): Client {
	const address = {
		line1: text(record.BillingStreet),
		city: text(record.BillingCity),
		region: text(record.BillingState),
		postalCode: text(record.BillingPostalCode),
		country: text(record.BillingCountry),
	};
	return {
		schemaVersion: 1,
		id: record.Id,
		name: text(record.Name) ?? '',
		domain: websiteToDomain(record.Website),
		phone: text(record.Phone),
		industry: text(record.Industry),
		ownerId: text(record.OwnerId),
		billingAddress: Object.values(address).some(Boolean) ? address : undefined,
		isActive: record.IsDeleted !== true,
		createdAt: toInstant(record.CreatedDate),
		updatedAt: toInstant(record.LastModifiedDate),
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'client', record),
	};
}

export function fromCanonicalClient(client: Partial<Client>): SalesforceFields {
	const fields: SalesforceFields = {};
	if (client.name !== undefined) fields.Name = client.name;
	if (client.domain !== undefined) fields.Website = client.domain;
	if (client.phone !== undefined) fields.Phone = client.phone;
	if (client.industry !== undefined) fields.Industry = client.industry;
	if (client.ownerId !== undefined) fields.OwnerId = client.ownerId;
	const address = client.billingAddress;
	if (address) {
		// Billing Street is one text area: the two canonical lines become two lines of it.
		if (address.line1 !== undefined) fields.BillingStreet = [address.line1, address.line2].filter(Boolean).join('\n');
		if (address.city !== undefined) fields.BillingCity = address.city;
		if (address.region !== undefined) fields.BillingState = address.region;
		if (address.postalCode !== undefined) fields.BillingPostalCode = address.postalCode;
		if (address.country !== undefined) fields.BillingCountry = address.country;
	}
	return { ...fields, ...writeExternalRefs(client.externalRefs) };
}

export function toCanonicalContact(record: SalesforceRecord, context: MapContext): Contact {
	return {
		schemaVersion: 1,
		id: record.Id,
		firstName: text(record.FirstName),
		lastName: text(record.LastName),
		email: text(record.Email),
		phone: text(record.Phone),
		jobTitle: text(record.Title),
		clientId: text(record.AccountId),
		ownerId: text(record.OwnerId),
		createdAt: toInstant(record.CreatedDate),
		updatedAt: toInstant(record.LastModifiedDate),
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'contact', record),
	};
}

export function fromCanonicalContact(contact: Partial<Contact>): SalesforceFields {
	const fields: SalesforceFields = {};
	if (contact.firstName !== undefined) fields.FirstName = contact.firstName;
	if (contact.lastName !== undefined) fields.LastName = contact.lastName;
	if (contact.email !== undefined) fields.Email = contact.email;
	if (contact.phone !== undefined) fields.Phone = contact.phone;
	if (contact.jobTitle !== undefined) fields.Title = contact.jobTitle;
	if (contact.clientId !== undefined) fields.AccountId = contact.clientId;
	if (contact.ownerId !== undefined) fields.OwnerId = contact.ownerId;
	return { ...fields, ...writeExternalRefs(contact.externalRefs) };
}

/** Contact ids of an opportunity, from its OpportunityContactRole rows (primary first). */
export function contactIdsFromRoles(roles: unknown): string[] {
	const records = (roles as { records?: Array<{ ContactId?: unknown; IsPrimary?: unknown }> } | null | undefined)?.records ?? [];
	const sorted = [...records].sort((a, b) => Number(b.IsPrimary === true) - Number(a.IsPrimary === true));
	return [...new Set(sorted.map((role) => text(role.ContactId)).filter((id): id is string => id !== undefined))];
}

export function toCanonicalOpportunity(record: SalesforceRecord, contactIds: string[], context: MapContext): Opportunity {
	// CurrencyIsoCode exists only in multi-currency orgs; otherwise the amount is in the default currency.
	const currency = text(record.CurrencyIsoCode) ?? context.defaultCurrency;
	const status = record.IsWon === true ? 'won' : record.IsClosed === true ? 'lost' : 'open';
	const billingModel = BillingModel.safeParse(record.P2C_Billing_Model__c);
	const closeDate = dateOnly(record.CloseDate);
	const amount = record.Amount;
	return {
		schemaVersion: 1,
		id: record.Id,
		name: text(record.Name) ?? '',
		clientId: text(record.AccountId),
		contactIds,
		amount: typeof amount === 'number' || (typeof amount === 'string' && amount !== '') ? money(amount, currency) : undefined,
		stage: text(record.StageName),
		status,
		// Probability is a percent field (0-100); canonical probability is 0..1.
		probability: typeof record.Probability === 'number' ? record.Probability / 100 : undefined,
		closeDate,
		// Salesforce keeps no close timestamp: a closed deal closed on its Close Date.
		closedAt: status !== 'open' && closeDate ? `${closeDate}T00:00:00.000Z` : undefined,
		billingModel: billingModel.success ? billingModel.data : undefined,
		startDate: dateOnly(record.P2C_Start_Date__c),
		ownerId: text(record.OwnerId),
		nextStep: text(record.NextStep),
		createdAt: toInstant(record.CreatedDate),
		updatedAt: toInstant(record.LastModifiedDate),
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'opportunity', record),
	};
}

export function fromCanonicalOpportunity(opportunity: Partial<Opportunity>): SalesforceFields {
	const fields: SalesforceFields = {};
	if (opportunity.name !== undefined) fields.Name = opportunity.name;
	if (opportunity.clientId !== undefined) fields.AccountId = opportunity.clientId;
	if (opportunity.amount !== undefined) {
		// A JSON number: Amount is currency(16, 2) and the decimal string round-trips exactly at that size.
		fields.Amount = Number(toDecimalString(opportunity.amount.amountMinor, opportunity.amount.currency));
		fields.CurrencyIsoCode = opportunity.amount.currency;
	}
	if (opportunity.stage !== undefined) fields.StageName = opportunity.stage;
	if (opportunity.closeDate !== undefined) fields.CloseDate = opportunity.closeDate;
	if (opportunity.probability !== undefined) fields.Probability = Math.round(opportunity.probability * 10_000) / 100;
	if (opportunity.billingModel !== undefined) fields.P2C_Billing_Model__c = opportunity.billingModel;
	if (opportunity.startDate !== undefined) fields.P2C_Start_Date__c = opportunity.startDate;
	if (opportunity.ownerId !== undefined) fields.OwnerId = opportunity.ownerId;
	if (opportunity.nextStep !== undefined) fields.NextStep = opportunity.nextStep;
	return { ...fields, ...writeExternalRefs(opportunity.externalRefs) };
}
