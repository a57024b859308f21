import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import { describeIssues, Invoice, multiplyMoney, recordName, validateRecord, type Money } from '../../../shared/canonical';
import { coerceMoneyInput } from '../../../shared/canonical/input';
import { fieldCollection, pickedValue, pickerProperty, recordFromFields, type FieldSpec } from '../../../shared/operations/fields';
import { inputModeProperty } from '../../../shared/operations/recordInput';

/** The invoice header in the field editor; lines come as JSON beside it. */
export const invoiceHeaderFields: FieldSpec[] = [
	{ path: 'clientId', label: 'Customer', kind: 'string', listSearch: 'searchCustomers' },
	{ path: 'reference', label: 'Reference', kind: 'string', hint: 'Your business key for this invoice (e.g. PRJ-0042-2026-11): a re-run with the same reference returns the invoice already made' },
	{ path: 'currency', label: 'Currency', kind: 'string', hint: 'ISO 4217 code, e.g. GBP' },
	{ path: 'issueDate', label: 'Issue Date', kind: 'date' },
	{ path: 'dueDate', label: 'Due Date', kind: 'date' },
	{ path: 'number', label: 'Invoice Number', kind: 'string', hint: 'Leave empty for the ERP\'s next number' },
	{ path: 'projectId', label: 'Project ID', kind: 'string' },
];

const REQUIRED = ['clientId', 'reference', 'currency', 'issueDate'];

export const invoiceInputProperties: INodeProperties[] = [
	{ ...inputModeProperty, options: [{ name: 'Fields Below', value: 'fields', description: 'Header in fields, lines as JSON' }, { name: 'Canonical Invoice (JSON)', value: 'json', description: 'A whole canonical invoice, e.g. from an approved-time-to-invoice step' }] },
	...fieldCollection(invoiceHeaderFields, REQUIRED),
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'json',
		default: '[{ "description": "Consulting", "quantity": 10, "unitPrice": "150.00" }]',
		displayOptions: { show: { inputMode: ['fields'] } },
		description: 'Canonical invoice lines: description, quantity, unitPrice ("150.00" in the invoice currency, or {"amount": "150.00", "currency": "GBP"}), optional accountCode, taxCode, itemCode, sourceIds',
	},
	{
		displayName: 'Invoice',
		name: 'record',
		type: 'json',
		default: '={{ $json }}',
		displayOptions: { show: { inputMode: ['json'] } },
		description: 'A canonical invoice; money as {"amountMinor": 15000, "currency": "GBP"} or {"amount": "150.00", "currency": "GBP"}',
	},
	{
		displayName: 'Line Defaults',
		name: 'lineDefaults',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		description: 'Applied to lines that do not set them',
		options: [
			pickerProperty({ displayName: 'Revenue Account', name: 'accountCode', description: 'Account code the lines post to' }, 'searchRevenueAccounts'),
			pickerProperty({ displayName: 'Tax Rate', name: 'taxCode', description: 'Tax type of the lines' }, 'searchTaxRates'),
		],
	},
];

function parseJson(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): unknown {
	const raw = ctx.getNodeParameter(name, itemIndex) as unknown;
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw);
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Invoice in item ${itemIndex}: (record) ${label} is not valid JSON`, { itemIndex });
	}
}

/** A plain price ("150.00" or 150) is in the invoice's currency. */
function withCurrency(value: unknown, currency: unknown): unknown {
	if ((typeof value === 'string' || typeof value === 'number') && typeof currency === 'string') return { amount: value, currency };
	return value;
}

/**
 * Reads the invoice an item asks to create and validates it as a canonical draft: line amounts
 * are computed exactly (quantity x unit price) where they are not given.
 */
export function readInvoice(ctx: IExecuteFunctions, itemIndex: number): Invoice {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	let data: IDataObject;
	if (mode === 'json') {
		data = parseJson(ctx, itemIndex, 'record', 'the Invoice parameter') as IDataObject;
		if (!data || typeof data !== 'object' || Array.isArray(data)) {
			const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data;
			throw new NodeOperationError(ctx.getNode(), `Invoice in item ${itemIndex}: (record) the Invoice parameter must be a JSON object, not ${got}`, { itemIndex });
		}
		data = { ...data };
	} else {
		const values = { ...(ctx.getNodeParameter('fields', itemIndex, {}) as IDataObject) };
		for (const name of REQUIRED) values[name] = ctx.getNodeParameter(name, itemIndex);
		data = recordFromFields(invoiceHeaderFields, values);
		data.lines = parseJson(ctx, itemIndex, 'lines', 'Lines') as IDataObject[];
	}
	const defaults = ctx.getNodeParameter('lineDefaults', itemIndex, {}) as IDataObject;
	const accountCode = pickedValue(defaults.accountCode);
	const taxCode = pickedValue(defaults.taxCode);
	if (typeof data.currency === 'string') data.currency = data.currency.toUpperCase();
	data.status = 'draft';
	if (Array.isArray(data.lines)) {
		data.lines = (data.lines as IDataObject[]).map((line) => ({
			...(accountCode ? { accountCode } : {}),
			...(taxCode ? { taxCode } : {}),
			...line,
			unitPrice: withCurrency(line?.unitPrice, data.currency),
			...(line?.lineAmount !== undefined ? { lineAmount: withCurrency(line.lineAmount, data.currency) } : {}),
		}));
	}
	const money = coerceMoneyInput(data);
	const coerced = money.value as IDataObject;
	for (const line of (coerced.lines as IDataObject[] | undefined) ?? []) {
		const price = line?.unitPrice as Money | undefined;
		if (line && line.lineAmount === undefined && price && Number.isInteger(price.amountMinor) && typeof line.quantity === 'number') {
			line.lineAmount = multiplyMoney(price, line.quantity);
		}
	}
	const outcome = validateRecord(Invoice as unknown as z.ZodType<Invoice>, coerced, money.issues);
	if (!outcome.ok) {
		const name = recordName({ reference: data.reference, number: data.number });
		const label = `Invoice in item ${itemIndex}${name ? ` ("${name}")` : ''}`;
		throw new NodeOperationError(ctx.getNode(), describeIssues(label, outcome.issues), {
			itemIndex,
			description: outcome.issues.map((issue) => `${issue.path}: ${issue.message} (${issue.rule})`).join('\n'),
		});
	}
	return outcome.value;
}
