import { minorUnitExponent, money, multiplyMoney, sumMoney, toDecimalString, toMinorUnits } from '../../nodes/shared/canonical/money';

describe('toMinorUnits', () => {
	it.each([
		['1234.5', 'USD', 123450],
		['1,234.50', 'USD', 123450],
		[0.1 + 0.2, 'USD', 30],
		['19.999', 'USD', 2000],
		['-19.995', 'USD', -2000],
		['0.005', 'USD', 1],
		['1500', 'JPY', 1500],
		['1500.5', 'JPY', 1501],
		['12.3456', 'KWD', 12346],
		[1e21, 'USD', 1e23],
		['-0.001', 'EUR', 0],
	])('%p %s -> %p', (value, currency, expected) => {
		expect(toMinorUnits(value as string | number, currency as string)).toBe(expected);
	});

	it('refuses what is not a decimal amount', () => {
		expect(() => toMinorUnits('12,5 EUR', 'EUR')).toThrow(/not a decimal amount/);
		expect(() => toMinorUnits('', 'EUR')).toThrow();
		expect(() => toMinorUnits(Number.NaN, 'EUR')).toThrow(/not a finite amount/);
	});
});

describe('toDecimalString', () => {
	it('formats with the currency exponent', () => {
		expect(toDecimalString(123450, 'USD')).toBe('1234.50');
		expect(toDecimalString(-5, 'USD')).toBe('-0.05');
		expect(toDecimalString(1500, 'JPY')).toBe('1500');
		expect(toDecimalString(12346, 'KWD')).toBe('12.346');
		expect(minorUnitExponent('usd')).toBe(2);
	});

	it('round-trips through minor units', () => {
		for (const text of ['0.01', '10.10', '99999999.99', '-42.00']) expect(toDecimalString(toMinorUnits(text, 'GBP'), 'GBP')).toBe(text);
	});
});

describe('sumMoney and multiplyMoney', () => {
	it('adds a thousand 0.10 amounts to exactly 100.00', () => {
		const amounts = Array.from({ length: 1000 }, () => money('0.10', 'USD'));
		expect(sumMoney(amounts, 'USD')).toEqual({ amountMinor: 10000, currency: 'USD' });
	});

	it('refuses to mix currencies', () => {
		expect(() => sumMoney([money('1', 'USD'), money('1', 'EUR')], 'USD')).toThrow(/cannot add EUR to a USD total/);
	});

	it('multiplies hours by a rate to the cent, rounding half away from zero', () => {
		expect(multiplyMoney(money('150.00', 'USD'), 7.5)).toEqual({ amountMinor: 112500, currency: 'USD' });
		expect(multiplyMoney(money('133.33', 'USD'), 0.25)).toEqual({ amountMinor: 3333, currency: 'USD' }); // 33.3325
		expect(multiplyMoney(money('0.05', 'USD'), 0.5)).toEqual({ amountMinor: 3, currency: 'USD' }); // 0.025 -> 0.03
		expect(multiplyMoney(money('-0.05', 'USD'), 0.5)).toEqual({ amountMinor: -3, currency: 'USD' });
		expect(multiplyMoney(money('99.99', 'EUR'), 1.1)).toEqual({ amountMinor: 10999, currency: 'EUR' }); // 109.989
	});
});
