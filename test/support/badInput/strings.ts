/** Hostile and oversized strings the bad-input corpus puts into records. */

/** One mebibyte of text: far past every limit of the model and of every vendor. */
export const ONE_MEGABYTE = 'x'.repeat(1024 * 1024);
/** One character past the model's single-line limit (255). */
export const LINE_PLUS_ONE = 'n'.repeat(256);
/** One character past the model's free-text limit (65,536). */
export const TEXT_PLUS_ONE = 't'.repeat(65_537);

/**
 * Strings that try to break out of a query, a header, a URL path, an HTML page or a spreadsheet.
 * In a constrained field (an id, an e-mail, a currency, an externalRefs key) each is an error.
 */
export const INJECTIONS: Record<string, string> = {
	sql: "' OR 1=1 --",
	sqlDrop: "1; DROP TABLE clients;--",
	soql: "x' OR Name != '",
	odata: "x' or 1 eq 1 or id eq '",
	xeroWhere: 'x" OR Name!="',
	script: '<script>alert(1)</script>',
	crlf: '123\r\nX-Injected: 1',
	pathTraversal: '../../admin',
	formula: '=HYPERLINK("http://evil.example","click")',
	nul: 'abc\u0000def',
};

/** E-mail addresses that are no e-mail address, some of them hostile. */
export const BAD_EMAILS: Record<string, string> = {
	noAt: 'kim at acme.example',
	headerInjection: 'kim@acme.example\r\nBcc: all@evil.example',
	script: '<script>@acme.example',
	sql: "' OR 1=1 --@acme.example",
	twoAts: 'kim@@acme.example',
	oversized: `${'k'.repeat(250)}@acme.example`,
};

/**
 * Free text that only looks dangerous: a client called O'Brien, a note with markup. Valid data:
 * it must be written as it is, and any query built from it must be escaped.
 */
export const HOSTILE_LOOKING_TEXT: Record<string, string> = {
	sqlDrop: "O'Brien'); DROP TABLE clients;--",
	soqlBreak: "Acme' OR Name != 'x",
	odataBreak: "Acme' or 1 eq 1 or displayName eq 'x",
	xeroBreak: 'Acme" OR Name!="x',
	backslash: 'Back\\slash \\" Ltd',
	markup: '<script>alert("hi")</script> & Co',
	formula: '=HYPERLINK("http://evil.example","x")',
	percent: '100% _Wild_ Cards %',
	unicode: 'Zoë Ünlü — 株式会社',
};
