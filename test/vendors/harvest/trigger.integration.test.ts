import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';
import { Psa } from '../../../nodes/Psa/Psa.node';
import { PsaTrigger } from '../../../nodes/Psa/PsaTrigger.node';
import { harvestNow } from '../../../sandbox/vendors/harvest/query';
import { lockState } from '../../../sandbox/vendors/harvest/store';
import { runPoll } from '../../harness/n8n';
import { credentials, psa, useHarvest } from './support';
import { run } from '../../integration/support';

const node = new Psa();
const trigger = new PsaTrigger();
const harvest = useHarvest();

const poller = (event: string, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') => async () =>
	await runPoll({ type: trigger, parameters: { system: 'harvest', harvestAuthentication: 'personalAccessToken', event }, credentials, staticData, mode });
const ids = (result: Awaited<ReturnType<ReturnType<typeof poller>>>) => result?.[0].map((item) => String(item.json.id)).sort() ?? null;

describe('Harvest trigger: time entry approved', () => {
	// Harvest's API has no approval endpoint: a manager approves in Harvest, so the test approves in the fake.
	const approve = (entryId: number) => {
		const entry = harvest.fake().store.tables.timeEntries.get(entryId)!;
		Object.assign(entry, { is_closed: true, ...lockState(true, entry.is_billed), updated_at: harvestNow() });
	};

	it('emits each newly approved entry once, across polls and later changes', async () => {
		const staticData: IDataObject = {};
		const poll = poller('timeEntryApproved', staticData);
		expect(await poll()).toBeNull(); // the first poll only sets the cursor
		const draft = [...harvest.fake().store.tables.timeEntries.values()].filter((entry) => !entry.is_closed).slice(0, 2);
		draft.forEach((entry) => approve(entry.id));
		const emitted = await poll();
		expect(ids(emitted)).toEqual(draft.map((entry) => String(entry.id)).sort());
		expect(emitted![0].every((item) => item.json.approvalStatus === 'approved' && (item.json._meta as IDataObject).system === 'harvest')).toBe(true);
		expect(await poll()).toBeNull();

		// Invoicing changes the entry again: it is still the same approval, so nothing is emitted.
		await sleep(1100);
		const invoiced = harvest.fake().store.tables.timeEntries.get(draft[0].id)!;
		Object.assign(invoiced, { is_billed: true, ...lockState(true, true), updated_at: harvestNow() });
		expect(await poll()).toBeNull();

		const requests = (await harvest.requests()).filter((request) => request.route === '/v2/time_entries');
		expect(requests.every((request) => request.query.updated_since?.[0] !== undefined)).toBe(true);
	});

	it('does not emit time that changed without being approved', async () => {
		const staticData: IDataObject = {};
		const poll = poller('timeEntryApproved', staticData);
		expect(await poll()).toBeNull();
		const entry = [...harvest.fake().store.tables.timeEntries.values()].find((candidate) => !candidate.is_locked)!;
		await run(node, psa({ resource: 'timeEntry', operation: 'update', timeEntryId: String(entry.id), inputMode: 'fields', fields: { notes: 'Edited' } }), { credentials });
		expect(await poll()).toBeNull();
	});

	it('shows the latest approved entry on a manual test run', async () => {
		const result = await poller('timeEntryApproved', {}, 'manual')();
		expect(result?.[0]).toHaveLength(1);
		expect(result?.[0][0].json.approvalStatus).toBe('approved');
	});
});

describe('Harvest trigger: project created or updated', () => {
	it('emits a created project, a changed project, and the same project again after another change', async () => {
		const staticData: IDataObject = {};
		const poll = poller('projectChanged', staticData);
		expect(await poll()).toBeNull();
		const before = await harvest.state();
		const client = before.clients[0];
		const [created] = await run(node, psa({ resource: 'project', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), {
			credentials,
			items: [{ name: 'Cloud migration wave 2', clientId: String(client.id), billingModel: 'time_and_materials' }],
		});
		expect(ids(await poll())).toEqual([String(created.json.id)]);
		expect(await poll()).toBeNull();

		// Harvest stamps changes to the second: a later change is a new event.
		await sleep(1100);
		const target = before.projects.find((project) => project.is_active)!;
		const update = async (notes: string) =>
			await run(node, psa({ resource: 'project', operation: 'update', projectId: String(target.id), inputMode: 'fields', fields: { notes } }), { credentials });
		await update('Phase 2 agreed');
		expect(ids(await poll())).toEqual([String(target.id)]);
		expect(await poll()).toBeNull();
		await sleep(1100);
		await update('Phase 3 agreed');
		const again = await poll();
		expect(ids(again)).toEqual([String(target.id)]);
		expect(again![0][0].json.notes).toBe('Phase 3 agreed');
	});
});
