import type { IDataObject } from 'n8n-workflow';
import { HOSTILE_LOOKING_TEXT, INJECTIONS } from '../support/badInput/strings';
import type { BcState } from '../vendors/businessCentral/support';
import { runWrite, SYSTEMS, useAllCredentials, writesTo } from './badInputSupport';
import { useSandbox } from './support';
import type { XeroState } from '../vendors/xero/support';

/**
 * Free text that only looks hostile is data: it is written exactly as given, and every vendor
 * query built from it (SOQL, OData $filter, Xero `where`, HubSpot search) finds the right record,
 * not every record and not none. Proven on the sandbox's state.
 */
const sandbox = useSandbox();
useAllCredentials(sandbox);

const names = Object.values(HOSTILE_LOOKING_TEXT);
const state = async <T>(vendor: string): Promise<T> => await sandbox.admin<T>('GET', `/state/${vendor}`);
const errors = (output: Array<{ json: IDataObject }>): string[] => output.map((item) => String(item.json.error ?? ''));

describe('CRM clients with hostile-looking names', () => {
	it.each([
		['hubspot', (current: IDataObject) => (current.companies as Array<{ properties: IDataObject }>).map((company) => company.properties.name)],
		['salesforce', (current: IDataObject) => (current.Account as IDataObject[]).map((account) => account.Name)],
	])('%s: are created exactly as given, next to malformed records that are refused', async (key, namesIn) => {
		const system = SYSTEMS[key];
		const items = [...names.map((name) => ({ record: { name } })), { record: { name: 'Bad Id Ltd', ownerId: INJECTIONS.soql } }, { record: { name: 'x'.repeat(300) } }];
		const output = await runWrite(system, { resource: 'client', operation: 'create', inputMode: 'json', record: '={{ $json.record }}' }, items);
		expect(output).toHaveLength(items.length);
		expect(errors(output).slice(0, names.length)).toEqual(names.map(() => ''));
		expect(errors(output).slice(names.length)).toEqual([expect.stringContaining(`in item ${names.length} ("Bad Id Ltd"): ownerId`), expect.stringContaining(`in item ${names.length + 1}`)]);
		const stored = namesIn(await state<IDataObject>(key));
		for (const name of names) expect(stored.filter((candidate) => candidate === name)).toHaveLength(1);
		expect(stored).not.toContain('Bad Id Ltd');
	});

	it.each(['hubspot', 'salesforce'])('%s: a stage filter that tries to break out of its query matches nothing', async (key) => {
		const system = SYSTEMS[key];
		const all = await runWrite(system, { resource: 'opportunity', operation: 'list', returnAll: true, filters: {} }, [{}]);
		expect(all.length).toBeGreaterThan(0);
		for (const stage of [INJECTIONS.soql, HOSTILE_LOOKING_TEXT.soqlBreak, HOSTILE_LOOKING_TEXT.backslash]) {
			const found = await runWrite(system, { resource: 'opportunity', operation: 'list', returnAll: true, filters: { stage } }, [{}]);
			expect(found.map((item) => item.json)).toEqual([]);
		}
	});
});

describe('ERP lookups by hostile-looking keys find the one right record', () => {
	it('Xero: a customer keyed by a ContactNumber with quotes and backslashes is updated, not duplicated (where ContactNumber=="...")', async () => {
		const system = SYSTEMS.xero;
		const key = 'K"1\' OR Name!="x" \\ 2';
		const upsert = async (name: string) => await runWrite(system, { resource: 'customer', operation: 'upsert', externalId: key, inputMode: 'json', record: '={{ $json.record }}' }, [{ record: { name } }]);
		expect(errors(await upsert(HOSTILE_LOOKING_TEXT.xeroBreak))).toEqual(['']);
		expect(errors(await upsert(HOSTILE_LOOKING_TEXT.sqlDrop))).toEqual(['']);
		const keyed = (await state<XeroState>('xero')).contacts.filter((contact) => contact.ContactNumber === key);
		expect(keyed.map((contact) => contact.Name)).toEqual([HOSTILE_LOOKING_TEXT.sqlDrop]);
	});

	it('Business Central: a customer No. with quotes is refused before any write; a hostile-looking name is written as given', async () => {
		const system = SYSTEMS.businessCentral;
		const upsert = async (key: string, name: string) => await runWrite(system, { resource: 'customer', operation: 'upsert', externalId: key, inputMode: 'json', record: '={{ $json.record }}' }, [{ record: { name } }]);
		expect(errors(await upsert("O'B' OR 1 EQ 1", 'Quoted Key Ltd'))).toEqual([expect.stringContaining('in item 0: externalId')]);
		expect(writesTo(sandbox, 'businesscentral')).toEqual([]);
		expect(errors(await upsert('OB-7', HOSTILE_LOOKING_TEXT.odataBreak))).toEqual(['']);
		expect(errors(await upsert('OB-7', HOSTILE_LOOKING_TEXT.markup))).toEqual(['']);
		const keyed = (await state<BcState>('businesscentral')).customers.filter((customer) => customer.number === 'OB-7');
		expect(keyed.map((customer) => customer.displayName)).toEqual([HOSTILE_LOOKING_TEXT.markup]);
	});

	it('Xero and Business Central: a draft invoice whose reference breaks quotes is made once, however often it is sent', async () => {
		const xero = await state<XeroState>('xero');
		const bc = await state<BcState>('businesscentral');
		const today = new Date().toISOString().slice(0, 10);
		const cases = [
			{ system: SYSTEMS.xero, reference: 'R"1\' OR Reference!="" \\', clientId: xero.contacts[0].ContactID, line: { accountCode: '200', taxCode: 'OUTPUT2' } },
			{ system: SYSTEMS.businessCentral, reference: "R'1' or 1 eq 1 or ''='", clientId: bc.customers.find((customer) => customer.currencyCode === '')!.id, line: {} },
		];
		for (const { system, reference, clientId, line } of cases) {
			const draft = { clientId, reference, currency: 'GBP', issueDate: today, lines: [{ description: HOSTILE_LOOKING_TEXT.formula, quantity: 1, unitPrice: '100.00', ...line }] };
			const run = async () => await runWrite(system, { resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json.record }}', lineDefaults: {} }, [{ record: draft }]);
			const [first] = await run();
			const [second] = await run();
			expect([first.json.error, second.json.error]).toEqual([undefined, undefined]);
			expect(second.json.id).toBe(first.json.id);
			expect(first.json.reference).toBe(reference);
		}
		expect((await state<XeroState>('xero')).invoices.filter((invoice) => invoice.Reference === cases[0].reference)).toHaveLength(1);
		expect((await state<BcState>('businesscentral')).salesInvoices.filter((invoice) => invoice.externalDocumentNumber === cases[1].reference)).toHaveLength(1);
		// The writes that did happen carried the reference unchanged.
		expect(writesTo(sandbox, 'xero').length).toBeGreaterThan(0);
	});
});
