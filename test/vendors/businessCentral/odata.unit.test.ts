import { allOf, anyOf, compare, date, dateTime, formatLiteral, guid, number, oneOf, text } from '../../../nodes/vendors/businessCentral/odata';
import { invoiceFilter, overdueFilter } from '../../../nodes/vendors/businessCentral/invoices';
import { evaluate, parseFilter } from '../../../sandbox/vendors/businessCentral/odataQuery';

describe('Business Central OData filter builder', () => {
	it('quotes strings and doubles embedded quotes, so a value cannot end its literal', () => {
		expect(formatLiteral(text("O'Brien & Sons"))).toBe("'O''Brien & Sons'");
		const filter = compare('displayName', 'eq', text("x' or number ne '"));
		expect(filter).toBe("displayName eq 'x'' or number ne '''");
		// The fake's parser reads it back as one comparison against the whole value.
		expect(evaluate(parseFilter(filter), { displayName: "x' or number ne '" })).toBe(true);
		expect(evaluate(parseFilter(filter), { displayName: 'x', number: 'A' })).toBe(false);
	});

	it('writes dates, date-times (UTC) and GUIDs bare, as OData v4 literals', () => {
		expect(compare('dueDate', 'lt', date('2026-10-01'))).toBe('dueDate lt 2026-10-01');
		expect(compare('lastModifiedDateTime', 'ge', dateTime('2026-10-01T09:30:00+02:00'))).toBe('lastModifiedDateTime ge 2026-10-01T07:30:00.000Z');
		expect(compare('customerId', 'eq', guid('5D115C9C-44E3-EA11-BB43-000D3A2FECA1'))).toBe('customerId eq 5d115c9c-44e3-ea11-bb43-000d3a2feca1');
		expect(compare('remainingAmount', 'gt', number(0))).toBe('remainingAmount gt 0');
	});

	it('refuses values and names that are not what they claim', () => {
		expect(() => date('2026-1-1')).toThrow('ISO date');
		expect(() => dateTime('yesterday')).toThrow('date-time');
		expect(() => guid("1' or 1 eq 1")).toThrow('GUID');
		expect(() => compare('status eq 1 or x', 'eq', text('a'))).toThrow('property name');
		expect(() => formatLiteral(number(Number.NaN))).toThrow('finite');
	});

	it('combines clauses, skipping absent ones and bracketing nested groups', () => {
		expect(allOf(undefined, undefined)).toBeUndefined();
		expect(allOf("a eq 'x'", undefined)).toBe("a eq 'x'");
		const statuses = oneOf('status', [text('Open'), text('Paid')]);
		expect(statuses).toBe("status eq 'Open' or status eq 'Paid'");
		expect(allOf(statuses, 'remainingAmount gt 0')).toBe("(status eq 'Open' or status eq 'Paid') and remainingAmount gt 0");
		expect(anyOf('a eq 1', allOf('b eq 2', 'c eq 3'))).toBe('a eq 1 or (b eq 2 and c eq 3)');
	});

	it('builds the overdue and invoice filters the connector sends, and the fake evaluates them', () => {
		const overdue = overdueFilter('2026-11-01', '2026-10-20');
		expect(overdue).toBe("status eq 'Open' and dueDate lt 2026-11-01 and dueDate ge 2026-10-20 and remainingAmount gt 0");
		const expression = parseFilter(overdue);
		expect(evaluate(expression, { status: 'Open', dueDate: '2026-10-25', remainingAmount: 10 })).toBe(true);
		expect(evaluate(expression, { status: 'Open', dueDate: '2026-10-25', remainingAmount: 0 })).toBe(false);
		expect(evaluate(expression, { status: 'Open', dueDate: '2026-11-01', remainingAmount: 10 })).toBe(false);
		expect(evaluate(expression, { status: 'Paid', dueDate: '2026-10-25', remainingAmount: 10 })).toBe(false);

		const filter = invoiceFilter({ statuses: ['draft', 'overdue'], reference: "PRJ-1'2", clientId: 'C00010' }, '2026-10-01T00:00:00Z', '2026-11-01');
		expect(filter).toBe(
			"(status eq 'Draft' or status eq ' ' or status eq 'Open') and customerNumber eq 'C00010' and externalDocumentNumber eq 'PRJ-1''2' and lastModifiedDateTime ge 2026-10-01T00:00:00.000Z",
		);
		const parsed = parseFilter(filter!);
		expect(evaluate(parsed, { status: 'Open', externalDocumentNumber: "PRJ-1'2", customerNumber: 'C00010', lastModifiedDateTime: '2026-10-02T00:00:00Z' })).toBe(true);
		expect(evaluate(parsed, { status: 'Open', externalDocumentNumber: "PRJ-1'2", customerNumber: 'C00010', lastModifiedDateTime: '2026-09-30T00:00:00Z' })).toBe(false);
	});

	it('has the fake refuse filters BC would not parse', () => {
		expect(() => parseFilter("status eq 'Open' and")).toThrow();
		expect(() => parseFilter('status equals 1')).toThrow('Operator expected');
		expect(() => parseFilter("(status eq 'Open'")).toThrow();
		expect(evaluate(parseFilter("not (status eq 'Draft')"), { status: 'Open' })).toBe(true);
		// A GUID that starts with letters is a literal, not a property name.
		expect(evaluate(parseFilter('customerId eq DE165F43-E2B0-4297-A45B-8747A81A8102'), { customerId: 'de165f43-e2b0-4297-a45b-8747a81a8102' })).toBe(true);
	});
});
