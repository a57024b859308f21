import type { CapabilityDefinition } from '../shared/node/types';
import { systemKeys, systemsOf } from '../vendors';

/** The HRIS systems of the pack: every registered vendor that declares a HRIS system. */
export const hrisSystems = systemsOf('hris');

/** The optional HRIS features a system declares; an operation that needs one names it. */
export const hrisCapabilities: CapabilityDefinition[] = [
	{ value: 'timeOff', feature: 'time off requests and who is out' },
	{ value: 'employmentEvents', feature: 'hires and terminations to watch' },
	{ value: 'customFields', feature: 'the firm\'s own employee fields (skills, capacity, rates)' },
];

export { systemKeys as referenceSystems };
