/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * The Process Rules node's billing operation pricing N time entries (default 100,000, `--entries`)
 * in 500 projects of every billing model, in process (n8n-core's real execution context,
 * test/harness): the time entries as input items, projects, clients, terms and milestones as
 * JSON parameters, as a template wires them. Beside it, the pure rules alone, the floor of the
 * node's own cost. Every entry is checked to come out exactly once (on a draft or in a hold).
 */
import type { IDataObject } from 'n8n-workflow';
import { ProcessRules } from '../../nodes/ProcessRules/ProcessRules.node';
import { buildInvoiceDrafts } from '../../nodes/ProcessRules/rules/billing/drafts';
import { billingPeriod } from '../../nodes/ProcessRules/rules/billing/period';
import { DEFAULT_BILLING_POLICY } from '../../nodes/ProcessRules/rules/billing/types';
import { Client, Milestone, Project, TimeEntry } from '../../nodes/shared/canonical';
import { runNode } from '../../test/harness/n8n';
import { mib, seconds, type BenchSuite } from './support';

const PROJECTS = 500;
const CLIENTS = 50;
const CURRENCIES = ['USD', 'JPY', 'KWD'];
const MODELS = ['time_and_materials', 'time_and_materials', 'time_and_materials', 'time_and_materials', 'fixed_fee', 'milestone', 'retainer'];

function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = Math.imul(state ^ (state >>> 15), state | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The same workload on every run: projects of every model, a not-to-exceed cap on some, 0.1% of time not approved. */
export function billingWorkload(entries: number, seed = 11) {
	const next = random(seed);
	const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
	const clients = Array.from({ length: CLIENTS }, (_unused, index) => ({ id: `c${index}`, name: `Client ${index}`, currency: CURRENCIES[index % CURRENCIES.length] }));
	const projects = Array.from({ length: PROJECTS }, (_unused, index) => {
		const client = clients[index % CLIENTS];
		const currency = client.currency;
		return { id: `p${index}`, name: `Project ${index}`, code: `PRJ${index}`, clientId: client.id, status: 'active', billingModel: MODELS[index % MODELS.length], fixedFee: { amountMinor: 5_000_000, currency }, budgetAmount: { amountMinor: 900_000_000, currency } };
	});
	const terms = projects.flatMap((project, index): IDataObject[] => {
		const currency = project.fixedFee.currency;
		if (project.billingModel === 'retainer') return [{ projectId: project.id, retainer: { fee: { amountMinor: 800_000, currency }, hoursPerPeriod: 120, overageRate: { amountMinor: 20_000, currency } } }];
		if (project.billingModel === 'fixed_fee' && index % 2 === 0) return [{ projectId: project.id, feeBasis: 'percentComplete', percentComplete: 40 }];
		if (index % 10 === 0) return [{ projectId: project.id, notToExceed: { amountMinor: 20_000_000, currency } }];
		return [];
	});
	const milestones = projects.filter((project) => project.billingModel === 'milestone' || project.billingModel === 'fixed_fee').map((project) => ({ id: `m-${project.id}`, name: 'Design sign-off', projectId: project.id, status: 'reached', amount: { amountMinor: 1_500_000, currency: project.fixedFee.currency } }));
	const timeEntries = Array.from({ length: entries }, (_unused, index) => {
		const project = projects[int(0, PROJECTS - 1)];
		return {
			id: `te${index}`,
			date: `2026-03-${String(int(1, 28)).padStart(2, '0')}`,
			hours: int(25, 400) / 100,
			billable: true,
			approvalStatus: next() < 0.001 ? 'submitted' : 'approved',
			projectId: project.id,
			taskId: `k${int(0, 4)}`,
			resourceId: `r${int(0, 1999)}`,
			rate: { amountMinor: [15000, 17500, 20000][int(0, 2)], currency: project.fixedFee.currency },
		};
	});
	return { clients, projects, terms, milestones, timeEntries };
}

export const rulesSuite: BenchSuite = {
	name: 'rules',
	description: 'Process Rules node: Build Invoice Drafts pricing 100,000 time entries in 500 projects, in process',
	async run(bench) {
		const entries = bench.flag('entries', 100_000);
		const workload = billingWorkload(entries);
		const rows = [];

		global.gc?.();
		let started = process.hrtime.bigint();
		const period = billingPeriod({ billingMonth: '2026-03', today: '2026-04-01', paymentTermsDays: 30 });
		const pure = buildInvoiceDrafts(
			{
				period,
				timeEntries: workload.timeEntries.map((entry) => TimeEntry.parse(entry)),
				expenses: [],
				projects: workload.projects.map((project) => Project.parse(project)),
				clients: workload.clients.map((client) => Client.parse(client)),
				milestones: workload.milestones.map((milestone) => Milestone.parse(milestone)),
				terms: workload.terms as never,
			},
			DEFAULT_BILLING_POLICY,
		);
		const pureSeconds = seconds(started);
		rows.push({ case: 'rules alone (records parsed, then priced)', entries, drafts: pure.drafts.length, holds: pure.holds.length, seconds: pureSeconds, 'entries/s': Math.round(entries / pureSeconds), 'heap MiB': mib(process.memoryUsage().heapUsed) });
		bench.log(`rules alone: ${pureSeconds.toFixed(2)} s`);

		global.gc?.();
		started = process.hrtime.bigint();
		const [output] = await runNode({
			type: new ProcessRules(),
			parameters: {
				resource: 'billing',
				operation: 'buildInvoiceDrafts',
				projects: JSON.stringify(workload.projects),
				clients: JSON.stringify(workload.clients),
				expenses: '[]',
				moreInputs: { milestones: JSON.stringify(workload.milestones), billingTerms: JSON.stringify(workload.terms) },
				billingMonth: '2026-03',
				issueDate: '2026-04-01',
			},
			items: workload.timeEntries as IDataObject[],
		});
		const nodeSeconds = seconds(started);
		const drafts = output.filter((item) => item.json.held === false);
		const out = [...drafts.flatMap((item) => item.json.timeEntryIds as string[]), ...output.filter((item) => item.json.held === true).flatMap((item) => item.json.timeEntryIds as string[])];
		if (out.length !== entries || new Set(out).size !== entries) throw new Error(`${out.length} entries came out (${new Set(out).size} distinct) of ${entries}`);
		rows.push({ case: 'Build Invoice Drafts node (execute, n8n-core context)', entries, drafts: drafts.length, holds: output.length - drafts.length, seconds: nodeSeconds, 'entries/s': Math.round(entries / nodeSeconds), 'heap MiB': mib(process.memoryUsage().heapUsed) });
		bench.log(`node: ${nodeSeconds.toFixed(2)} s`);

		bench.report({
			suite: 'rules',
			title: `Billing: pricing ${entries.toLocaleString('en-US')} time entries in ${PROJECTS} projects (target: under 5 s)`,
			columns: ['case', 'entries', 'drafts', 'holds', 'seconds', 'entries/s', 'heap MiB'],
			rows,
			notes: [
				'Time and materials (per task and rate, 10% of projects under a not-to-exceed cap), fixed fee by milestone and by percent complete, milestone, retainer with overage; USD, JPY and KWD; 0.1% of time not approved (its project held), 2,000 people.',
				'Node row: entries as input items, projects, clients, terms and milestones as JSON parameters; every record validated against its canonical schema; each entry checked to come out exactly once.',
				'In process, not in a running n8n: the templates suite measures the workflow in n8n.',
			],
		});
	},
};
