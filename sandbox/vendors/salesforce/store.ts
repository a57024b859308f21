import type { FirmData } from '../../seed/firm';
import { findField, OBJECTS, OPPORTUNITY_STAGES, type FieldDef, type ObjectDef } from './schema';

/** A stored record: field values as the REST API returns them (dateTimes as `2026-01-31T09:00:00.000+0000`). */
export type SObjectRow = Record<string, unknown> & { Id: string };

/** One entry of a SaveResult's `errors`. */
export interface RecordError {
	statusCode: string;
	message: string;
	fields: string[];
}

export type SaveOutcome = { ok: true; id: string; created: boolean } | { ok: false; errors: RecordError[] };

/** A failure of the whole request (the body does not deserialize, a field does not exist): HTTP 400. */
export class RequestError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
		readonly fields: string[] = [],
	) {
		super(message);
	}
}

/** Salesforce's JSON dateTime: milliseconds and a `+0000` offset. */
export const sfDateTime = (time: number): string => new Date(time).toISOString().replace('Z', '+0000');

const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** The 18-character, case-insensitive form of a 15-character id (3 checksum characters for the upper-case letters). */
export function toId18(id15: string): string {
	let suffix = '';
	for (let block = 0; block < 3; block++) {
		let bits = 0;
		for (let position = 0; position < 5; position++) if (/[A-Z]/.test(id15[block * 5 + position])) bits |= 1 << position;
		suffix += CHECKSUM[bits];
	}
	return id15 + suffix;
}

const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const fail = (statusCode: string, message: string, fields: string[] = []): SaveOutcome => ({ ok: false, errors: [{ statusCode, message, fields }] });
const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';
/** Date.parse rolls 2026-02-30 over to March; a real calendar date survives the round trip. */
const isCalendarDate = (value: string): boolean => {
	const time = Date.parse(`${value}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

export class SalesforceStore {
	tables = new Map<string, Map<string, SObjectRow>>();
	integrationUserId = '';
	private counter = 0;

	table(object: string): Map<string, SObjectRow> {
		let table = this.tables.get(object);
		if (!table) this.tables.set(object, (table = new Map()));
		return table;
	}

	newId(object: ObjectDef): string {
		this.counter += 1;
		return toId18(`${object.keyPrefix}Sb${this.counter.toString(36).toUpperCase().padStart(10, '0')}`);
	}

	/** A record by its 18- or 15-character id. */
	find(object: string, id: string): SObjectRow | undefined {
		const table = this.table(object);
		if (id.length === 18) return table.get(id) ?? table.get(toId18(id.slice(0, 15)));
		return id.length === 15 ? table.get(toId18(id)) : undefined;
	}

	findAnywhere(id: string): { object: string; row: SObjectRow } | undefined {
		for (const object of this.tables.keys()) {
			const row = this.find(object, id);
			if (row) return { object, row };
		}
		return undefined;
	}

	findByField(object: string, field: string, value: unknown): SObjectRow | undefined {
		for (const row of this.table(object).values()) if (row[field] === value) return row;
		return undefined;
	}

	/** A copy of every table, for allOrNone rollbacks. */
	snapshot(): Map<string, Map<string, SObjectRow>> {
		return new Map([...this.tables].map(([name, table]) => [name, new Map([...table].map(([id, row]) => [id, { ...row }]))]));
	}

	restore(snapshot: Map<string, Map<string, SObjectRow>>): void {
		this.tables = snapshot;
	}

	/**
	 * Checks a record body the way deserialization does, before anything is written: every field
	 * exists and every value has the field's JSON type. Failures refuse the whole request.
	 */
	checkBody(object: ObjectDef, body: Record<string, unknown>): Record<string, unknown> {
		const values: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(body)) {
			if (name === 'attributes' || name.toLowerCase() === 'id') continue;
			const field = findField(object, name);
			if (!field) throw new RequestError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
			if (!this.deserializes(field.def, value)) {
				throw new RequestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.def.type} from ${typeof value === 'string' ? 'VALUE_STRING' : 'VALUE'} value ${String(value)} or request may be missing a required field`);
			}
			values[field.name] = value;
		}
		return values;
	}

	private deserializes(def: FieldDef, value: unknown): boolean {
		if (value === null) return true;
		switch (def.type) {
			case 'boolean':
				return typeof value === 'boolean';
			case 'currency':
			case 'percent':
			case 'double':
				return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)));
			case 'date':
				return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value);
			case 'datetime':
				return typeof value === 'string' && !Number.isNaN(Date.parse(value));
			default:
				return typeof value === 'string' || typeof value === 'number';
		}
	}

	/** Validates and writes one record (create, or update of `id`); the record-level errors of a SaveResult. */
	save(object: ObjectDef, values: Record<string, unknown>, userId: string, id?: string): SaveOutcome {
		const existing = id === undefined ? undefined : this.find(object.name, id);
		if (id !== undefined && !existing) {
			if (!new RegExp(`^${object.keyPrefix}[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$`).test(id)) {
				return fail('MALFORMED_ID', `${object.name} ID: id value of incorrect type: ${id}`, ['Id']);
			}
			return fail('ENTITY_IS_DELETED', 'entity is deleted');
		}
		const locked = Object.keys(values).filter((name) => {
			const def = object.fields[name];
			const createable = def.createable ?? true;
			return existing ? !(def.updateable ?? createable) : !createable;
		});
		if (locked.length > 0) {
			return fail('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${locked.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, locked);
		}
		for (const [name, value] of Object.entries(values)) {
			const problem = this.checkValue(name, object.fields[name], value);
			if (problem) return problem;
		}
		const next: Record<string, unknown> = { ...(existing ?? {}), ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value === '' ? null : value])) };
		const missing = Object.entries(object.fields).filter(([name, def]) => def.required && isBlank(next[name])).map(([name]) => name);
		if (missing.length > 0) return fail('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
		for (const [name, def] of Object.entries(object.fields)) {
			if (!def.externalId || isBlank(next[name])) continue;
			const other = this.findByField(object.name, name, next[name]);
			if (other && other.Id !== existing?.Id) {
				return fail('DUPLICATE_VALUE', `duplicate value found: ${name} duplicates value on record with id: ${other.Id}`);
			}
		}
		const now = sfDateTime(Date.now());
		const row = (existing ?? { Id: this.newId(object), IsDeleted: false, CreatedDate: now, CreatedById: userId }) as SObjectRow;
		Object.assign(row, next, { LastModifiedDate: now, LastModifiedById: userId, SystemModstamp: now });
		if (!existing && object.fields.OwnerId && isBlank(row.OwnerId)) row.OwnerId = userId;
		this.derive(object, row, values);
		this.table(object.name).set(row.Id, row);
		return { ok: true, id: row.Id, created: !existing };
	}

	/** Creates or updates by an External ID field's value (UpsertResult `created`). */
	upsert(object: ObjectDef, externalField: string, values: Record<string, unknown>, userId: string): SaveOutcome {
		const key = values[externalField];
		if (isBlank(key)) return fail('MISSING_ARGUMENT', `${externalField} not specified`, [externalField]);
		const existing = this.findByField(object.name, externalField, key);
		return this.save(object, values, userId, existing?.Id);
	}

	private checkValue(name: string, def: FieldDef, value: unknown): SaveOutcome | undefined {
		if (isBlank(value)) return undefined;
		const label = def.label ?? name;
		if (def.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(value))) {
			return fail('INVALID_EMAIL_ADDRESS', `${label}: invalid email address: ${String(value)}`, [name]);
		}
		if (def.restrictedTo && !def.restrictedTo.includes(String(value))) {
			return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${label}: bad value for restricted picklist field: ${String(value)}`, [name]);
		}
		if (def.type === 'reference' && def.referenceTo) {
			const target = OBJECTS[def.referenceTo];
			const id = String(value);
			if (!new RegExp(`^${target.keyPrefix}[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$`).test(id)) {
				return fail('MALFORMED_ID', `${label}: id value of incorrect type: ${id}`, [name]);
			}
			const row = this.find(target.name, id);
			if (!row) return fail('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [name]);
			if (target.name === 'User' && row.IsActive !== true) return fail('INACTIVE_OWNER_OR_USER', 'owner or user is inactive.', [name]);
		}
		return undefined;
	}

	/** Fields Salesforce computes: a contact's Name; an opportunity's IsClosed, IsWon, forecast and default probability. */
	private derive(object: ObjectDef, row: SObjectRow, written: Record<string, unknown>): void {
		if (object.name === 'Contact') row.Name = [row.FirstName, row.LastName].filter((part) => !isBlank(part)).join(' ');
		if (object.name === 'Opportunity') {
			const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.ApiName === row.StageName);
			row.IsClosed = stage?.IsClosed ?? false;
			row.IsWon = stage?.IsWon ?? false;
			row.ForecastCategoryName = stage?.ForecastCategoryName ?? 'Pipeline';
			if ('StageName' in written && !('Probability' in written)) row.Probability = stage?.DefaultProbability ?? null;
			if (typeof row.Amount === 'string') row.Amount = Number(row.Amount);
		}
	}

	/** The seeded firm as an org: users, stages, accounts, contacts, opportunities and their contact roles. */
	seed(firm: FirmData): void {
		this.tables = new Map();
		this.counter = 0;
		const insert = (object: string, values: Record<string, unknown>, created: string, updated: string): SObjectRow => {
			const row: SObjectRow = {
				Id: this.newId(OBJECTS[object]),
				IsDeleted: false,
				CreatedDate: sfDateTime(Date.parse(created)),
				CreatedById: this.integrationUserId,
				LastModifiedDate: sfDateTime(Date.parse(updated)),
				LastModifiedById: this.integrationUserId,
				SystemModstamp: sfDateTime(Date.parse(updated)),
				...values,
			};
			this.table(object).set(row.Id, row);
			return row;
		};
		const orgCreated = '2020-01-06T09:00:00Z';
		const user = (first: string, last: string, email: string, active: boolean, extra: Record<string, unknown>, hired = orgCreated) =>
			insert('User', { Username: email, FirstName: first, LastName: last, Name: `${first} ${last}`, Email: email, IsActive: active, UserType: 'Standard', ...extra }, hired, hired);
		const integrationUser = user('Integration', 'User', 'integration@meridian-advisory.example', true, { Title: 'API integration' });
		this.integrationUserId = integrationUser.Id;
		Object.assign(integrationUser, { CreatedById: integrationUser.Id, LastModifiedById: integrationUser.Id });

		const users = new Map<string, string>();
		for (const person of firm.people) {
			const row = user(person.firstName, person.lastName, person.email, !person.terminationDate, { Title: person.jobTitle, Department: person.department }, `${person.hireDate}T09:00:00Z`);
			users.set(person.key, row.Id);
		}
		OPPORTUNITY_STAGES.forEach((stage, index) =>
			insert('OpportunityStage', { ...stage, MasterLabel: stage.ApiName, IsActive: true, SortOrder: index + 1 }, orgCreated, orgCreated),
		);
		const accounts = new Map<string, string>();
		for (const client of firm.clients) {
			const row = insert('Account', {
				Name: client.name,
				Website: `https://www.${client.domain}`,
				Phone: client.phone,
				Industry: client.industry,
				BillingCity: client.city,
				BillingCountry: client.country,
				CurrencyIsoCode: client.currency,
				OwnerId: users.get(client.ownerKey) ?? this.integrationUserId,
			}, client.createdAt, client.updatedAt);
			accounts.set(client.key, row.Id);
		}
		const contacts = new Map<string, string>();
		for (const contact of firm.contacts) {
			const row = insert('Contact', {
				FirstName: contact.firstName,
				LastName: contact.lastName,
				Name: `${contact.firstName} ${contact.lastName}`,
				Email: contact.email,
				Phone: contact.phone,
				Title: contact.jobTitle,
				AccountId: accounts.get(contact.clientKey),
				OwnerId: this.integrationUserId,
			}, contact.createdAt, contact.updatedAt);
			contacts.set(contact.key, row.Id);
		}
		for (const opportunity of firm.opportunities) {
			const stageName = opportunity.outcome === 'won' ? 'Closed Won' : opportunity.outcome === 'lost' ? 'Closed Lost' : OPEN_STAGES[opportunity.openStageIndex];
			const stage = OPPORTUNITY_STAGES.find((candidate) => candidate.ApiName === stageName)!;
			const row = insert('Opportunity', {
				Name: opportunity.name,
				AccountId: accounts.get(opportunity.clientKey),
				Amount: Number(opportunity.amount),
				CurrencyIsoCode: opportunity.currency,
				StageName: stageName,
				CloseDate: opportunity.closeDate,
				IsClosed: stage.IsClosed,
				IsWon: stage.IsWon,
				Probability: stage.DefaultProbability,
				ForecastCategoryName: stage.ForecastCategoryName,
				P2C_Billing_Model__c: opportunity.billingModel,
				OwnerId: users.get(opportunity.ownerKey) ?? this.integrationUserId,
			}, opportunity.createdAt, opportunity.updatedAt);
			opportunity.contactKeys.forEach((contactKey, index) =>
				insert('OpportunityContactRole', {
					OpportunityId: row.Id,
					ContactId: contacts.get(contactKey),
					Role: index === 0 ? 'Decision Maker' : 'Business User',
					IsPrimary: index === 0,
				}, opportunity.createdAt, opportunity.createdAt),
			);
		}
	}
}
