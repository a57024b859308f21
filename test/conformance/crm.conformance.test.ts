import type { IDataObject } from 'n8n-workflow';
import { Client, Contact, Opportunity } from '../../nodes/shared/canonical';
import { systemsOf } from '../../nodes/vendors';
import { CANONICAL_READS, supports } from '../support/systems';
import { capabilityTests, errorPathTests, expectPaging, firm, holding, idList, poller, runOn, runOne, stored, storedRecord, triggerTests, unique, useConformance, withId, type ErrorPathSpec, type SystemUnderTest } from './support';

/**
 * The CRM contract, run on every registered CRM system with the same inputs and the same canonical
 * outcomes, asserted on the fake's stored records: clients, contacts, opportunities, external
 * references, the trigger's polls, the error paths and the capabilities.
 */
const { sandbox, rows } = useConformance('crm');

const json = { inputMode: 'json', record: '={{ $json.record }}' };
const create = (resource: string) => ({ resource, operation: 'create', ...json });
const sortedNames = (records: IDataObject[]) => records.map((record) => String(record.name)).sort();

const errorPaths: ErrorPathSpec = {
	read: CANONICAL_READS.crm,
	get: { parameters: { resource: 'client', operation: 'get' }, entity: 'client', id: (id) => ({ clientId: id }) },
	badInput: async () => ({
		parameters: create('client'),
		items: [{ record: { name: unique('Conformance Good A') } }, { record: { phone: '+44 20 7946 0001' } }, { record: { name: unique('Conformance Good B') } }],
		field: 'name',
	}),
};

describe.each(rows)('%s', (_name, system: SystemUnderTest) => {
	const name = system.displayName;

	describe('clients', () => {
		test(`${name}: client list pages, and lists the seeded firm's clients`, async () => {
			const all = await expectPaging(system, { resource: 'client', operation: 'list' });
			expect(sortedNames(all)).toEqual(expect.arrayContaining(firm.clients.map((client) => client.name).sort()));
			for (const record of all) expect(withId(stored(sandbox, system, 'client'), record.id)).toHaveLength(1);
		});

		test(`${name}: client get returns the stored client`, async () => {
			const [listed] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1 });
			const client = Client.parse(await runOne(system, { resource: 'client', operation: 'get', clientId: String(listed.id) }));
			expect({ id: client.id, name: client.name }).toEqual({ id: String(listed.id), name: listed.name });
			expect(holding([storedRecord(sandbox, system, 'client', client.id)], client.name)).toHaveLength(1);
		});

		test(`${name}: client create stores the client with its name`, async () => {
			const clientName = unique('Conformance Client');
			const created = Client.parse(await runOne(system, create('client'), { record: { name: clientName, domain: 'conformance.example' } }));
			expect(created.name).toBe(clientName);
			expect(holding([storedRecord(sandbox, system, 'client', created.id)], clientName)).toHaveLength(1);
		});

		test(`${name}: client update changes the stored client`, async () => {
			const [listed] = await runOn(system, { resource: 'client', operation: 'list', returnAll: false, limit: 1 });
			const phone = `+44 20 7946 ${String(Date.now()).slice(-4)}`;
			const updated = Client.parse(await runOne(system, { resource: 'client', operation: 'update', clientId: String(listed.id), ...json }, { record: { phone } }));
			expect({ id: updated.id, phone: updated.phone }).toEqual({ id: String(listed.id), phone });
			expect(holding([storedRecord(sandbox, system, 'client', listed.id)], phone)).toHaveLength(1);
			expect(Client.parse(await runOne(system, { resource: 'client', operation: 'get', clientId: String(listed.id) })).phone).toBe(phone);
		});

		if (supports(system, 'client', 'upsert')) {
			test(`${name}: client upsert twice by one external ID leaves one client, updated`, async () => {
				const externalId = unique('EXT').replace(/\s/g, '-');
				const clientName = unique('Conformance Upsert');
				const upsert = { resource: 'client', operation: 'upsert', externalId, ...json };
				const first = Client.parse(await runOne(system, upsert, { record: { name: clientName } }));
				const second = Client.parse(await runOne(system, upsert, { record: { name: clientName, phone: '+44 20 7946 0999' } }));
				expect(second.id).toBe(first.id);
				expect(first.externalRefs.key).toBe(externalId);
				expect(holding(stored(sandbox, system, 'client'), externalId)).toHaveLength(1);
				expect(holding([storedRecord(sandbox, system, 'client', first.id)], '+44 20 7946 0999')).toHaveLength(1);
			});
		}
	});

	describe('contacts', () => {
		test(`${name}: contact list pages, and lists the seeded firm's contacts`, async () => {
			const all = await expectPaging(system, { resource: 'contact', operation: 'list' });
			expect(all.map((record) => String(record.email)).sort()).toEqual(expect.arrayContaining(firm.contacts.map((contact) => contact.email).sort()));
		});

		test(`${name}: contact get returns the stored contact`, async () => {
			const [listed] = await runOn(system, { resource: 'contact', operation: 'list', returnAll: false, limit: 1 });
			const contact = Contact.parse(await runOne(system, { resource: 'contact', operation: 'get', contactId: String(listed.id) }));
			expect({ id: contact.id, email: contact.email }).toEqual({ id: String(listed.id), email: listed.email });
			expect(holding([storedRecord(sandbox, system, 'contact', contact.id)], String(contact.email))).toHaveLength(1);
		});

		test(`${name}: contact create stores the contact with its e-mail`, async () => {
			const email = `${unique('conformance').replace(/\s/g, '.')}@conformance.example`;
			const created = Contact.parse(await runOne(system, create('contact'), { record: { email, firstName: 'Conny', lastName: 'Formance' } }));
			expect({ email: created.email, lastName: created.lastName }).toEqual({ email, lastName: 'Formance' });
			expect(holding([storedRecord(sandbox, system, 'contact', created.id)], email)).toHaveLength(1);
		});

		test(`${name}: contact update changes the stored contact`, async () => {
			const [listed] = await runOn(system, { resource: 'contact', operation: 'list', returnAll: false, limit: 1 });
			const jobTitle = unique('Conformance Lead');
			const updated = Contact.parse(await runOne(system, { resource: 'contact', operation: 'update', contactId: String(listed.id), ...json }, { record: { jobTitle } }));
			expect({ id: updated.id, jobTitle: updated.jobTitle }).toEqual({ id: String(listed.id), jobTitle });
			expect(holding([storedRecord(sandbox, system, 'contact', listed.id)], jobTitle)).toHaveLength(1);
			expect(Contact.parse(await runOne(system, { resource: 'contact', operation: 'get', contactId: String(listed.id) })).jobTitle).toBe(jobTitle);
		});

		if (supports(system, 'contact', 'upsert')) {
			test(`${name}: contact upsert twice by one external ID leaves one contact`, async () => {
				const externalId = unique('EXT').replace(/\s/g, '-');
				const email = `${externalId.toLowerCase()}@conformance.example`;
				const upsert = { resource: 'contact', operation: 'upsert', externalId, ...json };
				const first = Contact.parse(await runOne(system, upsert, { record: { email, lastName: 'First' } }));
				const second = Contact.parse(await runOne(system, upsert, { record: { email, lastName: 'Second' } }));
				expect(second.id).toBe(first.id);
				expect(holding(stored(sandbox, system, 'contact'), externalId)).toHaveLength(1);
				expect(holding([storedRecord(sandbox, system, 'contact', first.id)], 'Second')).toHaveLength(1);
			});
		}
	});

	describe('opportunities', () => {
		test(`${name}: opportunity list filtered by status pages, and lists the seeded firm's won deals`, async () => {
			const won = await expectPaging(system, { resource: 'opportunity', operation: 'list', filters: { status: 'won' } });
			expect(won.every((record) => Opportunity.parse(record).status === 'won')).toBe(true);
			expect(sortedNames(won)).toEqual(firm.opportunities.filter((opportunity) => opportunity.outcome === 'won').map((opportunity) => opportunity.name).sort());
		});

		test(`${name}: opportunity get returns the stored opportunity`, async () => {
			const [listed] = await runOn(system, { resource: 'opportunity', operation: 'list', returnAll: false, limit: 1 });
			const opportunity = Opportunity.parse(await runOne(system, { resource: 'opportunity', operation: 'get', opportunityId: String(listed.id) }));
			expect({ id: opportunity.id, name: opportunity.name }).toEqual({ id: String(listed.id), name: listed.name });
			expect(holding([storedRecord(sandbox, system, 'opportunity', opportunity.id)], String(opportunity.name))).toHaveLength(1);
		});

		test(`${name}: opportunity update changes the stored opportunity`, async () => {
			const [listed] = await runOn(system, { resource: 'opportunity', operation: 'list', returnAll: false, limit: 1, filters: { status: 'open' } });
			const nextStep = unique('Send the statement of work');
			const updated = Opportunity.parse(await runOne(system, { resource: 'opportunity', operation: 'update', opportunityId: String(listed.id), ...json }, { record: { nextStep } }));
			expect(updated.nextStep).toBe(nextStep);
			expect(holding([storedRecord(sandbox, system, 'opportunity', listed.id)], nextStep)).toHaveLength(1);
		});

		if (supports(system, 'opportunity', 'setExternalRefs')) {
			test(`${name}: opportunity setExternalRefs writes another system's id onto the deal`, async () => {
				// Any registered system of another category: the key a PSA or ERP step would write.
				const other = [...systemsOf('psa'), ...systemsOf('erp')][0].key;
				const [listed] = await runOn(system, { resource: 'opportunity', operation: 'list', returnAll: false, limit: 1, filters: { status: 'won' } });
				const remoteId = String(Date.now()).slice(-7);
				const result = Opportunity.parse(await runOne(system, { resource: 'opportunity', operation: 'setExternalRefs', opportunityId: String(listed.id), references: { reference: [{ system: other, remoteId }] } }));
				expect(result.externalRefs[other]).toBe(remoteId);
				expect(holding([storedRecord(sandbox, system, 'opportunity', listed.id)], remoteId)).toHaveLength(1);
				expect(Opportunity.parse(await runOne(system, { resource: 'opportunity', operation: 'get', opportunityId: String(listed.id) })).externalRefs[other]).toBe(remoteId);
			});
		}
	});

	describe('trigger', () => {
		triggerTests(system);

		test(`${name}: trigger clientChanged emits a client created between polls, once`, async () => {
			const trigger = poller(system, 'clientChanged');
			expect(await trigger.poll()).toEqual([]);
			const created = await runOne(system, create('client'), { record: { name: unique('Conformance Polled') } });
			expect(idList(await trigger.poll()).filter((id) => id === String(created.id))).toHaveLength(1);
			expect(idList(await trigger.poll())).not.toContain(String(created.id));
		});
	});

	describe('errors', () => errorPathTests(sandbox, system, errorPaths));
	describe('capabilities', () => capabilityTests(sandbox, system));
});
