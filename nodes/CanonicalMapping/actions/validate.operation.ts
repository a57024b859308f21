import type { CanonicalEntity } from '../../shared/canonical';
import { checkCanonical } from '../../shared/mapping/applyMapping';
import { entityProperty, readRecordParameter, readOptions, recordProperty } from '../properties';
import { readBusinessRules, rulesProperties } from '../rulesEditor';
import type { MappingOperation } from '../types';

/** Canonical records against their entity's schema and the firm's business rules. */
export const validateOperation: MappingOperation = {
	description: [
		entityProperty('The canonical entity the records must be'),
		recordProperty('Canonical Record', 'The canonical record to check'),
		...rulesProperties,
	],
	execute(run, itemIndex) {
		const { ctx } = run;
		const options = readOptions(ctx, itemIndex);
		const entity = ctx.getNodeParameter('entity', itemIndex) as CanonicalEntity;
		const rules = readBusinessRules(ctx, itemIndex);
		const read = readRecordParameter(ctx, itemIndex, 'the canonical record');
		if ('issues' in read) return { exception: { input: read.input, issues: read.issues, entity } };
		const record = read.record;
		const checked = checkCanonical(entity, record, { partial: options.partial, rules });
		return checked.ok ? { valid: checked.value } : { exception: { input: record, issues: checked.issues, entity } };
	},
};
