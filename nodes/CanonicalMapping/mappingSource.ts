import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { CanonicalEntity } from '../shared/canonical';
import type { MappingDocument } from '../shared/mapping/mappingDocument';
import { findProfile, profileSystems, type RegisteredProfile } from '../shared/mapping/profiles';
import { mappingProfiles } from '../vendors';
import { mappingFieldsProperty, readMappingDocument, type MappingDirection } from './mappingEditor';
import { ENTITY_NAMES, entityProperty } from './properties';

const DOCUMENT_EXAMPLE = `{
  "version": 1,
  "entity": "client",
  "direction": "toCanonical",
  "fields": [
    { "target": "name", "source": "companyName", "transform": { "kind": "trim" } }
  ]
}`;

const builtInSystems = profileSystems(mappingProfiles);

export const customSystemProperty: INodeProperties = {
	displayName: 'System Key',
	name: 'customSystem',
	type: 'string',
	default: '',
	placeholder: 'e.g. legacyPsa',
	description: 'Key of the system the records come from or go to; written to _meta.system (custom when empty)',
};

/** Where an operation's mapping comes from, and the parameters of each source. */
export function mappingSourceProperties(direction: MappingDirection): INodeProperties[] {
	const vendorSide = direction === 'toCanonical' ? 'from' : 'to';
	return [
		{
			displayName: 'Mapping',
			name: 'mappingSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Built-in Profile', value: 'builtIn', description: 'The mapping the vendor nodes themselves use' },
				{ name: 'Custom: Field Editor', value: 'editor', description: 'Map field by field in this node' },
				{ name: 'Custom: Mapping Document (JSON)', value: 'document', description: 'A mapping document, e.g. exported from this node and kept under version control' },
			],
			default: 'builtIn',
		},
		entityProperty(`The canonical entity mapped ${direction === 'toCanonical' ? 'to' : 'from'}`, { hide: { mappingSource: ['document'] } }),
		{
			displayName: 'System',
			name: 'system',
			type: 'options',
			noDataExpression: true,
			options: builtInSystems.map((entry) => ({
				name: entry.systemName,
				value: entry.system,
				description: `Maps ${entry.entities.map((entity) => `${ENTITY_NAMES[entity].toLowerCase()}${entry.readOnly.includes(entity) ? ' (read only)' : ''}`).join(', ')}`,
			})),
			required: true,
			default: '',
			description: `The system the records come ${vendorSide}; its built-in mapping is the one its vendor node uses`,
			displayOptions: { show: { mappingSource: ['builtIn'] } },
		},
		{ ...customSystemProperty, displayOptions: { show: { mappingSource: ['editor'] } } },
		{ ...mappingFieldsProperty, displayOptions: { show: { mappingSource: ['editor'] } } },
		{
			displayName: 'Mapping Document',
			name: 'mappingDocument',
			type: 'json',
			default: DOCUMENT_EXAMPLE,
			description: 'A mapping document (version 1), for example read from a file by an earlier node; export one from the field editor with the Export Mapping Document operation',
			displayOptions: { show: { mappingSource: ['document'] } },
		},
	];
}

export type ResolvedMapping =
	| { kind: 'builtIn'; entity: CanonicalEntity; profile: RegisteredProfile }
	| { kind: 'custom'; entity: CanonicalEntity; document: MappingDocument };

/**
 * The built-in profile or the custom document an item uses. Rules in a document apply on top of
 * the node's own business rules; the editor's document carries none (the node's rules apply).
 */
export function readMapping(ctx: IExecuteFunctions, itemIndex: number, direction: MappingDirection): ResolvedMapping {
	const source = ctx.getNodeParameter('mappingSource', itemIndex, 'builtIn') as 'builtIn' | 'editor' | 'document';
	if (source === 'builtIn') {
		const entity = ctx.getNodeParameter('entity', itemIndex) as CanonicalEntity;
		const system = ctx.getNodeParameter('system', itemIndex) as string;
		const profile = findProfile(mappingProfiles, system, entity);
		if (!profile) {
			const known = builtInSystems.find((entry) => entry.system === system);
			throw new NodeOperationError(
				ctx.getNode(),
				`Item ${itemIndex}: ${known?.systemName ?? system} has no built-in mapping for ${ENTITY_NAMES[entity]?.toLowerCase() ?? entity}`,
				{ itemIndex, description: known ? `Its built-in mappings are: ${known.entities.join(', ')}. Use a custom mapping for other entities.` : 'Use a custom mapping.' },
			);
		}
		return { kind: 'builtIn', entity, profile };
	}
	const meta = {
		entity: source === 'editor' ? (ctx.getNodeParameter('entity', itemIndex) as CanonicalEntity) : 'client',
		direction,
		system: source === 'editor' ? ((ctx.getNodeParameter('customSystem', itemIndex, '') as string).trim() || undefined) : undefined,
	};
	const document = readMappingDocument(ctx, itemIndex, source, meta, true);
	return { kind: 'custom', entity: document.entity, document };
}
