import type { FirmData } from '../seed/firm';
import type { Router, SandboxRequest, SandboxResponse } from './http';

/** What one vendor fake provides to the sandbox server. */
export interface VendorFake {
	/** Path prefix on the sandbox: `/hubspot`, `/salesforce`, ... */
	readonly name: string;
	readonly router: Router;
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
	 * Optional vendor-specific admin actions (`POST /__admin/vendors/:vendor/:action`): change the
	 * fake's limits or its data the way the vendor's own UI would (e.g. record a hire).
	 */
	admin?(action: string, body: Record<string, unknown>): SandboxResponse;
}
