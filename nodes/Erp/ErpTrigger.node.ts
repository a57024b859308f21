import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import type { Invoice, Payment } from '../shared/canonical';
import { connectorFor } from '../shared/node/connect';
import { describeSystems } from '../shared/node/describe';
import { pollOnce } from '../shared/node/poll';
import type { ErpConnector } from './connector';
import { erpSystems } from './systems';

const erp = { category: 'ERP', systems: erpSystems };
const systems = describeSystems({ ...erp, resources: [] });

export class ErpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Project-to-Cash ERP Trigger',
		name: 'erpTrigger',
		icon: { light: 'file:erp.svg', dark: 'file:erp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["system"] + ": " + $parameter["event"]}}',
		description: 'Starts a workflow when a Xero or Business Central invoice becomes overdue, or a payment is received',
		defaults: { name: 'ERP Trigger' },
		codex: { categories: ['Finance & Accounting'], alias: ['Xero', 'Business Central', 'overdue invoice', 'payment received', 'collections', 'ERP'] },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: systems.credentials,
		properties: [
			...systems.properties,
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Invoice Became Overdue', value: 'invoiceOverdue', description: 'An approved invoice passed its due date with a balance (each invoice and due date once)' },
					{ name: 'Payment Received', value: 'paymentReceived', description: 'A payment was recorded against an invoice since the last poll (each payment once)' },
				],
				default: 'invoiceOverdue',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const { connector, system } = await connectorFor<ErpConnector>(this, erp);
		if (event === 'paymentReceived') {
			return await pollOnce<Payment>(this, {
				stateKey: `${system.key}:paymentReceived`,
				fetch: (since) => connector.paymentsReceivedSince(since),
				dedupeKey: (payment) => String(payment.id),
			});
		}
		return await pollOnce<Invoice>(this, {
			stateKey: `${system.key}:invoiceOverdue`,
			fetch: (since) => connector.invoicesBecameOverdueSince(since),
			// A new due date (the customer got more time) makes the invoice overdue again later: a new event.
			dedupeKey: (invoice) => `${invoice.id}@${invoice.dueDate ?? ''}`,
		});
	}
}
