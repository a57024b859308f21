import type { Client, Contact, MapContext, Opportunity } from '../../shared/canonical';
import { BillingModel, money, provenance, toDecimalString } from '../../shared/canonical';

/** A CRM v3 object as HubSpot returns it; every property value is a string or null. */
export interface HubSpotObject {
	id: string;
	properties: Record<string, string | null | undefined>;
	createdAt?: string;
	updatedAt?: string;
	archived?: boolean;
}

export type HubSpotProperties = Record<string, string | null>;

const REF_PREFIX = 'p2c_ref_';
/** Custom property that holds the pack's external id (the upsert key), `externalRefs.key`. */
export const EXTERNAL_ID_PROPERTY = 'p2c_external_id';

/** The custom property (lower case, as HubSpot requires) that holds a cross-system reference: `p2c_ref_<system>`. */
export const refProperty = (system: string): string => `${REF_PREFIX}${system.toLowerCase()}`;

/** Custom properties of the other registered systems' references. */
export function refProperties(referenceSystems: readonly string[]): string[] {
	return referenceSystems.filter((key) => key !== 'hubspot').map(refProperty);
}

const COMPANY_FIELDS = ['name', 'domain', 'phone', 'industry', 'address', 'city', 'state', 'zip', 'country', 'hubspot_owner_id', 'createdate', 'hs_lastmodifieddate', EXTERNAL_ID_PROPERTY];
const CONTACT_FIELDS = ['firstname', 'lastname', 'email', 'phone', 'jobtitle', 'associatedcompanyid', 'hubspot_owner_id', 'createdate', 'lastmodifieddate', EXTERNAL_ID_PROPERTY];
const DEAL_FIELDS = ['dealname', 'amount', 'deal_currency_code', 'dealstage', 'pipeline', 'closedate', 'hs_is_closed', 'hs_is_closed_won', 'hs_deal_stage_probability', 'hubspot_owner_id', 'hs_next_step', 'p2c_billing_model', 'p2c_start_date', 'createdate', 'hs_lastmodifieddate', EXTERNAL_ID_PROPERTY];

/** The properties the pack reads of each object, its reference properties included. */
export const companyProperties = (referenceSystems: readonly string[]): string[] => [...COMPANY_FIELDS, ...refProperties(referenceSystems)];
export const contactProperties = (referenceSystems: readonly string[]): string[] => [...CONTACT_FIELDS, ...refProperties(referenceSystems)];
export const dealProperties = (referenceSystems: readonly string[]): string[] => [...DEAL_FIELDS, ...refProperties(referenceSystems)];

const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value === '' ? undefined : value);
const dateOnly = (value: string | null | undefined): string | undefined => {
	const raw = text(value);
	if (!raw) return undefined;
	const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
};
const instant = (value: string | null | undefined): string | undefined => {
	const raw = text(value);
	if (!raw) return undefined;
	const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

export function readExternalRefs(record: HubSpotObject, referenceSystems: readonly string[]): Record<string, string> {
	const refs: Record<string, string> = { hubspot: record.id };
	const key = text(record.properties[EXTERNAL_ID_PROPERTY]);
	if (key) refs.key = key;
	for (const system of referenceSystems) {
		if (system === 'hubspot') continue;
		const value = text(record.properties[refProperty(system)]);
		if (value) refs[system] = value;
	}
	return refs;
}

export function writeExternalRefs(refs: Record<string, string> | undefined): HubSpotProperties {
	const properties: HubSpotProperties = {};
	for (const [system, value] of Object.entries(refs ?? {})) {
		if (system === 'hubspot') continue;
		if (system === 'key') properties[EXTERNAL_ID_PROPERTY] = value;
		else properties[refProperty(system)] = value;
	}
	return properties;
}

function meta(context: MapContext, entity: string, record: HubSpotObject, updatedProperty: string) {
	return provenance(context, { system: 'hubspot', entity, remoteId: record.id, remoteUpdatedAt: record.updatedAt ?? text(record.properties[updatedProperty]) }, record);
}

export function toCanonicalClient(record: HubSpotObject, context: MapContext): Client {
	const p = record.properties;
	const address = { line1: text(p.address), city: text(p.city), region: text(p.state), postalCode: text(p.zip), country: text(p.country) };
	return {
		schemaVersion: 1,
		id: record.id,
		name: text(p.name) ?? '',
		domain: text(p.domain),
		phone: text(p.phone),
		industry: text(p.industry),
		ownerId: text(p.hubspot_owner_id),
		billingAddress: Object.values(address).some(Boolean) ? address : undefined,
		isActive: record.archived !== true,
		createdAt: instant(p.createdate) ?? record.createdAt,
		updatedAt: instant(p.hs_lastmodifieddate) ?? record.updatedAt,
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'client', record, 'hs_lastmodifieddate'),
	};
}

export function fromCanonicalClient(client: Partial<Client>): HubSpotProperties {
	const properties: HubSpotProperties = {};
	if (client.name !== undefined) properties.name = client.name;
	if (client.domain !== undefined) properties.domain = client.domain;
	if (client.phone !== undefined) properties.phone = client.phone;
	if (client.industry !== undefined) properties.industry = client.industry;
	if (client.ownerId !== undefined) properties.hubspot_owner_id = client.ownerId;
	const address = client.billingAddress;
	if (address) {
		if (address.line1 !== undefined) properties.address = address.line1;
		if (address.city !== undefined) properties.city = address.city;
		if (address.region !== undefined) properties.state = address.region;
		if (address.postalCode !== undefined) properties.zip = address.postalCode;
		if (address.country !== undefined) properties.country = address.country;
	}
	return { ...properties, ...writeExternalRefs(client.externalRefs) };
}

export function toCanonicalContact(record: HubSpotObject, context: MapContext): Contact {
	const p = record.properties;
	return {
		schemaVersion: 1,
		id: record.id,
		firstName: text(p.firstname),
		lastName: text(p.lastname),
		email: text(p.email),
		phone: text(p.phone),
		jobTitle: text(p.jobtitle),
		clientId: text(p.associatedcompanyid),
		ownerId: text(p.hubspot_owner_id),
		createdAt: instant(p.createdate) ?? record.createdAt,
		updatedAt: instant(p.lastmodifieddate) ?? record.updatedAt,
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'contact', record, 'lastmodifieddate'),
	};
}

export function fromCanonicalContact(contact: Partial<Contact>): HubSpotProperties {
	const properties: HubSpotProperties = {};
	if (contact.firstName !== undefined) properties.firstname = contact.firstName;
	if (contact.lastName !== undefined) properties.lastname = contact.lastName;
	if (contact.email !== undefined) properties.email = contact.email;
	if (contact.phone !== undefined) properties.phone = contact.phone;
	if (contact.jobTitle !== undefined) properties.jobtitle = contact.jobTitle;
	if (contact.ownerId !== undefined) properties.hubspot_owner_id = contact.ownerId;
	return { ...properties, ...writeExternalRefs(contact.externalRefs) };
}

/** Associated record ids, read from the v4 associations API by the connector. */
export interface DealAssociations {
	companyIds: string[];
	contactIds: string[];
}

export function toCanonicalOpportunity(record: HubSpotObject, associations: DealAssociations, context: MapContext): Opportunity {
	const p = record.properties;
	const currency = text(p.deal_currency_code) ?? context.defaultCurrency;
	const amount = text(p.amount);
	const status = p.hs_is_closed_won === 'true' ? 'won' : p.hs_is_closed === 'true' ? 'lost' : 'open';
	const billingModel = BillingModel.safeParse(p.p2c_billing_model);
	const probability = text(p.hs_deal_stage_probability);
	return {
		schemaVersion: 1,
		id: record.id,
		name: text(p.dealname) ?? '',
		clientId: associations.companyIds[0],
		contactIds: associations.contactIds,
		amount: amount !== undefined ? money(amount, currency) : undefined,
		stage: text(p.dealstage),
		pipeline: text(p.pipeline),
		status,
		probability: probability !== undefined ? Number(probability) : undefined,
		closeDate: dateOnly(p.closedate),
		closedAt: status === 'open' ? undefined : instant(p.closedate),
		billingModel: billingModel.success ? billingModel.data : undefined,
		startDate: dateOnly(p.p2c_start_date),
		ownerId: text(p.hubspot_owner_id),
		nextStep: text(p.hs_next_step),
		createdAt: instant(p.createdate) ?? record.createdAt,
		updatedAt: instant(p.hs_lastmodifieddate) ?? record.updatedAt,
		externalRefs: readExternalRefs(record, context.referenceSystems),
		...meta(context, 'opportunity', record, 'hs_lastmodifieddate'),
	};
}

export function fromCanonicalOpportunity(opportunity: Partial<Opportunity>): HubSpotProperties {
	const properties: HubSpotProperties = {};
	if (opportunity.name !== undefined) properties.dealname = opportunity.name;
	if (opportunity.amount !== undefined) {
		properties.amount = toDecimalString(opportunity.amount.amountMinor, opportunity.amount.currency);
		properties.deal_currency_code = opportunity.amount.currency;
	}
	if (opportunity.stage !== undefined) properties.dealstage = opportunity.stage;
	if (opportunity.pipeline !== undefined) properties.pipeline = opportunity.pipeline;
	// HubSpot date-time properties take ISO 8601 or epoch milliseconds; midnight UTC for a date.
	if (opportunity.closeDate !== undefined) properties.closedate = `${opportunity.closeDate}T00:00:00.000Z`;
	if (opportunity.startDate !== undefined) properties.p2c_start_date = opportunity.startDate;
	if (opportunity.billingModel !== undefined) properties.p2c_billing_model = opportunity.billingModel;
	if (opportunity.ownerId !== undefined) properties.hubspot_owner_id = opportunity.ownerId;
	if (opportunity.nextStep !== undefined) properties.hs_next_step = opportunity.nextStep;
	return { ...properties, ...writeExternalRefs(opportunity.externalRefs) };
}
