/**
 * Keeps credential secrets out of errors. A vendor (or a token endpoint) may echo what it was sent
 * (a bearer token, a client secret, a refresh token) in its error body; n8n stores a failed node's
 * error with the execution and logs it, so every text taken from an answer passes through here.
 */

const REDACTED = '[redacted]';
/** Shorter values would match ordinary words; every real secret is longer. */
const MIN_SECRET_LENGTH = 8;
// accessToken, clientSecret, apiKey, signingSecret, botToken, refresh_token, ... (not tokenUrl).
const SECRET_KEY = /(secret|token|apikey|api_key|password)$/i;
const OAUTH_TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'];

/** The secret values of a credential's data: its secret-named fields and the OAuth2 tokens n8n keeps. */
export function secretsOfCredentialData(data: Record<string, unknown> | undefined): string[] {
	const found = new Set<string>();
	const add = (value: unknown) => {
		if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) found.add(value);
	};
	for (const [key, value] of Object.entries(data ?? {})) {
		if (SECRET_KEY.test(key) || key === 'webhookUrl') add(value);
	}
	const tokens = data?.oauthTokenData;
	if (tokens && typeof tokens === 'object') for (const field of OAUTH_TOKEN_FIELDS) add((tokens as Record<string, unknown>)[field]);
	return [...found];
}

function formsOf(secret: string): string[] {
	const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]);
	// Longest first, so a form that contains another is replaced whole.
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) for (const form of formsOf(secret)) result = result.split(form).join(REDACTED);
	return result;
}

/** A copy of a parsed body (or any JSON value) with every secret replaced in its strings and keys. */
export function redactDeep<T>(value: T, secrets: readonly string[], depth = 0): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (value === null || typeof value !== 'object' || depth > 32) return value;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets, depth + 1)) as T;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) copy[redactText(key, secrets)] = redactDeep(entry, secrets, depth + 1);
	return copy as T;
}
