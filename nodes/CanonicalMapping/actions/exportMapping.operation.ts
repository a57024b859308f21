import type { IDataObject } from 'n8n-workflow';
import type { CanonicalEntity } from '../../shared/canonical';
import { exportMappingDocument } from '../../shared/mapping/mappingDocument';
import { mappingFieldsProperty, readMappingDocument, type MappingDirection } from '../mappingEditor';
import { customSystemProperty } from '../mappingSource';
import { entityProperty } from '../properties';
import { readBusinessRules, rulesProperties } from '../rulesEditor';
import type { MappingOperation } from '../types';

/**
 * The field editor's mapping (and its business rules) as a mapping document: one item per input,
 * ready for a file under version control and for the Mapping Document parameter of this node.
 */
export const exportMappingOperation: MappingOperation = {
	description: [
		entityProperty('The canonical entity of the mapping'),
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Canonical Record to Vendor Payload', value: 'fromCanonical' },
				{ name: 'Vendor Record to Canonical', value: 'toCanonical' },
			],
			default: 'toCanonical',
		},
		customSystemProperty,
		mappingFieldsProperty,
		...rulesProperties,
		{ displayName: 'Document Name', name: 'documentName', type: 'string', default: '', placeholder: 'e.g. Legacy PSA projects', description: 'A name kept in the document' },
	],
	execute(run, itemIndex) {
		const { ctx } = run;
		const direction = ctx.getNodeParameter('direction', itemIndex) as MappingDirection;
		const entity = ctx.getNodeParameter('entity', itemIndex) as CanonicalEntity;
		const system = (ctx.getNodeParameter('customSystem', itemIndex, '') as string).trim() || undefined;
		const rules = readBusinessRules(ctx, itemIndex);
		const document = readMappingDocument(ctx, itemIndex, 'editor', { entity, direction, system, rules });
		const name = (ctx.getNodeParameter('documentName', itemIndex, '') as string).trim();
		return { valid: exportMappingDocument({ ...document, ...(name ? { name } : {}) }) as IDataObject };
	},
};
