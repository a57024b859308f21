/**
 * Message text from a template the analyst edits: `{{name}}` (or `{{ invoice.number }}`) is
 * replaced by that value. Plain substitution, no code is run; a placeholder with no value is left
 * as written and reported, so a typo shows in the message instead of vanishing.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export interface RenderedMessage {
	text: string;
	unknownPlaceholders: string[];
}

function valueAt(values: Record<string, unknown>, path: string): string | undefined {
	let current: unknown = values;
	for (const part of path.split('.')) {
		if (RESERVED.has(part) || !current || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	if (typeof current === 'string') return current;
	if (typeof current === 'number' || typeof current === 'boolean') return String(current);
	return undefined;
}

export function renderMessage(template: string, values: Record<string, unknown>): RenderedMessage {
	const unknown = new Set<string>();
	const text = template.replace(PLACEHOLDER, (whole, path: string) => {
		const value = valueAt(values, path);
		if (value === undefined) {
			unknown.add(path);
			return whole;
		}
		return value;
	});
	return { text, unknownPlaceholders: [...unknown] };
}

/** The placeholders a template uses. */
export function placeholdersOf(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}
