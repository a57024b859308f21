import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { BusinessKey, CurrencyCode, IsoDate, RemoteId } from '../../../shared/canonical';
import type { ItemOperation } from '../../../shared/node/types';
import type { PsaConnector, TimeInvoicedRequest } from '../../connector';

/** Marks a project's time and expenses of a period as invoiced in the PSA, once per invoice reference. */
export const markInvoicedOperation: ItemOperation<PsaConnector> = {
	kind: 'item',
	description: [
		{ displayName: 'Project ID', name: 'projectId', type: 'string', required: true, default: '', description: 'The project in the PSA whose period was invoiced' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', description: 'The project\'s client in the PSA; empty reads it from the project' },
		{ displayName: 'From Date', name: 'from', type: 'string', required: true, default: '', placeholder: '2026-10-01', description: 'First day of the invoiced period (ISO date)' },
		{ displayName: 'To Date', name: 'to', type: 'string', required: true, default: '', placeholder: '2026-10-31', description: 'Last day of the invoiced period (ISO date)' },
		{ displayName: 'Invoice Reference', name: 'reference', type: 'string', required: true, default: '', description: 'The invoice\'s reference in the ERP: a period marked with it once is not marked again' },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Currency', name: 'currency', type: 'string', default: '', description: 'ISO 4217 code of the invoice' },
				{ displayName: 'Due Date', name: 'dueDate', type: 'string', default: '', description: 'ISO date' },
				{ displayName: 'Invoice Number', name: 'invoiceNumber', type: 'string', default: '', description: 'The ERP\'s invoice number' },
				{ displayName: 'Issue Date', name: 'issueDate', type: 'string', default: '', description: 'ISO date' },
				{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'What the PSA\'s record of the billing says' },
			],
		},
	],
	async execute(run, itemIndex) {
		const read = (name: string): string => String(run.ctx.getNodeParameter(name, itemIndex, '') ?? '').trim();
		const extra = run.ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const optional = (name: string): string | undefined => (extra[name] === undefined || String(extra[name]).trim() === '' ? undefined : String(extra[name]).trim());
		const request: TimeInvoicedRequest = {
			projectId: read('projectId'),
			clientId: read('clientId') || undefined,
			from: read('from').slice(0, 10),
			to: read('to').slice(0, 10),
			reference: read('reference'),
			invoiceNumber: optional('invoiceNumber'),
			currency: optional('currency'),
			issueDate: optional('issueDate')?.slice(0, 10),
			dueDate: optional('dueDate')?.slice(0, 10),
			subject: optional('subject'),
		};
		const checks: Array<[keyof TimeInvoicedRequest, { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }]> = [
			['projectId', RemoteId],
			['from', IsoDate],
			['to', IsoDate],
			['reference', BusinessKey],
		];
		if (request.clientId) checks.push(['clientId', RemoteId]);
		if (request.currency) checks.push(['currency', CurrencyCode]);
		if (request.issueDate) checks.push(['issueDate', IsoDate]);
		if (request.dueDate) checks.push(['dueDate', IsoDate]);
		for (const [field, schema] of checks) {
			const outcome = schema.safeParse(request[field]);
			if (!outcome.success) {
				throw new NodeOperationError(run.ctx.getNode(), `Time of project ${request.projectId || '(none)'} in item ${itemIndex}: ${field} "${String(request[field] ?? '')}" ${outcome.error?.issues[0].message ?? 'is not valid'}`, { itemIndex });
			}
		}
		if (request.from > request.to) throw new NodeOperationError(run.ctx.getNode(), `Time of project ${request.projectId} in item ${itemIndex}: from ${request.from} is after to ${request.to}`, { itemIndex });
		// The router checked the capability; a connector without the method declared it wrongly.
		if (!run.connector.markTimeInvoiced) throw new NodeOperationError(run.ctx.getNode(), `${run.system.displayName} cannot mark time as invoiced`, { itemIndex });
		return (await run.connector.markTimeInvoiced(request)) as unknown as IDataObject;
	},
};
