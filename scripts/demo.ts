/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The demo (`npm run demo`, after scripts/demo.sh built the pack and installed n8n): the vendor
 * sandbox on SANDBOX_PORT (4010) with today's business events staged, a real n8n on N8N_PORT (5678)
 * with the pack installed as a community package in .cache/demo, the sandbox credentials and the
 * three templates imported. Prints where to click, and stays up until Ctrl-C.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { inboxHookUrl, sandboxCredentials } from '../sandbox/credentials';
import { stageTemplateScenarios } from '../sandbox/scenarios';
import { startSandbox } from '../sandbox/server';
import { E2E_OWNER, PROJECT_ROOT, startN8n } from '../test/e2e/n8n';
import { loadTemplate, withCredentials, withPolicy } from '../test/e2e/templateSupport';

const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4010);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const USER_FOLDER = path.join(PROJECT_ROOT, '.cache', 'demo');
// Fixed ids: a second `npm run demo` overwrites the demo workflows instead of adding copies.
const WORKFLOWS = [
	{ id: 'p2cDemoHandoff01', file: 'opportunity-to-project.json' },
	{ id: 'p2cDemoInvoice01', file: 'time-to-invoice.json' },
	{ id: 'p2cDemoCollect01', file: 'collections.json' },
];

/** Installs the built package into the demo's n8n folder the way a community install does. */
async function installPack(): Promise<void> {
	const child = spawn('bash', [path.join(PROJECT_ROOT, 'scripts', 'install-pack.sh'), USER_FOLDER, '--skip-build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`scripts/install-pack.sh exited with ${code}`);
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ port: SANDBOX_PORT, host: '127.0.0.1' });
	console.log(`[demo] vendor sandbox at ${sandbox.url}`);
	const staged = await stageTemplateScenarios(sandbox);
	await installPack();
	console.log(`[demo] starting n8n on port ${N8N_PORT} (first start: about 15 s)`);
	const n8n = await startN8n({ userFolder: USER_FOLDER, port: N8N_PORT });
	const credentials = sandboxCredentials(sandbox.url);
	await n8n.importCredentials(credentials);
	for (const { id, file } of WORKFLOWS) {
		let workflow = withCredentials(loadTemplate(file), credentials);
		if (file.startsWith('opportunity')) workflow = withPolicy(workflow, 'Handoff Policy', { ownerNotificationUrl: inboxHookUrl(sandbox.url, 'owners') });
		if (file.startsWith('collections')) {
			workflow = withPolicy(workflow, 'Dunning Policy', { reminderWebhookUrl: inboxHookUrl(sandbox.url, 'reminders'), escalationWebhookUrl: inboxHookUrl(sandbox.url, 'escalations') });
		}
		await n8n.importWorkflow({ ...workflow, id });
	}

	const large = staged.deals.find((deal) => deal.case === 'large')!;
	const longDay = staged.time.projects.find((project) => project.case === 'longDay')!;
	const link = (id: string) => `${n8n.baseUrl}/workflow/${id}`;
	console.log(`
================================================================================
 Project-to-Cash demo is running
================================================================================
 n8n editor      ${n8n.baseUrl}
   log in as     ${E2E_OWNER.email} / ${E2E_OWNER.password}
 Sandbox inbox   ${sandbox.url}/inbox          (approval links, owner notices, reminders)
 Vendor state    ${sandbox.url}/__admin/state/<hubspot|harvest|xero|bamboohr|salesforce|businesscentral>

 What to click (each template: open it, press "Execute workflow"):
 1. Opportunity to Project   ${link(WORKFLOWS[0].id)}
    4 deals were won today in HubSpot. The run waits at "Approve Project Budget" for
    "${large.name}": open the inbox, open the approval link, press Approve.
    Then: 3 projects in Harvest with tasks and a staffed team, the new client created in Xero,
    project ids written back on the deals, one deal marked as needing a start date.
 2. Time to Invoice          ${link(WORKFLOWS[1].id)}
    Last month's (${staged.time.periodKey}) approved time on three projects. The run waits for an
    exception on ${longDay.projectName} (more than 10 hours on one day): approve it in the inbox.
    Then: 2 draft invoices in Xero (lines = hours x rate), the time marked invoiced in Harvest,
    one project held because some of its time is not approved.
 3. Collections              ${link(WORKFLOWS[2].id)}
    7 overdue invoices in Xero: 2 reminders and 1 escalation arrive in the inbox, a note on each
    invoice; a dispute, a promised date and a recent payment stop the others.
 Run any of them again: nothing changes (no duplicate project, invoice or reminder).
 Each run ends with a summary item on its last node.

 Press Ctrl-C to stop n8n and the sandbox.
================================================================================
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n[demo] stopping n8n and the sandbox ...');
		await n8n.stop();
		await sandbox.close();
		console.log('[demo] stopped');
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
	// Keep the process alive until a signal arrives.
	setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
	console.error(`[demo] failed: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
