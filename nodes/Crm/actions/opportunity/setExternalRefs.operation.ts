import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { requiredId } from '../../../shared/operations/common';
import type { ItemOperation } from '../../../shared/node/types';
import type { CrmConnector } from '../../connector';
import { referenceSystems } from '../../systems';

export const setExternalRefsOperation: ItemOperation<CrmConnector> = {
	kind: 'item',
	description: [
		{ displayName: 'Opportunity ID', name: 'opportunityId', type: 'string', required: true, default: '' },
		{
			displayName: 'References',
			name: 'references',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Reference',
			default: {},
			options: [
				{
					displayName: 'Reference',
					name: 'reference',
					values: [
						{
							displayName: 'System',
							name: 'system',
							type: 'string',
							default: '',
							placeholder: 'e.g. the PSA node\'s system: {{ $(\'Create Project in PSA\').params.system }}',
							description: 'Key of the system the ID belongs to: a registered system key, or "key" for the firm\'s business key',
						},
						{ displayName: 'Remote ID', name: 'remoteId', type: 'string', default: '' },
					],
				},
			],
		},
	],
	async execute(run, itemIndex) {
		const id = requiredId(run.ctx, 'opportunityId', itemIndex, 'Opportunity');
		const entries = ((run.ctx.getNodeParameter('references', itemIndex, {}) as IDataObject).reference ?? []) as Array<{ system: string; remoteId: string }>;
		const refs: Record<string, string> = {};
		for (const entry of entries) {
			if (!entry.remoteId) {
				throw new NodeOperationError(run.ctx.getNode(), `Opportunity ${id} in item ${itemIndex}: the ${entry.system} reference has no remote ID`, { itemIndex });
			}
			if (entry.system !== 'key' && !referenceSystems.includes(entry.system)) {
				throw new NodeOperationError(run.ctx.getNode(), `Opportunity ${id} in item ${itemIndex}: references.system "${entry.system}" is not a registered system key`, {
					itemIndex,
					description: `Use "key" or one of: ${referenceSystems.join(', ')}`,
				});
			}
			refs[entry.system] = String(entry.remoteId);
		}
		if (Object.keys(refs).length === 0) {
			throw new NodeOperationError(run.ctx.getNode(), `Opportunity ${id} in item ${itemIndex}: add at least one reference`, { itemIndex });
		}
		return (await run.connector.opportunities.setExternalRefs(id, refs)) as unknown as IDataObject;
	},
};
