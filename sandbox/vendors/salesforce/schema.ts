/**
 * The slice of an org's metadata the fake needs: the sObjects the pack touches, their fields'
 * types and access, key prefixes, child relationships, and the pack's custom fields (P2C_*__c)
 * as an admin installs them. Field names and types follow the Object Reference for Salesforce.
 */
import { systemKeys } from '../../../nodes/vendors';

export type FieldType =
	| 'id' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'reference'
	| 'boolean' | 'date' | 'datetime' | 'currency' | 'percent' | 'double';

export interface FieldDef {
	type: FieldType;
	/** Settable on create (default true); system and formula fields are not. */
	createable?: boolean;
	/** Settable on update (default: as createable). */
	updateable?: boolean;
	/** Required on create. */
	required?: boolean;
	/** External ID + Unique: usable as an upsert key and kept unique. */
	externalId?: boolean;
	referenceTo?: string;
	/** Values of a restricted picklist. */
	restrictedTo?: string[];
	/** Label used in validation messages ("Stage: bad value ..."). */
	label?: string;
}

export interface ObjectDef {
	name: string;
	keyPrefix: string;
	fields: Record<string, FieldDef>;
	/** Child relationship name -> child object and its lookup field (e.g. OpportunityContactRoles). */
	children?: Record<string, { object: string; field: string }>;
	/** Whether the REST API may write it in the fake. */
	writable: boolean;
}

/** Currencies enabled in the fake's multi-currency org. */
export const CURRENCIES = ['USD', 'GBP', 'EUR'];

/** The standard sales process stages (OpportunityStage rows of a new org). */
export const OPPORTUNITY_STAGES = [
	{ ApiName: 'Prospecting', DefaultProbability: 10, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Qualification', DefaultProbability: 10, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Needs Analysis', DefaultProbability: 20, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Value Proposition', DefaultProbability: 50, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Id. Decision Makers', DefaultProbability: 60, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Perception Analysis', DefaultProbability: 70, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Proposal/Price Quote', DefaultProbability: 75, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Negotiation/Review', DefaultProbability: 90, IsClosed: false, IsWon: false, ForecastCategoryName: 'Pipeline' },
	{ ApiName: 'Closed Won', DefaultProbability: 100, IsClosed: true, IsWon: true, ForecastCategoryName: 'Closed' },
	{ ApiName: 'Closed Lost', DefaultProbability: 0, IsClosed: true, IsWon: false, ForecastCategoryName: 'Omitted' },
];

const READ_ONLY = { createable: false, updateable: false } as const;
const SYSTEM_FIELDS: Record<string, FieldDef> = {
	Id: { type: 'id', ...READ_ONLY },
	IsDeleted: { type: 'boolean', ...READ_ONLY },
	CreatedDate: { type: 'datetime', ...READ_ONLY },
	CreatedById: { type: 'reference', referenceTo: 'User', ...READ_ONLY },
	LastModifiedDate: { type: 'datetime', ...READ_ONLY },
	LastModifiedById: { type: 'reference', referenceTo: 'User', ...READ_ONLY },
	SystemModstamp: { type: 'datetime', ...READ_ONLY },
};

// The firm creates one reference field per other system the pack has (README, Salesforce set-up).
const REF_SYSTEMS = systemKeys.filter((key) => key !== 'salesforce').map((key) => `${key.charAt(0).toUpperCase()}${key.slice(1)}`);
/** The pack's custom fields: the External ID upsert key and one reference field per other system. */
const PACK_FIELDS: Record<string, FieldDef> = {
	P2C_External_Id__c: { type: 'string', externalId: true, label: 'P2C External Id' },
	...Object.fromEntries(REF_SYSTEMS.map((system) => [`P2C_Ref_${system}__c`, { type: 'string' } satisfies FieldDef])),
};
const OWNED: Record<string, FieldDef> = {
	OwnerId: { type: 'reference', referenceTo: 'User', label: 'Owner ID' },
	CurrencyIsoCode: { type: 'picklist', restrictedTo: CURRENCIES, label: 'Currency ISO Code' },
};

export const OBJECTS: Record<string, ObjectDef> = {
	Account: {
		name: 'Account',
		keyPrefix: '001',
		writable: true,
		fields: {
			...SYSTEM_FIELDS,
			...OWNED,
			Name: { type: 'string', required: true, label: 'Account Name' },
			Website: { type: 'url' },
			Phone: { type: 'phone' },
			Industry: { type: 'picklist' },
			BillingStreet: { type: 'textarea' },
			BillingCity: { type: 'string' },
			BillingState: { type: 'string' },
			BillingPostalCode: { type: 'string' },
			BillingCountry: { type: 'string' },
			...PACK_FIELDS,
		},
		children: { Contacts: { object: 'Contact', field: 'AccountId' }, Opportunities: { object: 'Opportunity', field: 'AccountId' } },
	},
	Contact: {
		name: 'Contact',
		keyPrefix: '003',
		writable: true,
		fields: {
			...SYSTEM_FIELDS,
			...OWNED,
			FirstName: { type: 'string' },
			LastName: { type: 'string', required: true, label: 'Last Name' },
			Name: { type: 'string', ...READ_ONLY },
			Email: { type: 'email', label: 'Email' },
			Phone: { type: 'phone' },
			Title: { type: 'string' },
			AccountId: { type: 'reference', referenceTo: 'Account', label: 'Account ID' },
			...PACK_FIELDS,
		},
	},
	Opportunity: {
		name: 'Opportunity',
		keyPrefix: '006',
		writable: true,
		fields: {
			...SYSTEM_FIELDS,
			...OWNED,
			Name: { type: 'string', required: true, label: 'Name' },
			AccountId: { type: 'reference', referenceTo: 'Account', label: 'Account ID' },
			Amount: { type: 'currency' },
			StageName: { type: 'picklist', required: true, restrictedTo: OPPORTUNITY_STAGES.map((stage) => stage.ApiName), label: 'Stage' },
			CloseDate: { type: 'date', required: true, label: 'Close Date' },
			// Set by Salesforce from the stage; read-only through the API.
			IsClosed: { type: 'boolean', ...READ_ONLY },
			IsWon: { type: 'boolean', ...READ_ONLY },
			Probability: { type: 'percent' },
			ForecastCategoryName: { type: 'picklist', ...READ_ONLY },
			// Standard text(255) field of Opportunity.
			NextStep: { type: 'string', label: 'Next Step' },
			P2C_Billing_Model__c: { type: 'picklist', restrictedTo: ['fixed_fee', 'time_and_materials', 'milestone', 'retainer'], label: 'Billing Model' },
			P2C_Start_Date__c: { type: 'date', label: 'Start Date' },
			...PACK_FIELDS,
		},
		children: { OpportunityContactRoles: { object: 'OpportunityContactRole', field: 'OpportunityId' } },
	},
	OpportunityContactRole: {
		name: 'OpportunityContactRole',
		keyPrefix: '00K',
		writable: true,
		fields: {
			...SYSTEM_FIELDS,
			OpportunityId: { type: 'reference', referenceTo: 'Opportunity', required: true, label: 'Opportunity ID' },
			ContactId: { type: 'reference', referenceTo: 'Contact', required: true, label: 'Contact ID' },
			Role: { type: 'picklist' },
			IsPrimary: { type: 'boolean' },
		},
	},
	OpportunityStage: {
		name: 'OpportunityStage',
		keyPrefix: '01J',
		writable: false,
		fields: {
			...SYSTEM_FIELDS,
			ApiName: { type: 'string', ...READ_ONLY },
			MasterLabel: { type: 'string', ...READ_ONLY },
			IsActive: { type: 'boolean', ...READ_ONLY },
			IsClosed: { type: 'boolean', ...READ_ONLY },
			IsWon: { type: 'boolean', ...READ_ONLY },
			DefaultProbability: { type: 'percent', ...READ_ONLY },
			ForecastCategoryName: { type: 'picklist', ...READ_ONLY },
			SortOrder: { type: 'double', ...READ_ONLY },
		},
	},
	User: {
		name: 'User',
		keyPrefix: '005',
		writable: false,
		fields: {
			...SYSTEM_FIELDS,
			Username: { type: 'string', ...READ_ONLY },
			FirstName: { type: 'string', ...READ_ONLY },
			LastName: { type: 'string', ...READ_ONLY },
			Name: { type: 'string', ...READ_ONLY },
			Email: { type: 'email', ...READ_ONLY },
			IsActive: { type: 'boolean', ...READ_ONLY },
			UserType: { type: 'picklist', ...READ_ONLY },
			Title: { type: 'string', ...READ_ONLY },
			Department: { type: 'string', ...READ_ONLY },
		},
	},
};

/** The object's field definition with the name spelled as the schema spells it (SOQL names are case-insensitive). */
export function findField(object: ObjectDef, name: string): { name: string; def: FieldDef } | undefined {
	const wanted = name.toLowerCase();
	for (const [field, def] of Object.entries(object.fields)) if (field.toLowerCase() === wanted) return { name: field, def };
	return undefined;
}

export function findObject(name: string): ObjectDef | undefined {
	const wanted = name.toLowerCase();
	return Object.values(OBJECTS).find((object) => object.name.toLowerCase() === wanted);
}
