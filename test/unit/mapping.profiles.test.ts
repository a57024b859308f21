import type { IDataObject } from 'n8n-workflow';
import { canonicalSchemas, mapContext } from '../../nodes/shared/canonical';
import { findProfile as findIn } from '../../nodes/shared/mapping/profiles';
import { mappingProfiles } from '../../nodes/vendors';
const findProfile = (system: string, entity: Parameters<typeof findIn>[2]) => findIn(mappingProfiles, system, entity);
import { VendorRecordError, type RegisteredProfile } from '../../nodes/shared/mapping/profile';
import { toCanonicalOpportunity } from '../../nodes/vendors/hubspot/records';
import { profileFixtures } from './fixtures/mappingProfiles';

const context = mapContext({ fetchedAt: '2026-03-02T09:00:00.000Z', correlationId: 'corr-profiles', defaultCurrency: 'USD' });
const pick = (record: IDataObject, fields: string[]): IDataObject => Object.fromEntries(fields.map((field) => [field, record[field]]));

describe('the profile registry', () => {
	it('holds one profile per system and entity', () => {
		const keys = mappingProfiles.map((profile) => `${profile.system}.${profile.entity}`);
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toEqual(expect.arrayContaining(['hubspot.client', 'hubspot.contact', 'hubspot.opportunity', 'salesforce.client', 'xero.invoice', 'businessCentral.invoice', 'bamboohr.resource']));
	});

	it('has fixtures for every profile and no fixtures without a profile', () => {
		const keys = mappingProfiles.map((profile) => `${profile.system}.${profile.entity}`).sort();
		expect(Object.keys(profileFixtures).sort()).toEqual(keys);
	});
});

describe.each(mappingProfiles.map((profile): [string, RegisteredProfile] => [`${profile.systemName} ${profile.vendorObject} -> ${profile.entity}`, profile]))('%s', (_name, profile) => {
	const fixtures = profileFixtures[`${profile.system}.${profile.entity}`] ?? [];
	const schema = canonicalSchemas[profile.entity];

	it('maps every fixture to a valid canonical record with provenance', () => {
		expect(fixtures.length).toBeGreaterThan(0);
		for (const raw of fixtures) {
			const canonical = profile.toCanonical(raw, context);
			const parsed = schema.safeParse(canonical);
			expect(parsed.error?.issues ?? []).toEqual([]);
			expect(canonical._meta).toMatchObject({ system: profile.system, entity: profile.entity, fetchedAt: context.fetchedAt, correlationId: 'corr-profiles' });
			expect((canonical.externalRefs as IDataObject)[profile.system]).toBe(canonical.id);
		}
	});

	it('names the field when the input is not a vendor record', () => {
		expect(() => profile.toCanonical(['not', 'a', 'record'], context)).toThrow(VendorRecordError);
		let issues: unknown[] = [];
		try {
			profile.toCanonical({ unrelated: true }, context);
		} catch (error) {
			issues = (error as VendorRecordError).issues;
		}
		expect(issues.length).toBeGreaterThan(0);
		expect(issues[0]).toMatchObject({ rule: 'vendorShape' });
	});

	const write = profile.write;
	if (!write) {
		it('is read only', () => expect(profile.write).toBeUndefined());
		return;
	}

	it('writes only fields of the canonical entity', () => {
		const shape = schema.shape as Record<string, unknown>;
		expect(write.writableFields.filter((field) => !(field in shape))).toEqual([]);
	});

	it('round-trips: vendor record -> canonical -> vendor payload -> canonical keeps every writable field', () => {
		for (const raw of fixtures) {
			const first = profile.toCanonical(raw, context);
			const payload = write.fromCanonical(first, { defaultCurrency: context.defaultCurrency });
			const echoed = write.recordFromPayload(payload, String(first.id));
			const again = profile.toCanonical(echoed, context);
			expect(pick(again, write.writableFields)).toEqual(pick(first, write.writableFields));
			expect(schema.safeParse(again).success).toBe(true);
		}
	});

	it('exercises every writable field in some fixture (the round trip is not vacuous)', () => {
		const set = new Set<string>();
		for (const raw of fixtures) {
			const canonical = profile.toCanonical(raw, context);
			for (const field of write.writableFields) {
				const value = canonical[field];
				const empty = value === undefined || (Array.isArray(value) && value.length === 0);
				if (!empty) set.add(field);
			}
		}
		expect(write.writableFields.filter((field) => !set.has(field))).toEqual([]);
	});
});

describe('the HubSpot deal profile is the CRM node\'s mapper', () => {
	it('reads companies and contacts from the associations block, deduplicated', () => {
		const raw = profileFixtures['hubspot.opportunity'][0] as { id: string; properties: Record<string, string> };
		const viaProfile = findProfile('hubspot', 'opportunity')!.toCanonical(raw, context);
		const viaMapper = toCanonicalOpportunity(raw, { companyIds: ['512'], contactIds: ['201', '202'] }, context);
		expect(viaProfile).toEqual(viaMapper);
		expect(viaProfile).toMatchObject({ clientId: '512', contactIds: ['201', '202'], amount: { amountMinor: 150050, currency: 'EUR' }, status: 'won' });
	});

	it('writes the client and contacts as associations of the create body', () => {
		const payload = findProfile('hubspot', 'opportunity')!.write!.fromCanonical({ name: 'New deal', status: 'open', clientId: '512', contactIds: ['201'] }, { defaultCurrency: 'USD' });
		expect(payload).toEqual({
			properties: { dealname: 'New deal' },
			associations: [
				{ to: { id: '512' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }] },
				{ to: { id: '201' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] },
			],
		});
	});

	it('reports an unreadable close date instead of dropping it', () => {
		expect(() => findProfile('hubspot', 'opportunity')!.toCanonical({ id: '9', properties: { dealname: 'x', closedate: 'next friday' } }, context)).toThrow(/properties\.closedate/);
	});
});
