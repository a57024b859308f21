import { DateTime } from 'luxon';
import { toDecimalString, toMinorUnits } from '../canonical/money';
import type { Transform } from './mappingDocument';
import { readPath } from './paths';

export type TransformOutcome = { ok: true; value: unknown } | { ok: false; message: string };

export interface TransformContext {
	/** The whole source record, for `currencyPath`. */
	record: unknown;
	/** Currency of amounts whose source and mapping name none. */
	defaultCurrency: string;
}

const fail = (message: string): TransformOutcome => ({ ok: false, message });
const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

function parseDate(value: unknown, format: string | undefined, zone: string): DateTime | undefined {
	if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
	if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value.trim()) && (!format || format.startsWith('epoch')))) {
		const count = Number(value);
		return format === 'epochSeconds' ? DateTime.fromSeconds(count, { zone }) : DateTime.fromMillis(count, { zone });
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (format && !format.startsWith('epoch')) return DateTime.fromFormat(text, format, { zone, setZone: true });
	// ISO 8601 first (offsets kept, so a date-time's calendar day stays the one written), then SQL and e-mail styles.
	const options = { zone, setZone: true };
	const parsers = [() => DateTime.fromISO(text, options), () => DateTime.fromSQL(text, options), () => DateTime.fromRFC2822(text, options), () => DateTime.fromHTTP(text, options)];
	for (const parse of parsers) {
		const parsed = parse();
		if (parsed.isValid) return parsed;
	}
	return undefined;
}

function transformDate(transform: Extract<Transform, { kind: 'date' }>, value: unknown): TransformOutcome {
	if (!DateTime.local().setZone(transform.zone).isValid) return fail(`the time zone "${transform.zone}" is not an IANA zone such as Europe/Berlin`);
	const parsed = parseDate(value, transform.format, transform.zone);
	if (!parsed?.isValid) return fail(`${show(value)} is not a date${transform.format ? ` in the format ${transform.format}` : ' (ISO 8601, epoch milliseconds or a date-time text)'}`);
	const output = transform.output === 'dateTime' ? parsed.toUTC().toISO({ suppressMilliseconds: true }) : parsed.toISODate();
	return output ? { ok: true, value: output } : fail(`${show(value)} is not a date`);
}

function transformMoney(transform: Extract<Transform, { kind: 'money' }>, value: unknown, context: TransformContext): TransformOutcome {
	let amount: unknown = value;
	let currency: unknown;
	let minor: number | undefined;
	if (value && typeof value === 'object') {
		const object = value as { amountMinor?: unknown; amount?: unknown; currency?: unknown };
		currency = object.currency;
		if (typeof object.amountMinor === 'number') minor = object.amountMinor;
		else amount = object.amount;
	}
	currency ??= transform.currencyPath ? readPath(context.record, transform.currencyPath) : undefined;
	if (currency === undefined || currency === null || currency === '') currency = transform.currency ?? context.defaultCurrency;
	const code = String(currency).trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) return fail(`${show(currency)} is not a three-letter ISO 4217 currency code`);
	if (minor === undefined) {
		if (typeof amount !== 'number' && typeof amount !== 'string') return fail(`${show(value)} is not an amount`);
		if (transform.input === 'minorUnits') {
			minor = Number(amount);
			if (!Number.isSafeInteger(minor)) return fail(`${show(amount)} is not a whole number of minor units`);
		} else {
			try {
				minor = toMinorUnits(amount, code);
			} catch {
				return fail(`${show(amount)} is not a decimal amount`);
			}
		}
	}
	if (transform.output === 'minorUnits') return { ok: true, value: minor };
	if (transform.output === 'decimalString') return { ok: true, value: toDecimalString(minor, code) };
	return { ok: true, value: { amountMinor: minor, currency: code } };
}

function transformValueMap(transform: Extract<Transform, { kind: 'valueMap' }>, value: unknown): TransformOutcome {
	const key = typeof value === 'string' ? value.trim() : String(value);
	const entry = Object.entries(transform.map).find(([from]) => (transform.caseInsensitive ? from.trim().toLowerCase() === key.toLowerCase() : from.trim() === key));
	if (entry) return { ok: true, value: entry[1] };
	if (transform.otherwise === 'keep') return { ok: true, value };
	if (transform.otherwise === 'default') return { ok: true, value: transform.default };
	const known = Object.keys(transform.map);
	return fail(`${show(value)} is not in the value map (${known.length > 0 ? `known values: ${known.join(', ')}` : 'the map is empty'})`);
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

/** Applies one field transform; a value it cannot convert becomes a message naming the value. */
export function applyTransform(transform: Transform, value: unknown, context: TransformContext): TransformOutcome {
	switch (transform.kind) {
		case 'trim':
			return { ok: true, value: typeof value === 'string' ? value.trim() : value };
		case 'lowercase':
			return { ok: true, value: typeof value === 'string' ? value.toLowerCase() : value };
		case 'number': {
			if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : fail(`${show(value)} is not a finite number`);
			const text = typeof value === 'string' ? value.trim().replace(/[,\s]/g, '') : '';
			const number = Number(text);
			return text !== '' && Number.isFinite(number) ? { ok: true, value: number } : fail(`${show(value)} is not a number`);
		}
		case 'boolean': {
			if (typeof value === 'boolean') return { ok: true, value };
			const word = String(value).trim().toLowerCase();
			if (TRUE_WORDS.has(word)) return { ok: true, value: true };
			if (FALSE_WORDS.has(word)) return { ok: true, value: false };
			return fail(`${show(value)} is not a yes/no value (true, false, yes, no, 1, 0)`);
		}
		case 'text':
			if (typeof value === 'string') return { ok: true, value };
			if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return { ok: true, value: String(value) };
			return fail(`${show(value)} is not text, a finite number or a yes/no value`);
		case 'date':
			return transformDate(transform, value);
		case 'money':
			return transformMoney(transform, value, context);
		case 'valueMap':
			return transformValueMap(transform, value);
	}
}
