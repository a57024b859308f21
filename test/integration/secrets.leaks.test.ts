/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
/**
 * No credential secret in a node's output or error. The harness checks every node run of every
 * integration test (test/harness/n8n.ts); this file proves that check can fail, then provokes the
 * paths where secrets tend to escape: a vendor error body that echoes the caller's token, a token
 * endpoint that echoes the client secret or the refresh token, a refused OAuth2 refresh.
 */
import type { ICredentialDataDecryptedObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { Crm } from '../../nodes/Crm/Crm.node';
import { Erp } from '../../nodes/Erp/Erp.node';
import { HUBSPOT_PRIVATE_APP_TOKEN } from '../../sandbox/vendors/hubspot';
import { XERO_APP, XERO_CUSTOM_CONNECTION, XERO_REFRESH_TOKEN, XERO_TENANT_ID } from '../../sandbox/vendors/xero';
import { credentialsHelper, runNode } from '../harness/n8n';
import { SecretLeakError, secretsOfCredential } from '../harness/secrets';
import { allSystemsUnderTest, CANONICAL_READS } from '../support/systems';
import { run, useCredential, useSandbox } from './support';

const sandbox = useSandbox();

/** A node that misbehaves on purpose, to prove the harness notices. */
function leakyNode(leak: (context: IExecuteFunctions, token: string) => INodeExecutionData[][]): INodeType {
	return {
		description: {
			displayName: 'Leaky',
			name: 'leaky',
			group: ['transform'],
			version: 1,
			description: 'leaks on purpose',
			defaults: { name: 'Leaky' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'p2cHubSpotPrivateAppApi', required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const credentials = await this.getCredentials('p2cHubSpotPrivateAppApi');
			return leak(this, String(credentials.accessToken));
		},
	} as INodeType;
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the run to fail');
}

describe('the harness fails a run whose output or error carries a secret', () => {
	const credentials = { p2cHubSpotPrivateAppApi: 'leaky-pat' };
	beforeEach(() => {
		useCredential('leaky-pat', 'p2cHubSpotPrivateAppApi', { accessToken: 'pat-na1-0123456789abcdef', baseUrl: 'http://127.0.0.1:9' });
	});

	it('in the output, naming the credential field', async () => {
		const error = await failureOf(runNode({ type: leakyNode((_context, token) => [[{ json: { debug: { header: `Bearer ${token}` } } }]]), parameters: {}, credentials }));
		expect(error).toBeInstanceOf(SecretLeakError);
		expect(error.message).toContain('credential "leaky-pat" (p2cHubSpotPrivateAppApi) field accessToken: raw in execute: output');
		expect(error.message).not.toContain('0123456789abcdef');
	});

	it('in an error response body that n8n stores with a failed run, even when the message is clean', async () => {
		const node = leakyNode((context, token) => {
			throw new NodeApiError(context.getNode(), { body: { echoed: { authorization: `Bearer ${token}` } } }, { message: 'HubSpot: refused' });
		});
		const error = await failureOf(runNode({ type: node, parameters: {}, credentials }));
		expect(error).toBeInstanceOf(SecretLeakError);
		expect(error.message).toMatch(/field accessToken: raw in execute: error \(as stored in resultData.error\)/);
	});

	it('in a cause, URL-encoded, or inside HTTP Basic auth', async () => {
		const encoded = leakyNode((context, token) => {
			throw new NodeOperationError(context.getNode(), new Error(`GET /x?token=${encodeURIComponent(`${token}/`)} failed`));
		});
		expect((await failureOf(runNode({ type: encoded, parameters: {}, credentials }))).message).toContain('field accessToken');
		const basic = leakyNode((context, token) => {
			throw new NodeOperationError(context.getNode(), 'refused', { description: `Authorization: Basic ${Buffer.from(`${token}:x`).toString('base64')}` });
		});
		expect((await failureOf(runNode({ type: basic, parameters: {}, credentials }))).message).toContain('field accessToken: HTTP Basic (as user name) in execute: error.description');
	});
});

describe('secrets echoed by a vendor never leave a node', () => {
	it('a HubSpot error body that echoes the bearer token', async () => {
		useCredential('hubspot-pat', 'p2cHubSpotPrivateAppApi', { accessToken: HUBSPOT_PRIVATE_APP_TOKEN, baseUrl: `${sandbox.sandbox.url}/hubspot` });
		await sandbox.admin('POST', '/faults', {
			kind: 'status',
			vendor: 'hubspot',
			status: 400,
			body: { status: 'error', message: `Invalid input: the header was Bearer ${HUBSPOT_PRIVATE_APP_TOKEN}`, correlationId: 'c-1', category: 'VALIDATION_ERROR' },
		});
		const error = await failureOf(run(new Crm(), { system: 'hubspot', hubspotAuthentication: 'privateApp', resource: 'client', operation: 'list', returnAll: false, limit: 1 }, { credentials: { p2cHubSpotPrivateAppApi: 'hubspot-pat' } }));
		expect(error).not.toBeInstanceOf(SecretLeakError);
		expect(error.message).toContain('Invalid input: the header was Bearer [redacted]');
	});

	it('a token endpoint that echoes the client secret when it refuses a client-credentials grant', async () => {
		useCredential('xero-custom', 'p2cXeroClientCredentialsApi', {
			clientId: XERO_CUSTOM_CONNECTION.clientId,
			clientSecret: XERO_CUSTOM_CONNECTION.clientSecret,
			tokenUrl: `${sandbox.sandbox.url}/xero/connect/token`,
			baseUrl: `${sandbox.sandbox.url}/xero/api.xro/2.0`,
		});
		await sandbox.admin('POST', '/faults', {
			kind: 'status',
			vendor: 'xero',
			path: '^/connect/token',
			status: 400,
			body: { error: 'invalid_client', error_description: `client_secret=${encodeURIComponent(XERO_CUSTOM_CONNECTION.clientSecret)} is not valid for ${XERO_CUSTOM_CONNECTION.clientId}` },
		});
		const error = await failureOf(run(new Erp(), { system: 'xero', xeroAuthentication: 'clientCredentials', resource: 'customer', operation: 'list', returnAll: false, limit: 1 }, { credentials: { p2cXeroClientCredentialsApi: 'xero-custom' } }));
		expect(error).not.toBeInstanceOf(SecretLeakError);
		expect(error.message + String((error as NodeApiError).description)).toMatch(/invalid_client/);
	});

	it('a refused OAuth2 refresh whose answer echoes the refresh token', async () => {
		const base = `${sandbox.sandbox.url}/xero`;
		useCredential('xero-app', 'p2cXeroOAuth2Api', {
			baseUrl: `${base}/api.xro/2.0`,
			tenantId: XERO_TENANT_ID,
			clientId: XERO_APP.clientId,
			clientSecret: XERO_APP.clientSecret,
			accessTokenUrl: `${base}/connect/token`,
			authUrl: `${base}/identity/connect/authorize`,
			grantType: 'authorizationCode',
			authentication: 'header',
			scope: '',
			oauthTokenData: { access_token: 'expired-access-token-0001', refresh_token: XERO_REFRESH_TOKEN, token_type: 'Bearer' },
		});
		await sandbox.admin('POST', '/faults', {
			kind: 'status',
			vendor: 'xero',
			path: '^/connect/token',
			status: 400,
			body: { error: 'invalid_grant', error_description: `refresh_token ${XERO_REFRESH_TOKEN} was revoked` },
		});
		const error = await failureOf(run(new Erp(), { system: 'xero', xeroAuthentication: 'oAuth2', resource: 'invoice', operation: 'list', returnAll: false, limit: 1 }, { credentials: { p2cXeroOAuth2Api: 'xero-app' } }));
		expect(error).not.toBeInstanceOf(SecretLeakError);
	});
});

describe.each(allSystemsUnderTest().map((system) => [system.displayName, system] as const))('%s: a vendor error body that echoes the credential\'s secrets', (_name, system) => {
	beforeEach(() => system.useCredentials(sandbox));

	it('fails the run with the secrets redacted, and nothing for the harness to find', async () => {
		const record = system.credentialRecord(sandbox);
		const secrets = secretsOfCredential(record.id, record.type, record.data as ICredentialDataDecryptedObject, credentialsHelper.types.get(record.type), credentialsHelper.getParentTypes(record.type)).map((secret) => secret.value);
		expect(secrets.length).toBeGreaterThan(0);
		const echo = `Invalid input: the request carried ${secrets.join(' and ')}`;
		// The vendor's API (not its token endpoint) answers 400 with the secrets in every field an error parser reads.
		await sandbox.admin('POST', '/faults', { kind: 'status', vendor: system.vendor, path: '^(?!.*token$)', status: 400, body: { message: echo, error: echo, error_description: echo, Detail: echo, errors: [{ message: echo }], Elements: [{ ValidationErrors: [{ Message: echo }] }] } });
		const error = await failureOf(run(system.node, { ...system.parameters, ...CANONICAL_READS[system.category] }, { credentials: system.credentials }));
		expect(error).not.toBeInstanceOf(SecretLeakError);
		expect(error).toBeInstanceOf(NodeApiError);
		for (const secret of secrets) expect(`${error.message} ${String((error as NodeApiError).description)}`).not.toContain(secret);
	});
});
