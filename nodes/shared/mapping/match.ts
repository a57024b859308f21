/**
 * Finds a record's counterpart in a list from another system (the master-data check before a
 * customer is created twice): by external reference, then e-mail, normalised name and domain.
 * The first strategy that finds anything decides; if it finds more than one record the match is
 * reported as ambiguous, never guessed.
 */

export type MatchStrategy = 'externalRef' | 'email' | 'name' | 'domain';
export const MATCH_STRATEGIES: MatchStrategy[] = ['externalRef', 'email', 'name', 'domain'];

export const MATCH_CONFIDENCE: Record<MatchStrategy, number> = { externalRef: 1, email: 0.95, name: 0.9, domain: 0.85 };

export interface MatchHit {
	/** Position of the counterpart in the second list. */
	candidateIndex: number;
	candidate: unknown;
	confidence: number;
	strategy: MatchStrategy;
	reason: string;
	/** Field of the record the match rests on, e.g. `externalRefs.<system key>`, `name`. */
	field: string;
}

export type MatchResult =
	| { status: 'matched'; hit: MatchHit }
	| { status: 'ambiguous'; strategy: MatchStrategy; hits: MatchHit[] }
	| { status: 'none' };

// Legal-form words stripped from the end of a name ("Acme Holdings, Inc." -> "acme holdings").
const LEGAL_SUFFIXES = new Set([
	'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'pllc',
	'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'ug', 'se', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps',
	'pty', 'pte', 'kk', 'sl', 'sro', 'zoo',
]);
const FREE_MAIL_DOMAINS = new Set([
	'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com',
	'aol.com', 'proton.me', 'protonmail.com', 'gmx.de', 'gmx.net', 'web.de', 'mail.com', 'yandex.ru', 'qq.com', '163.com',
]);

/** Name as compared: accents, case, punctuation, "&", "the" and legal forms removed. */
export function normaliseName(name: string): string {
	const words = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		// "G.m.b.H." and "S.A." become one word before punctuation turns into spaces.
		.replace(/\b(?:[a-z]\.){2,}/g, (letters) => letters.replace(/\./g, ''))
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.split(/\s+/)
		.filter(Boolean);
	if (words[0] === 'the' && words.length > 1) words.shift();
	while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
	return words.join(' ');
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** Bare host of a domain, website or URL: no scheme, `www.`, port, path or trailing dot. */
export function normaliseDomain(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
		.replace(/^[^@/]*@/, '')
		.split(/[/?#:]/)[0]
		.replace(/^www\./, '')
		.replace(/\.$/, '');
}

type Fields = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const asRecord = (value: unknown): Fields => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {});

function nameOf(record: Fields): { field: string; value: string } | undefined {
	for (const field of ['name', 'displayName']) {
		const value = text(record[field]);
		if (value) return { field, value };
	}
	const person = [text(record.firstName), text(record.lastName)].filter(Boolean).join(' ');
	return person ? { field: 'firstName', value: person } : undefined;
}

function domainsOf(record: Fields): Array<{ field: string; value: string }> {
	const found: Array<{ field: string; value: string }> = [];
	for (const field of ['domain', 'website']) {
		const value = text(record[field]);
		if (value) found.push({ field, value: normaliseDomain(value) });
	}
	const email = text(record.email);
	if (email && email.includes('@')) {
		const domain = normaliseDomain(email.split('@').pop()!);
		if (!FREE_MAIL_DOMAINS.has(domain)) found.push({ field: 'email', value: domain });
	}
	return found.filter((entry) => entry.value !== '');
}

/** Every system-and-id pair a record is known by: its own id in its system, and its externalRefs. */
function identitiesOf(record: Fields): Array<{ system: string; id: string }> {
	const identities: Array<{ system: string; id: string }> = [];
	const meta = asRecord(record._meta);
	const system = text(meta.system);
	const ownId = text(record.id) ?? text(meta.remoteId);
	if (system && ownId) identities.push({ system, id: ownId });
	for (const [refSystem, id] of Object.entries(asRecord(record.externalRefs))) {
		if (text(id)) identities.push({ system: refSystem, id: String(id) });
	}
	return identities;
}

interface IndexedCandidate {
	index: number;
	candidate: unknown;
	identities: Set<string>;
	email?: string;
	name?: string;
	domains: Set<string>;
}

/** The second list, normalised once so that each record is matched against it cheaply. */
export class CandidateIndex {
	readonly entries: IndexedCandidate[];

	constructor(readonly candidates: unknown[]) {
		this.entries = candidates.map((candidate, index) => {
			const fields = asRecord(candidate);
			const email = text(fields.email);
			const name = nameOf(fields);
			return {
				index,
				candidate,
				identities: new Set(identitiesOf(fields).map((identity) => `${identity.system}\u0000${identity.id}`)),
				email: email ? normaliseEmail(email) : undefined,
				name: name ? normaliseName(name.value) : undefined,
				domains: new Set(domainsOf(fields).map((entry) => entry.value)),
			};
		});
	}
}

function hitsFor(strategy: MatchStrategy, record: Fields, index: CandidateIndex): MatchHit[] {
	const hits = new Map<number, MatchHit>();
	const add = (entry: IndexedCandidate, field: string, reason: string): void => {
		if (!hits.has(entry.index)) hits.set(entry.index, { candidateIndex: entry.index, candidate: entry.candidate, confidence: MATCH_CONFIDENCE[strategy], strategy, reason, field });
	};
	if (strategy === 'externalRef') {
		const own = identitiesOf(record);
		for (const entry of index.entries) {
			const shared = own.find((identity) => entry.identities.has(`${identity.system}\u0000${identity.id}`));
			if (shared) add(entry, `externalRefs.${shared.system}`, `external reference (${shared.system} ${shared.id})`);
		}
	} else if (strategy === 'email') {
		const email = text(record.email);
		if (email) for (const entry of index.entries) if (entry.email === normaliseEmail(email)) add(entry, 'email', `same e-mail (${normaliseEmail(email)})`);
	} else if (strategy === 'name') {
		const name = nameOf(record);
		const normalised = name ? normaliseName(name.value) : '';
		if (name && normalised) for (const entry of index.entries) if (entry.name === normalised) add(entry, name.field, `same normalised name ("${normalised}")`);
	} else {
		for (const domain of domainsOf(record)) {
			for (const entry of index.entries) if (entry.domains.has(domain.value)) add(entry, domain.field, `same domain (${domain.value})`);
		}
	}
	return [...hits.values()];
}

/** The record's counterpart in the indexed list, by the strategies given, strongest first. */
export function findCounterpart(record: unknown, index: CandidateIndex, strategies: MatchStrategy[] = MATCH_STRATEGIES): MatchResult {
	const fields = asRecord(record);
	const ordered = MATCH_STRATEGIES.filter((strategy) => strategies.includes(strategy));
	for (const strategy of ordered) {
		const hits = hitsFor(strategy, fields, index);
		if (hits.length === 1) return { status: 'matched', hit: hits[0] };
		if (hits.length > 1) return { status: 'ambiguous', strategy, hits };
	}
	return { status: 'none' };
}

/** A short label of a candidate for messages: its name, e-mail or id. */
export function candidateLabel(candidate: unknown): string {
	const fields = asRecord(candidate);
	return nameOf(fields)?.value ?? text(fields.email) ?? text(fields.id) ?? JSON.stringify(candidate).slice(0, 60);
}
