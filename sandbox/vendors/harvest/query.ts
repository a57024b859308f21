import type { SandboxRequest, SandboxResponse } from '../../core/http';
import { unprocessable } from './present';

export interface ListFilters {
	bool: Record<string, boolean | undefined>;
	id: Record<string, number | undefined>;
	date: Record<string, string | undefined>;
	/** `updated_since` as epoch milliseconds. */
	updatedSince?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Harvest's timestamps: ISO 8601, whole seconds, UTC. */
export const harvestNow = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Reads a list's query filters, refusing malformed values with 422 as Harvest does. */
export function readFilters(
	request: SandboxRequest,
	spec: { bools?: string[]; ids?: string[]; dates?: string[] },
): ListFilters | SandboxResponse {
	const filters: ListFilters = { bool: {}, id: {}, date: {} };
	for (const name of spec.bools ?? []) {
		const value = request.query.get(name);
		if (value === null) continue;
		if (value !== 'true' && value !== 'false') return unprocessable(`${name} must be true or false`);
		filters.bool[name] = value === 'true';
	}
	for (const name of spec.ids ?? []) {
		const value = request.query.get(name);
		if (value === null) continue;
		if (!/^\d+$/.test(value)) return unprocessable(`${name} must be an integer`);
		filters.id[name] = Number(value);
	}
	for (const name of spec.dates ?? []) {
		const value = request.query.get(name);
		if (value === null) continue;
		if (!DATE.test(value) || Number.isNaN(Date.parse(value))) return unprocessable(`${name} must be a date (YYYY-MM-DD)`);
		filters.date[name] = value;
	}
	const since = request.query.get('updated_since');
	if (since !== null) {
		const time = Date.parse(since);
		if (Number.isNaN(time)) return unprocessable('updated_since must be an ISO 8601 date and time');
		filters.updatedSince = time;
	}
	return filters;
}

export const isResponse = (value: unknown): value is SandboxResponse =>
	typeof value === 'object' && value !== null && 'status' in value && typeof (value as { status: unknown }).status === 'number';

export const changedSince = (record: { updated_at: string }, filters: ListFilters): boolean =>
	filters.updatedSince === undefined || Date.parse(record.updated_at) >= filters.updatedSince;

/** Most recently created first, as Harvest sorts most lists. */
export const newestFirst = <T extends { id: number }>(records: Iterable<T>): T[] => [...records].sort((a, b) => b.id - a.id);

/** Body field readers: Harvest takes JSON or form data, so numbers and booleans may come as text. */
export function bodyOf(request: SandboxRequest): Record<string, unknown> {
	const body = request.body;
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function numberField(value: unknown): number | null | undefined | 'invalid' {
	if (value === undefined) return undefined;
	if (value === null || value === '') return null;
	const number = typeof value === 'number' ? value : Number(value);
	return Number.isFinite(number) ? number : 'invalid';
}

export function booleanField(value: unknown): boolean | undefined | 'invalid' {
	if (value === undefined) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	return 'invalid';
}

export function dateField(value: unknown): string | null | undefined | 'invalid' {
	if (value === undefined) return undefined;
	if (value === null || value === '') return null;
	return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : 'invalid';
}

/** Rails-style attribute label for messages: `hourly_rate` -> `Hourly rate`. */
export const label = (attribute: string): string => {
	const text = attribute.replace(/_id$/, '').replace(/_/g, ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
};
