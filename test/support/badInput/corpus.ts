import type { CanonicalEntity } from '../../../nodes/shared/canonical';
import { ENTITY_PROFILES, type EntityProfile } from './entities';
import { BAD_EMAILS, HOSTILE_LOOKING_TEXT, INJECTIONS, LINE_PLUS_ONE, ONE_MEGABYTE, TEXT_PLUS_ONE } from './strings';

/**
 * The bad-input corpus: every canonical entity's valid record broken one way at a time, each case
 * labelled with the field that must be blamed. Deterministic: the same cases, in the same order,
 * on every run.
 */
export type BadInputCategory = 'missing' | 'wrongType' | 'currency' | 'date' | 'enum' | 'oversized' | 'injection' | 'nonObject';

export interface BadInputCase {
	/** `client/wrongType/name as an object`: unique, stable. */
	id: string;
	entity: CanonicalEntity;
	category: BadInputCategory;
	/** The record as it arrives: usually an object, but may be anything (an array, text, null). */
	record: unknown;
	/** The field the error must name: an issue at this path or under it. `(record)` for the whole record. */
	path: string;
}

export interface FreeTextCase {
	id: string;
	entity: CanonicalEntity;
	record: Record<string, unknown>;
	/** The field holding the hostile-looking text, written unchanged. */
	path: string;
	text: string;
}

// ---------------------------------------------------------------- record surgery

/** A deep copy of plain data that shares its strings (a 1 MB string is not copied per case). */
function copy<T>(value: T): T {
	if (Array.isArray(value)) return value.map(copy) as T;
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copy(inner)])) as T;
	return value;
}

/** The record with `path` set to `value`; missing containers are made (arrays for numeric keys). */
export function withValue(record: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
	const result = copy(record);
	const keys = path.split('.');
	let current = result as Record<string, unknown>;
	keys.slice(0, -1).forEach((key, index) => {
		if (!current[key] || typeof current[key] !== 'object') current[key] = /^\d+$/.test(keys[index + 1]) ? [] : {};
		current = current[key] as Record<string, unknown>;
	});
	Object.defineProperty(current, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
	return result;
}

export function without(record: Record<string, unknown>, path: string): Record<string, unknown> {
	const result = copy(record);
	const keys = path.split('.');
	const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((current, key) => current[key] as Record<string, unknown>, result);
	delete parent[keys[keys.length - 1]];
	return result;
}

// ---------------------------------------------------------------- the breakages, by category

type Emit = (category: BadInputCategory, label: string, record: unknown, path: string) => void;

function missing(profile: EntityProfile, emit: Emit): void {
	for (const path of profile.required) emit('missing', `no ${path}`, without(profile.valid, path), path);
	for (const path of profile.names ?? []) {
		emit('missing', `${path} empty`, withValue(profile.valid, path, ''), path);
		emit('missing', `${path} blank`, withValue(profile.valid, path, '   '), path);
	}
}

function wrongTypes(profile: EntityProfile, emit: Emit): void {
	const textFields = [...profile.ids.slice(0, 1), ...profile.lines.slice(0, 1), ...(profile.emails ?? []), ...(profile.currencies ?? []), ...(profile.dates ?? []).slice(0, 1)];
	const stringBreakers: Array<[string, unknown]> = [
		['an object', { value: 'x' }],
		['an array', ['x']],
		['a number', 42],
		['a boolean', true],
		['null', null],
	];
	for (const path of textFields) for (const [what, value] of stringBreakers) emit('wrongType', `${path} as ${what}`, withValue(profile.valid, path, value), path);
	const numberBreakers: Array<[string, unknown]> = [
		['text', '8'],
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['-Infinity', Number.NEGATIVE_INFINITY],
		['a boolean', true],
		['an object', {}],
	];
	for (const path of profile.numbers ?? []) for (const [what, value] of numberBreakers) emit('wrongType', `${path} as ${what}`, withValue(profile.valid, path, value), path);
	for (const path of profile.booleans ?? []) {
		for (const [what, value] of [['"yes"', 'yes'], ['"true"', 'true'], ['1', 1]] as Array<[string, unknown]>) emit('wrongType', `${path} as ${what}`, withValue(profile.valid, path, value), path);
	}
	for (const path of (profile.money ?? []).slice(0, 1)) {
		emit('wrongType', `${path} as a number`, withValue(profile.valid, path, 1250), path);
		emit('wrongType', `${path} as text`, withValue(profile.valid, path, '1250.00 USD'), path);
		emit('wrongType', `${path} as an array`, withValue(profile.valid, path, [{ amountMinor: 1, currency: 'USD' }]), path);
	}
}

function currencies(profile: EntityProfile, emit: Emit): void {
	const [first, ...others] = profile.money ?? [];
	if (first) {
		const breakers: Array<[string, unknown, string]> = [
			['lower-case currency', { amountMinor: 1000, currency: 'usd' }, `${first}.currency`],
			['4-letter currency', { amountMinor: 1000, currency: 'USDX' }, `${first}.currency`],
			['unknown currency', { amountMinor: 1000, currency: 'XYZ' }, `${first}.currency`],
			['numeric currency', { amountMinor: 1000, currency: '840' }, `${first}.currency`],
			['no currency', { amountMinor: 1000 }, `${first}.currency`],
			['float minor units', { amountMinor: 150.5, currency: 'USD' }, `${first}.amountMinor`],
			['minor units as text', { amountMinor: '1000', currency: 'USD' }, `${first}.amountMinor`],
			['minor units beyond exact integers', { amountMinor: 2 ** 60, currency: 'USD' }, `${first}.amountMinor`],
			['3 decimals in USD', { amount: '12.345', currency: 'USD' }, first],
			['a decimal in JPY', { amount: '100.5', currency: 'JPY' }, first],
			['4 decimals in KWD', { amount: 1.2345, currency: 'KWD' }, first],
			['an amount that is no number', { amount: 'a lot', currency: 'EUR' }, first],
			['an amount with 20 digits', { amount: '12345678901234567890', currency: 'EUR' }, first],
		];
		for (const [label, value, path] of breakers) emit('currency', `${first} with ${label}`, withValue(profile.valid, first, value), path);
	}
	for (const path of others) emit('currency', `${path} with an unknown currency`, withValue(profile.valid, path, { amountMinor: 100, currency: 'ABC' }), `${path}.currency`);
	for (const path of profile.currencies ?? []) {
		for (const value of ['usd', 'EURO', 'XYZ', '', ' USD', 'US$']) emit('currency', `${path} ${JSON.stringify(value)}`, withValue(profile.valid, path, value), path);
	}
}

function dates(profile: EntityProfile, emit: Emit): void {
	const [first, ...others] = profile.dates ?? [];
	if (first) {
		for (const value of ['2026-02-30', '2026-13-01', '2025-02-29', '01/03/2026', '2026-3-1', '2026-03-01T10:00:00Z', 'next tuesday', '20260301']) {
			emit('date', `${first} ${value}`, withValue(profile.valid, first, value), first);
		}
	}
	for (const path of others) emit('date', `${path} 2026-04-31`, withValue(profile.valid, path, '2026-04-31'), path);
	for (const path of profile.dateTimes ?? []) {
		for (const value of ['2026-03-01T25:00:00Z', '2026-03-01T10:00:00+99:00', '2026-03-01T10:61:00Z', '2026-02-30T10:00:00Z', '2026-03-01T10:00:00 PST', '2026-03-01 10:00:00', '1709287200']) {
			emit('date', `${path} ${value}`, withValue(profile.valid, path, value), path);
		}
	}
	if (profile.dateOrder) {
		const [start, end] = profile.dateOrder;
		const reversed = withValue(withValue(profile.valid, start, '2026-09-01'), end, '2026-08-31');
		emit('date', `${end} before ${start}`, reversed, end);
	}
}

function enums(profile: EntityProfile, emit: Emit): void {
	for (const path of profile.enums ?? []) {
		const current = typeof profile.valid[path] === 'string' ? (profile.valid[path] as string) : 'open';
		for (const [label, value] of [
			['unknown', 'PENDING'],
			['upper-case', current.toUpperCase()],
			['with a trailing space', `${current} `],
			['empty', ''],
			['1 MB', ONE_MEGABYTE],
		] as Array<[string, string]>) {
			emit('enum', `${path} ${label}`, withValue(profile.valid, path, value), path);
		}
	}
}

function oversized(profile: EntityProfile, emit: Emit): void {
	for (const path of profile.lines.slice(0, 2)) {
		emit('oversized', `${path} of 256 characters`, withValue(profile.valid, path, LINE_PLUS_ONE), path);
		emit('oversized', `${path} of 1 MB`, withValue(profile.valid, path, ONE_MEGABYTE), path);
	}
	for (const path of profile.texts ?? []) {
		emit('oversized', `${path} of 65,537 characters`, withValue(profile.valid, path, TEXT_PLUS_ONE), path);
		emit('oversized', `${path} of 1 MB`, withValue(profile.valid, path, ONE_MEGABYTE), path);
	}
	emit('oversized', `${profile.ids[0]} of 1 MB`, withValue(profile.valid, profile.ids[0], ONE_MEGABYTE), profile.ids[0]);
	emit('oversized', 'an externalRefs value of 1 MB', withValue(profile.valid, 'externalRefs', { harvest: ONE_MEGABYTE }), 'externalRefs.harvest');
}

/** An object whose own key is `__proto__`, as JSON.parse makes it (an object literal would set the prototype). */
const withOwnKey = (key: string, value: unknown): Record<string, unknown> => Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true }) as Record<string, unknown>;

function injections(profile: EntityProfile, emit: Emit): void {
	for (const [name, value] of Object.entries(INJECTIONS)) emit('injection', `${profile.ids[0]} ${name}`, withValue(profile.valid, profile.ids[0], value), profile.ids[0]);
	for (const path of profile.ids.slice(1)) {
		for (const name of ['sql', 'crlf', 'pathTraversal']) emit('injection', `${path} ${name}`, withValue(profile.valid, path, INJECTIONS[name]), path);
	}
	for (const path of profile.emails ?? []) {
		for (const [name, value] of Object.entries(BAD_EMAILS)) emit('injection', `${path} ${name}`, withValue(profile.valid, path, value), path);
	}
	for (const path of profile.currencies ?? []) {
		for (const name of ['sql', 'script']) emit('injection', `${path} ${name}`, withValue(profile.valid, path, INJECTIONS[name]), path);
	}
	const refKeys = ['__proto__', 'constructor', 'prototype', INJECTIONS.sql, 'p2c_ref; DROP', 'two words', '', '9lives'];
	for (const key of refKeys) emit('injection', `externalRefs key ${JSON.stringify(key)}`, withValue(profile.valid, 'externalRefs', withOwnKey(key, '123')), `externalRefs.${key}`);
	for (const name of ['crlf', 'nul']) emit('injection', `externalRefs value ${name}`, withValue(profile.valid, 'externalRefs', { key: INJECTIONS[name] }), 'externalRefs.key');
	emit('injection', 'externalRefs value empty', withValue(profile.valid, 'externalRefs', { xero: '' }), 'externalRefs.xero');
	emit('injection', 'a __proto__ field', withValue(profile.valid, '__proto__', { isActive: false, status: 'won' }), '__proto__');
	emit('injection', 'a constructor field', withValue(profile.valid, 'constructor', { prototype: { polluted: true } }), 'constructor');
}

function nonObjects(profile: EntityProfile, emit: Emit): void {
	const shapes: Array<[string, unknown]> = [
		['an empty object', {}],
		['an empty array', []],
		['an array holding the record', [profile.valid]],
		['plain text', 'just some text'],
		['JSON cut short', '{"name": "Acme'],
		['a number', 42],
		['a boolean', true],
		['null', null],
	];
	for (const [label, record] of shapes) emit('nonObject', `record is ${label}`, record, '(record)');
}

// ---------------------------------------------------------------- the corpus

export function badInputCases(profile: EntityProfile): BadInputCase[] {
	const cases: BadInputCase[] = [];
	const emit: Emit = (category, label, record, path) => cases.push({ id: `${profile.entity}/${category}/${label}`, entity: profile.entity, category, record, path });
	for (const generate of [missing, wrongTypes, currencies, dates, enums, oversized, injections, nonObjects]) generate(profile, emit);
	return cases;
}

/** Every case of every entity. */
export const BAD_INPUT_CORPUS: BadInputCase[] = ENTITY_PROFILES.flatMap(badInputCases);

/** Valid records whose free text only looks hostile: one per entity and string. */
export function freeTextCases(profile: EntityProfile): FreeTextCase[] {
	const path = profile.names?.[0] ?? profile.texts?.[0] ?? profile.lines[0];
	if (!path) return [];
	return Object.entries(HOSTILE_LOOKING_TEXT).map(([name, text]) => ({ id: `${profile.entity}/freeText/${name}`, entity: profile.entity, record: withValue(profile.valid, path, text), path, text }));
}

export const FREE_TEXT_CORPUS: FreeTextCase[] = ENTITY_PROFILES.flatMap(freeTextCases);

/** Cases per entity and per category, for reports. */
export function corpusCounts(cases: BadInputCase[] = BAD_INPUT_CORPUS): { byEntity: Record<string, number>; byCategory: Record<string, number> } {
	const byEntity: Record<string, number> = {};
	const byCategory: Record<string, number> = {};
	for (const entry of cases) {
		byEntity[entry.entity] = (byEntity[entry.entity] ?? 0) + 1;
		byCategory[entry.category] = (byCategory[entry.category] ?? 0) + 1;
	}
	return { byEntity, byCategory };
}
