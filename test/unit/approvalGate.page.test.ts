import { decisionPage, escapeHtml, PAGE_HEADERS, recordedPage, refusal } from '../../nodes/ApprovalGate/page';
import { openRequest } from '../../nodes/ApprovalGate/state';

const hostile = '<script>alert(1)</script>"\'&`<img src=x onerror=alert(2)>';

function hostileRequest() {
	return openRequest(
		{
			itemIndex: 0,
			title: `Invoice ${hostile}`,
			requester: `mallory${hostile}@evil.test`,
			amount: { amountMinor: 123_456, currency: 'EUR' },
			fields: [{ label: `Client ${hostile}`, value: `Note ${hostile}` }],
			policy: {
				name: `Policy ${hostile}`,
				currency: 'EUR',
				groups: [],
				firstLevel: { kind: 'named', group: { name: `Group ${hostile}`, members: ['bob@firm.test'], quorum: { kind: 'any' } } },
				deadlineMs: 3_600_000,
				onTimeout: { kind: 'reject' },
			},
		},
		new Date('2026-11-22T09:00:00Z'),
	).request;
}

describe('approval pages', () => {
	it('escapes every character that could open markup or an attribute', () => {
		expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;');
	});

	it('shows the request, amount and fields with no user data unescaped, and a POST form', () => {
		const html = decisionPage({ request: hostileRequest(), approver: `bob${hostile}`, level: 1, group: `Group ${hostile}`, deadline: '2026-11-23T09:00:00.000Z', progress: '0 approval(s) recorded' });
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('<img');
		expect(html).not.toMatch(/<img[^>]*onerror/i);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('1234.56 EUR');
		expect(html).toContain('<form method="post" action="">');
		expect(html).toContain('name="decision" value="approve"');
		expect(html).toContain('name="decision" value="reject"');
		expect(html).toContain('<textarea id="comment" name="comment"');
		// The only tags are the page's own.
		const tags = new Set([...html.matchAll(/<([a-z0-9]+)/gi)].map((match) => match[1].toLowerCase()));
		expect([...tags].sort()).toEqual(['body', 'button', 'form', 'h1', 'head', 'html', 'label', 'main', 'meta', 'p', 'strong', 'style', 'table', 'td', 'textarea', 'th', 'title', 'tr']);
	});

	it('escapes the confirmation and refusal pages too', () => {
		const recorded = recordedPage(hostileRequest(), 'reject', `bob${hostile}`);
		expect(recorded).toContain('Your rejection was recorded');
		expect(recorded).not.toContain('<script>');
		const refused = refusal('closed', `Outcome: ${hostile}`);
		expect(refused.status).toBe(409);
		expect(refused.html).not.toContain('<script>');
		expect(refused.html).toContain('Nothing was recorded');
	});

	it('gives each refusal a clear title and a fitting status', () => {
		expect(refusal('forged').status).toBe(403);
		expect(refusal('expired')).toMatchObject({ status: 410, html: expect.stringContaining('This approval link has expired') });
		expect(refusal('ownRequest').html).toContain('You cannot decide your own request');
		expect(refusal('foreignExecution').html).toContain('This link belongs to another request');
		expect(refusal('alreadyDecided').status).toBe(409);
	});

	it('asks browsers not to cache, frame, or leak the link, and allows no script', () => {
		expect(PAGE_HEADERS['Cache-Control']).toBe('no-store');
		expect(PAGE_HEADERS['Referrer-Policy']).toBe('no-referrer');
		expect(PAGE_HEADERS['Content-Security-Policy']).toContain("default-src 'none'");
		expect(PAGE_HEADERS['Content-Security-Policy']).toContain("frame-ancestors 'none'");
		expect(PAGE_HEADERS['Content-Security-Policy']).not.toContain('script-src');
	});
});
