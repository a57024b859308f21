import type { ResourceEntry } from '../types';
import { buildInvoiceDraftsOperation } from './billing/buildInvoiceDrafts.operation';
import { checkTimeEntriesOperation } from './billing/checkTimeEntries.operation';
import { compareInvoiceWithDraftOperation } from './billing/compareInvoiceWithDraft.operation';
import { getBillingPeriodOperation } from './billing/getBillingPeriod.operation';
import { summarizeInvoiceRunOperation } from './billing/summarizeInvoiceRun.operation';
import { ageReceivablesOperation } from './collections/ageReceivables.operation';
import { daysSalesOutstandingOperation } from './collections/daysSalesOutstanding.operation';
import { decideDunningStepOperation } from './collections/decideDunningStep.operation';
import { prioritizeInvoicesOperation } from './collections/prioritizeInvoices.operation';
import { summarizeCollectionsOperation } from './collections/summarizeCollections.operation';
import { explainMissingDealDataOperation } from './planning/explainMissingDealData.operation';
import { planMilestonesOperation } from './planning/planMilestones.operation';
import { planProjectOperation } from './planning/planProject.operation';
import { planStandardTasksOperation } from './planning/planStandardTasks.operation';
import { proposeStaffingOperation } from './planning/proposeStaffing.operation';
import { summarizeHandoffOperation } from './planning/summarizeHandoff.operation';

/** The node's resources and operations, in the order the pickers list them (operations alphabetical by name). */
export const processRulesResources: ResourceEntry[] = [
	{
		value: 'billing',
		name: 'Billing',
		description: 'Invoice drafts from time entries and expenses, the checks before invoicing, reconciliation',
		operations: [
			{
				value: 'buildInvoiceDrafts',
				name: 'Build Invoice Drafts',
				action: 'Build invoice drafts from time entries and expenses',
				description: 'Price approved time (timesheet) entries and expenses into invoice drafts per project or client and currency, for time and materials, fixed fee, milestone, retainer and not-to-exceed contracts; what is held comes out with its rule and reason',
				operation: buildInvoiceDraftsOperation,
			},
			{
				value: 'checkTimeEntries',
				name: 'Check Time Before Invoicing',
				action: 'Check time entries before invoicing',
				description: 'For each time entry or expense: held (rule and reason) or the invoice it goes on, with the flags a reviewer sees (long day, closed project, missing rate, duplicate, over budget, ...)',
				operation: checkTimeEntriesOperation,
			},
			{
				value: 'compareInvoiceWithDraft',
				name: 'Compare Invoice With Draft',
				action: 'Compare an ERP invoice with its draft',
				description: 'Compare the invoice the ERP holds for a reference with the draft it was made from: matchesDraft, the differences, and late time not on the invoice',
				operation: compareInvoiceWithDraftOperation,
			},
			{
				value: 'getBillingPeriod',
				name: 'Get Billing Period',
				action: 'Get the billing period and invoice dates',
				description: 'The month an invoice run bills (named, or last month), its first and last day, and the issue and due dates',
				operation: getBillingPeriodOperation,
			},
			{
				value: 'summarizeInvoiceRun',
				name: 'Summarize Invoice Run',
				action: 'Summarize an invoice run',
				description: 'One record for an invoice run: the invoices made and their totals per currency, invoices a re-run found made before, what was held or not approved and why, and the invoice-readiness lag in days',
				operation: summarizeInvoiceRunOperation,
			},
		],
	},
	{
		value: 'collections',
		name: 'Collections',
		description: 'Aging, days sales outstanding, dunning priority and dunning steps of receivables',
		operations: [
			{
				value: 'ageReceivables',
				name: 'Age Receivables',
				action: 'Age receivables into buckets',
				description: 'Open invoice balances by days overdue in aging buckets (current, 1-30, 31-60, ...), per currency or per invoice',
				operation: ageReceivablesOperation,
			},
			{
				value: 'daysSalesOutstanding',
				name: 'Days Sales Outstanding',
				action: 'Compute days sales outstanding (DSO)',
				description: 'Days sales outstanding per currency: receivables over the credit sales of the last N days, times N',
				operation: daysSalesOutstandingOperation,
			},
			{
				value: 'decideDunningStep',
				name: 'Decide Dunning Step',
				action: 'Decide the dunning step of each invoice',
				description: 'The dunning stage due on each invoice from the ladder, or what stops it (dispute, promise to pay, recent payment, do-not-chase), with the reminder or escalation text and the note that records it',
				operation: decideDunningStepOperation,
			},
			{
				value: 'prioritizeInvoices',
				name: 'Prioritize Overdue Invoices',
				action: 'Score overdue invoices for collection',
				description: 'Each invoice with its days overdue, customer, payment history and a 0-100 priority score with its parts (amount, days overdue, paying late before)',
				operation: prioritizeInvoicesOperation,
			},
			{
				value: 'summarizeCollections',
				name: 'Summarize Collections',
				action: 'Summarize receivables and a dunning run',
				description: 'One record for a collections run: overdue totals by age bucket and days sales outstanding per currency, the reminders and escalations taken, what stopped the others, and the top priorities',
				operation: summarizeCollectionsOperation,
			},
		],
	},
	{
		value: 'planning',
		name: 'Planning',
		description: 'The project a won deal becomes: its milestone plan, standard tasks and staffing, what a deal lacks, and the handoff run',
		operations: [
			{
				value: 'explainMissingDealData',
				name: 'Explain Missing Deal Data',
				action: 'Explain what a deal lacks for its handoff',
				description: 'For each deal the handoff checks refused: the fields missing, the next-step text that says so, and the problems for its owner; a deal already told the same is left out',
				operation: explainMissingDealDataOperation,
			},
			{
				value: 'planMilestones',
				name: 'Plan Milestones',
				action: 'Plan the milestones of a contract',
				description: 'Split a contract value into milestone amounts by percentage, adding up exactly to the value, and tell whether the budget needs approval',
				operation: planMilestonesOperation,
			},
			{
				value: 'planProject',
				name: 'Plan Project From Deal',
				action: 'Plan the project a won deal becomes',
				description: 'The PSA project a won deal becomes (budget, billing model, milestones that add up to the deal, the deal\'s ID for idempotency), the project an earlier run made for it, and whether its budget needs approval',
				operation: planProjectOperation,
			},
			{
				value: 'planStandardTasks',
				name: 'Plan Standard Tasks',
				action: 'Plan the standard tasks of a project',
				description: 'The standard task list of a project by the PSA\'s task IDs, billable or not, skipping tasks it already has',
				operation: planStandardTasksOperation,
			},
			{
				value: 'proposeStaffing',
				name: 'Propose Staffing',
				action: 'Propose the team for a project',
				description: 'Match people\'s skills and free hours to a project\'s needs: the proposed team with the reason for each pick, and each gap',
				operation: proposeStaffingOperation,
			},
			{
				value: 'summarizeHandoff',
				name: 'Summarize Handoff',
				action: 'Summarize a deal-to-project handoff run',
				description: 'One record for a handoff run: deals handed off or already handed off, records created, deals waiting for data or approval, ambiguous clients, and the cycle time from close to project ready',
				operation: summarizeHandoffOperation,
			},
		],
	},
];
