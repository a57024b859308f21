/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The three workflow templates end to end: a real n8n 2.40.7 with the pack installed as a
 * community package, the vendor sandbox (HubSpot, Salesforce, Harvest, Xero, Business Central,
 * BambooHR fakes and an inbox for what workflows send), the sandbox credentials imported. Each
 * template is imported as shipped, run from its manual trigger, its Approval Gate decided through
 * the link it sent, and the sandbox's state checked; then run again, and nothing may change. The
 * first two templates run again with Salesforce and Business Central chosen, changing only the
 * system, its authentication and the credential.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { N8nCredentialRecord } from '../../sandbox/credentials';
import { inboxHookUrl, TEMPLATE_CREDENTIAL_NAMES } from '../../sandbox/credentials';
import { stageApprovedTime, stageEveryBillingModel, stageOverdueInvoices, winHubSpotDeals, winSalesforceDeals } from '../../sandbox/scenarios';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { expectCollectionsDone, collectionsSnapshot } from './templates.collections';
import { erpCustomerNames, expectHandoffDone, handoffSnapshot, type Crm, type Erp } from './templates.handoff';
import { erpInvoices, expectEveryRuleReached, expectedHolds, expectInvoicingDone, gatedProjects, invoicedProjects, invoicingSnapshot, referenceOf, type InvoicingErp } from './templates.invoicing';
import type { AnyObject } from './templateSupport';
import { importWorkflowWithCli, inbox, loadTemplate, nodeError, nodeItems, otherSystems, runToEndDecidingInTurn, sandboxCredentials, switchSystems, switchTo, withCredentials, withPolicy } from './templateSupport';
import { erpSystems } from '../../nodes/Erp/systems';
import type { N8nInstance } from './n8n';
import { ensureN8nInstalled, ensurePackInstalled, startN8n, stopAllN8n } from './n8n';
import { findSecretLeaks } from './secretScan';

// A first run installs n8n (about 5 minutes); each template runs twice, some with an approval in between.
jest.setTimeout(40 * 60_000);

const TEMPLATES = { handoff: 'opportunity-to-project.json', invoicing: 'time-to-invoice.json', collections: 'collections.json' };

describe('workflow templates in a real n8n against the sandbox', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let userFolder: string;
	let credentials: N8nCredentialRecord[];
	const timings: Record<string, number> = {};

	/** The template as a firm would set it up: credentials picked, notices pointed at the sandbox's inbox. */
	function prepared(file: string): AnyObject {
		let workflow = withCredentials(loadTemplate(file), credentials);
		if (file === TEMPLATES.handoff) workflow = withPolicy(workflow, 'Handoff Policy', { ownerNotificationUrl: inboxHookUrl(sandbox.url, 'owners') });
		if (file === TEMPLATES.collections) {
			workflow = withPolicy(workflow, 'Dunning Policy', { reminderWebhookUrl: inboxHookUrl(sandbox.url, 'reminders'), escalationWebhookUrl: inboxHookUrl(sandbox.url, 'escalations') });
		}
		return workflow;
	}

	async function importAs(workflow: AnyObject, suffix: string): Promise<string> {
		return await n8n.importWorkflow({ ...workflow, name: `${String(workflow.name)} (${suffix})` });
	}

	/** Runs to the end (approving every gate request), checks it succeeded, returns it and the approved titles. */
	async function run(id: string, label: string): Promise<{ execution: AnyObject; decided: string[] }> {
		const started = Date.now();
		const { execution, decided } = await runToEndDecidingInTurn(n8n, sandbox, id);
		timings[label] = Date.now() - started;
		if (execution.status !== 'success') throw new Error(`${label}: execution ${execution.id} ended ${execution.status}: ${nodeError(execution)}\n${n8n.logs().split('\n').slice(-40).join('\n')}`);
		return { execution, decided };
	}

	beforeAll(async () => {
		await ensureN8nInstalled();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2c-templates-e2e-'));
		await ensurePackInstalled(userFolder);
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
		n8n = await startN8n({ userFolder });
		credentials = sandboxCredentials(sandbox.url);
		await n8n.importCredentials(credentials);
	});

	afterAll(async () => {
		process.stderr.write(`[templates e2e] run times (ms): ${JSON.stringify(timings)}\n`);
		await n8n?.stop();
		await stopAllN8n();
		await sandbox?.close();
		if (userFolder && process.env.P2C_E2E_KEEP !== '1') fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('each template imports as shipped through `n8n import:workflow`, and n8n knows every node in it', async () => {
		// The node types this n8n loaded (core and the community package), as its editor reads them.
		const typesFile = path.join(userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
		const known = new Set(fs.existsSync(typesFile) ? (JSON.parse(fs.readFileSync(typesFile, 'utf8')) as Array<{ name: string }>).map((type) => type.name) : []);
		for (const file of Object.values(TEMPLATES)) {
			const shipped = loadTemplate(file);
			const copy = path.join(userFolder, `import-${file}`);
			fs.writeFileSync(copy, JSON.stringify({ ...shipped, id: `tpl${file.replace(/[^a-z]/g, '').slice(0, 13)}` }));
			await importWorkflowWithCli(n8n, copy);
			const stored = await n8n.rest<AnyObject>('GET', `/workflows/tpl${file.replace(/[^a-z]/g, '').slice(0, 13)}`);
			expect(stored.name).toBe(shipped.name);
			expect((stored.nodes as AnyObject[]).map((node) => node.name).sort()).toEqual((shipped.nodes as AnyObject[]).map((node: AnyObject) => node.name).sort());
			for (const node of shipped.nodes as AnyObject[]) {
				if (known.size > 0) expect({ node: node.name, known: known.has(node.type) }).toEqual({ node: node.name, known: true });
				for (const [type, reference] of Object.entries((node.credentials ?? {}) as Record<string, AnyObject>)) {
					expect(reference).toEqual({ name: TEMPLATE_CREDENTIAL_NAMES[type as keyof typeof TEMPLATE_CREDENTIAL_NAMES] });
				}
			}
			// n8n found the credentials by their placeholder names: the sandbox's records carry the same names.
			for (const node of (stored.nodes as AnyObject[]).filter((candidate) => candidate.credentials)) {
				for (const [type, reference] of Object.entries(node.credentials as Record<string, AnyObject>)) {
					expect({ node: node.name, id: reference.id }).toEqual({ node: node.name, id: credentials.find((record) => record.type === type)!.id });
				}
			}
		}
	});

	describe.each([
		['hubspot', 'xero'],
		['salesforce', 'businessCentral'],
	] as Array<[Crm, Erp]>)('opportunity to project with %s and %s', (crm, erp) => {
		test('hands off each won deal once: project with budget and billing model, client only when missing, tasks, staffing, approval, write-back; a second run changes nothing', async () => {
			sandbox.reset();
			const deals = crm === 'hubspot' ? await winHubSpotDeals(sandbox) : await winSalesforceDeals(sandbox);
			const customersBefore = erpCustomerNames(sandbox, erp);
			let workflow = prepared(TEMPLATES.handoff);
			if (crm === 'salesforce') workflow = switchSystems(workflow, ['crm', 'erp'], credentials);
			const id = await importAs(workflow, `${crm} + ${erp}`);

			const first = await run(id, `handoff ${crm} first`);
			expect(first.decided).toEqual([expect.stringContaining(deals.find((deal) => deal.case === 'large')!.name)]);
			expectHandoffDone(sandbox, crm, erp, deals, customersBefore);
			const [summary] = nodeItems(first.execution as never, 'Handoff Summary');
			expect(summary).toMatchObject({ handedOff: 3, projectsCreated: 3, erpCustomersCreated: 1, psaClientsCreated: 1, waitingForData: [{ dealId: deals[3].id, missing: ['startDate'] }] });
			expect(summary.cycleTimeHours.max).toBeLessThan(24);
			expect(summary.staffingAssignments).toBeGreaterThanOrEqual(3);

			const before = handoffSnapshot(sandbox, crm, erp, deals);
			const second = await run(id, `handoff ${crm} second`);
			expect(second.decided).toEqual([]);
			expect(handoffSnapshot(sandbox, crm, erp, deals)).toEqual(before);
			expect(nodeItems(second.execution as never, 'Handoff Summary')[0]).toMatchObject({ handedOff: 0, projectsCreated: 0, alreadyHandedOff: 3 });
		});
	});

	describe.each(['xero', 'businessCentral'] as InvoicingErp[])('time to invoice with %s', (erp) => {
		test('bills last month by each project\'s billing model: lines to the cent as computed from Harvest\'s records and the terms, every check reached, exceptions approved at the gate, time marked invoiced; a second run changes nothing', async () => {
			sandbox.reset();
			const staged = await stageEveryBillingModel(sandbox);
			const invoicesBefore = erpInvoices(sandbox, erp).length;
			let workflow = withPolicy(prepared(TEMPLATES.invoicing), 'Invoicing Policy', { billingTerms: JSON.stringify(staged.billingTerms), rateCard: JSON.stringify(staged.rateCard) });
			if (erp === 'businessCentral') workflow = switchSystems(workflow, ['erp'], credentials);
			const id = await importAs(workflow, erp);

			const first = await run(id, `invoicing ${erp} first`);
			// One approval per draft with exceptions, each named by its reference.
			const gated = gatedProjects(staged).map((project) => referenceOf(project, staged));
			expect(first.decided).toHaveLength(gated.length);
			for (const reference of gated) expect(first.decided.filter((title) => title.includes(reference))).toHaveLength(1);
			expectInvoicingDone(sandbox, erp, staged, invoicesBefore);
			expectEveryRuleReached(nodeItems(first.execution as never, 'Build Invoice Drafts'), staged);
			const [summary] = nodeItems(first.execution as never, 'Invoice Run Summary');
			expect(summary.period).toBe(staged.periodKey);
			expect(summary.invoices.map((invoice: AnyObject) => invoice.reference).sort()).toEqual(invoicedProjects(staged).map((project) => referenceOf(project, staged)).sort());
			expect(summary.invoices.every((invoice: AnyObject) => invoice.timeMarkedInvoiced && !invoice.lateTimeConflict)).toBe(true);
			expect((summary.held as AnyObject[]).map((held) => [held.project, held.rule]).sort()).toEqual(expectedHolds(staged).sort());
			expect(summary.readinessLagDays.afterPeriodEnd).toBeGreaterThanOrEqual(1);

			const before = invoicingSnapshot(sandbox, erp);
			const second = await run(id, `invoicing ${erp} second`);
			expect(second.decided).toEqual([]);
			expect(invoicingSnapshot(sandbox, erp)).toEqual(before);
			const [again] = nodeItems(second.execution as never, 'Invoice Run Summary');
			expect(again.invoices).toEqual([]);
			// Fees fall due on their own, without new time: found invoiced before under their reference, not billed again.
			expect((again.alreadyInvoiced as AnyObject[]).map((invoice) => invoice.reference).sort()).toEqual(staged.projects.filter((project) => ['fixedFee', 'milestone'].includes(project.case)).map((project) => referenceOf(project, staged)).sort());
		});
	});

	test('collections: one step per dunning stage, noted on the invoice; stops on dispute, promise and payment; a second run sends nothing', async () => {
		sandbox.reset();
		const staged = stageOverdueInvoices(sandbox);
		const id = await importAs(prepared(TEMPLATES.collections), 'xero');

		const first = await run(id, 'collections first');
		expectCollectionsDone(sandbox, staged);
		const [summary] = nodeItems(first.execution as never, 'Collections Summary');
		expect(summary).toMatchObject({ overdueInvoices: staged.length, remindersSent: 2, escalations: 1, notesWritten: 3 });
		const buckets = Object.values(summary.overdue as Record<string, AnyObject>).flatMap((entry) => Object.keys(entry.byAge));
		expect(buckets.every((bucket) => ['1-30', '31-60', '61-90', '91+'].includes(bucket))).toBe(true);
		expect(Object.values(summary.daysSalesOutstanding as Record<string, AnyObject>).some((entry) => typeof entry.days === 'number')).toBe(true);

		const before = collectionsSnapshot(sandbox, staged);
		const second = await run(id, 'collections second');
		expect(collectionsSnapshot(sandbox, staged)).toEqual(before);
		expect(nodeItems(second.execution as never, 'Collections Summary')[0]).toMatchObject({ remindersSent: 0, escalations: 0, notesWritten: 0 });
	});

	// Every registered ERP without invoice history: collections keeps its dunning steps in the n8n Data Table ledger.
	describe.each(erpSystems.filter((system) => !system.capabilities.includes('invoiceNotes')).map((system) => [system.displayName, system.key]))('collections on %s (no invoice notes)', (_name, erp) => {
		test('each step once, kept in the n8n Data Table dunning ledger; a second run sends nothing', async () => {
			sandbox.reset();
			const sentBefore = inbox(sandbox, 'reminders').length + inbox(sandbox, 'escalations').length;
			const id = await importAs(switchTo(prepared(TEMPLATES.collections), 'erp', erp, credentials), `collections ${erp}`);

			const first = await run(id, `collections ledger ${erp} first`);
			const [capabilities] = nodeItems(first.execution as never, 'ERP System');
			expect(capabilities).toMatchObject({ system: erp, capabilities: { invoiceNotes: false } });
			// The notes branch never ran: no note was asked of an ERP that has none.
			expect(nodeItems(first.execution as never, 'Read Invoice Notes')).toEqual([]);
			// Decide Dunning Step gives every invoice its decision; the steps taken are the ones due.
			const steps = nodeItems(first.execution as never, 'Decide Dunning Step').filter((decision) => decision.due);
			const recorded = nodeItems(first.execution as never, 'Record Step in Dunning Ledger');
			const sent = inbox(sandbox, 'reminders').length + inbox(sandbox, 'escalations').length - sentBefore;
			expect(steps.length).toBeGreaterThan(0);
			expect({ sent, recorded: recorded.length }).toEqual({ sent: steps.length, recorded: steps.length });
			expect(recorded.map((row) => row.invoiceId).sort()).toEqual(steps.map((step) => step.invoiceId).sort());
			expect(recorded.every((row) => row.system === erp && /^\[p2c dunning\] stage \d+: /.test(String(row.note)))).toBe(true);

			const second = await run(id, `collections ledger ${erp} second`);
			expect(inbox(sandbox, 'reminders').length + inbox(sandbox, 'escalations').length - sentBefore).toBe(sent);
			expect(nodeItems(second.execution as never, 'Decide Dunning Step').filter((decision) => decision.due)).toEqual([]);
			expect(nodeItems(second.execution as never, 'Read Dunning Ledger').filter((row) => row.invoiceId && row.system === erp).length).toBe(steps.length);
			expect(nodeItems(second.execution as never, 'Collections Summary')[0]).toMatchObject({ remindersSent: 0, escalations: 0 });
		});
	});

	// Every ERP the detailed runs above do not cover: time to invoice with only the ERP switched, its invoices read from the fake's own records.
	describe.each(otherSystems(loadTemplate(TEMPLATES.invoicing), 'erp').filter((key) => key !== 'businessCentral'))('time to invoice with %s', (erp) => {
		test('one invoice per invoiced project, referenced <project code>-<YYYY-MM>; a second run changes nothing', async () => {
			sandbox.reset();
			const staged = await stageApprovedTime(sandbox);
			const fake = [...sandbox.vendors.values()].find((candidate) => candidate.system === erp)!;
			const invoicesBefore = fake.records!('invoice').length;
			const id = await importAs(switchTo(prepared(TEMPLATES.invoicing), 'erp', erp, credentials), `invoicing ${erp}`);

			const first = await run(id, `invoicing ${erp} first`);
			const expected = staged.projects.filter((project) => project.case !== 'unapproved').map((project) => referenceOf(project, staged)).sort();
			const [summary] = nodeItems(first.execution as never, 'Invoice Run Summary');
			expect(summary.invoices.map((invoice: AnyObject) => invoice.reference).sort()).toEqual(expected);
			const created = fake.records!('invoice').slice(invoicesBefore);
			expect(created).toHaveLength(expected.length);
			for (const reference of expected) expect(created.filter((record) => JSON.stringify(record).includes(reference))).toHaveLength(1);

			const before = JSON.stringify(fake.records!('invoice'));
			const second = await run(id, `invoicing ${erp} second`);
			expect(JSON.stringify(fake.records!('invoice'))).toBe(before);
			expect(nodeItems(second.execution as never, 'Invoice Run Summary')[0].invoices).toEqual([]);
		});
	});

	test('no secret of the sandbox credentials, and no token the sandbox issued, is in n8n\'s log or in any stored execution', async () => {
		expect(sandbox.issuedTokens.size).toBeGreaterThan(0);
		expect(await findSecretLeaks(n8n, credentials, sandbox.issuedTokens)).toEqual([]);
	});
});
