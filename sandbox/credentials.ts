/**
 * The n8n credential records of every pack credential pointing at a sandbox: each fake gives its
 * own (`VendorFake.credentialRecords`, in `sandbox/vendors/<vendor>/credentials.ts`), so a fake
 * that is registered brings its credentials with it. The demo and the end-to-end tests import them.
 */
import { type N8nCredentialRecord } from './core/credentials';
import { createVendorFakes } from './vendors';

export type { N8nCredentialRecord } from './core/credentials';
export { inboxHookUrl, SANDBOX_APPROVAL_SIGNING_SECRET } from './vendors/inbox';

/** Every pack credential pointing at the sandbox at `sandboxUrl` (e.g. http://127.0.0.1:4010). */
export function sandboxCredentials(sandboxUrl: string): N8nCredentialRecord[] {
	return createVendorFakes().flatMap((fake) => fake.credentialRecords?.(sandboxUrl) ?? []);
}

/** The credential record of one type (throws for a type the sandbox cannot stand in for). */
export function sandboxCredential(sandboxUrl: string, type: string): N8nCredentialRecord {
	const found = sandboxCredentials(sandboxUrl).find((candidate) => candidate.type === type);
	if (!found) throw new Error(`the sandbox has no credential of type ${type}`);
	return found;
}

/** The names the templates give their credentials (placeholders a user replaces with their own), by type. */
export const TEMPLATE_CREDENTIAL_NAMES: Record<string, string> = Object.fromEntries(sandboxCredentials('http://127.0.0.1').map((record) => [record.type, record.name]));

/** The fixed ids of the sandbox credential records, by type. */
export const SANDBOX_CREDENTIAL_IDS: Record<string, string> = Object.fromEntries(sandboxCredentials('http://127.0.0.1').map((record) => [record.type, record.id]));
