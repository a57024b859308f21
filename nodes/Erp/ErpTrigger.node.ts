import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { pollTrigger, triggerDescription, type CategoryTrigger } from '../shared/node/trigger';
import type { ErpConnector } from './connector';
import { erpSystems, referenceSystems } from './systems';
import { systemNames } from '../shared/node/describe';

const erpTrigger: CategoryTrigger<ErpConnector> = {
	category: 'ERP',
	systems: erpSystems,
	referenceSystems,
	events: [
		{
			value: 'invoiceOverdue',
			label: 'Invoice Became Overdue',
			hint: 'An approved invoice passed its due date with a balance (each invoice and due date once)',
			fetch: (connector) => (since) => connector.invoicesBecameOverdueSince(since),
			// A new due date (the customer got more time) makes the invoice overdue again later: a new event.
			dedupeKey: (invoice) => `${String(invoice.id)}@${String(invoice.dueDate ?? '')}`,
		},
		{
			value: 'paymentReceived',
			label: 'Payment Received',
			hint: 'A payment was recorded against an invoice since the last poll (each payment once)',
			fetch: (connector) => (since) => connector.paymentsReceivedSince(since),
			dedupeKey: (payment) => String(payment.id),
		},
	],
};

export class ErpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash ERP Trigger',
		name: 'erpTrigger',
		icon: { light: 'file:erp.svg', dark: 'file:erp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when an invoice in the ERP becomes overdue, or a payment is received',
		defaults: { name: 'ERP Trigger' },
		codex: { categories: ['Finance & Accounting'], alias: [...systemNames(erpSystems), 'overdue invoice', 'payment received', 'collections', 'ERP'] },
		...triggerDescription(erpTrigger, 'invoiceOverdue'),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this, erpTrigger);
	}
}
