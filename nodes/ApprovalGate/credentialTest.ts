import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { assertUsableSecret } from './links';

/**
 * The test of the Approval Gate API credential: a signing secret belongs to no remote service, so
 * the test checks what the gate itself needs (a secret of at least 32 characters, a positive link
 * lifetime) and reports it in the credential dialog before any link is signed.
 */
export async function signingSecretTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	try {
		assertUsableSecret(data.signingSecret);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	const hours = Number(data.linkLifetimeHours ?? 72);
	if (!(hours > 0)) return { status: 'Error', message: 'the Link Lifetime must be a positive number of hours' };
	return { status: 'OK', message: `The signing secret is usable; links stay valid for ${hours} hours` };
}
