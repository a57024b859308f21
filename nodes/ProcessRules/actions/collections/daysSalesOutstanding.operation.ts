import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { Invoice } from '../../../shared/canonical';
import { asOfParameter, asOfProperty, numberParameter, recordsFromItems } from '../../parameters';
import { daysSalesOutstanding } from '../../rules/collections/dso';
import { batchOperation } from '../../types';

const description: INodeProperties[] = [
	{ displayName: 'Window (Days)', name: 'dsoDays', type: 'number', typeOptions: { minValue: 1 }, default: 90, description: 'DSO = receivables / credit sales of the last N days x N' },
	asOfProperty,
];

/** Days sales outstanding per currency from the invoices of the input (open and recent, canonical): one item per currency. */
export const daysSalesOutstandingOperation = batchOperation(description, (run) => {
	const asOf = asOfParameter(run, 0);
	const windowDays = numberParameter(run, 'dsoDays', 'Window (Days)', 0, 90, { min: 1, integer: true });
	const { records, failures } = recordsFromItems(run, Invoice, 'Invoice');
	const outputs = daysSalesOutstanding(records.map((entry) => entry.record), asOf, windowDays).map((figure) => ({
		json: { ...figure, asOf } as unknown as IDataObject,
		items: records.filter((entry) => entry.record.currency === figure.currency).map((entry) => entry.itemIndex),
	}));
	return { outputs, failures };
});
