import type { FirmData } from '../../seed/firm';

/** HubSpot CRM record as the v3 objects API returns it: every property value is a string. */
export interface HubSpotRecord {
	id: string;
	properties: Record<string, string | null>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}

export type HubSpotObjectType = 'companies' | 'contacts' | 'deals';

export interface Association {
	fromType: HubSpotObjectType;
	fromId: string;
	toType: HubSpotObjectType;
	toId: string;
	typeId: number;
}

// HUBSPOT_DEFINED association type ids (developers.hubspot.com/docs/api/crm/associations, "Association type id values").
export const ASSOCIATION_TYPE_IDS: Record<string, number> = {
	'contacts>companies': 279,
	'companies>contacts': 280,
	'deals>contacts': 3,
	'contacts>deals': 4,
	'deals>companies': 341,
	'companies>deals': 342,
};

/** Default deal pipeline stages (HubSpot's "Sales Pipeline"). */
export const DEAL_STAGES = [
	{ id: 'appointmentscheduled', label: 'Appointment Scheduled', probability: '0.2', isClosed: 'false' },
	{ id: 'qualifiedtobuy', label: 'Qualified To Buy', probability: '0.4', isClosed: 'false' },
	{ id: 'presentationscheduled', label: 'Presentation Scheduled', probability: '0.6', isClosed: 'false' },
	{ id: 'decisionmakerboughtin', label: 'Decision Maker Bought-In', probability: '0.8', isClosed: 'false' },
	{ id: 'contractsent', label: 'Contract Sent', probability: '0.9', isClosed: 'false' },
	{ id: 'closedwon', label: 'Closed Won', probability: '1.0', isClosed: 'true' },
	{ id: 'closedlost', label: 'Closed Lost', probability: '0.0', isClosed: 'true' },
];

/** Properties whose values HubSpot keeps unique (usable as `idProperty`). */
export const UNIQUE_PROPERTIES: Record<HubSpotObjectType, string[]> = {
	companies: ['hs_object_id', 'p2c_external_id'],
	contacts: ['hs_object_id', 'email', 'p2c_external_id'],
	deals: ['hs_object_id', 'p2c_external_id'],
};

/** Properties returned when a request names none (the API's per-object defaults). */
export const DEFAULT_PROPERTIES: Record<HubSpotObjectType, string[]> = {
	companies: ['name', 'domain', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
	contacts: ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'],
	deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** An owner as GET /crm/v3/owners answers it (developers.hubspot.com/docs/api/crm/owners): a user (PERSON) or a QUEUE. */
export interface Owner {
	id: string;
	email: string;
	type: 'PERSON' | 'QUEUE';
	firstName: string;
	lastName: string;
	userId: number;
	userIdIncludingInactive: number;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}

export class HubSpotStore {
	objects: Record<HubSpotObjectType, Map<string, HubSpotRecord>> = { companies: new Map(), contacts: new Map(), deals: new Map() };
	associations: Association[] = [];
	owners: Owner[] = [];
	private nextId = 1000;

	newId(): string {
		this.nextId += 1;
		return String(this.nextId * 7 + 3);
	}

	seed(firm: FirmData): void {
		this.objects = { companies: new Map(), contacts: new Map(), deals: new Map() };
		this.associations = [];
		this.nextId = 1000;
		const ownerIds = new Map<string, string>();
		this.owners = firm.people
			.filter((person) => person.department === 'Strategy')
			.map((person, index) => {
				const id = String(70_000_000 + index + 1);
				ownerIds.set(person.key, id);
				return {
					id,
					email: person.email,
					firstName: person.firstName,
					lastName: person.lastName,
					type: 'PERSON' as const,
					userId: 9_000_000 + index,
					userIdIncludingInactive: 9_000_000 + index,
					createdAt: `${person.hireDate}T09:00:00.000Z`,
					updatedAt: `${person.hireDate}T09:00:00.000Z`,
					archived: false,
				};
			});
		const companyIds = new Map<string, string>();
		for (const client of firm.clients) {
			const record = this.insert('companies', {
				name: client.name,
				domain: client.domain,
				industry: client.industry,
				city: client.city,
				country: client.country,
				phone: client.phone,
				hubspot_owner_id: ownerIds.get(client.ownerKey) ?? null,
			}, client.createdAt, client.updatedAt);
			companyIds.set(client.key, record.id);
		}
		const contactIds = new Map<string, string>();
		for (const contact of firm.contacts) {
			const record = this.insert('contacts', {
				firstname: contact.firstName,
				lastname: contact.lastName,
				email: contact.email,
				phone: contact.phone,
				jobtitle: contact.jobTitle,
				associatedcompanyid: companyIds.get(contact.clientKey) ?? null,
			}, contact.createdAt, contact.updatedAt);
			contactIds.set(contact.key, record.id);
			this.associate('contacts', record.id, 'companies', companyIds.get(contact.clientKey)!);
		}
		for (const opportunity of firm.opportunities) {
			const stage = opportunity.outcome === 'won' ? 'closedwon' : opportunity.outcome === 'lost' ? 'closedlost' : DEAL_STAGES[opportunity.openStageIndex].id;
			const record = this.insert('deals', {
				dealname: opportunity.name,
				amount: opportunity.amount,
				deal_currency_code: opportunity.currency,
				dealstage: stage,
				pipeline: 'default',
				closedate: `${opportunity.closeDate}T00:00:00.000Z`,
				hubspot_owner_id: ownerIds.get(opportunity.ownerKey) ?? null,
				p2c_billing_model: opportunity.billingModel,
			}, opportunity.createdAt, opportunity.updatedAt);
			this.associate('deals', record.id, 'companies', companyIds.get(opportunity.clientKey)!);
			for (const contactKey of opportunity.contactKeys) this.associate('deals', record.id, 'contacts', contactIds.get(contactKey)!);
		}
	}

	insert(type: HubSpotObjectType, properties: Record<string, string | null>, createdAt?: string, updatedAt?: string): HubSpotRecord {
		const id = this.newId();
		const now = new Date().toISOString();
		const record: HubSpotRecord = {
			id,
			properties: {},
			createdAt: createdAt ?? now,
			updatedAt: updatedAt ?? now,
			archived: false,
		};
		this.applyProperties(type, record, properties, record.updatedAt);
		record.properties.createdate = record.createdAt;
		record.properties.hs_object_id = id;
		this.objects[type].set(id, record);
		return record;
	}

	update(type: HubSpotObjectType, record: HubSpotRecord, properties: Record<string, string | null>): HubSpotRecord {
		record.updatedAt = new Date().toISOString();
		this.applyProperties(type, record, properties, record.updatedAt);
		return record;
	}

	private applyProperties(type: HubSpotObjectType, record: HubSpotRecord, properties: Record<string, string | null>, updatedAt: string): void {
		for (const [key, value] of Object.entries(properties)) {
			record.properties[key] = value === null || value === undefined ? null : String(value);
		}
		record.properties[type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate'] = updatedAt;
		if (type === 'deals') {
			// Calculated properties HubSpot keeps from the stage.
			const stage = DEAL_STAGES.find((candidate) => candidate.id === record.properties.dealstage);
			record.properties.hs_is_closed = stage?.isClosed ?? 'false';
			record.properties.hs_is_closed_won = String(record.properties.dealstage === 'closedwon');
			record.properties.hs_deal_stage_probability = stage?.probability ?? null;
		}
	}

	findByProperty(type: HubSpotObjectType, property: string, value: string): HubSpotRecord | undefined {
		if (property === 'hs_object_id') return this.objects[type].get(value);
		const wanted = property === 'email' ? value.toLowerCase() : value;
		for (const record of this.objects[type].values()) {
			const current = record.properties[property];
			if (!record.archived && (property === 'email' ? current?.toLowerCase() : current) === wanted) return record;
		}
		return undefined;
	}

	associate(fromType: HubSpotObjectType, fromId: string, toType: HubSpotObjectType, toId: string): void {
		const exists = (a: HubSpotObjectType, aId: string, b: HubSpotObjectType, bId: string) =>
			this.associations.some((link) => link.fromType === a && link.fromId === aId && link.toType === b && link.toId === bId);
		if (!exists(fromType, fromId, toType, toId)) {
			this.associations.push({ fromType, fromId, toType, toId, typeId: ASSOCIATION_TYPE_IDS[`${fromType}>${toType}`] ?? 1 });
		}
		if (!exists(toType, toId, fromType, fromId)) {
			this.associations.push({ fromType: toType, fromId: toId, toType: fromType, toId: fromId, typeId: ASSOCIATION_TYPE_IDS[`${toType}>${fromType}`] ?? 1 });
		}
	}

	associationsOf(fromType: HubSpotObjectType, fromId: string, toType: HubSpotObjectType): Association[] {
		return this.associations.filter((link) => link.fromType === fromType && link.fromId === fromId && link.toType === toType);
	}
}
