import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Opportunity, Project } from '../../../shared/canonical';
import { derived, listProperty, objectParameter, recordList, recordOfItem, textParameter } from '../../parameters';
import { planProjectFromDeal, projectsByDeal } from '../../rules/planning/deal';
import { itemOperation } from '../../types';
import { milestonePlanProperties, readMilestonePlan } from './planMilestones.operation';

const MATCHED_OR_CREATED = 'the record a match found (its counterpart in match.candidate) or the one created';

const description: INodeProperties[] = [
	{ displayName: 'Deal', name: 'deal', type: 'json', default: '={{ $json }}', required: true, placeholder: "e.g. {{ $('Validate Deal for Handoff').item.json }}", description: 'The won deal, a canonical opportunity: amount, billing model, start date' },
	{ displayName: 'Client Name', name: 'clientName', type: 'string', default: '', placeholder: "e.g. {{ $('Read Client from CRM').item.json.name }}" },
	{ displayName: 'ERP Customer', name: 'erpCustomer', type: 'json', default: '{}', placeholder: "e.g. {{ $('ERP Customer Ready').item.json }}", description: `The client in the ERP: ${MATCHED_OR_CREATED}` },
	{ displayName: 'PSA Client', name: 'psaClient', type: 'json', default: '={{ $json }}', description: `The client in the PSA: ${MATCHED_OR_CREATED}` },
	{ ...listProperty('PSA Projects', 'psaProjects', 'Canonical projects of the PSA: one that carries the deal\'s id in its externalRefs (under the CRM\'s system key) is the deal\'s project, made by an earlier run'), placeholder: "e.g. {{ $('PSA Projects').all() }}" },
	...milestonePlanProperties,
];

/**
 * The project each won deal (input item) becomes: budget, billing model, the contract's milestones
 * (amounts that add up to the deal exactly) in its notes, the deal's id in its externalRefs; the
 * project an earlier run made for the deal, if the PSA has one; and whether the budget waits for
 * approval.
 */
export const planProjectOperation = itemOperation(description, (run, itemIndex) => {
	const given = objectParameter(run, 'deal', 'Deal', itemIndex);
	const deal = recordOfItem(run, Opportunity, 'Deal', itemIndex, given);
	if (!deal.amount) throw new NodeOperationError(run.ctx.getNode(), `Deal in item ${itemIndex} ("${deal.name}"): amount is required to plan its project`, { itemIndex });
	const projects = recordList(run, 'psaProjects', 'PSA Projects', itemIndex, Project, 'project');
	const byDeal = derived(run, 'projectsByDeal', [projects], () => projectsByDeal(projects));
	const existing = byDeal.get(`${deal._meta?.system ?? 'crm'}|${deal.id ?? ''}`);
	const { milestones, approval } = readMilestonePlan(run, itemIndex, deal.amount, deal.billingModel ?? '');
	return planProjectFromDeal({
		deal: { ...deal, amount: deal.amount },
		clientName: textParameter(run, 'clientName', itemIndex),
		erpCustomer: objectParameter(run, 'erpCustomer', 'ERP Customer', itemIndex),
		psaClient: objectParameter(run, 'psaClient', 'PSA Client', itemIndex),
		existingProjectId: existing?.id,
		milestones,
		budgetAtThreshold: approval.needsApproval,
	}) as IDataObject;
});
