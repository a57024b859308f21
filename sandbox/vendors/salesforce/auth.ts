/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev tooling: runs in plain Node.js, never inside n8n */
import { createHmac } from 'node:crypto';
import { json, type SandboxRequest, type SandboxResponse } from '../../core/http';
import { requestId } from '../../core/ids';

/** The external client app the fake trusts (consumer key and secret), and its one-time authorization code. */
export const SALESFORCE_CONNECTED_APP = {
	clientId: '3MVG9sandbox.p2c.consumer.key',
	clientSecret: 'salesforce-sandbox-consumer-secret',
	redirectUri: 'http://127.0.0.1/rest/oauth2-credential/callback',
};
export const SALESFORCE_AUTHORIZATION_CODE = 'aPrxSandboxAuthorizationCode0001';

// A new org's default daily allocation base; a real org adds per-licence requests
// ("API Request Limits and Allocations", Salesforce Developer Limits and Allocations Quick Reference).
export const DEFAULT_DAILY_ALLOCATION = 100_000;

interface Grant {
	userId: string;
	expired: boolean;
}

/** OAuth 2.0 token endpoint, bearer-token checks and the org's rolling API request allocation. */
export class SalesforceAuth {
	private tokens = new Map<string, Grant>();
	private refreshTokens = new Map<string, string>();
	private usedCodes = new Set<string>();
	private counter = 0;
	allocation = DEFAULT_DAILY_ALLOCATION;
	used = 0;

	reset(): void {
		this.tokens.clear();
		this.refreshTokens.clear();
		this.usedCodes.clear();
		this.counter = 0;
		this.allocation = DEFAULT_DAILY_ALLOCATION;
		this.used = 0;
	}

	/** `Sforce-Limit-Info` on every REST answer (REST API Developer Guide, "Limit Info Header"). */
	limitInfo(): Record<string, string> {
		return { 'sforce-limit-info': `api-usage=${this.used}/${this.allocation}` };
	}

	/** Every issued access token stops working, as when sessions time out. */
	expireTokens(): number {
		for (const grant of this.tokens.values()) grant.expired = true;
		return this.tokens.size;
	}

	/** The user a valid bearer token acts as, or the 401 Salesforce answers. */
	authorize(token: string | undefined): { userId: string } | SandboxResponse {
		const grant = token ? this.tokens.get(token) : undefined;
		if (!grant || grant.expired) {
			// REST API Developer Guide, "Status Codes and Error Responses": 401 with INVALID_SESSION_ID.
			return json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], { 'www-authenticate': 'Token' });
		}
		return { userId: grant.userId };
	}

	/** Counts one request against the allocation, or answers REQUEST_LIMIT_EXCEEDED when it is used up. */
	spend(): SandboxResponse | undefined {
		if (this.used >= this.allocation) {
			return json(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], this.limitInfo());
		}
		this.used += 1;
		return undefined;
	}

	private oauthError(status: number, error: string, description: string): SandboxResponse {
		return json(status, { error, error_description: description });
	}

	/** The client's id and secret, from HTTP Basic or the form body (both accepted by the token endpoint). */
	private clientOf(request: SandboxRequest, form: Record<string, string>): { id?: string; secret?: string } {
		const header = request.headers.authorization;
		const basic = typeof header === 'string' ? /^Basic\s+(.+)$/i.exec(header) : null;
		if (basic) {
			const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
		}
		return { id: form.client_id, secret: form.client_secret };
	}

	/** POST /services/oauth2/token: client_credentials, authorization_code and refresh_token grants, form-encoded. */
	token(request: SandboxRequest, userId: string): SandboxResponse {
		const form = (request.body ?? {}) as Record<string, string>;
		if (typeof request.body !== 'object' || !String(request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
			return this.oauthError(400, 'invalid_request', 'request must be application/x-www-form-urlencoded');
		}
		const client = this.clientOf(request, form);
		if (client.id !== SALESFORCE_CONNECTED_APP.clientId) return this.oauthError(400, 'invalid_client_id', 'client identifier invalid');
		if (client.secret !== SALESFORCE_CONNECTED_APP.clientSecret) return this.oauthError(400, 'invalid_client', 'invalid client credentials');
		switch (form.grant_type) {
			case 'client_credentials':
				return this.issue(request, userId, false);
			case 'authorization_code':
				if (form.code !== SALESFORCE_AUTHORIZATION_CODE || this.usedCodes.has(form.code)) {
					return this.oauthError(400, 'invalid_grant', 'invalid authorization code');
				}
				this.usedCodes.add(form.code);
				return this.issue(request, userId, true);
			case 'refresh_token': {
				const owner = this.refreshTokens.get(form.refresh_token ?? '');
				if (!owner) return this.oauthError(400, 'invalid_grant', 'expired access/refresh token');
				// Salesforce keeps the refresh token: the answer carries a new access token only.
				return this.issue(request, owner, false);
			}
			case undefined:
			case '':
				return this.oauthError(400, 'invalid_request', 'grant type is missing');
			default:
				return this.oauthError(400, 'unsupported_grant_type', 'grant type not supported');
		}
	}

	private issue(request: SandboxRequest, userId: string, withRefreshToken: boolean): SandboxResponse {
		this.counter += 1;
		const accessToken = `00DSb0000000001!${requestId(this.counter, 'salesforce-token').replace(/-/g, '')}`;
		this.tokens.set(accessToken, { userId, expired: false });
		const issuedAt = String(Date.now());
		const body: Record<string, string> = {
			access_token: accessToken,
			// The instance the org lives on: the fake's own base URL.
			instance_url: request.vendorBaseUrl,
			id: `${request.vendorBaseUrl}/id/00DSb0000000001AAA/${userId}`,
			token_type: 'Bearer',
			issued_at: issuedAt,
			signature: createHmac('sha256', SALESFORCE_CONNECTED_APP.clientSecret).update(`${request.vendorBaseUrl}${issuedAt}`).digest('base64'),
			scope: 'api refresh_token',
		};
		if (withRefreshToken) {
			const refreshToken = `5Aep86Sb${requestId(this.counter, 'salesforce-refresh').replace(/-/g, '')}`;
			this.refreshTokens.set(refreshToken, userId);
			body.refresh_token = refreshToken;
		}
		return json(200, body);
	}
}
