import type { INodeProperties } from 'n8n-workflow';
import { buildInvoiceDrafts } from '../../rules/billing/drafts';
import { listProperty, parameter } from '../../parameters';
import type { RulesOperation, RulesRun } from '../../types';
import { billingInputProperties, billingOptionsProperty, checkProperties, periodProperties, readBillingInput, readPolicy } from './billingInputs';
import { itemsOf, withoutPositions } from './drafts';

const description: INodeProperties[] = [
	{
		displayName: 'Time Entries From',
		name: 'timeEntriesSource',
		type: 'options',
		options: [
			{ name: 'Input Items', value: 'inputItems', description: 'Each input item is a canonical time entry (or expense); each draft is paired with the items it bills' },
			{ name: 'Parameter', value: 'parameter', description: 'A list given below; each input item is one invoice run' },
		],
		default: 'inputItems',
	},
	{ ...listProperty('Time Entries', 'timeEntries', 'Canonical time entries of the period', "e.g. {{ $('Unbilled Time in Period').all() }}"), displayOptions: { show: { timeEntriesSource: ['parameter'] } } },
	...billingInputProperties,
	...periodProperties,
	...checkProperties,
	billingOptionsProperty,
];

const source = (run: RulesRun): string => parameter<string>(run, 'timeEntriesSource', 0, 'inputItems');

/**
 * Invoice drafts from the period's approved time and expenses, one per project (or client) and
 * currency, and one item per project and rule for what is held. Drafts say `held: false`, holds
 * `held: true` with the rule, the reason and each record's own reason.
 */
export const buildInvoiceDraftsOperation: RulesOperation = {
	description,
	mode: (run) => (source(run) === 'parameter' ? 'item' : 'batch'),
	executeBatch(run) {
		const { input, timeItems, expenseItems, failures } = readBillingInput(run, 0, true);
		const { drafts, holds } = buildInvoiceDrafts(input, readPolicy(run, 0));
		const outputs = [...drafts, ...holds].map((record) => ({ json: withoutPositions(record), items: itemsOf(record, timeItems, expenseItems) }));
		return { outputs, failures };
	},
	executeItem(run, itemIndex) {
		const { input } = readBillingInput(run, itemIndex, false);
		const { drafts, holds } = buildInvoiceDrafts(input, readPolicy(run, itemIndex));
		return [...drafts, ...holds].map(withoutPositions);
	},
};
