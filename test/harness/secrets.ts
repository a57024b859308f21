/**
 * Finds credential secrets where they must never be: a node's output, a thrown error (in every
 * shape n8n stores or logs it), an execution's stored data, n8n's log. Used by the integration
 * harness on every node run and by the end-to-end suites on a whole n8n instance.
 *
 * A secret is every password-typed field of a credential (tokens, client secrets, API keys,
 * signing secrets, webhook URLs that are themselves secrets), every expirable field (access tokens
 * a credential fetched for itself), the OAuth2 client secret and tokens n8n keeps in
 * `oauthTokenData`, and tokens a test knows were issued (the sandbox's token endpoints).
 */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

export interface KnownSecret {
	/** The credential (its id or name) the secret belongs to, or where a loose token came from. */
	credential: string;
	type: string;
	/** The credential field, e.g. `clientSecret` or `oauthTokenData.access_token`. */
	field: string;
	value: string;
}

export interface SecretLeak {
	secret: KnownSecret;
	/** Where it was found, e.g. `output[0][1].json.error` or `error.description`. */
	where: string;
	/** How it was written there: raw, URL-encoded, JSON-escaped, inside HTTP Basic auth. */
	form: string;
}

/** Shorter values (`x`, test placeholders) would match ordinary text; real secrets are longer. */
const MIN_SECRET_LENGTH = 8;
// Fields of n8n's own oAuth2Api parent type, which our OAuth2 credentials extend.
const OAUTH2_SECRET_FIELDS = ['clientSecret'];
const OAUTH2_TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'];

/** The secrets of one stored credential, by its type's field definitions. */
export function secretsOfCredential(
	credential: string,
	type: string,
	data: ICredentialDataDecryptedObject,
	definition: ICredentialType | undefined,
	parentTypes: string[] = definition?.extends ?? [],
): KnownSecret[] {
	const secretFields = new Set<string>();
	for (const property of definition?.properties ?? []) {
		if (property.typeOptions?.password === true || property.typeOptions?.expirable === true) secretFields.add(property.name);
	}
	const isOAuth2 = parentTypes.includes('oAuth2Api') || type === 'oAuth2Api';
	if (isOAuth2) for (const field of OAUTH2_SECRET_FIELDS) secretFields.add(field);
	const found: KnownSecret[] = [];
	for (const field of secretFields) {
		const value = data[field];
		if (typeof value === 'string') found.push({ credential, type, field, value });
	}
	const tokenData = data.oauthTokenData as Record<string, unknown> | undefined;
	if (tokenData && typeof tokenData === 'object') {
		for (const field of OAUTH2_TOKEN_FIELDS) {
			const value = tokenData[field];
			if (typeof value === 'string') found.push({ credential, type, field: `oauthTokenData.${field}`, value });
		}
	}
	return found.filter((secret) => secret.value.length >= MIN_SECRET_LENGTH).map((secret) => withClientId(secret, data));
}

type SecretWithUser = KnownSecret & { basicUser?: string };

function withClientId(secret: KnownSecret, data: ICredentialDataDecryptedObject): SecretWithUser {
	return typeof data.clientId === 'string' && data.clientId !== '' ? { ...secret, basicUser: data.clientId } : secret;
}

/** Loose tokens (e.g. what a token endpoint issued), named by where they came from. */
export function looseSecrets(source: string, values: Iterable<string>): KnownSecret[] {
	return [...values]
		.filter((value) => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH)
		.map((value) => ({ credential: source, type: 'issued token', field: 'access_token', value }));
}

/** The ways a secret can end up written into text. */
function formsOf(secret: SecretWithUser): Array<{ form: string; text: string }> {
	const forms = [{ form: 'raw', text: secret.value }];
	const push = (form: string, text: string) => {
		if (text.length >= MIN_SECRET_LENGTH && !forms.some((existing) => existing.text === text)) forms.push({ form, text });
	};
	push('URL-encoded', encodeURIComponent(secret.value));
	push('form-encoded', new URLSearchParams({ s: secret.value }).toString().slice(2));
	push('JSON-escaped', JSON.stringify(secret.value).slice(1, -1));
	// HTTP Basic auth: the secret as user name (API keys) ...
	const asUser = Buffer.from(`${secret.value}:`).toString('base64');
	push('HTTP Basic (as user name)', asUser.slice(0, Math.floor(secret.value.length / 3) * 4));
	// ... or as the password of the credential's client id.
	if (secret.basicUser) push('HTTP Basic (client id:secret)', Buffer.from(`${secret.basicUser}:${secret.value}`).toString('base64'));
	return forms;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function findLeaks(where: string, text: string | undefined, secrets: KnownSecret[]): SecretLeak[] {
	if (!text || secrets.length === 0) return [];
	// One pass over (often megabytes of) text for every form of every secret; the detail only on a hit.
	const anyForm = new RegExp(secrets.flatMap((secret) => formsOf(secret).map((form) => escapeRegExp(form.text))).join('|'));
	if (!anyForm.test(text)) return [];
	const leaks: SecretLeak[] = [];
	for (const secret of secrets) {
		const form = formsOf(secret).find((candidate) => text.includes(candidate.text));
		if (form) leaks.push({ secret, where, form: form.form });
	}
	return leaks;
}

/** JSON of anything, `toJSON` honoured as JSON.stringify does; with cycles, a copy with them (and depth) cut. */
export function safeStringify(value: unknown, maxDepth = 12): string {
	try {
		// The fast path: plain JSON (n8n's own serialisation of run data); cycles and BigInt fall through.
		return JSON.stringify(value) ?? '';
	} catch {
		return walkedJson(value, maxDepth);
	}
}

function walkedJson(value: unknown, maxDepth: number): string {
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (current === null || typeof current !== 'object') return typeof current === 'bigint' ? String(current) : current;
		if (Buffer.isBuffer(current)) return `<Buffer ${current.length}>`;
		if (seen.has(current)) return '[Circular]';
		if (depth > maxDepth) return '[Deep]';
		seen.add(current);
		const json = (current as { toJSON?: () => unknown }).toJSON;
		if (typeof json === 'function' && !(current instanceof Date)) {
			try {
				return walk(json.call(current), depth + 1);
			} catch {
				// fall through to the object's own fields
			}
		}
		if (Array.isArray(current)) return current.map((entry) => walk(entry, depth + 1));
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(current)) {
			try {
				out[key] = walk((current as Record<string, unknown>)[key], depth + 1);
			} catch {
				out[key] = '[Unreadable]';
			}
		}
		return out;
	};
	try {
		return JSON.stringify(walk(value, 0)) ?? '';
	} catch {
		return String(value);
	}
}

/** Every own field of an object, enumerable or not, as JSON (an Error's `cause` is not enumerable). */
function allFields(value: object): string {
	const out: Record<string, unknown> = {};
	for (const key of Object.getOwnPropertyNames(value)) out[key] = (value as Record<string, unknown>)[key];
	return safeStringify(out, 8);
}

/**
 * A thrown error in every shape n8n shows, stores or logs it: its message and description, its
 * context and cause, the JSON of the error itself (what a task's `error` stores, via `toJSON`),
 * the spread copy a failed run keeps in `resultData.error` (every enumerable field, among them a
 * NodeApiError's `errorResponse`), its stack, and its causes down the chain.
 */
export function errorShapes(error: unknown, prefix = 'error', depth = 0): Array<{ where: string; text: string }> {
	if (error === null || error === undefined) return [];
	if (typeof error !== 'object') return [{ where: prefix, text: String(error) }];
	const fields = error as Record<string, unknown>;
	const shapes: Array<{ where: string; text: string }> = [
		{ where: `${prefix}.message`, text: String(fields.message ?? '') },
		{ where: `${prefix}.description`, text: String(fields.description ?? '') },
		{ where: `${prefix}.messages`, text: safeStringify(fields.messages) },
		{ where: `${prefix}.context`, text: safeStringify(fields.context) },
		{ where: `${prefix}.stack`, text: String(fields.stack ?? '') },
		{ where: `${prefix} (JSON as stored with the task)`, text: safeStringify(error) },
		{ where: `${prefix} (as stored in resultData.error)`, text: safeStringify({ ...fields, message: fields.message, stack: fields.stack }) },
		{ where: `${prefix} (every own field)`, text: allFields(error) },
	];
	if (depth < 4 && fields.cause !== undefined) shapes.push(...errorShapes(fields.cause, `${prefix}.cause`, depth + 1));
	return shapes;
}

export function describeLeaks(leaks: SecretLeak[]): string {
	const lines = leaks.map(
		(leak) => `credential "${leak.secret.credential}" (${leak.secret.type}) field ${leak.secret.field}: ${leak.form} in ${leak.where}`,
	);
	return `a credential secret leaked:\n  ${[...new Set(lines)].join('\n  ')}`;
}

/** Thrown instead of a node's result or error when either carries a secret; never repeats the secret. */
export class SecretLeakError extends Error {
	constructor(readonly leaks: SecretLeak[]) {
		super(describeLeaks(leaks));
		this.name = 'SecretLeakError';
	}
}
