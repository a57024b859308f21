import type { MappingOperationEntry } from '../types';
import { exportMappingOperation } from './exportMapping.operation';
import { fromCanonicalOperation } from './fromCanonical.operation';
import { matchOperation } from './match.operation';
import { toCanonicalOperation } from './toCanonical.operation';
import { validateOperation } from './validate.operation';

/** The node's operations, in the order its operation picker lists them (alphabetical by name). */
export const mappingOperations: MappingOperationEntry[] = [
	{
		value: 'fromCanonical',
		name: 'Canonical Record to Vendor Payload',
		action: 'Map a canonical record to a vendor payload',
		description: 'Turn a canonical record into the body a vendor API takes',
		operation: fromCanonicalOperation,
	},
	{
		value: 'exportMapping',
		name: 'Export Mapping Document',
		action: 'Export the field mapping as a JSON document',
		description: 'Output the field editor\'s mapping as a versioned JSON document',
		operation: exportMappingOperation,
	},
	{
		value: 'match',
		name: 'Match Against a Second List',
		action: 'Find each record\'s counterpart in a second list',
		description: 'Find the same client, contact or person in another system\'s records, with confidence and reason',
		operation: matchOperation,
	},
	{
		value: 'validate',
		name: 'Validate',
		action: 'Validate canonical records',
		description: 'Check canonical records against the schema and business rules',
		operation: validateOperation,
	},
	{
		value: 'toCanonical',
		name: 'Vendor Record to Canonical',
		action: 'Map a vendor record to a canonical record',
		description: 'Turn a vendor record into a canonical record, by built-in profile or custom mapping',
		operation: toCanonicalOperation,
	},
];
