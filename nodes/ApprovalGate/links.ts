import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * Approver links: each carries a token signed with HMAC-SHA256 under the gate's secret (from
 * its credential, so every n8n process of a queue-mode set-up verifies it the same way). The
 * token binds one approver, one execution, one gate step (node name, run index, step id) and
 * one expiry; its link id lets the gate record at most one decision per link.
 */

export const LINK_QUERY_PARAMETER = 'approval';
const TOKEN_VERSION = 1;
const MAC_CONTEXT = 'p2c-approval-link.v1.';
export const MIN_SECRET_LENGTH = 32;

export interface GateStep {
	executionId: string;
	node: string;
	run: number;
	/** Random id of this opening of the gate, so a rerun of the same step never accepts old links. */
	stepId: string;
}

export interface LinkClaims extends GateStep {
	itemIndex: number;
	approver: string;
	level: number;
	linkId: string;
	/** Epoch milliseconds. */
	expiresAt: number;
}

export type LinkRefusal = 'malformed' | 'forged' | 'expired' | 'foreignExecution' | 'foreignStep';

export type VerifiedLink = { ok: true; claims: LinkClaims } | { ok: false; reason: LinkRefusal };

interface WireClaims {
	v: number;
	e: string;
	n: string;
	r: number;
	s: string;
	i: number;
	a: string;
	l: number;
	k: string;
	x: number;
}

function base64url(data: Buffer | string): string {
	return (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64url');
}

function mac(secret: string, payload: string): Buffer {
	return createHmac('sha256', secret).update(MAC_CONTEXT + payload).digest();
}

export function assertUsableSecret(secret: unknown): string {
	if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
		throw new Error(`the Approval Gate signing secret must be at least ${MIN_SECRET_LENGTH} characters long`);
	}
	return secret;
}

export function newLinkId(): string {
	return randomBytes(12).toString('base64url');
}

export function signLinkToken(secret: string, claims: LinkClaims): string {
	const wire: WireClaims = {
		v: TOKEN_VERSION,
		e: claims.executionId,
		n: claims.node,
		r: claims.run,
		s: claims.stepId,
		i: claims.itemIndex,
		a: claims.approver,
		l: claims.level,
		k: claims.linkId,
		x: claims.expiresAt,
	};
	const payload = base64url(JSON.stringify(wire));
	return `${payload}.${base64url(mac(secret, payload))}`;
}

function parseWire(payload: string): WireClaims | undefined {
	try {
		const wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<WireClaims>;
		const strings = [wire.e, wire.n, wire.s, wire.a, wire.k].every((value) => typeof value === 'string' && value !== '');
		const numbers = [wire.r, wire.i, wire.l, wire.x].every((value) => typeof value === 'number' && Number.isFinite(value));
		if (wire.v !== TOKEN_VERSION || !strings || !numbers) return undefined;
		return wire as WireClaims;
	} catch {
		return undefined;
	}
}

/** Checks the signature (in constant time) and the expiry; nothing about the token is trusted before. */
export function verifyLinkToken(secret: string, token: unknown, now: number): VerifiedLink {
	if (typeof token !== 'string' || token.length > 4096) return { ok: false, reason: 'malformed' };
	const parts = token.split('.');
	if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
		return { ok: false, reason: 'malformed' };
	}
	const expected = mac(secret, parts[0]);
	const given = Buffer.from(parts[1], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(new Uint8Array(given), new Uint8Array(expected))) return { ok: false, reason: 'forged' };
	const wire = parseWire(parts[0]);
	if (!wire) return { ok: false, reason: 'malformed' };
	const claims: LinkClaims = {
		executionId: wire.e,
		node: wire.n,
		run: wire.r,
		stepId: wire.s,
		itemIndex: wire.i,
		approver: wire.a,
		level: wire.l,
		linkId: wire.k,
		expiresAt: wire.x,
	};
	if (now >= claims.expiresAt) return { ok: false, reason: 'expired' };
	return { ok: true, claims };
}

/** A genuine token of another execution or another opening of the gate is refused too. */
export function checkBinding(claims: LinkClaims, step: GateStep): VerifiedLink {
	if (claims.executionId !== step.executionId) return { ok: false, reason: 'foreignExecution' };
	if (claims.node !== step.node || claims.run !== step.run || claims.stepId !== step.stepId) {
		return { ok: false, reason: 'foreignStep' };
	}
	return { ok: true, claims };
}

/** n8n's resume URL (which carries n8n's own execution signature) plus the approver's token. */
export function approverUrl(resumeUrl: string, token: string): string {
	const url = new URL(resumeUrl);
	url.searchParams.set(LINK_QUERY_PARAMETER, token);
	return url.toString();
}
