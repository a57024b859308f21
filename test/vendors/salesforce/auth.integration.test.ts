import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { Crm } from '../../../nodes/Crm/Crm.node';
import { SALESFORCE_AUTHORIZATION_CODE, SALESFORCE_CONNECTED_APP } from '../../../sandbox/vendors/salesforce';
import { credentialsHelper, testCredential } from '../../harness/n8n';
import { run, useCredential, useSandbox } from '../../integration/support';

const node = new Crm();
const sandbox = useSandbox();
const instanceUrl = () => `${sandbox.sandbox.url}/salesforce`;
const log = async () =>
	await sandbox.admin<{ counts: Record<string, number>; requests: Array<{ method: string; route: string; status?: number; body: IDataObject }> }>('GET', '/requests?vendor=salesforce');
const TOKEN = 'salesforce POST /services/oauth2/token';
const QUERY = 'salesforce GET /services/data/:version/query';
const listClients: INodeParameters = { resource: 'client', operation: 'list', returnAll: false, limit: 2 };

describe('Salesforce client credentials', () => {
	const data = (clientSecret: string) => ({ instanceUrl: instanceUrl(), clientId: SALESFORCE_CONNECTED_APP.clientId, clientSecret, apiVersion: 'v62.0' });

	it('tests the credential: the right secret passes, a wrong one is refused by the token endpoint', async () => {
		expect(await testCredential('p2cSalesforceClientCredentialsApi', data(SALESFORCE_CONNECTED_APP.clientSecret))).toEqual({ status: 'OK', message: 'Connection successful' });
		await expect(testCredential('p2cSalesforceClientCredentialsApi', data('wrong-secret'))).rejects.toThrow(/refused the client credentials .*invalid_client: invalid client credentials/);
		const { requests } = await log();
		expect(requests.map((entry) => [entry.route, entry.status])).toEqual([
			['/services/oauth2/token', 200],
			['/services/data/:version/limits', 200],
			['/services/oauth2/token', 400],
		]);
		expect(requests[0].body).toMatchObject({ grant_type: 'client_credentials', client_id: SALESFORCE_CONNECTED_APP.clientId });
	});

	it('gets a token once, then renews it when Salesforce answers 401 for an expired session', async () => {
		useCredential('sf-cc', 'p2cSalesforceClientCredentialsApi', data(SALESFORCE_CONNECTED_APP.clientSecret));
		const credentials = { p2cSalesforceClientCredentialsApi: 'sf-cc' };
		const parameters = { system: 'salesforce', salesforceAuthentication: 'clientCredentials', ...listClients };
		expect(await run(node, parameters, { credentials })).toHaveLength(2);
		expect(await run(node, parameters, { credentials })).toHaveLength(2);
		const firstToken = credentialsHelper.store.get('sf-cc')!.data.accessToken;
		expect((await log()).counts[TOKEN]).toBe(1);

		await sandbox.admin('POST', '/vendors/salesforce/expireTokens');
		expect(await run(node, parameters, { credentials })).toHaveLength(2);
		const { counts, requests } = await log();
		expect(counts[TOKEN]).toBe(2);
		expect(requests.slice(-3).map((entry) => [entry.route, entry.status])).toEqual([
			['/services/data/:version/query', 401],
			['/services/oauth2/token', 200],
			['/services/data/:version/query', 200],
		]);
		expect(credentialsHelper.store.get('sf-cc')!.data.accessToken).not.toBe(firstToken);
	});
});

describe('Salesforce OAuth2 (authorization code)', () => {
	const connect = async (): Promise<IDataObject> => {
		// What n8n stores after the user authorizes: the token endpoint's answer to the authorization code.
		const response = await fetch(`${instanceUrl()}/services/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: SALESFORCE_AUTHORIZATION_CODE,
				client_id: SALESFORCE_CONNECTED_APP.clientId,
				client_secret: SALESFORCE_CONNECTED_APP.clientSecret,
				redirect_uri: SALESFORCE_CONNECTED_APP.redirectUri,
			}).toString(),
		});
		expect(response.status).toBe(200);
		const tokenData = (await response.json()) as IDataObject;
		useCredential('sf-oauth', 'p2cSalesforceOAuth2Api', {
			clientId: SALESFORCE_CONNECTED_APP.clientId,
			clientSecret: SALESFORCE_CONNECTED_APP.clientSecret,
			authUrl: `${instanceUrl()}/services/oauth2/authorize`,
			accessTokenUrl: `${instanceUrl()}/services/oauth2/token`,
			grantType: 'authorizationCode',
			authentication: 'header',
			scope: 'api refresh_token',
			apiVersion: 'v62.0',
			instanceUrl: '',
			oauthTokenData: tokenData,
		});
		return tokenData;
	};
	const credentials = { p2cSalesforceOAuth2Api: 'sf-oauth' };
	const parameters = { system: 'salesforce', salesforceAuthentication: 'oAuth2', ...listClients };

	it('calls the instance_url of the stored token, and refreshes the access token after it expires', async () => {
		const tokenData = await connect();
		expect(tokenData).toMatchObject({ instance_url: instanceUrl(), refresh_token: expect.any(String) });
		expect(await run(node, parameters, { credentials })).toHaveLength(2);

		await sandbox.admin('POST', '/vendors/salesforce/expireTokens');
		expect(await run(node, parameters, { credentials })).toHaveLength(2);
		const { requests } = await log();
		const refresh = requests.filter((entry) => entry.route === '/services/oauth2/token').pop()!;
		expect(refresh).toMatchObject({ status: 200, body: { grant_type: 'refresh_token', refresh_token: tokenData.refresh_token } });
		expect(requests.filter((entry) => entry.route === '/services/data/:version/query').map((entry) => entry.status)).toEqual([200, 401, 200]);
		const stored = credentialsHelper.store.get('sf-oauth')!.data.oauthTokenData as IDataObject;
		// Salesforce answers a refresh without a new refresh token: the stored one and the instance URL are kept.
		expect(stored).toMatchObject({ refresh_token: tokenData.refresh_token, instance_url: instanceUrl() });
		expect(stored.access_token).not.toBe(tokenData.access_token);
	});

	it('reaches the instance set in the credential over the one in the token', async () => {
		await connect();
		credentialsHelper.store.get('sf-oauth')!.data.instanceUrl = `${sandbox.sandbox.url}/nowhere`;
		const error = await run(node, parameters, { credentials }).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((await log()).counts[QUERY]).toBeUndefined();
	});
});
