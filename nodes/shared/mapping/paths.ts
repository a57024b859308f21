/**
 * Dotted field paths (`billingAddress.city`, `lines.0.quantity`, `associations.companies.results[0].id`)
 * as mapping documents, business rules and issues write them.
 */

export function pathSegments(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.map((segment) => segment.trim())
		.filter((segment) => segment !== '');
}

/** The value at a path, or undefined when any step is missing. */
export function readPath(source: unknown, path: string): unknown {
	let current: unknown = source;
	for (const segment of pathSegments(path)) {
		if (current === null || current === undefined || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Sets a value at a path, creating objects (or arrays, for numeric steps) on the way. */
export function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
	const segments = pathSegments(path);
	if (segments.some((segment) => UNSAFE_KEYS.has(segment))) throw new Error(`"${path}" is not an allowed field path`);
	let current: Record<string, unknown> = target;
	segments.forEach((segment, index) => {
		if (index === segments.length - 1) {
			current[segment] = value;
			return;
		}
		const next = current[segment];
		if (next === null || next === undefined || typeof next !== 'object') {
			current[segment] = /^\d+$/.test(segments[index + 1]) ? [] : {};
		}
		current = current[segment] as Record<string, unknown>;
	});
}

/** Whether a value counts as absent for mapping and for the `required` rule. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
