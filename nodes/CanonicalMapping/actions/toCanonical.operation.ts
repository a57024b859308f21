import type { IDataObject } from 'n8n-workflow';
import { checkCanonical, mapToCanonical } from '../../shared/mapping/applyMapping';
import { issuesFromMappingError } from '../../shared/mapping/profile';
import { readMapping, mappingSourceProperties } from '../mappingSource';
import { contextFor, readRecordParameter, readOptions, recordProperty } from '../properties';
import { readBusinessRules, rulesProperties } from '../rulesEditor';
import type { MappingOperation } from '../types';

/**
 * A vendor record (or any record) to a canonical one: by the vendor's built-in profile (the
 * mapper its category node uses) or by a custom mapping; then the canonical schema and the rules.
 */
export const toCanonicalOperation: MappingOperation = {
	description: [
		...mappingSourceProperties('toCanonical'),
		recordProperty('Vendor Record', 'The record to map, as its system gives it (e.g. a CRM deal with its properties and associations)'),
		...rulesProperties,
	],
	execute(run, itemIndex) {
		const { ctx } = run;
		const options = readOptions(ctx, itemIndex);
		const rules = readBusinessRules(ctx, itemIndex);
		const mapping = readMapping(ctx, itemIndex, 'toCanonical');
		const read = readRecordParameter(ctx, itemIndex, 'the vendor record');
		if ('issues' in read) return { exception: { input: read.input, issues: read.issues, entity: mapping.entity } };
		const record = read.record;
		const context = contextFor(run, options, record);
		const entity = mapping.entity;

		if (mapping.kind === 'custom') {
			const checked = mapToCanonical(mapping.document, record, {
				evaluate: (expression) => ctx.evaluateExpression(expression, itemIndex),
				defaultCurrency: options.defaultCurrency,
				context,
				rules,
			});
			return checked.ok ? { valid: checked.value } : { exception: { input: record, issues: checked.issues, entity } };
		}

		let canonical: unknown;
		try {
			canonical = mapping.profile.toCanonical(record, context);
		} catch (error) {
			const issues = issuesFromMappingError(error, `the ${mapping.profile.systemName} ${mapping.profile.vendorObject} could not be mapped`);
			return { exception: { input: record, issues, entity } };
		}
		const checked = checkCanonical(entity, canonical, { rules });
		return checked.ok ? { valid: checked.value } : { exception: { input: record, issues: checked.issues, entity, details: { canonical: canonical as IDataObject } } };
	},
};
