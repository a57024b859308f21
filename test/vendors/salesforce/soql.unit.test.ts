import { buildSoql, soqlApiName, SoqlDate, SoqlDateTime, soqlLiteral, soqlName, soqlString, where } from '../../../nodes/vendors/salesforce/soql';
import { likePattern, parseSoql } from '../../../sandbox/vendors/salesforce/soqlParser';

describe('SOQL literals', () => {
	it('escapes the reserved characters of a quoted string (SOQL reference, "Reserved Characters")', () => {
		expect(soqlString("Bob's BBQ")).toBe("'Bob\\'s BBQ'");
		expect(soqlString('C:\\temp')).toBe("'C:\\\\temp'");
		expect(soqlString('two\nlines\t"quoted"')).toBe("'two\\nlines\\t\\\"quoted\\\"'");
	});

	it('writes dates and dateTimes unquoted, in the documented formats', () => {
		expect(soqlLiteral(new SoqlDate('1999-01-01'))).toBe('1999-01-01');
		expect(soqlLiteral(new SoqlDateTime('1999-01-01T23:01:01.789+01:00'))).toBe('1999-01-01T22:01:01Z');
		expect(soqlLiteral(new SoqlDateTime(new Date(Date.UTC(2026, 0, 31, 9))))).toBe('2026-01-31T09:00:00Z');
		expect(() => new SoqlDate('2026-02-30')).toThrow(/not a date/);
		expect(() => new SoqlDate('31/01/2026')).toThrow(/not a date/);
		expect(() => new SoqlDateTime('yesterday')).toThrow(/not a date-time/);
	});

	it('writes numbers, booleans and null, and refuses what SOQL cannot compare', () => {
		expect([soqlLiteral(42.5), soqlLiteral(true), soqlLiteral(false), soqlLiteral(null)]).toEqual(['42.5', 'true', 'false', 'null']);
		expect(() => soqlLiteral(Number.NaN)).toThrow(/not a number/);
	});

	it('accepts API names and refuses anything that could change the query', () => {
		expect(soqlName('P2C_External_Id__c')).toBe('P2C_External_Id__c');
		expect(soqlName('Account.Name')).toBe('Account.Name');
		for (const bad of ['Name; DELETE', "Name'", 'Name FROM User', '', '1Name']) expect(() => soqlName(bad)).toThrow(/not a valid Salesforce/);
		expect(() => soqlApiName('Account.Name')).toThrow(/not a valid Salesforce API name/);
	});
});

describe('SOQL conditions', () => {
	it('keeps a value that tries to break out of its literal inside it', () => {
		const soql = buildSoql({ fields: ['Id'], from: 'Account', where: [where.field('Name', '=', "x' OR Name != '")] });
		expect(soql).toBe("SELECT Id FROM Account WHERE Name = 'x\\' OR Name != \\''");
		const parsed = parseSoql(soql);
		expect(parsed.where).toEqual({ kind: 'compare', field: 'Name', operator: '=', value: expect.objectContaining({ type: 'string', value: "x' OR Name != '" }) });
	});

	it('matches LIKE text literally: % and _ in the text are escaped, then wrapped', () => {
		expect(where.like('Name', '50%_off').text).toBe("Name LIKE '%50\\%\\_off%'");
		expect(where.like('Name', "O'Brien", 'startsWith').text).toBe("Name LIKE 'O\\'Brien%'");
		const pattern = likePattern("%50\\%\\_off%");
		expect(pattern.test('Save 50%_off today')).toBe(true);
		expect(pattern.test('Save 50% off today')).toBe(false);
		expect(likePattern('ter%').test('TERRA')).toBe(true);
	});

	it('parenthesises every group so AND and OR never mix unparenthesised', () => {
		const condition = where.and(where.field('IsActive', '=', true), where.or(where.like('Name', 'ada'), where.like('Email', 'ada')));
		expect(condition.text).toBe("(IsActive = true) AND ((Name LIKE '%ada%') OR (Email LIKE '%ada%'))");
		expect(where.in('Id', ['006A', '006B']).text).toBe("Id IN ('006A', '006B')");
		expect(() => where.in('Id', [])).toThrow(/at least one value/);
	});
});

describe('buildSoql', () => {
	it('builds a whole query with a child subquery, filters, order and limit', () => {
		const soql = buildSoql({
			fields: ['Id', 'Name', 'CloseDate'],
			subqueries: [{ relationship: 'OpportunityContactRoles', fields: ['ContactId', 'IsPrimary'] }],
			from: 'Opportunity',
			where: [where.field('IsWon', '=', true), where.field('CloseDate', '>=', new SoqlDate('2026-01-01')), where.field('SystemModstamp', '>=', new SoqlDateTime('2026-01-31T09:30:00.000Z'))],
			orderBy: [{ field: 'SystemModstamp' }, { field: 'Id', direction: 'DESC' }],
			limit: 50,
		});
		expect(soql).toBe(
			'SELECT Id, Name, CloseDate, (SELECT ContactId, IsPrimary FROM OpportunityContactRoles) FROM Opportunity ' +
				'WHERE (IsWon = true) AND (CloseDate >= 2026-01-01) AND (SystemModstamp >= 2026-01-31T09:30:00Z) ORDER BY SystemModstamp ASC, Id DESC LIMIT 50',
		);
		// The sandbox's parser, written from the SOQL reference, reads it back.
		const parsed = parseSoql(soql);
		expect(parsed).toMatchObject({ from: 'Opportunity', fields: ['Id', 'Name', 'CloseDate'], limit: 50 });
		expect(parsed.subqueries[0]).toMatchObject({ from: 'OpportunityContactRoles', fields: ['ContactId', 'IsPrimary'] });
		expect(parsed.orderBy).toEqual([{ field: 'SystemModstamp', descending: false, nullsLast: false }, { field: 'Id', descending: true, nullsLast: true }]);
	});

	it('refuses an empty select list and a limit that is not a positive integer', () => {
		expect(() => buildSoql({ fields: [], from: 'Account' })).toThrow(/at least one field/);
		expect(() => buildSoql({ fields: ['Id'], from: 'Account', limit: 0 })).toThrow(/LIMIT 0/);
		expect(() => buildSoql({ fields: ['Id'], from: 'Account WHERE' })).toThrow(/not a valid Salesforce API name/);
	});
});

describe('the sandbox SOQL parser', () => {
	it('refuses AND and OR mixed without parentheses, as Salesforce does', () => {
		expect(() => parseSoql("SELECT Id FROM Account WHERE Name = 'a' AND Phone = 'b' OR Industry = 'c'")).toThrow(/unexpected token: 'OR'/);
		expect(() => parseSoql("SELECT Id FROM Account WHERE (Name = 'a' AND Phone = 'b') OR Industry = 'c'")).not.toThrow();
	});

	it('refuses what is outside its subset with MALFORMED_QUERY', () => {
		expect(() => parseSoql('SELECT COUNT() FROM Account')).toThrow(/unexpected token/);
		expect(() => parseSoql('SELECT Id FROM Account WHERE CreatedDate = TODAY')).toThrow(/unexpected token: 'TODAY'/);
		expect(() => parseSoql("SELECT Id FROM Account WHERE Name = 'a\\%'")).toThrow(/Illegal character sequence/);
	});
});
