import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { listProperty, parameter, rowList } from '../../parameters';
import { handoffSummary, type HandedOffDeal } from '../../rules/planning/handoffSummary';
import { batchOperation, type RulesRun } from '../../types';

const IF_RAN = "for a step that may not run: {{ $('X').isExecuted ? $('X').all() : [] }}";

const description: INodeProperties[] = [
	{ ...listProperty('Won Deals', 'wonDeals', 'Every deal won in the window (counted)'), placeholder: "e.g. {{ $('Won Deals in Lookback').all() }}" },
	{ ...listProperty('Not Yet Handed Off', 'notYetHandedOff', `The won deals without a project yet (counted; the rest were handed off before); ${IF_RAN}`) },
	{ ...listProperty('Handoffs', 'handoffs', `The deals handed off this run, as Plan Project From Deal gave them, with projectId, projectLink and projectCreated; ${IF_RAN}`) },
	{ ...listProperty('Waiting for Data', 'waitingForData', 'The deals the handoff checks refused (Canonical Mapping Validate\'s Exceptions: the deal under "input", "issues")') },
	{ ...listProperty('Budgets Not Approved', 'budgetNotApproved', 'Deals the Approval Gate did not approve (they carry "approval")') },
	{ ...listProperty('Ambiguous Clients', 'ambiguousClients', 'Exceptions of the client matches ("message")') },
	{
		displayName: 'Created',
		name: 'created',
		type: 'collection',
		placeholder: 'Add a Count',
		default: {},
		description: `Records the run created, each counted; ${IF_RAN}`,
		options: [
			listProperty('ERP Customers Created', 'erpCustomers', 'Customers created in the ERP'),
			listProperty('PSA Clients Created', 'psaClients', 'Clients created in the PSA'),
			listProperty('Staffing Assignments', 'staffingAssignments', 'People put on the new projects'),
			listProperty('Tasks Added', 'tasks', 'Tasks put on the new projects'),
		],
	},
];

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const filled = (rows: IDataObject[]): IDataObject[] => rows.filter((row) => Object.keys(row).length > 0);

function countCreated(run: RulesRun, name: string, label: string): number {
	const created = parameter<IDataObject>(run, 'created', 0, {});
	return created[name] === undefined ? 0 : filled(rowList(run, `created.${name}`, label, 0)).length;
}

/** One item for the handoff run (paired with every input item): handed off, waiting and why, records created, and the cycle time from close to project ready. */
export const summarizeHandoffOperation = batchOperation(description, (run) => {
	const handoffs: HandedOffDeal[] = filled(rowList(run, 'handoffs', 'Handoffs', 0)).map((row) => ({
		dealId: text(row.dealId),
		dealName: text(row.dealName),
		clientName: text(row.clientName),
		projectId: text(row.projectId),
		projectLink: text(row.projectLink),
		projectCreated: row.projectCreated === true,
		erpCustomerCreated: row.erpCustomerCreated === true,
		amountDecimal: text(row.amountDecimal),
		currency: text(row.currency),
		billingModel: text(row.billingModel),
		milestones: Array.isArray(row.milestones) ? row.milestones.length : 0,
		closedAt: text(row.closedAt),
	}));
	const dealOf = (row: IDataObject): IDataObject => (row.input && typeof row.input === 'object' ? (row.input as IDataObject) : row);
	const summary = handoffSummary({
		finishedAt: new Date().toISOString(),
		wonDeals: filled(rowList(run, 'wonDeals', 'Won Deals', 0)).length,
		notYetHandedOff: filled(rowList(run, 'notYetHandedOff', 'Not Yet Handed Off', 0)).length,
		handoffs,
		created: {
			erpCustomers: countCreated(run, 'erpCustomers', 'ERP Customers Created'),
			psaClients: countCreated(run, 'psaClients', 'PSA Clients Created'),
			tasks: countCreated(run, 'tasks', 'Tasks Added'),
			staffingAssignments: countCreated(run, 'staffingAssignments', 'Staffing Assignments'),
		},
		waitingForData: rowList(run, 'waitingForData', 'Waiting for Data', 0).map((row) => ({
			dealId: text(dealOf(row).id),
			deal: text(dealOf(row).name),
			missing: [...new Set((Array.isArray(row.issues) ? (row.issues as IDataObject[]) : []).map((issue) => text(issue.path)))],
		})),
		budgetNotApproved: rowList(run, 'budgetNotApproved', 'Budgets Not Approved', 0).map((row) => ({ dealId: text(row.dealId), deal: text(row.dealName), outcome: text((row.approval as IDataObject | undefined)?.status) })),
		ambiguousClients: rowList(run, 'ambiguousClients', 'Ambiguous Clients', 0).map((row) => text(row.message)),
	});
	return { outputs: [{ json: { run: String(run.ctx.getExecutionId()), ...summary } as unknown as IDataObject, items: run.items.map((_item, index) => index) }], failures: [] };
});
