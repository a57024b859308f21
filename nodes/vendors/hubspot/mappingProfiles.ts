import type { IDataObject } from 'n8n-workflow';
import type { FieldIssue } from '../../shared/canonical/validate';
import { defineProfile, requireObject, VendorRecordError, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	fromCanonicalClient,
	fromCanonicalContact,
	fromCanonicalOpportunity,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	type DealAssociations,
	type HubSpotObject,
} from './records';

const HUBSPOT = { system: 'hubspot', systemName: 'HubSpot' } as const;

// HUBSPOT_DEFINED association type ids (developers.hubspot.com/docs/api/crm/associations, "Association type id values"):
// contact to primary company 1, deal to contact 3, deal to primary company 5.
const CONTACT_TO_PRIMARY_COMPANY = 1;
const DEAL_TO_CONTACT = 3;
const DEAL_TO_PRIMARY_COMPANY = 5;

type Association = { to: { id: string }; types: Array<{ associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }> };
const association = (id: string, typeId: number): Association => ({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] });

/** A HubSpot object as the CRM v3 API returns it: `{ id, properties: { name: "..." } }`, every property a string or null. */
function hubspotObject(raw: unknown, objectName: string, dateProperties: string[], decimalProperties: string[] = []): HubSpotObject {
	const record = requireObject(raw, `HubSpot ${objectName} (an object with id and properties)`);
	const issues: FieldIssue[] = [];
	if (record.id === undefined || record.id === null || record.id === '') issues.push({ path: 'id', rule: 'vendorShape', message: `id is required: a HubSpot ${objectName} has its record id in id` });
	const properties: Record<string, string | null> = {};
	if (!record.properties || typeof record.properties !== 'object' || Array.isArray(record.properties)) {
		issues.push({ path: 'properties', rule: 'vendorShape', message: `properties is required: a HubSpot ${objectName} holds its values in properties` });
	} else {
		for (const [name, value] of Object.entries(record.properties as Record<string, unknown>)) {
			if (value === null || value === undefined) properties[name] = null;
			else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') properties[name] = String(value);
			else issues.push({ path: `properties.${name}`, rule: 'vendorShape', message: `properties.${name} must be a text value, as HubSpot returns every property; got ${Array.isArray(value) ? 'an array' : 'an object'}` });
		}
	}
	// The mappers drop a date they cannot read; here such a date is an exception, not a silent gap.
	for (const name of dateProperties) {
		const value = properties[name];
		if (value && Number.isNaN(/^\d+$/.test(value) ? Number(value) : Date.parse(value))) {
			issues.push({ path: `properties.${name}`, rule: 'date', message: `properties.${name} is "${value}", which is neither an ISO 8601 date nor epoch milliseconds` });
		}
	}
	for (const name of decimalProperties) {
		const value = properties[name];
		if (value && !/^\s*-?[\d,]*\.?\d+\s*$/.test(value)) issues.push({ path: `properties.${name}`, rule: 'decimal', message: `properties.${name} is "${value}", which is not a decimal amount` });
	}
	if (issues.length > 0) throw new VendorRecordError(issues);
	return {
		id: String(record.id),
		properties,
		createdAt: typeof record.createdAt === 'string' ? record.createdAt : undefined,
		updatedAt: typeof record.updatedAt === 'string' ? record.updatedAt : undefined,
		archived: record.archived === true,
	};
}

/** Ids under `associations.<type>.results[]`, as a GET with `?associations=companies,contacts` returns them (one entry per association type, so deduplicated). */
function associatedIds(raw: unknown, ...keys: string[]): string[] {
	const associations = (raw as { associations?: Record<string, { results?: Array<{ id?: unknown }> }> }).associations;
	const ids: string[] = [];
	for (const key of keys) {
		for (const link of associations?.[key]?.results ?? []) {
			if (link?.id !== undefined && link.id !== null && !ids.includes(String(link.id))) ids.push(String(link.id));
		}
	}
	return ids;
}

function associationsFromPayload(payload: IDataObject): Map<number, string[]> {
	const byType = new Map<number, string[]>();
	for (const link of (payload.associations ?? []) as Association[]) {
		for (const type of link.types) byType.set(type.associationTypeId, [...(byType.get(type.associationTypeId) ?? []), String(link.to.id)]);
	}
	return byType;
}

const results = (ids: string[], type: string) => ({ results: ids.map((id) => ({ id, type })) });

export const hubspotClientProfile = defineProfile({
	...HUBSPOT,
	entity: 'client',
	vendorObject: 'company',
	toCanonical: (raw: unknown, context) => toCanonicalClient(hubspotObject(raw, 'company', ['createdate', 'hs_lastmodifieddate']), context),
	write: {
		fromCanonical: (record) => ({ properties: fromCanonicalClient(record) }),
		writableFields: ['name', 'domain', 'phone', 'industry', 'ownerId', 'billingAddress', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => ({ id: remoteId, properties: { ...(payload.properties as IDataObject) } }),
	},
});

export const hubspotContactProfile = defineProfile({
	...HUBSPOT,
	entity: 'contact',
	vendorObject: 'contact',
	toCanonical: (raw: unknown, context) => {
		const record = hubspotObject(raw, 'contact', ['createdate', 'lastmodifieddate']);
		// associatedcompanyid is the primary company; an associations block (if requested) is used when the property is absent.
		const company = record.properties.associatedcompanyid ?? associatedIds(raw, 'companies', 'company')[0] ?? null;
		return toCanonicalContact({ ...record, properties: { ...record.properties, associatedcompanyid: company } }, context);
	},
	write: {
		fromCanonical: (record) => ({
			properties: fromCanonicalContact(record),
			...(record.clientId ? { associations: [association(record.clientId, CONTACT_TO_PRIMARY_COMPANY)] } : {}),
		}),
		writableFields: ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'ownerId', 'clientId', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => {
			const company = associationsFromPayload(payload).get(CONTACT_TO_PRIMARY_COMPANY)?.[0];
			return { id: remoteId, properties: { ...(payload.properties as IDataObject), ...(company ? { associatedcompanyid: company } : {}) } };
		},
	},
});

export const hubspotOpportunityProfile = defineProfile({
	...HUBSPOT,
	entity: 'opportunity',
	vendorObject: 'deal',
	toCanonical: (raw: unknown, context) => {
		const record = hubspotObject(raw, 'deal', ['closedate', 'createdate', 'hs_lastmodifieddate'], ['amount', 'hs_deal_stage_probability']);
		const associations: DealAssociations = { companyIds: associatedIds(raw, 'companies', 'company'), contactIds: associatedIds(raw, 'contacts', 'contact') };
		return toCanonicalOpportunity(record, associations, context);
	},
	write: {
		fromCanonical: (record) => {
			const links = [
				...(record.clientId ? [association(record.clientId, DEAL_TO_PRIMARY_COMPANY)] : []),
				...(record.contactIds ?? []).map((id) => association(id, DEAL_TO_CONTACT)),
			];
			return { properties: fromCanonicalOpportunity(record), ...(links.length > 0 ? { associations: links } : {}) };
		},
		writableFields: ['name', 'amount', 'stage', 'pipeline', 'closeDate', 'startDate', 'billingModel', 'ownerId', 'clientId', 'contactIds', 'externalRefs'],
		recordFromPayload: (payload, remoteId) => {
			const links = associationsFromPayload(payload);
			return {
				id: remoteId,
				properties: { ...(payload.properties as IDataObject) },
				associations: {
					companies: results(links.get(DEAL_TO_PRIMARY_COMPANY) ?? [], 'deal_to_company'),
					contacts: results(links.get(DEAL_TO_CONTACT) ?? [], 'deal_to_contact'),
				},
			};
		},
	},
});

/** HubSpot's built-in mappings: companies, contacts and deals. */
export const hubspotMappingProfiles: RegisteredProfile[] = [hubspotClientProfile, hubspotContactProfile, hubspotOpportunityProfile];
