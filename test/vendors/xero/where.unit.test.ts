import { parseWhere, WhereSyntaxError } from '../../../sandbox/vendors/xero/where';

// The sandbox's reading of Xero `where` filters, over records shaped as the Accounting API renders them.
const fields = new Set(['Type', 'Status', 'Reference', 'DueDate', 'AmountDue', 'Contact', 'Name', 'EnablePaymentsToAccount']);
const invoice = { Type: 'ACCREC', Status: 'AUTHORISED', Reference: 'PRJ-1 "A"', DueDate: '/Date(1795219200000+0000)/', AmountDue: 12.5, Contact: { ContactID: 'A3675FC4-F8DD-4F03-BA5B-F1870566BCD7' }, Name: 'Acme Ltd', EnablePaymentsToAccount: false };
const matches = (where: string) => parseWhere(where, fields, 'Invoice')(invoice);

describe('Xero where filters in the sandbox', () => {
	it('compares strings, numbers, booleans, dates and guids', () => {
		expect(matches('Type=="ACCREC" AND Status=="AUTHORISED"')).toBe(true);
		expect(matches('Reference=="PRJ-1 \\"A\\""')).toBe(true);
		expect(matches('AmountDue>12 && AmountDue<=12.5')).toBe(true);
		expect(matches('DueDate<DateTime(2026,11,22) AND DueDate>=DateTime(2026,11,21)')).toBe(true);
		expect(matches('DueDate<DateTime(2026,11,21)')).toBe(false);
		expect(matches('Contact.ContactID==Guid("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7")')).toBe(true);
		expect(matches('EnablePaymentsToAccount==true')).toBe(false);
	});

	it('groups OR inside AND, negates, and calls string methods', () => {
		expect(matches('Type=="ACCREC" AND (Reference=="X" OR Reference=="PRJ-1 \\"A\\"")')).toBe(true);
		expect(matches('Type=="ACCREC" AND (Reference=="X" OR Reference=="Y")')).toBe(false);
		expect(matches('NOT Status=="DRAFT"')).toBe(true);
		expect(matches('Name.Contains("acme") AND Name.StartsWith("Ac") AND Name.EndsWith("ltd")')).toBe(true);
	});

	it('refuses unknown fields and broken syntax, as a QueryParseException would', () => {
		expect(() => matches('Foo=="x"')).toThrow(new WhereSyntaxError("No property or field 'Foo' exists in type 'Invoice'"));
		expect(() => matches('Type=="ACCREC" AND')).toThrow(WhereSyntaxError);
		expect(() => matches('Type=="ACCREC')).toThrow(/Unterminated string/);
	});
});
