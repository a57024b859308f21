import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asJson, requiredId } from '../../../shared/operations/common';
import type { ItemOperation, OperationRun } from '../../../shared/node/types';
import type { ErpConnector } from '../../connector';

const invoiceIdProperty: INodeProperties = {
	displayName: 'Invoice ID',
	name: 'invoiceId',
	type: 'string',
	required: true,
	default: '',
	description: 'ID of the invoice in the chosen system',
};


function unsupported(run: OperationRun<ErpConnector>, what: string): NodeOperationError {
	return new NodeOperationError(run.ctx.getNode(), `${run.system.displayName} does not support ${what} on invoices`);
}

export const approveOperation: ItemOperation<ErpConnector> = {
	kind: 'item',
	description: [invoiceIdProperty],
	async execute(run, itemIndex) {
		return asJson(await run.connector.invoices.approve(requiredId(run.ctx, 'invoiceId', itemIndex, 'Invoice')));
	},
};

export const voidOperation: ItemOperation<ErpConnector> = {
	kind: 'item',
	description: [invoiceIdProperty],
	async execute(run, itemIndex) {
		return asJson(await run.connector.invoices.void(requiredId(run.ctx, 'invoiceId', itemIndex, 'Invoice')));
	},
};

export const addNoteOperation: ItemOperation<ErpConnector> = {
	kind: 'item',
	description: [
		invoiceIdProperty,
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			required: true,
			default: '',
			description: 'Text of the note, e.g. "Reminder 1 sent to accounts@client.example"',
		},
	],
	async execute(run, itemIndex) {
		const id = requiredId(run.ctx, 'invoiceId', itemIndex, 'Invoice');
		const note = String(run.ctx.getNodeParameter('note', itemIndex, '')).trim();
		if (note === '') throw new NodeOperationError(run.ctx.getNode(), `Invoice ${id} in item ${itemIndex}: note is empty`, { itemIndex });
		if (!run.connector.invoices.addNote) throw unsupported(run, 'notes');
		return asJson(await run.connector.invoices.addNote(id, note));
	},
};

export const getNotesOperation: ItemOperation<ErpConnector> = {
	kind: 'item',
	description: [invoiceIdProperty],
	async execute(run, itemIndex) {
		const id = requiredId(run.ctx, 'invoiceId', itemIndex, 'Invoice');
		if (!run.connector.invoices.listNotes) throw unsupported(run, 'notes');
		return (await run.connector.invoices.listNotes(id)).map(asJson);
	},
};
