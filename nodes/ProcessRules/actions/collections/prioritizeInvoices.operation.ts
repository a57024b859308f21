import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Client, Invoice, Payment, toDecimalString } from '../../../shared/canonical';
import { asOfParameter, asOfProperty, listProperty, numberParameter, parameter, recordList, recordsFromItems, ruleParameter } from '../../parameters';
import { DEFAULT_PRIORITY_POLICY, lastPaymentByInvoice, paymentHistoryByClient, priorityScore, type PriorityPolicy } from '../../rules/collections/priority';
import { daysOverdue, openBalance } from '../../rules/collections/receivables';
import { batchOperation, type RulesRun } from '../../types';

const description: INodeProperties[] = [
	listProperty('Payments', 'payments', 'Canonical payments (the last one per invoice, and paying late before)', "e.g. {{ $('Payments This Year').all() }}"),
	listProperty('Invoice History', 'invoiceHistory', 'Canonical invoices, paid ones included, for each customer\'s paying late before; empty uses the input invoices', "e.g. {{ $('Open and Recent Invoices').all() }}"),
	listProperty('Customers', 'customers', 'Canonical ERP customers: name, domain and e-mail on each item', "e.g. {{ $('Customers in ERP').all() }}"),
	{ displayName: 'Large Balance', name: 'largeBalance', type: 'number', default: 50000, description: 'The balance, in each invoice\'s currency, that scores full marks for amount' },
	{ displayName: 'Full Score at Days Overdue', name: 'fullScoreDays', type: 'number', typeOptions: { minValue: 1 }, default: 90 },
	{ displayName: 'Sort by Priority', name: 'sortByPriority', type: 'boolean', default: true, description: 'Whether the highest priority comes first' },
	asOfProperty,
	{
		displayName: 'Weights',
		name: 'weights',
		type: 'collection',
		placeholder: 'Change a Weight',
		default: {},
		options: [
			{ displayName: 'Amount Weight', name: 'amountWeight', type: 'number', default: 40 },
			{ displayName: 'Days Overdue Weight', name: 'daysWeight', type: 'number', default: 40 },
			{ displayName: 'Payment History Weight', name: 'historyWeight', type: 'number', default: 20 },
			{ displayName: 'Late Share Without History', name: 'unknownHistoryLateShare', type: 'number', typeOptions: { minValue: 0, maxValue: 1 }, default: 0.5, description: 'Share of late payments assumed for a customer with no paid invoice yet' },
		],
	},
];

function readPriorityPolicy(run: RulesRun): PriorityPolicy {
	const weights = parameter<IDataObject>(run, 'weights', 0, {});
	const weight = (name: keyof PriorityPolicy) => (weights[name] === undefined ? (DEFAULT_PRIORITY_POLICY[name] as number) : Number(weights[name]));
	return {
		largeBalance: numberParameter(run, 'largeBalance', 'Large Balance', 0, 50000, { min: 0 }),
		fullScoreDays: numberParameter(run, 'fullScoreDays', 'Full Score at Days Overdue', 0, 90, { min: 1 }),
		amountWeight: weight('amountWeight'),
		daysWeight: weight('daysWeight'),
		historyWeight: weight('historyWeight'),
		unknownHistoryLateShare: weight('unknownHistoryLateShare'),
	};
}

/**
 * Each invoice of the input (canonical, usually the overdue ones) with its days overdue (negative
 * before the due date), customer, payment history and a priority score (0-100) with its parts:
 * the amount, the days overdue and paying late before.
 */
export const prioritizeInvoicesOperation = batchOperation(description, (run) => {
	const asOf = asOfParameter(run, 0);
	const policy = readPriorityPolicy(run);
	const { records, failures } = recordsFromItems(run, Invoice, 'Invoice');
	const payments = recordList(run, 'payments', 'Payments', 0, Payment, 'payment');
	const given = recordList(run, 'invoiceHistory', 'Invoice History', 0, Invoice, 'invoice');
	const history = paymentHistoryByClient(given.length > 0 ? given : records.map((entry) => entry.record), payments);
	const lastPayment = lastPaymentByInvoice(payments);
	const customers = new Map(recordList(run, 'customers', 'Customers', 0, Client, 'customer').map((customer) => [customer.id ?? '', customer]));
	const scored = records.map(({ itemIndex, record: invoice }) => {
		const balance = openBalance(invoice);
		const days = daysOverdue(invoice, asOf);
		const stats = history.get(invoice.clientId);
		const score = ruleParameter(run, 0, 'Large Balance', () => priorityScore(balance, days, stats, policy));
		const customer = customers.get(invoice.clientId);
		const json: IDataObject = {
			name: customer?.name ?? '',
			domain: customer?.domain,
			email: customer?.email,
			invoiceId: invoice.id ?? '',
			invoiceNumber: invoice.number ?? '',
			reference: invoice.reference ?? '',
			customerId: invoice.clientId,
			customerEmail: customer?.email ?? '',
			currency: invoice.currency,
			balanceMinor: balance.amountMinor,
			balance: toDecimalString(balance.amountMinor, balance.currency),
			dueDate: invoice.dueDate ?? invoice.issueDate,
			daysOverdue: days,
			lastPaymentDate: lastPayment.get(invoice.id ?? '') ?? null,
			paymentHistory: { paidInvoices: stats?.paidInvoices ?? 0, paidLate: stats?.paidLate ?? 0 },
			priority: score.score,
			priorityParts: score.parts,
			priorityExplanation: score.explanation,
		};
		return { json, items: [itemIndex], priority: score.score };
	});
	if (parameter(run, 'sortByPriority', 0, true)) scored.sort((a, b) => b.priority - a.priority || a.items[0] - b.items[0]);
	return { outputs: scored.map(({ json, items }) => ({ json, items })), failures };
});
