import { Client, Contact, mapContext, Opportunity } from '../../../nodes/shared/canonical';
import { systemKeys } from '../../../nodes/vendors';
import {
	contactIdsFromRoles,
	fromCanonicalClient,
	fromCanonicalContact,
	fromCanonicalOpportunity,
	refField,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	toInstant,
	websiteToDomain,
	type SalesforceRecord,
} from '../../../nodes/vendors/salesforce/records';
import { salesforceTransport } from '../../../nodes/vendors/salesforce/transport';

// Shaped like the REST API Developer Guide's examples: an `attributes` map, dateTimes with a +0000 offset.
const account: SalesforceRecord = {
	attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/001D000000IRFmaIAH' },
	Id: '001D000000IRFmaIAH',
	Name: 'Test 1',
	Website: 'https://www.acme.com/about',
	Phone: '(415) 555-1212',
	Industry: 'Technology',
	BillingStreet: '1 Market St',
	BillingCity: 'San Francisco',
	BillingState: 'CA',
	BillingPostalCode: '94105',
	BillingCountry: 'USA',
	OwnerId: '005D0000001QX8WIAW',
	CreatedDate: '2013-05-20T20:49:32.000+0000',
	LastModifiedDate: '2013-05-21T08:00:00.000+0000',
	SystemModstamp: '2013-05-21T08:00:05.000+0000',
	P2C_External_Id__c: 'ERP-77',
	P2C_Ref_Xero__c: 'c2a5bd0c-0000-4000-8000-000000000001',
	P2C_Ref_Harvest__c: null,
};

const opportunity: SalesforceRecord = {
	attributes: { type: 'Opportunity', url: '/services/data/v62.0/sobjects/Opportunity/006D000000DhEo5IAF' },
	Id: '006D000000DhEo5IAF',
	Name: 'Edge Emergency Generator',
	AccountId: '001D000000IRFmaIAH',
	Amount: 1250.5,
	CurrencyIsoCode: 'EUR',
	StageName: 'Closed Won',
	CloseDate: '2026-03-31',
	IsClosed: true,
	IsWon: true,
	Probability: 100,
	P2C_Billing_Model__c: 'milestone',
	P2C_Start_Date__c: '2026-04-14',
	OwnerId: '005D0000001QX8WIAW',
	CreatedDate: '2026-01-05T10:00:00.000+0000',
	LastModifiedDate: '2026-03-31T16:20:00.000+0000',
	SystemModstamp: '2026-03-31T16:20:00.000+0000',
	OpportunityContactRoles: {
		totalSize: 2,
		done: true,
		records: [
			{ attributes: { type: 'OpportunityContactRole' }, ContactId: '003D000000QV9n2IAD', IsPrimary: false },
			{ attributes: { type: 'OpportunityContactRole' }, ContactId: '003D000000QV9n3IAD', IsPrimary: true },
		],
	},
};

const context = mapContext({ fetchedAt: '2026-04-01T00:00:00.000Z', correlationId: 'deal-7', defaultCurrency: 'USD', referenceSystems: systemKeys });

describe('Salesforce field values', () => {
	it('reads +0000 dateTimes as ISO 8601 UTC', () => {
		expect(toInstant('2013-05-20T20:49:32.000+0000')).toBe('2013-05-20T20:49:32.000Z');
		expect(toInstant('2013-05-20T22:49:32.000+0200')).toBe('2013-05-20T20:49:32.000Z');
		expect([toInstant(null), toInstant(''), toInstant('soon')]).toEqual([undefined, undefined, undefined]);
	});

	it('turns a Website into a bare domain', () => {
		expect(['https://www.acme.com/about', 'acme.com', 'HTTP://Acme.com?x=1', 'www.acme.com/'].map(websiteToDomain)).toEqual(['acme.com', 'acme.com', 'acme.com', 'acme.com']);
		expect(websiteToDomain(null)).toBeUndefined();
	});

	it('names reference fields after the system key', () => {
		expect([refField('harvest'), refField('businessCentral'), refField('hubspot')]).toEqual(['P2C_Ref_Harvest__c', 'P2C_Ref_BusinessCentral__c', 'P2C_Ref_Hubspot__c']);
	});
});

describe('Account <-> Client', () => {
	it('maps an Account to a valid canonical client with provenance and external references', () => {
		const client = toCanonicalClient(account, context);
		expect(Client.parse(client)).toEqual(client);
		expect(client).toMatchObject({
			id: '001D000000IRFmaIAH',
			name: 'Test 1',
			domain: 'acme.com',
			ownerId: '005D0000001QX8WIAW',
			billingAddress: { line1: '1 Market St', city: 'San Francisco', region: 'CA', postalCode: '94105', country: 'USA' },
			createdAt: '2013-05-20T20:49:32.000Z',
			updatedAt: '2013-05-21T08:00:00.000Z',
			externalRefs: { salesforce: '001D000000IRFmaIAH', key: 'ERP-77', xero: 'c2a5bd0c-0000-4000-8000-000000000001' },
			_meta: { system: 'salesforce', entity: 'client', remoteId: '001D000000IRFmaIAH', correlationId: 'deal-7', remoteUpdatedAt: '2013-05-21T08:00:05.000Z' },
		});
		expect(client.externalRefs.harvest).toBeUndefined();
		expect(client.remoteData).toBeUndefined();
		expect(toCanonicalClient(account, { ...context, includeRaw: true }).remoteData).toBe(account);
	});

	it('writes only the fields given, the two address lines into Billing Street, never the Salesforce id', () => {
		expect(fromCanonicalClient({ name: 'Acme', domain: 'acme.com', billingAddress: { line1: '1 Main St', line2: 'Floor 3', city: 'Leeds' }, externalRefs: { salesforce: '001X', key: 'K-1', harvest: '42' } })).toEqual({
			Name: 'Acme',
			Website: 'acme.com',
			BillingStreet: '1 Main St\nFloor 3',
			BillingCity: 'Leeds',
			P2C_External_Id__c: 'K-1',
			P2C_Ref_Harvest__c: '42',
		});
		expect(fromCanonicalClient({ phone: '+44 1' })).toEqual({ Phone: '+44 1' });
	});
});

describe('Contact <-> Contact', () => {
	const contact: SalesforceRecord = { attributes: { type: 'Contact' }, Id: '003D000000QV9n2IAD', FirstName: 'Rose', LastName: 'Gonzalez', Email: 'rose@edge.example', Phone: null, Title: 'SVP, Procurement', AccountId: '001D000000IRFmaIAH', OwnerId: '005D0000001QX8WIAW', LastModifiedDate: '2026-02-01T12:00:00.000+0000' };

	it('maps a Contact both ways, AccountId as clientId', () => {
		const canonical = toCanonicalContact(contact, context);
		expect(Contact.parse(canonical)).toEqual(canonical);
		expect(canonical).toMatchObject({ firstName: 'Rose', lastName: 'Gonzalez', email: 'rose@edge.example', jobTitle: 'SVP, Procurement', clientId: '001D000000IRFmaIAH', updatedAt: '2026-02-01T12:00:00.000Z' });
		expect(canonical.phone).toBeUndefined();
		expect(fromCanonicalContact({ lastName: 'Roe', jobTitle: 'CFO', clientId: '001X' })).toEqual({ LastName: 'Roe', Title: 'CFO', AccountId: '001X' });
	});
});

describe('Opportunity <-> Opportunity', () => {
	it('maps amount with its currency, percent probability, won status and primary contact first', () => {
		const canonical = toCanonicalOpportunity(opportunity, contactIdsFromRoles(opportunity.OpportunityContactRoles), context);
		expect(Opportunity.parse(canonical)).toEqual(canonical);
		expect(canonical).toMatchObject({
			name: 'Edge Emergency Generator',
			clientId: '001D000000IRFmaIAH',
			contactIds: ['003D000000QV9n3IAD', '003D000000QV9n2IAD'],
			amount: { amountMinor: 125050, currency: 'EUR' },
			stage: 'Closed Won',
			status: 'won',
			probability: 1,
			closeDate: '2026-03-31',
			closedAt: '2026-03-31T00:00:00.000Z',
			billingModel: 'milestone',
			startDate: '2026-04-14',
			externalRefs: { salesforce: '006D000000DhEo5IAF' },
		});
	});

	it('falls back to the default currency in a single-currency org, and reads lost and open deals', () => {
		const singleCurrency: SalesforceRecord = { ...opportunity };
		delete singleCurrency.CurrencyIsoCode;
		expect(toCanonicalOpportunity(singleCurrency, [], { ...context, defaultCurrency: 'JPY' }).amount).toEqual({ amountMinor: 1251, currency: 'JPY' });
		const lost = toCanonicalOpportunity({ ...opportunity, StageName: 'Closed Lost', IsWon: false, Probability: 0 }, [], context);
		expect([lost.status, lost.probability]).toEqual(['lost', 0]);
		const open = toCanonicalOpportunity({ ...opportunity, StageName: 'Proposal/Price Quote', IsClosed: false, IsWon: false, Probability: 75, Amount: null, P2C_Billing_Model__c: 'barter' }, [], context);
		expect(open).toMatchObject({ status: 'open', probability: 0.75 });
		expect([open.closedAt, open.amount, open.billingModel]).toEqual([undefined, undefined, undefined]);
		expect(contactIdsFromRoles(null)).toEqual([]);
	});

	it('writes Amount as a decimal number with CurrencyIsoCode, and probability as a percent', () => {
		expect(fromCanonicalOpportunity({ amount: { amountMinor: 12_500_050, currency: 'EUR' }, probability: 0.755, stage: 'Negotiation/Review', closeDate: '2026-06-30', externalRefs: { harvest: '9' } })).toEqual({
			Amount: 125000.5,
			CurrencyIsoCode: 'EUR',
			Probability: 75.5,
			StageName: 'Negotiation/Review',
			CloseDate: '2026-06-30',
			P2C_Ref_Harvest__c: '9',
		});
		expect(fromCanonicalOpportunity({ amount: { amountMinor: 1250, currency: 'JPY' } })).toEqual({ Amount: 1250, CurrencyIsoCode: 'JPY' });
	});
});

describe('Salesforce error bodies', () => {
	const parse = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => salesforceTransport.parseError({ statusCode, headers, body });

	it('reads the array of {message, errorCode, fields} and names the first field', () => {
		expect(parse(400, [{ message: 'Account ID: id value of incorrect type: 001xx000003DGb2999', errorCode: 'MALFORMED_ID', fields: ['Id'] }])).toMatchObject({ code: 'MALFORMED_ID', field: 'Id', message: 'Account ID: id value of incorrect type: 001xx000003DGb2999' });
		expect(parse(400, [{ message: 'duplicate value found: P2C_External_Id__c duplicates value on record with id: 001A', errorCode: 'DUPLICATE_VALUE', fields: [] }]).field).toBe('P2C_External_Id__c');
		expect(parse(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]).description).toMatch(/expired or invalid/);
	});

	it('reports the allocation from Sforce-Limit-Info on REQUEST_LIMIT_EXCEEDED, and reads OAuth errors', () => {
		const limit = parse(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], { 'Sforce-Limit-Info': 'api-usage=15000/15000' });
		expect(limit).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' });
		expect(limit.description).toContain('api-usage=15000/15000');
		expect(parse(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' })).toEqual({ message: 'invalid_grant: expired access/refresh token', code: 'invalid_grant' });
	});
});
