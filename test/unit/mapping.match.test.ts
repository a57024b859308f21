import { CandidateIndex, findCounterpart, normaliseDomain, normaliseName } from '../../nodes/shared/mapping/match';

const erpCustomers = [
	{ id: 'c2a5-001', name: 'Acme Holdings, Inc.', email: 'ap@acme-holdings.com', externalRefs: { xero: 'c2a5-001', hubspot: '512' }, _meta: { system: 'xero', entity: 'client' } },
	{ id: 'c2a5-002', name: 'Globex GmbH', domain: 'www.globex.de', externalRefs: { xero: 'c2a5-002' }, _meta: { system: 'xero', entity: 'client' } },
	{ id: 'c2a5-003', name: 'Initech Ltd', email: 'billing@initech.co.uk', externalRefs: { xero: 'c2a5-003' }, _meta: { system: 'xero', entity: 'client' } },
	{ id: 'c2a5-004', name: 'Initech LLC', email: 'finance@initech.com', externalRefs: { xero: 'c2a5-004' }, _meta: { system: 'xero', entity: 'client' } },
	{ id: 'c2a5-005', name: 'Soylent Corp.', website: 'https://soylent.example/about', externalRefs: { xero: 'c2a5-005' }, _meta: { system: 'xero', entity: 'client' } },
	{ id: 'c2a5-006', name: 'Umbrella Partners', email: 'umbrella.partners@gmail.com', externalRefs: { xero: 'c2a5-006' } },
];
const index = new CandidateIndex(erpCustomers);

describe('normalising', () => {
	it.each([
		['Acme Holdings, Inc.', 'acme holdings'],
		['ACME HOLDINGS INC', 'acme holdings'],
		['The Acme Holdings Co. Ltd', 'acme holdings'],
		['Müller & Söhne G.m.b.H.', 'muller and sohne'],
		['  Initech,   LLC ', 'initech'],
		['Inc', 'inc'],
	])('name %j -> %j', (name, expected) => expect(normaliseName(name)).toBe(expected));

	it.each([
		['https://www.Globex.de/contact?x=1', 'globex.de'],
		['globex.de.', 'globex.de'],
		['mailto:ap@acme-holdings.com', 'acme-holdings.com'],
		['www.soylent.example:8443', 'soylent.example'],
	])('domain %j -> %j', (value, expected) => expect(normaliseDomain(value)).toBe(expected));
});

describe('finding a counterpart', () => {
	it('matches by external reference first, at confidence 1.0', () => {
		const result = findCounterpart({ id: '512', name: 'Something else entirely', externalRefs: { hubspot: '512' }, _meta: { system: 'hubspot' } }, index);
		expect(result).toMatchObject({ status: 'matched', hit: { candidateIndex: 0, confidence: 1, strategy: 'externalRef', reason: 'external reference (hubspot 512)', field: 'externalRefs.hubspot' } });
	});

	it('matches a record whose own id the candidate carries', () => {
		const result = findCounterpart({ id: 'c2a5-002', _meta: { system: 'xero' } }, index);
		expect(result).toMatchObject({ status: 'matched', hit: { candidateIndex: 1, strategy: 'externalRef' } });
	});

	it.each([
		['Acme Holdings Inc', 0],
		['ACME HOLDINGS, INC.', 0],
		['The Acme Holdings Limited', 0],
		['Globex', 1],
		['soylent corporation', 4],
	])('matches the name variant %j by normalised name at 0.9', (name, candidateIndex) => {
		expect(findCounterpart({ name }, index)).toMatchObject({ status: 'matched', hit: { candidateIndex, confidence: 0.9, strategy: 'name' } });
	});

	it('prefers e-mail (0.95) over name', () => {
		expect(findCounterpart({ name: 'Initech', email: 'Finance@Initech.com' }, index)).toMatchObject({ status: 'matched', hit: { candidateIndex: 3, confidence: 0.95, strategy: 'email', reason: 'same e-mail (finance@initech.com)' } });
	});

	it.each([
		[{ name: 'Globex Deutschland', domain: 'globex.de' }, 1, 'domain'],
		[{ name: 'Soylent Foods', website: 'http://www.soylent.example' }, 4, 'website'],
		[{ name: 'Acme Group', email: 'cfo@acme-holdings.com' }, 0, 'email'],
	])('matches %j by domain at 0.85', (record, candidateIndex, field) => {
		expect(findCounterpart(record, index)).toMatchObject({ status: 'matched', hit: { candidateIndex, confidence: 0.85, strategy: 'domain', field } });
	});

	it('does not match on a free-mail domain', () => {
		expect(findCounterpart({ name: 'Someone Else', email: 'someone@gmail.com' }, index)).toEqual({ status: 'none' });
	});

	it('reports an ambiguous name instead of guessing', () => {
		const result = findCounterpart({ name: 'INITECH' }, index);
		expect(result.status).toBe('ambiguous');
		if (result.status === 'ambiguous') {
			expect(result.strategy).toBe('name');
			expect(result.hits.map((hit) => hit.candidateIndex)).toEqual([2, 3]);
		}
	});

	it('finds nothing for a record with no counterpart', () => {
		expect(findCounterpart({ name: 'Hooli', domain: 'hooli.xyz', externalRefs: { hubspot: '999' } }, index)).toEqual({ status: 'none' });
	});

	it('uses only the strategies asked for', () => {
		expect(findCounterpart({ name: 'Acme Holdings', email: 'ap@acme-holdings.com' }, index, ['domain'])).toMatchObject({ status: 'matched', hit: { strategy: 'domain' } });
		expect(findCounterpart({ name: 'Acme Holdings' }, index, ['email', 'externalRef'])).toEqual({ status: 'none' });
	});

	it('matches people by first and last name', () => {
		const people = new CandidateIndex([{ firstName: 'Kim', lastName: 'Allen', email: 'kim@example.org' }, { firstName: 'Kim', lastName: 'Allan' }]);
		expect(findCounterpart({ displayName: 'kim allen' }, people)).toMatchObject({ status: 'matched', hit: { candidateIndex: 0, strategy: 'name' } });
	});
});
