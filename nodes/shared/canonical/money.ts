import type { Money } from './common';

// ISO 4217 minor-unit exponents that differ from 2 (ISO 4217 list one, "Minor unit" column).
const MINOR_UNIT_EXPONENTS: Record<string, number> = {
	BHD: 3, BIF: 0, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0,
	KWD: 3, LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

export function minorUnitExponent(currency: string): number {
	return MINOR_UNIT_EXPONENTS[currency.toUpperCase()] ?? 2;
}

/**
 * Parses a vendor's decimal amount ("1234.5", 1234.5, "1,234.50") into integer minor units
 * by string arithmetic, so 0.1 + 0.2 never leaks in. Rounds half away from zero.
 */
export function toMinorUnits(value: string | number, currency: string): number {
	const exponent = minorUnitExponent(currency);
	let text = typeof value === 'number' ? numberToPlainString(value) : value.trim().replace(/,/g, '');
	if (!/^[-+]?\d*(\.\d*)?$/.test(text) || text === '' || text === '.' || text === '-') {
		throw new Error(`"${String(value)}" is not a decimal amount`);
	}
	const negative = text.startsWith('-');
	text = text.replace(/^[-+]/, '');
	const [whole, fraction = ''] = text.split('.');
	const padded = (fraction + '0'.repeat(exponent + 1)).slice(0, exponent + 1);
	let minor = BigInt((whole || '0') + padded.slice(0, exponent));
	if (Number(padded[exponent]) >= 5) minor += 1n;
	const result = Number(negative ? -minor : minor);
	return Object.is(result, -0) ? 0 : result;
}

function numberToPlainString(value: number): string {
	if (!Number.isFinite(value)) throw new Error(`${value} is not a finite amount`);
	if (Number.isInteger(value)) return BigInt(value).toString();
	// toPrecision(15) strips binary noise such as 0.30000000000000004 before string parsing.
	const text = Number(value.toPrecision(15)).toString();
	if (!/e/i.test(text)) return text;
	return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/** Minor units back to a decimal string with the currency's exponent ("1234.50"). */
export function toDecimalString(amountMinor: number, currency: string): string {
	const exponent = minorUnitExponent(currency);
	const negative = amountMinor < 0;
	const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = exponent > 0 ? `.${digits.slice(-exponent)}` : '';
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function money(value: string | number, currency: string): Money {
	const code = currency.toUpperCase();
	return { amountMinor: toMinorUnits(value, code), currency: code };
}

/** Sums amounts of one currency exactly; refuses to mix currencies. */
export function sumMoney(amounts: Money[], currency: string): Money {
	let total = 0;
	for (const amount of amounts) {
		if (amount.currency !== currency) {
			throw new Error(`cannot add ${amount.currency} to a ${currency} total`);
		}
		total += amount.amountMinor;
	}
	if (!Number.isSafeInteger(total)) throw new Error('total exceeds the exactly representable range');
	return { amountMinor: total, currency };
}

/**
 * quantity x unit price, exact to the minor unit: the quantity is scaled to an integer
 * (up to 6 decimals) so the product is integer arithmetic, then rounded half away from zero.
 */
export function multiplyMoney(unitPrice: Money, quantity: number): Money {
	const scale = 1_000_000;
	const scaledQuantity = BigInt(toMinorUnitsScaled(quantity, scale));
	const product = BigInt(unitPrice.amountMinor) * scaledQuantity;
	const bigScale = BigInt(scale);
	const negative = product < 0n;
	const magnitude = negative ? -product : product;
	let rounded = magnitude / bigScale;
	if ((magnitude % bigScale) * 2n >= bigScale) rounded += 1n;
	const result = Number(negative ? -rounded : rounded);
	return { amountMinor: Object.is(result, -0) ? 0 : result, currency: unitPrice.currency };
}

function toMinorUnitsScaled(quantity: number, scale: number): number {
	return Math.round(Number((quantity * scale).toPrecision(15)));
}

/**
 * Like `toMinorUnits`, but refuses an amount with more decimals than the currency has (12.345 USD,
 * 100.5 JPY) instead of rounding it: a person typed it, so the cents they meant are not guessed.
 */
export function toMinorUnitsExact(value: string | number, currency: string): number {
	const exponent = minorUnitExponent(currency);
	const text = typeof value === 'number' ? numberToPlainString(value) : value.trim().replace(/,/g, '');
	// Beyond 15 significant digits a double is no longer exact; no invoice needs more.
	if (text.replace(/[^\d]/g, '').replace(/^0+/, '').length > 15) throw new Error('has more digits than an exact amount can have');
	const fraction = /\.(\d*)$/.exec(text)?.[1] ?? '';
	if (fraction.replace(/0+$/, '').length > exponent) {
		throw new Error(`has ${fraction.replace(/0+$/, '').length} decimals; ${currency} has ${exponent}`);
	}
	return toMinorUnits(text, currency);
}
