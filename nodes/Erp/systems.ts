import type { CapabilityDefinition } from '../shared/node/types';
import { systemKeys, systemsOf } from '../vendors';

/** The ERP systems of the pack: every registered vendor that declares a ERP system. */
export const erpSystems = systemsOf('erp');

/** The optional ERP features a system declares; an operation that needs one names it. */
export const erpCapabilities: CapabilityDefinition[] = [
	{ value: 'invoiceApproval', feature: 'a draft-then-approve (authorise or post) cycle for invoices' },
	{ value: 'invoiceNotes', feature: 'notes on an invoice\'s history' },
	{ value: 'projects', feature: 'projects' },
	{ value: 'items', feature: 'a catalogue of items for invoice lines' },
];

export { systemKeys as referenceSystems };
