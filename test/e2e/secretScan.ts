/**
 * The end-to-end check that no credential secret leaks: it reads n8n's log and the full stored data
 * of every execution of an instance (public API, all pages) and looks for every secret of the
 * credentials imported into it, and for tokens the sandbox issued (which n8n fetched and stored).
 * Call it in a suite's last test, once everything else has run.
 */
import { loadCredentialTypes } from '../harness/credentials';
import type { KnownSecret, SecretLeak } from '../harness/secrets';
import { describeLeaks, findLeaks, looseSecrets, safeStringify, secretsOfCredential } from '../harness/secrets';
import type { N8nInstance } from './n8n';

export interface ImportedCredential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

interface ExecutionPage {
	data: Array<Record<string, unknown>>;
	nextCursor?: string | null;
}

/** Every execution of the instance with its data, following the public API's cursor. */
export async function allExecutionsWithData(n8n: N8nInstance): Promise<Array<Record<string, unknown>>> {
	const executions: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	for (let page = 0; page < 1000; page++) {
		const query = new URLSearchParams({ includeData: 'true', limit: '100', ...(cursor ? { cursor } : {}) });
		const answer = await n8n.api<ExecutionPage>('GET', `/executions?${query.toString()}`);
		executions.push(...answer.data);
		if (!answer.nextCursor) break;
		cursor = answer.nextCursor;
	}
	return executions;
}

export function secretsOf(credentials: ImportedCredential[], issuedTokens: Iterable<string> = []): KnownSecret[] {
	const types = loadCredentialTypes();
	const secrets = credentials.flatMap((credential) => {
		const definition = types.get(credential.type);
		return secretsOfCredential(`${credential.name} [${credential.id}]`, credential.type, credential.data as never, definition, definition?.extends ?? []);
	});
	return [...secrets, ...looseSecrets('sandbox token endpoints', issuedTokens)];
}

/**
 * Where any secret of `credentials` or any of `issuedTokens` appears in n8n's log or in a stored
 * execution; one line per leak naming the credential field, never the secret. Empty when clean.
 */
export async function findSecretLeaks(n8n: N8nInstance, credentials: ImportedCredential[], issuedTokens: Iterable<string> = []): Promise<string[]> {
	const secrets = secretsOf(credentials, issuedTokens);
	if (secrets.length === 0) throw new Error('no secrets to look for: the scan would prove nothing');
	const leaks: SecretLeak[] = [...findLeaks('n8n log', n8n.logs(), secrets)];
	const executions = await allExecutionsWithData(n8n);
	if (executions.length === 0) throw new Error('the instance has no executions: the scan would prove nothing');
	for (const execution of executions) leaks.push(...findLeaks(`execution ${String(execution.id)}`, safeStringify(execution, 64), secrets));
	return leaks.length === 0 ? [] : describeLeaks(leaks).split('\n').slice(1).map((line) => line.trim());
}
