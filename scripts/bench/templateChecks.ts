/**
 * What a template run at scale must leave in the sandbox, checked the way the end-to-end helpers
 * (test/e2e/templates.invoicing.ts, templates.handoff.ts) check the small scenarios, but indexed
 * once so that thousands of records check in a moment. Returns the problems found (none is a pass).
 */
import type { StagedTime, WonDeal } from '../../sandbox/scenarios';
import type { Sandbox } from '../../sandbox/server';
import { erpInvoices, referenceOf, type InvoicingErp } from '../../test/e2e/templates.invoicing';
import type { AnyObject } from '../../test/e2e/templateSupport';
import { cents, inbox, lineCents } from '../../test/e2e/templateSupport';

const state = (sandbox: Sandbox, vendor: string): AnyObject => sandbox.vendors.get(vendor)!.state() as AnyObject;

function groupBy<T>(records: T[], key: (record: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const record of records) {
		const list = groups.get(key(record)) ?? [];
		list.push(record);
		groups.set(key(record), list);
	}
	return groups;
}

/** One draft per invoiced project with lines = hours x rate per task and rate plus expenses, the time marked invoiced; held projects untouched. */
export function invoicingProblems(sandbox: Sandbox, erp: InvoicingErp, staged: StagedTime, erpInvoicesBefore: number): string[] {
	const problems: string[] = [];
	const harvest = state(sandbox, 'harvest');
	const invoices = erpInvoices(sandbox, erp);
	const byReference = groupBy(invoices, (invoice) => invoice.reference ?? '');
	const entriesById = new Map((harvest.timeEntries as AnyObject[]).map((entry) => [String(entry.id), entry]));
	const expensesById = new Map((harvest.expenses as AnyObject[]).map((expense) => [String(expense.id), expense]));
	const harvestInvoices = groupBy(harvest.invoices as AnyObject[], (invoice) => String(invoice.purchase_order ?? ''));
	const invoiced = staged.projects.filter((project) => project.case !== 'unapproved');
	if (invoices.length !== erpInvoicesBefore + invoiced.length) problems.push(`${invoices.length - erpInvoicesBefore} new ERP invoices, ${invoiced.length} expected`);

	for (const project of invoiced) {
		const reference = referenceOf(project, staged);
		const found = byReference.get(reference) ?? [];
		if (found.length !== 1) {
			problems.push(`${reference}: ${found.length} ERP invoices`);
			continue;
		}
		const [invoice] = found;
		if (invoice.status !== (erp === 'xero' ? 'DRAFT' : 'Draft')) problems.push(`${reference}: status ${invoice.status}`);
		if (invoice.customer !== project.clientName) problems.push(`${reference}: customer ${invoice.customer}, not ${project.clientName}`);
		if (invoice.currency !== project.currency) problems.push(`${reference}: currency ${invoice.currency}, not ${project.currency}`);
		const entries = project.timeEntryIds.map((id) => entriesById.get(id)!);
		const expenses = project.expenseIds.map((id) => expensesById.get(id)!);
		const groups = new Map<string, { hundredths: number; rate: number }>();
		for (const entry of entries) {
			const group = groups.get(`${entry.task_id}|${entry.billable_rate}`) ?? { hundredths: 0, rate: entry.billable_rate };
			group.hundredths += Math.round(entry.hours * 100);
			groups.set(`${entry.task_id}|${entry.billable_rate}`, group);
		}
		const expected = [...groups.values()].map((group) => lineCents(group.hundredths / 100, group.rate));
		if (expenses.length > 0) expected.push(expenses.reduce((sum, expense) => sum + cents(expense.total_cost), 0));
		const actual = invoice.lines.map((line) => line.lineCents);
		const sorted = (list: number[]) => [...list].sort((a, b) => a - b).join(',');
		if (sorted(actual) !== sorted(expected)) problems.push(`${reference}: lines ${sorted(actual)}, expected ${sorted(expected)}`);
		if (invoice.subtotalCents !== expected.reduce((sum, value) => sum + value, 0)) problems.push(`${reference}: subtotal ${invoice.subtotalCents}`);
		const marked = harvestInvoices.get(reference) ?? [];
		if (marked.length !== 1) problems.push(`${reference}: ${marked.length} Harvest invoices`);
		else if (cents(marked[0].amount) !== invoice.subtotalCents) problems.push(`${reference}: Harvest invoice ${marked[0].amount}, ERP ${invoice.subtotalCents / 100}`);
		const unbilled = [...entries, ...expenses].filter((record) => !record.is_billed).length;
		if (unbilled > 0) problems.push(`${reference}: ${unbilled} records not marked invoiced`);
	}
	for (const project of staged.projects.filter((candidate) => candidate.case === 'unapproved')) {
		const reference = referenceOf(project, staged);
		if (byReference.has(reference)) problems.push(`${reference}: held project invoiced`);
		if (project.timeEntryIds.some((id) => entriesById.get(id)?.is_billed)) problems.push(`${reference}: held project's time marked invoiced`);
	}
	return problems;
}

/** One project per complete deal on the right client, written back; deals missing data marked, their owners told; new clients created once. */
export function handoffProblems(sandbox: Sandbox, deals: WonDeal[]): string[] {
	const problems: string[] = [];
	const harvest = state(sandbox, 'harvest');
	const hubspot = state(sandbox, 'hubspot');
	const projectsOfDeal = new Map<string, AnyObject[]>();
	for (const project of harvest.projects as AnyObject[]) {
		for (const match of String(project.notes ?? '').matchAll(/\[p2c\][^\n]*\bhubspot=(\d+)\b/g)) {
			projectsOfDeal.set(match[1], [...(projectsOfDeal.get(match[1]) ?? []), project]);
		}
	}
	const clients = new Map((harvest.clients as AnyObject[]).map((client) => [client.id, client]));
	const dealsById = new Map((hubspot.deals as AnyObject[]).map((deal) => [String(deal.id), deal]));
	const erpNames = groupBy(state(sandbox, 'xero').contacts as AnyObject[], (contact) => String(contact.Name));
	const psaNames = groupBy(harvest.clients as AnyObject[], (client) => String(client.name));
	for (const deal of deals) {
		const projects = projectsOfDeal.get(deal.id) ?? [];
		const properties = dealsById.get(deal.id)?.properties ?? {};
		if (deal.case === 'missingData') {
			if (projects.length > 0) problems.push(`deal ${deal.id} (missing data) got a project`);
			if (!/waits for: startDate/.test(String(properties.hs_next_step ?? ''))) problems.push(`deal ${deal.id} (missing data) not marked`);
			continue;
		}
		if (projects.length !== 1) {
			problems.push(`deal ${deal.id} (${deal.case}): ${projects.length} projects`);
			continue;
		}
		const [project] = projects;
		if (project.name !== deal.name) problems.push(`deal ${deal.id}: project named ${project.name}`);
		if (clients.get(project.client_id)?.name !== deal.clientName) problems.push(`deal ${deal.id}: project on client ${clients.get(project.client_id)?.name}`);
		if (project.cost_budget !== Number(deal.amount)) problems.push(`deal ${deal.id}: budget ${project.cost_budget}, deal ${deal.amount}`);
		if (String(properties.p2c_ref_harvest ?? '') !== String(project.id)) problems.push(`deal ${deal.id}: written back ${properties.p2c_ref_harvest}, project ${project.id}`);
		if (deal.case === 'newClient') {
			if ((erpNames.get(deal.clientName) ?? []).length !== 1) problems.push(`${deal.clientName}: ${(erpNames.get(deal.clientName) ?? []).length} ERP customers`);
			if ((psaNames.get(deal.clientName) ?? []).length !== 1) problems.push(`${deal.clientName}: ${(psaNames.get(deal.clientName) ?? []).length} PSA clients`);
		}
	}
	const approvals = inbox(sandbox, 'approvals').length;
	const large = deals.filter((deal) => deal.case === 'large').length;
	if (approvals !== large) problems.push(`${approvals} approval requests, ${large} large deals`);
	const notices = inbox(sandbox, 'owners').length;
	const missing = deals.filter((deal) => deal.case === 'missingData').length;
	if (notices !== missing) problems.push(`${notices} owner notices, ${missing} deals missing data`);
	return problems;
}
