import type { FirmData } from '../seed/firm';
import type { N8nCredentialRecord } from './credentials';
import type { Router, SandboxRequest, SandboxResponse } from './http';

/** The canonical entities whose stored records a fake shows through `VendorFake.records`. */
export type StoredEntity = 'client' | 'contact' | 'opportunity' | 'project' | 'task' | 'timeEntry' | 'expense' | 'assignment' | 'resource' | 'invoice' | 'payment' | 'timeOff';

/** What one vendor fake provides to the sandbox server. */
export interface VendorFake {
	/** Path prefix on the sandbox (`/<name>`) and the request log's `vendor`. */
	readonly name: string;
	/** The pack's system key it stands in for (the registry's key); absent for what is not a vendor (the inbox). */
	readonly system?: string;
	/** The vendor's real API hosts, which the host gateway maps to this fake (for software with hard-coded hosts). */
	readonly hosts?: readonly string[];
	readonly router: Router;
	/** The n8n credential records of the pack's credentials for this fake, pointed at the sandbox at `sandboxUrl`. */
	credentialRecords?(sandboxUrl: string): N8nCredentialRecord[];
	/** Replaces all state with the seeded firm's records. */
	reset(firm: FirmData): void;
	/**
	 * Runs before routing. Answers auth failures and rate-limit refusals the way the vendor does;
	 * undefined lets the request through.
	 */
	guard(request: SandboxRequest, routeTemplate: string | undefined): SandboxResponse | undefined;
	/** The vendor's answer for an unknown path. */
	notFound(request: SandboxRequest): SandboxResponse;
	/** Internal state for tests and the demo (records by entity). */
	state(): Record<string, unknown>;
	/**
	 * The raw stored records (the vendor's own shape) that hold one canonical entity, for tests that
	 * check the fakes' state without knowing the vendor; [] for an entity the vendor does not keep.
	 * Records the vendor deleted (a recycle bin, a soft delete) are left out.
	 */
	records?(entity: StoredEntity): Array<Record<string, unknown>>;
	/**
	 * Optional vendor-specific admin actions (`POST /__admin/vendors/:vendor/:action`): change the
	 * fake's limits or its data the way the vendor's own UI would (e.g. record a hire).
	 */
	admin?(action: string, body: Record<string, unknown>): SandboxResponse;
}
