import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Invoice, toDecimalString } from '../../../shared/canonical';
import { asOfParameter, asOfProperty, parameter, recordsFromItems, ruleParameter, textParameter } from '../../parameters';
import { ageInvoices, ageReceivables, agingBuckets, parseAgingBounds } from '../../rules/collections/aging';
import { batchOperation } from '../../types';

const description: INodeProperties[] = [
	{ displayName: 'Aging Buckets', name: 'agingBuckets', type: 'string', default: '30, 60, 90', description: 'The last day overdue of each bucket: "30, 60, 90" gives 1-30, 31-60, 61-90 and 91+' },
	{ displayName: 'Include Not Yet Due', name: 'includeCurrent', type: 'boolean', default: true, description: 'Whether invoices not yet due count, in a "current" bucket' },
	asOfProperty,
	{
		displayName: 'Output',
		name: 'agingOutput',
		type: 'options',
		options: [
			{ name: 'One Item per Currency', value: 'summary', description: 'Totals by bucket, paired with the invoices of that currency' },
			{ name: 'Each Invoice With Its Bucket', value: 'invoices' },
		],
		default: 'summary',
	},
];

/** Open invoices (the input items, canonical ERP invoices) by age: per currency totals by bucket, or each invoice's bucket. */
export const ageReceivablesOperation = batchOperation(description, (run) => {
	const asOf = asOfParameter(run, 0);
	const buckets = agingBuckets(ruleParameter(run, 0, 'Aging Buckets', () => parseAgingBounds(textParameter(run, 'agingBuckets', 0, '30, 60, 90'))), parameter<boolean>(run, 'includeCurrent', 0, true));
	const { records, failures } = recordsFromItems(run, Invoice, 'Invoice');
	const invoices = records.map((entry) => entry.record);
	if (parameter<string>(run, 'agingOutput', 0, 'summary') === 'invoices') {
		const aged = ageInvoices(invoices, asOf, buckets);
		const outputs = records.map(({ itemIndex }, position) => {
			const entry = aged[position];
			const aging = entry ? { balance: entry.balance, balanceDecimal: toDecimalString(entry.balance.amountMinor, entry.currency), daysOverdue: entry.daysOverdue, bucket: entry.bucket, asOf } : { bucket: null, asOf };
			return { json: { ...run.items[itemIndex].json, aging: aging as IDataObject }, items: [itemIndex] };
		});
		return { outputs, failures };
	}
	const outputs = ageReceivables(invoices, asOf, buckets).map((summary) => ({
		json: { ...summary, asOf, byAge: Object.fromEntries(summary.buckets.map((bucket) => [bucket.bucket, bucket.amountDecimal])) } as unknown as IDataObject,
		items: records.filter((entry) => entry.record.currency === summary.currency).map((entry) => entry.itemIndex),
	}));
	return { outputs, failures };
});
