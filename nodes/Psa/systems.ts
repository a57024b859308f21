import type { CapabilityDefinition } from '../shared/node/types';
import { systemKeys, systemsOf } from '../vendors';

/** The PSA systems of the pack: every registered vendor that declares a PSA system. */
export const psaSystems = systemsOf('psa');

/** The optional PSA features a system declares; an operation that needs one names it. */
export const psaCapabilities: CapabilityDefinition[] = [
	{ value: 'timeApproval', feature: 'an approval state on time entries' },
	{ value: 'markTimeInvoiced', feature: 'marking a period\'s time and expenses as invoiced' },
	{ value: 'expenses', feature: 'expenses on projects' },
	{ value: 'taskAssignments', feature: 'tasks assigned to projects with their own rate' },
];

export { systemKeys as referenceSystems };
