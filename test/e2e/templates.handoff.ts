/**
 * What the opportunity-to-project template must leave in the sandbox, read from the fakes'
 * state: one project per won deal, the client created in the ERP and the PSA only when missing,
 * tasks and staffing on the new projects, the project written back on the deal, the deal missing
 * data marked, and the owner and the budget approver told.
 */
import type { Sandbox } from '../../sandbox/server';
import type { WonDeal } from '../../sandbox/scenarios';
import { NEW_CLIENT } from '../../sandbox/scenarios';
import type { AnyObject } from './templateSupport';
import { inbox } from './templateSupport';

export type Crm = 'hubspot' | 'salesforce';
export type Erp = 'xero' | 'businessCentral';

const state = (sandbox: Sandbox, vendor: string): AnyObject => sandbox.vendors.get(vendor)!.state() as AnyObject;

/** The deal as the CRM holds it now: its PSA project reference and its next step. */
export function dealInCrm(sandbox: Sandbox, crm: Crm, id: string): { harvestRef?: string; nextStep?: string } {
	if (crm === 'hubspot') {
		const deal = (state(sandbox, 'hubspot').deals as AnyObject[]).find((candidate) => candidate.id === id)!;
		return { harvestRef: deal.properties.p2c_ref_harvest ?? undefined, nextStep: deal.properties.hs_next_step ?? undefined };
	}
	const row = (state(sandbox, 'salesforce').Opportunity as AnyObject[]).find((candidate) => candidate.Id === id)!;
	return { harvestRef: row.P2C_Ref_Harvest__c ?? undefined, nextStep: row.NextStep ?? undefined };
}

export function erpCustomerNames(sandbox: Sandbox, erp: Erp): string[] {
	return erp === 'xero'
		? (state(sandbox, 'xero').contacts as AnyObject[]).map((contact) => String(contact.Name))
		: (state(sandbox, 'businesscentral').customers as AnyObject[]).map((customer) => String(customer.displayName));
}

/** Harvest projects that carry this deal's id in their references (the `[p2c]` line of their notes). */
export function projectsOfDeal(sandbox: Sandbox, crm: Crm, dealId: string): AnyObject[] {
	return (state(sandbox, 'harvest').projects as AnyObject[]).filter((project) => new RegExp(`\\[p2c\\][^\\n]*\\b${crm}=${dealId}\\b`).test(String(project.notes ?? '')));
}

/** Counts that a second run must leave unchanged. */
export function handoffSnapshot(sandbox: Sandbox, crm: Crm, erp: Erp, deals: WonDeal[]): AnyObject {
	const harvest = state(sandbox, 'harvest');
	return {
		projects: (harvest.projects as AnyObject[]).length,
		psaClients: (harvest.clients as AnyObject[]).length,
		taskAssignments: (harvest.taskAssignments as AnyObject[]).length,
		userAssignments: (harvest.userAssignments as AnyObject[]).length,
		erpCustomers: erpCustomerNames(sandbox, erp).length,
		deals: deals.map((deal) => dealInCrm(sandbox, crm, deal.id)),
		approvals: inbox(sandbox, 'approvals').length,
		ownerNotices: inbox(sandbox, 'owners').length,
	};
}

/** Every assertion of one handoff run; `before` is the ERP's customer names before the run. */
export function expectHandoffDone(sandbox: Sandbox, crm: Crm, erp: Erp, deals: WonDeal[], erpCustomersBefore: string[]): void {
	const harvest = state(sandbox, 'harvest');
	const handedOff = deals.filter((deal) => deal.case !== 'missingData');

	// One project per won deal with complete data, with its budget and billing model.
	for (const deal of handedOff) {
		const projects = projectsOfDeal(sandbox, crm, deal.id);
		expect({ deal: deal.case, projects: projects.length }).toEqual({ deal: deal.case, projects: 1 });
		const [project] = projects;
		expect(project.name).toBe(deal.name);
		expect(project.cost_budget).toBe(Number(deal.amount));
		expect(project.budget_by).toBe('project_cost');
		expect(project.starts_on).toBe(deal.startDate);
		expect(project.is_billable).toBe(true);
		const client = (harvest.clients as AnyObject[]).find((candidate) => candidate.id === project.client_id);
		expect(client?.name).toBe(deal.clientName);
		if (deal.billingModel === 'milestone') {
			expect(project).toMatchObject({ is_fixed_fee: true, fee: Number(deal.amount) });
			// The contract's milestones, in minor units that add up to the deal amount.
			const milestones = [...String(project.notes).matchAll(/Milestone: .*\) (\d+)\.(\d{2}) /g)].map((match) => Number(match[1]) * 100 + Number(match[2]));
			expect(milestones).toHaveLength(3);
			expect(milestones.reduce((sum, value) => sum + value, 0)).toBe(Number(deal.amount) * 100);
		}
		if (deal.billingModel === 'time_and_materials') expect(project).toMatchObject({ is_fixed_fee: false, budget_is_monthly: false });
		if (deal.billingModel === 'retainer') expect(project).toMatchObject({ is_fixed_fee: false, budget_is_monthly: true });

		// Standard tasks (Project Management not billable) and a staffed team.
		const tasks = (harvest.taskAssignments as AnyObject[]).filter((assignment) => assignment.project_id === project.id);
		const taskNames = tasks.map((assignment) => (harvest.tasks as AnyObject[]).find((task) => task.id === assignment.task_id)?.name).sort();
		expect(taskNames).toEqual(['Build', 'Design', 'Discovery', 'Project Management', 'Testing']);
		expect(tasks.filter((assignment) => !assignment.billable).map((assignment) => (harvest.tasks as AnyObject[]).find((task) => task.id === assignment.task_id)?.name)).toEqual(['Project Management']);
		const team = (harvest.userAssignments as AnyObject[]).filter((assignment) => assignment.project_id === project.id);
		expect(team.length).toBeGreaterThanOrEqual(1);
		expect(team.length).toBeLessThanOrEqual(3);
		expect(team.filter((assignment) => assignment.is_project_manager)).toHaveLength(1);

		// The project's id and link written back on the deal.
		const written = dealInCrm(sandbox, crm, deal.id);
		expect(written.harvestRef).toBe(String(project.id));
		expect(written.nextStep).toContain(`/projects/${project.id}`);
	}

	// The deal without a start date: marked, not handed off, its owner told once.
	const missing = deals.find((deal) => deal.case === 'missingData')!;
	expect(projectsOfDeal(sandbox, crm, missing.id)).toEqual([]);
	const marked = dealInCrm(sandbox, crm, missing.id);
	expect(marked.harvestRef).toBeUndefined();
	expect(marked.nextStep).toMatch(/waits for: startDate/);
	const notices = inbox(sandbox, 'owners').map((message) => message.body as AnyObject);
	expect(notices).toHaveLength(1);
	expect(notices[0]).toMatchObject({ event: 'deal.handoffBlocked', dealId: missing.id, missing: ['startDate'] });

	// Clients: created in the ERP and the PSA only for the client they did not have.
	const erpAfter = erpCustomerNames(sandbox, erp);
	expect(erpAfter.filter((name) => !erpCustomersBefore.includes(name))).toEqual([NEW_CLIENT.name]);
	expect(erpAfter.filter((name) => name === NEW_CLIENT.name)).toHaveLength(1);
	expect((harvest.clients as AnyObject[]).filter((client) => client.name === NEW_CLIENT.name)).toHaveLength(1);
	for (const deal of deals.filter((candidate) => candidate.case !== 'newClient')) {
		expect(erpAfter.filter((name) => name === deal.clientName)).toHaveLength(1);
	}

	// The large budget went through the Approval Gate; the others did not.
	const approvals = inbox(sandbox, 'approvals').map((message) => message.body as AnyObject);
	const large = deals.find((deal) => deal.case === 'large')!;
	expect(approvals).toHaveLength(1);
	expect(approvals[0]).toMatchObject({ event: 'approval.requested', approver: 'finance.director@meridian-advisory.example' });
	expect(approvals[0].request.title).toContain(large.name);
	expect(approvals[0].request.amount).toEqual({ amountMinor: Number(large.amount) * 100, currency: large.currency });
}
