import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Erp } from '../../nodes/Erp/Erp.node';
import { Client, Invoice, Payment } from '../../nodes/shared/canonical';
import { bcCredentials, bcErp, businessCentralHelpers } from '../vendors/businessCentral/support';
import { json, run, useSandbox } from './support';
import { credentials as xeroCredentials, erp as xeroErp, xeroHelpers } from '../vendors/xero/support';

/**
 * The switch test: one workflow's canonical operations, run on Xero and on Business Central with
 * only the system and its credential changed (and the bank account, which is the firm's own per
 * ledger), give the same canonical answers from the same firm.
 */
const node = new Erp();
const sandbox = useSandbox();
const xero = xeroHelpers(sandbox);
const bc = businessCentralHelpers(sandbox);

beforeEach(() => {
	xero.useCustomConnection();
	bc.useApp();
});

interface Ledger {
	name: string;
	parameters(parameters: INodeParameters): INodeParameters;
	credentials: Record<string, string>;
	bankAccount: string;
}

const ledgers: Ledger[] = [
	{ name: 'Xero', parameters: xeroErp, credentials: xeroCredentials, bankAccount: '090' },
	{ name: 'Business Central', parameters: bcErp, credentials: bcCredentials, bankAccount: '10100' },
];

const runOn = async (ledger: Ledger, parameters: INodeParameters, items?: IDataObject[]) => json(await run(node, ledger.parameters(parameters), { credentials: ledger.credentials, items }));

/** Runs the same operation on both ledgers. */
const onBoth = async (parameters: INodeParameters, items?: IDataObject[]) => await Promise.all(ledgers.map(async (ledger) => await runOn(ledger, parameters, items)));

const money = (value: unknown) => value as { amountMinor: number; currency: string } | undefined;

/** What must be equal across ledgers: the business facts, not the systems' ids or numbers. */
const invoiceFacts = (record: IDataObject) => {
	const invoice = Invoice.parse(record);
	return {
		reference: invoice.reference,
		status: invoice.status,
		currency: invoice.currency,
		issueDate: invoice.issueDate,
		dueDate: invoice.dueDate,
		subtotal: invoice.subtotal,
		tax: invoice.tax,
		total: invoice.total,
		amountPaid: invoice.amountPaid,
		balance: invoice.balance,
		lines: invoice.lines.map((line) => ({ description: line.description, quantity: line.quantity, unitPrice: line.unitPrice, lineAmount: line.lineAmount })),
	};
};

async function customerIdByName(ledger: Ledger, name: string): Promise<string> {
	const customers = await runOn(ledger, { resource: 'customer', operation: 'list', returnAll: true });
	const found = customers.find((customer) => customer.name === name);
	if (!found) throw new Error(`${ledger.name} has no customer ${name}`);
	return String(found.id);
}

describe('switching the ERP between Xero and Business Central', () => {
	it('lists the same customers', async () => {
		const [onXero, onBc] = await onBoth({ resource: 'customer', operation: 'list', returnAll: true });
		const facts = (records: IDataObject[]) =>
			records.map((record) => Client.parse(record)).map((client) => ({ name: client.name, email: client.email, currency: client.currency, isActive: client.isActive })).sort((a, b) => a.name.localeCompare(b.name));
		expect(onXero.length).toBeGreaterThan(0);
		expect(facts(onBc)).toEqual(facts(onXero));
	});

	it('upserts a customer to the same canonical record, once, on a second run too', async () => {
		const upsert = { resource: 'customer', operation: 'upsert', externalId: 'SWITCH-01', inputMode: 'fields', name: 'Switchboard Partners', fields: { email: 'ap@switchboard.example', currency: 'EUR', phone: '+44 20 7946 0000' } };
		const [[first], [second]] = await onBoth(upsert);
		const facts = (record: IDataObject) => {
			const client = Client.parse(record);
			return { name: client.name, email: client.email, currency: client.currency, phone: client.phone, key: client.externalRefs.key };
		};
		expect(facts(second)).toEqual(facts(first));
		expect(facts(first)).toEqual({ name: 'Switchboard Partners', email: 'ap@switchboard.example', currency: 'EUR', phone: '+44 20 7946 0000', key: 'SWITCH-01' });
		await onBoth({ ...upsert, fields: { email: 'finance@switchboard.example' } });
		expect((await xero.state()).contacts.filter((contact) => contact.Name === 'Switchboard Partners')).toHaveLength(1);
		expect((await bc.state()).customers.filter((customer) => customer.displayName === 'Switchboard Partners')).toHaveLength(1);
	});

	it('creates the same draft from the same canonical invoice: totals, lines and status equal to the minor unit', async () => {
		const canonical = {
			reference: 'SWITCH-INV-1',
			currency: 'GBP',
			issueDate: '2026-11-02',
			dueDate: '2026-12-02',
			status: 'draft',
			lines: [
				{ description: 'Discovery workshop', quantity: 7.5, unitPrice: { amountMinor: 15033, currency: 'GBP' }, lineAmount: { amountMinor: 112748, currency: 'GBP' } },
				{ description: 'Analysis', quantity: 3.25, unitPrice: { amountMinor: 19999, currency: 'GBP' }, lineAmount: { amountMinor: 64997, currency: 'GBP' } },
			],
		};
		const created = await Promise.all(
			ledgers.map(async (ledger) => {
				const clientId = await customerIdByName(ledger, 'Northwind Logistics');
				return await runOn(ledger, { resource: 'invoice', operation: 'createDraft', inputMode: 'json', record: '={{ $json }}' }, [{ ...canonical, clientId }]);
			}),
		);
		const [[onXero], [onBc]] = created;
		expect(invoiceFacts(onBc)).toEqual(invoiceFacts(onXero));
		expect(money(onXero.total)).toEqual({ amountMinor: 177745, currency: 'GBP' });
		expect((await xero.state()).invoices.filter((invoice) => invoice.Reference === 'SWITCH-INV-1')).toHaveLength(1);
		expect((await bc.state()).salesInvoices.filter((invoice) => invoice.externalDocumentNumber === 'SWITCH-INV-1')).toHaveLength(1);
	});

	it('lists the same overdue invoices with the same balances', async () => {
		const [onXero, onBc] = await onBoth({ resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } });
		const facts = (records: IDataObject[]) => records.map(invoiceFacts).sort((a, b) => String(a.reference).localeCompare(String(b.reference)));
		expect(onXero.length).toBeGreaterThan(0);
		expect(facts(onBc)).toEqual(facts(onXero));
	});

	it('records the same payment on the same overdue invoice, with the same effect on it', async () => {
		const [overdueOnXero] = await Promise.all([runOn(ledgers[0], { resource: 'invoice', operation: 'list', returnAll: true, filters: { overdueOnly: true } })]);
		const target = overdueOnXero.map(invoiceFacts).find((invoice) => (invoice.balance?.amountMinor ?? 0) > 5000)!;
		const amount = `25.00 ${target.currency}`;
		const results = await Promise.all(
			ledgers.map(async (ledger) => {
				const [invoice] = await runOn(ledger, { resource: 'invoice', operation: 'list', returnAll: true, filters: { reference: target.reference } });
				const [payment] = await runOn(ledger, {
					resource: 'payment',
					operation: 'record',
					invoiceId: String(invoice.id),
					amount,
					date: '2026-11-20',
					account: { __rl: true, mode: 'id', value: ledger.bankAccount },
					reference: 'SWITCH-PAY-1',
				});
				const [after] = await runOn(ledger, { resource: 'invoice', operation: 'get', invoiceId: String(invoice.id) });
				return { payment: Payment.parse(payment), after: invoiceFacts(after) };
			}),
		);
		const [onXero, onBc] = results;
		const paymentFacts = (payment: Payment) => ({ amount: payment.amount, date: payment.date, reference: payment.reference });
		expect(paymentFacts(onBc.payment)).toEqual(paymentFacts(onXero.payment));
		expect(onXero.payment.amount.amountMinor).toBe(2500);
		expect(onBc.after).toEqual(onXero.after);
		expect(onXero.after.balance?.amountMinor).toBe((target.balance?.amountMinor ?? 0) - 2500);
	});
});
