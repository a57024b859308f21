import type { IDataObject } from 'n8n-workflow';
import { defineProfile, inspectVendorRecord, type RegisteredProfile } from '../../shared/mapping/profile';
import {
	contactIdsFromRoles,
	fromCanonicalClient,
	fromCanonicalContact,
	fromCanonicalOpportunity,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	type SalesforceRecord,
} from './records';

const SALESFORCE = { system: 'salesforce', systemName: 'Salesforce' } as const;
const AUDIT_DATES = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

/** A record as the REST API returns it: `attributes`, `Id`, then the fields. */
const sObject = (raw: unknown, type: string, extra: { dates?: string[]; numbers?: string[] } = {}): SalesforceRecord =>
	inspectVendorRecord(raw, { what: `Salesforce ${type} (an object with Id and its fields)`, idField: 'Id', dates: [...AUDIT_DATES, ...(extra.dates ?? [])], numbers: extra.numbers }) as SalesforceRecord;

/** A write accepted by Salesforce reads back as the fields sent, with the record's Id. */
const echo = (type: string) => (payload: IDataObject, remoteId: string): SalesforceRecord => ({ attributes: { type }, Id: remoteId, ...payload });

export const salesforceClientProfile = defineProfile({
	...SALESFORCE,
	entity: 'client',
	vendorObject: 'Account',
	toCanonical: (raw: unknown, context) => toCanonicalClient(sObject(raw, 'Account'), context),
	write: {
		fromCanonical: (record) => fromCanonicalClient(record),
		writableFields: ['name', 'domain', 'phone', 'industry', 'ownerId', 'billingAddress', 'externalRefs'],
		recordFromPayload: echo('Account'),
	},
});

export const salesforceContactProfile = defineProfile({
	...SALESFORCE,
	entity: 'contact',
	vendorObject: 'Contact',
	toCanonical: (raw: unknown, context) => toCanonicalContact(sObject(raw, 'Contact'), context),
	write: {
		fromCanonical: (record) => fromCanonicalContact(record),
		writableFields: ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'clientId', 'ownerId', 'externalRefs'],
		recordFromPayload: echo('Contact'),
	},
});

export const salesforceOpportunityProfile = defineProfile({
	...SALESFORCE,
	entity: 'opportunity',
	vendorObject: 'Opportunity',
	// Contacts come from the OpportunityContactRoles subquery when the record was read with it.
	toCanonical: (raw: unknown, context) => {
		const record = sObject(raw, 'Opportunity', { dates: ['CloseDate', 'P2C_Start_Date__c'], numbers: ['Amount', 'Probability'] });
		return toCanonicalOpportunity(record, contactIdsFromRoles(record.OpportunityContactRoles), context);
	},
	write: {
		fromCanonical: (record) => fromCanonicalOpportunity(record),
		// Contact roles are separate OpportunityContactRole records, not fields of the opportunity.
		writableFields: ['name', 'clientId', 'amount', 'stage', 'closeDate', 'probability', 'billingModel', 'startDate', 'ownerId', 'externalRefs'],
		recordFromPayload: echo('Opportunity'),
	},
});

/** Salesforce's built-in mappings: accounts, contacts and opportunities. */
export const salesforceMappingProfiles: RegisteredProfile[] = [salesforceClientProfile, salesforceContactProfile, salesforceOpportunityProfile];
