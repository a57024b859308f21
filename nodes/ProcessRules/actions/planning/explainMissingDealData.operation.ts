import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DEFAULT_WAITING_NEXT_STEP, explainMissingDealData, type DealIssue } from '../../rules/planning/deal';
import { itemOperation } from '../../types';
import { textParameter } from '../../parameters';

const description: INodeProperties[] = [
	{ displayName: 'Next Step Text', name: 'nextStepText', type: 'string', default: DEFAULT_WAITING_NEXT_STEP, description: 'What the deal\'s next step says while the handoff waits; {{missing}} lists the fields, {{deal}} is its name (filled by the node, not n8n expressions)' },
];

/**
 * For each deal the handoff checks refused (the input items, as Canonical Mapping's Validate puts
 * them on its Exceptions output: the deal under `input`, the failed fields under `issues`): the
 * fields missing, the next step that says so and the problems for its owner. A deal whose next
 * step already says exactly this was told before: no item comes out for it.
 */
export const explainMissingDealDataOperation = itemOperation(description, (run, itemIndex) => {
	const item = run.items[itemIndex].json;
	const deal = (item.input && typeof item.input === 'object' ? item.input : item) as IDataObject;
	if (deal.id === undefined || deal.id === null || deal.id === '') throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: the deal (under "input") has no id`, { itemIndex });
	const issues: DealIssue[] = (Array.isArray(item.issues) ? (item.issues as IDataObject[]) : []).map((issue) => ({ path: String(issue.path ?? ''), message: String(issue.message ?? '') }));
	const notice = explainMissingDealData(
		{ id: String(deal.id), name: String(deal.name ?? ''), ownerId: typeof deal.ownerId === 'string' ? deal.ownerId : undefined, nextStep: typeof deal.nextStep === 'string' ? deal.nextStep : undefined, _meta: deal._meta as never },
		issues,
		textParameter(run, 'nextStepText', itemIndex, DEFAULT_WAITING_NEXT_STEP),
	);
	return notice ? (notice as unknown as IDataObject) : [];
});
