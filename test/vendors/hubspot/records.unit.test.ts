import { Client, Contact, mapContext, Opportunity } from '../../../nodes/shared/canonical';
import { systemKeys } from '../../../nodes/vendors';
import {
	fromCanonicalClient,
	fromCanonicalOpportunity,
	toCanonicalClient,
	toCanonicalContact,
	toCanonicalOpportunity,
	type HubSpotObject,
} from '../../../nodes/vendors/hubspot/records';

// Shaped like the examples of HubSpot's CRM v3 objects reference: every property value is a string.
const company: HubSpotObject = {
	id: '512',
	properties: {
		name: 'Biglytics',
		domain: 'biglytics.net',
		city: 'Cambridge',
		state: 'Massachusetts',
		zip: '02139',
		country: 'United States',
		phone: '(877) 929-0687',
		industry: 'Technology',
		createdate: '2019-10-30T03:30:17.883Z',
		hs_lastmodifieddate: '2019-12-07T16:50:06.678Z',
		hs_object_id: '512',
		p2c_external_id: 'ERP-77',
		p2c_ref_xero: 'c2a5bd0c-0000-4000-8000-000000000001',
	},
	createdAt: '2019-10-30T03:30:17.883Z',
	updatedAt: '2019-12-07T16:50:06.678Z',
	archived: false,
};

const deal: HubSpotObject = {
	id: '1001',
	properties: {
		dealname: 'Biglytics - Data platform',
		amount: '1500.00',
		deal_currency_code: 'EUR',
		dealstage: 'closedwon',
		pipeline: 'default',
		closedate: '2019-12-07T16:50:06.678Z',
		hs_is_closed: 'true',
		hs_is_closed_won: 'true',
		hs_deal_stage_probability: '1.0',
		hubspot_owner_id: '910901',
		p2c_billing_model: 'time_and_materials',
		p2c_start_date: '2020-01-06',
		createdate: '2019-10-30T03:30:17.883Z',
		hs_lastmodifieddate: '2019-12-07T16:50:06.678Z',
		p2c_ref_harvest: '334455',
	},
	updatedAt: '2019-12-07T16:50:06.678Z',
};

const context = mapContext({ fetchedAt: '2026-11-22T09:00:00.000Z', correlationId: 'run-1', defaultCurrency: 'USD', referenceSystems: systemKeys });

describe('HubSpot company <-> canonical Client', () => {
	it('maps a company with provenance and references', () => {
		const client = Client.parse(toCanonicalClient(company, context));
		expect(client).toMatchObject({
			id: '512',
			name: 'Biglytics',
			domain: 'biglytics.net',
			billingAddress: { city: 'Cambridge', region: 'Massachusetts', postalCode: '02139', country: 'United States' },
			externalRefs: { hubspot: '512', key: 'ERP-77', xero: 'c2a5bd0c-0000-4000-8000-000000000001' },
			_meta: { system: 'hubspot', entity: 'client', remoteId: '512', fetchedAt: '2026-11-22T09:00:00.000Z', correlationId: 'run-1', remoteUpdatedAt: '2019-12-07T16:50:06.678Z' },
		});
		expect(client.remoteData).toBeUndefined();
		expect(toCanonicalClient(company, { ...context, includeRaw: true }).remoteData).toBe(company);
	});

	it('round-trips through the vendor payload', () => {
		const properties = fromCanonicalClient(toCanonicalClient(company, context));
		const back = toCanonicalClient({ ...company, properties: { ...properties, createdate: company.properties.createdate, hs_lastmodifieddate: company.properties.hs_lastmodifieddate } }, context);
		expect(back).toEqual(toCanonicalClient(company, context));
		expect(properties).not.toHaveProperty('p2c_ref_hubspot');
	});
});

describe('HubSpot contact -> canonical Contact', () => {
	it('reads the associated company id', () => {
		const contact = Contact.parse(
			toCanonicalContact({ id: '51', properties: { firstname: 'Brian', lastname: 'Halligan', email: 'bh@hubspot.com', associatedcompanyid: '512', lastmodifieddate: '2019-12-07T16:50:06.678Z' } }, context),
		);
		expect(contact).toMatchObject({ firstName: 'Brian', clientId: '512', email: 'bh@hubspot.com' });
	});
});

describe('HubSpot deal <-> canonical Opportunity', () => {
	it('maps status, money in minor units, dates and associations', () => {
		const opportunity = Opportunity.parse(toCanonicalOpportunity(deal, { companyIds: ['512'], contactIds: ['51', '52'] }, context));
		expect(opportunity).toMatchObject({
			status: 'won',
			amount: { amountMinor: 150000, currency: 'EUR' },
			closeDate: '2019-12-07',
			closedAt: '2019-12-07T16:50:06.678Z',
			probability: 1,
			clientId: '512',
			contactIds: ['51', '52'],
			billingModel: 'time_and_materials',
			startDate: '2020-01-06',
			externalRefs: { hubspot: '1001', harvest: '334455' },
		});
	});

	it('uses the default currency when the deal has none, and reads open and lost deals', () => {
		const open = toCanonicalOpportunity({ ...deal, properties: { ...deal.properties, deal_currency_code: null, hs_is_closed: 'false', hs_is_closed_won: 'false', dealstage: 'contractsent' } }, { companyIds: [], contactIds: [] }, context);
		expect(open).toMatchObject({ status: 'open', amount: { currency: 'USD' }, closedAt: undefined, clientId: undefined });
		const lost = toCanonicalOpportunity({ ...deal, properties: { ...deal.properties, hs_is_closed_won: 'false' } }, { companyIds: [], contactIds: [] }, context);
		expect(lost.status).toBe('lost');
	});

	it('ignores a billing model HubSpot holds that the model does not know', () => {
		const odd = toCanonicalOpportunity({ ...deal, properties: { ...deal.properties, p2c_billing_model: 'barter' } }, { companyIds: [], contactIds: [] }, context);
		expect(odd.billingModel).toBeUndefined();
	});

	it('writes amounts as decimal strings with the currency, dates as midnight UTC', () => {
		expect(fromCanonicalOpportunity({ amount: { amountMinor: 12_500_050, currency: 'EUR' }, closeDate: '2026-12-31', externalRefs: { harvest: '9' } })).toEqual({
			amount: '125000.50',
			deal_currency_code: 'EUR',
			closedate: '2026-12-31T00:00:00.000Z',
			p2c_ref_harvest: '9',
		});
	});
});
