import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Psa } from '../../../nodes/Psa/Psa.node';
import { HARVEST_ACCOUNT_ID, HARVEST_OAUTH_CLIENT, HARVEST_PERSONAL_ACCESS_TOKEN, HARVEST_REFRESH_TOKEN, HARVEST_TOKEN_PATH } from '../../../sandbox/vendors/harvest';
import { runLoadOptions, testCredential } from '../../harness/n8n';
import { byId, CONTACT, credentials, psa, useHarvest } from './support';
import { json, run, useCredential } from '../../integration/support';

const node = new Psa();
const harvest = useHarvest();
const { state, counts, requests } = harvest;
const url = () => harvest.sandbox.sandbox.url;

describe('Harvest errors', () => {
	const badToken = () => useCredential('harvest-pat', 'p2cHarvestPersonalAccessTokenApi', { accessToken: 'wrong', accountId: HARVEST_ACCOUNT_ID, baseUrl: `${url()}/harvest/v2` });

	it('fails the node on a bad token with Harvest\'s 401 message', async () => {
		badToken();
		const failure = await run(node, psa({ resource: 'client', operation: 'list', returnAll: true }), { credentials }).catch((error: Error) => error);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/Harvest: The access token provided is expired, revoked, malformed or invalid/);
		expect((failure as { httpCode?: string }).httpCode).toBe('401');
		// n8n itself re-sends once after a 401 (its credential refresh hook); the transport adds no retry of its own.
		expect((await counts())['harvest GET /v2/clients']).toBe(2);
	});

	it('turns a bad token into one error item per input under continue-on-fail', async () => {
		badToken();
		const items = await run(node, psa({ resource: 'client', operation: 'get', clientId: '={{ $json.id }}' }), { credentials, continueOnFail: true, items: [{ id: '1' }, { id: '2' }] });
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(items.every((item) => (item.json.errorDetails as IDataObject).httpCode === '401')).toBe(true);
	});

	it('answers 404 for an unknown record: thrown, or kept on its item beside the good one', async () => {
		await expect(run(node, psa({ resource: 'project', operation: 'get', projectId: '99' }), { credentials })).rejects.toThrow(/Harvest: Not Found/);
		const known = (await state()).projects[0];
		const items = await run(node, psa({ resource: 'project', operation: 'get', projectId: '={{ $json.id }}' }), { credentials, continueOnFail: true, items: [{ id: String(known.id) }, { id: '99' }] });
		expect(items[0].json.name).toBe(known.name);
		expect(items[1].json).toMatchObject({ error: 'Harvest: Not Found', input: { id: '99' } });
		expect((items[1].json.errorDetails as IDataObject).httpCode).toBe('404');
	});

	it('names the field of a 422: thrown without continue-on-fail', async () => {
		const taken = (await state()).clients[0].name;
		const failure = await run(node, psa({ resource: 'client', operation: 'create', inputMode: 'fields', name: taken }), { credentials }).catch((error: Error) => error);
		expect((failure as Error).message).toBe('Harvest: Name has already been taken');
		expect((failure as { description?: string }).description).toMatch(/POST \/clients answered 422 · field name/);
	});

	it('names the field of a 422: on the failing item only, with continue-on-fail', async () => {
		const taken = (await state()).clients[0].name;
		const items = await run(node, psa({ resource: 'client', operation: 'create', inputMode: 'fields', name: '={{ $json.name }}' }), {
			credentials,
			continueOnFail: true,
			items: [{ name: 'Fresh Client Ltd' }, { name: taken }],
		});
		expect(items[0].json.name).toBe('Fresh Client Ltd');
		expect(items[1].json.errorDetails).toMatchObject({ httpCode: '422', field: 'name' });
		expect((await state()).clients.filter((client) => client.name === taken)).toHaveLength(1);
	});

	it('checks what Harvest requires before sending: a time entry needs a task', async () => {
		const project = (await state()).projects[0];
		await expect(
			run(node, psa({ resource: 'timeEntry', operation: 'create', inputMode: 'json', record: '={{ $json }}' }), { credentials, items: [{ date: '2026-10-01', hours: 1, projectId: String(project.id) }] }),
		).rejects.toThrow(/Time entry of 2026-10-01 on project \d+: taskId is required/);
		expect((await counts())['harvest POST /v2/time_entries']).toBeUndefined();
	});

	it('waits out a 429 with Retry-After and carries on', async () => {
		await harvest.sandbox.admin('POST', '/faults', { vendor: 'harvest', kind: 'status', status: 429, retryAfter: '1', path: '^/v2/users$', count: 1, body: { status: 429, error: 'Too Many Requests' } });
		const started = Date.now();
		const items = await run(node, psa({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/users', query: '{"is_active": "true"}' }), { credentials });
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(items[0].json.statusCode).toBe(200);
		expect((await counts())['harvest GET /v2/users']).toBe(2);
	});

	it('is refused by the fake, as by Harvest, without a proper User-Agent or account id', async () => {
		const headers = { authorization: `Bearer ${HARVEST_PERSONAL_ACCESS_TOKEN}`, 'harvest-account-id': HARVEST_ACCOUNT_ID };
		expect((await fetch(`${url()}/harvest/v2/company`, { headers: { ...headers, 'user-agent': 'node' } })).status).toBe(400);
		expect((await fetch(`${url()}/harvest/v2/company`, { headers: { authorization: headers.authorization, 'user-agent': `Test (${CONTACT})` } })).status).toBe(401);
		expect((await fetch(`${url()}/harvest/v2/company`, { headers: { ...headers, 'user-agent': `Test (${CONTACT})` } })).status).toBe(200);
	});
});

describe('Harvest pickers, raw request and credentials', () => {
	it('lists projects, people and the tasks of the chosen project', async () => {
		const before = await state();
		const project = before.projects.find((candidate) => candidate.is_active)!;
		const setup = (parameters: INodeParameters) => ({ type: node, parameters: psa(parameters), credentials });
		const projects = (await runLoadOptions(setup({ resource: 'project', operation: 'list' }), 'listSearch', 'searchProjects', project.code!)) as { results: Array<{ value: string }> };
		expect(projects.results.map((result) => result.value)).toEqual([String(project.id)]);
		const person = before.users[4];
		const people = (await runLoadOptions(setup({ resource: 'assignment', operation: 'createPerson' }), 'listSearch', 'searchResources', person.email)) as { results: Array<{ value: string }> };
		expect(people.results.map((result) => result.value)).toEqual([String(person.id)]);
		const tasks = (await runLoadOptions(setup({ resource: 'timeEntry', operation: 'create', projectId: byId(project.id) }), 'listSearch', 'searchTasks')) as { results: Array<{ value: string }> };
		expect(tasks.results.map((result) => Number(result.value)).sort()).toEqual(before.taskAssignments.filter((a) => a.project_id === project.id).map((a) => a.task_id).sort());
		expect((await requests()).some((request) => request.path === `/v2/projects/${project.id}/task_assignments`)).toBe(true);
	});

	it('sends a raw request with the credential', async () => {
		const [item] = await run(node, psa({ resource: 'rawRequest', operation: 'send', method: 'GET', path: '/company', query: '{}' }), { credentials });
		expect(item.json).toMatchObject({ statusCode: 200, body: { name: 'Meridian Advisory' } });
	});

	it('tests the personal access token credential: good passes, wrong account fails', async () => {
		const data = { accessToken: HARVEST_PERSONAL_ACCESS_TOKEN, accountId: HARVEST_ACCOUNT_ID, contactEmail: CONTACT, baseUrl: `${url()}/harvest/v2` };
		expect((await testCredential('p2cHarvestPersonalAccessTokenApi', data)).status).toBe('OK');
		const failed = await testCredential('p2cHarvestPersonalAccessTokenApi', { ...data, accountId: '999' });
		expect(failed).toMatchObject({ status: 'Error', message: expect.stringMatching(/HTTP 401.*invalid_token/) });
	});

	it('refreshes an expired OAuth2 token through n8n, sending the account id from the credential', async () => {
		const base = `${url()}/harvest`;
		useCredential('harvest-oauth', 'p2cHarvestOAuth2Api', {
			baseUrl: `${base}/v2`,
			accountId: HARVEST_ACCOUNT_ID,
			contactEmail: CONTACT,
			clientId: HARVEST_OAUTH_CLIENT.clientId,
			clientSecret: HARVEST_OAUTH_CLIENT.clientSecret,
			accessTokenUrl: `${base}${HARVEST_TOKEN_PATH}`,
			authUrl: `${base}/oauth2/authorize`,
			grantType: 'authorizationCode',
			authentication: 'body',
			scope: '',
			oauthTokenData: { access_token: 'expired-token', refresh_token: HARVEST_REFRESH_TOKEN, token_type: 'bearer' },
		});
		const items = await run(node, { system: 'harvest', harvestAuthentication: 'oAuth2', resource: 'client', operation: 'list', returnAll: false, limit: 3 }, { credentials: { p2cHarvestOAuth2Api: 'harvest-oauth' } });
		expect(json(items)).toHaveLength(3);
		expect((await counts())[`harvest POST ${HARVEST_TOKEN_PATH}`]).toBe(1);
		const last = (await requests()).filter((request) => request.route === '/v2/clients').pop()!;
		expect(last).toMatchObject({ status: 200, headers: { 'harvest-account-id': HARVEST_ACCOUNT_ID } });
	});
});
