import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { applyMapping, checkCanonical } from '../../shared/mapping/applyMapping';
import { issuesFromMappingError } from '../../shared/mapping/profile';
import { mappingSourceProperties, readMapping } from '../mappingSource';
import { readRecordParameter, readOptions, recordProperty } from '../properties';
import { readBusinessRules, rulesProperties } from '../rulesEditor';
import type { MappingOperation } from '../types';

/**
 * A canonical record to the body a vendor's create or update endpoint takes. The record is
 * checked first (schema, or only the fields present for a partial update, and the rules), so a
 * payload is only made from a record that is right.
 */
export const fromCanonicalOperation: MappingOperation = {
	description: [
		...mappingSourceProperties('fromCanonical'),
		recordProperty('Canonical Record', 'The canonical record to turn into a vendor payload; money as {"amountMinor": 125000, "currency": "USD"} or {"amount": "1250.00", "currency": "USD"}'),
		...rulesProperties,
	],
	execute(run, itemIndex) {
		const { ctx } = run;
		const options = readOptions(ctx, itemIndex);
		const rules = readBusinessRules(ctx, itemIndex);
		const mapping = readMapping(ctx, itemIndex, 'fromCanonical');
		const read = readRecordParameter(ctx, itemIndex, 'the canonical record');
		if ('issues' in read) return { exception: { input: read.input, issues: read.issues, entity: mapping.entity } };
		const record = read.record;
		const entity = mapping.entity;
		const documentRules = mapping.kind === 'custom' ? mapping.document.rules : [];
		const checked = checkCanonical(entity, record, { partial: options.partial, rules: [...documentRules, ...rules] });
		if (!checked.ok) return { exception: { input: record, issues: checked.issues, entity } };

		if (mapping.kind === 'custom') {
			const mapped = applyMapping(mapping.document, checked.value, {
				evaluate: (expression) => ctx.evaluateExpression(expression, itemIndex),
				defaultCurrency: options.defaultCurrency,
			});
			return mapped.issues.length > 0 ? { exception: { input: record, issues: mapped.issues, entity } } : { valid: mapped.value as IDataObject };
		}
		const write = mapping.profile.write;
		if (!write) {
			throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: the built-in ${mapping.profile.systemName} mapping of ${entity} only reads; it makes no payload`, {
				itemIndex,
				description: 'Use a custom mapping to build this payload.',
			});
		}
		try {
			return { valid: write.fromCanonical(checked.value as IDataObject, { defaultCurrency: options.defaultCurrency }) };
		} catch (error) {
			const issues = issuesFromMappingError(error, `the ${entity} could not be turned into a ${mapping.profile.systemName} ${mapping.profile.vendorObject}`);
			return { exception: { input: record, issues, entity } };
		}
	},
};
