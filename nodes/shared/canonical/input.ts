import type { FieldIssue } from './validate';
import { formatPath } from './validate';
import { toMinorUnitsExact } from './money';

/** How deep a record may nest: canonical records are a few levels deep; deeper input is refused, never recursed into. */
export const MAX_RECORD_DEPTH = 16;

export interface CoercedInput {
	value: unknown;
	/** Money given as a decimal that cannot be turned into minor units, at the money field's path. */
	issues: FieldIssue[];
}

/**
 * Turns money written as `{ amount: "1250.00", currency: "USD" }` into exact minor units, anywhere in
 * a record. An amount that is no decimal, or has more decimals than its currency, is reported at the
 * money field and left as it was.
 */
export function coerceMoneyInput(value: unknown, path: Array<string | number> = []): CoercedInput {
	const issues: FieldIssue[] = [];
	const walk = (current: unknown, at: Array<string | number>): unknown => {
		if (at.length > MAX_RECORD_DEPTH || !current || typeof current !== 'object') return current;
		if (Array.isArray(current)) return current.map((inner, index) => walk(inner, [...at, index]));
		const object = current as Record<string, unknown>;
		if ('amount' in object && 'currency' in object && !('amountMinor' in object)) {
			const currency = typeof object.currency === 'string' ? object.currency.toUpperCase() : object.currency;
			const amount = object.amount;
			if (typeof currency !== 'string') return { amountMinor: amount, currency };
			const where = formatPath(at);
			const refuse = (reason: string) => {
				issues.push({ path: where, rule: 'decimal', message: `${where} amount ${quoteValue(amount)} ${reason}` });
				return object;
			};
			if (typeof amount === 'number' && !Number.isFinite(amount)) return refuse('is not a finite amount');
			if (typeof amount !== 'string' && typeof amount !== 'number') return refuse('is not a decimal amount');
			try {
				return { amountMinor: toMinorUnitsExact(amount, currency || 'USD'), currency };
			} catch (error) {
				const message = (error as Error).message;
				return refuse(message.startsWith('has ') ? message : 'is not a decimal amount');
			}
		}
		return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, walk(inner, [...at, key])]));
	};
	return { value: walk(value, path), issues };
}

/** A value as it may appear in a message: JSON, control characters escaped, cut to `max` characters. */
export function quoteValue(value: unknown, max = 60): string {
	let text: string;
	try {
		text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' || typeof value === 'boolean' || value === null ? String(value) : typeof value;
	} catch {
		text = typeof value;
	}
	return text.length > max ? `${text.slice(0, max)}... (${typeof value === 'string' ? `${value.length} characters` : 'cut'})` : text;
}
