/**
 * The work the mapping benchmark gives each mapper: N Harvest time entries as Harvest's API v2
 * returns them (GET /v2/time_entries, help.getharvest.com/api-v2/timesheets-api/timesheets/time-entries),
 * generated deterministically by a Code node, and one field mapping (Harvest time entry to canonical
 * time entry) written four ways: the built-in profile, a mapping document, Edit Fields (Set)
 * assignments and Code-node JavaScript. `sameOutput` checks that they agree.
 */

/** Written into `_meta.correlationId` by every mapper (the Canonical Mapping node's Correlation ID option). */
export const CORRELATION_ID = 'p2c-bench-mapping';
/** Harvest gives rates without a currency; the entries' clients carry it, and the node's Default Currency says the same. */
export const CURRENCY = 'EUR';

/**
 * Code-node JavaScript (run once for all items) that returns `count` time entries. Every entry is
 * billable and billed, with notes, task, user and invoice, so every optional canonical field is
 * present: Edit Fields cannot leave a field out (v3.5 writes null), the canonical mappers do.
 */
export function generatorCode(count: number): string {
	return `// ${count} Harvest API v2 time entries, the same on every run.
const count = ${count};
const users = [['Kim Allen', 1782959], ['Ana Ruiz', 1782960], ['Tom Becker', 1782961], ['Lena Vogt', 1782962], ['Sam Okafor', 1782963]];
const tasks = [['Programming', 8083366], ['Design', 8083367], ['Project Management', 8083368], ['Testing', 8083369]];
const rates = [95, 110, 125.5, 137.5, 150, 162.25, 180, 210];
const hours = [0.25, 0.5, 1, 1.35, 2, 2.75, 4, 6.5, 8];
const day = 86400000;
const base = Date.UTC(2026, 0, 1);
const out = new Array(count);
for (let i = 0; i < count; i++) {
	const user = users[i % users.length];
	const task = tasks[i % tasks.length];
	const projectId = 14308000 + (i % 250);
	const clientId = 5735000 + (i % 60);
	const spent = new Date(base + (i % 300) * day);
	const updated = new Date(spent.getTime() + day + (i % 86400) * 1000);
	const spentDate = spent.toISOString().slice(0, 10);
	const updatedAt = updated.toISOString().slice(0, 19) + 'Z';
	const rate = rates[i % rates.length];
	out[i] = { json: {
		id: 636700000 + i,
		spent_date: spentDate,
		hours: hours[i % hours.length],
		hours_without_timer: hours[i % hours.length],
		rounded_hours: hours[i % hours.length],
		notes: 'Sprint ' + (1 + (i % 26)) + ': ' + task[0].toLowerCase() + ' for release ' + (1 + (i % 9)) + '.' + (i % 7),
		is_locked: true,
		locked_reason: 'Item Invoiced and Approved and Locked for this Time Period',
		approval_status: i % 3 === 0 ? 'unsubmitted' : 'approved',
		is_closed: i % 3 !== 0,
		is_billed: true,
		timer_started_at: null,
		started_time: null,
		ended_time: null,
		is_running: false,
		billable: true,
		budgeted: true,
		billable_rate: rate,
		cost_rate: Math.round(rate * 55) / 100,
		created_at: spentDate + 'T17:30:00Z',
		updated_at: updatedAt,
		user: { id: user[1], name: user[0] },
		client: { id: clientId, name: 'Client ' + (i % 60), currency: '${CURRENCY}' },
		project: { id: projectId, name: 'Project ' + (i % 250), code: 'P' + (i % 250) },
		task: { id: task[1], name: task[0] },
		user_assignment: { id: 125068500 + (i % 500), is_project_manager: false, is_active: true, budget: null, hourly_rate: rate },
		task_assignment: { id: 155505000 + (i % 1000), billable: true, is_active: true, budget: null, hourly_rate: rate },
		invoice: { id: 13150000 + Math.floor(i / 40), number: String(1000 + Math.floor(i / 40)) },
		external_reference: null,
	} };
}
return out;
`;
}

/** The same mapping as Code-node JavaScript (run once for all items). */
export const codeMapping = `// Harvest time entry to canonical time entry, as the built-in profile maps it.
const fetchedAt = new Date().toISOString();
const items = $input.all();
const out = new Array(items.length);
for (let i = 0; i < items.length; i++) {
	const t = items[i].json;
	const id = String(t.id);
	out[i] = { json: {
		schemaVersion: 1,
		id,
		date: t.spent_date,
		hours: t.hours,
		billable: t.billable,
		approvalStatus: t.is_closed ? 'approved' : 'draft',
		projectId: String(t.project.id),
		taskId: String(t.task.id),
		resourceId: String(t.user.id),
		rate: { amountMinor: Math.round(t.billable_rate * 100), currency: t.client.currency },
		notes: t.notes,
		invoiceId: String(t.invoice.id),
		invoiced: t.is_billed,
		updatedAt: t.updated_at,
		externalRefs: { harvest: id },
		_meta: { system: 'harvest', entity: 'timeEntry', remoteId: id, fetchedAt, correlationId: '${CORRELATION_ID}', remoteUpdatedAt: new Date(t.updated_at).toISOString() },
	}, pairedItem: { item: i } };
}
return out;
`;

/** The same mapping as Edit Fields (Set) assignments: [name, type, value]; dotted names nest. */
const SET_FIELDS: Array<[string, 'string' | 'number' | 'boolean', string | number]> = [
	['schemaVersion', 'number', 1],
	['id', 'string', '={{ String($json.id) }}'],
	['date', 'string', '={{ $json.spent_date }}'],
	['hours', 'number', '={{ $json.hours }}'],
	['billable', 'boolean', '={{ $json.billable }}'],
	['approvalStatus', 'string', "={{ $json.is_closed ? 'approved' : 'draft' }}"],
	['projectId', 'string', '={{ String($json.project.id) }}'],
	['taskId', 'string', '={{ String($json.task.id) }}'],
	['resourceId', 'string', '={{ String($json.user.id) }}'],
	['rate.amountMinor', 'number', '={{ Math.round($json.billable_rate * 100) }}'],
	['rate.currency', 'string', '={{ $json.client.currency }}'],
	['notes', 'string', '={{ $json.notes }}'],
	['invoiceId', 'string', '={{ String($json.invoice.id) }}'],
	['invoiced', 'boolean', '={{ $json.is_billed }}'],
	['updatedAt', 'string', '={{ $json.updated_at }}'],
	['externalRefs.harvest', 'string', '={{ String($json.id) }}'],
	['_meta.system', 'string', 'harvest'],
	['_meta.entity', 'string', 'timeEntry'],
	['_meta.remoteId', 'string', '={{ String($json.id) }}'],
	['_meta.fetchedAt', 'string', '={{ $now.toUTC().toISO() }}'],
	['_meta.correlationId', 'string', CORRELATION_ID],
	['_meta.remoteUpdatedAt', 'string', '={{ new Date($json.updated_at).toISOString() }}'],
];

export function setParameters(): Record<string, unknown> {
	return {
		mode: 'manual',
		assignments: {
			assignments: SET_FIELDS.map(([name, type, value], index) => ({ id: `f${index}`, name, type, value })),
		},
		includeOtherFields: false,
		options: {},
	};
}

/**
 * The same mapping as a mapping document. Harvest ids are numbers and the document has no
 * number-to-text transform, so the canonical ids other than `id` (which the node turns into
 * text itself) come from expressions, as a user would write them.
 */
export const mappingDocument = {
	format: 'p2c-mapping',
	version: 1,
	entity: 'timeEntry',
	direction: 'toCanonical',
	system: 'harvest',
	name: 'Harvest time entry (benchmark)',
	fields: [
		{ target: 'id', source: 'id' },
		{ target: 'date', source: 'spent_date' },
		{ target: 'hours', source: 'hours', transform: { kind: 'number' } },
		{ target: 'billable', source: 'billable', transform: { kind: 'boolean' } },
		{ target: 'approvalStatus', source: 'is_closed', transform: { kind: 'valueMap', map: { true: 'approved', false: 'draft' } } },
		{ target: 'projectId', source: 'project.id', transform: { kind: 'text' } },
		{ target: 'taskId', source: 'task.id', transform: { kind: 'text' } },
		{ target: 'resourceId', source: 'user.id', transform: { kind: 'text' } },
		{ target: 'rate', source: 'billable_rate', transform: { kind: 'money', currencyPath: 'client.currency' } },
		{ target: 'notes', source: 'notes' },
		{ target: 'invoiceId', source: 'invoice.id', transform: { kind: 'text' } },
		{ target: 'invoiced', source: 'is_billed', transform: { kind: 'boolean' } },
		{ target: 'updatedAt', source: 'updated_at' },
		{ target: 'externalRefs.harvest', source: 'id', transform: { kind: 'text' } },
	],
};

/** Canonical Mapping node parameters: the built-in Harvest time-entry profile, or the document above. */
export function canonicalMappingParameters(source: 'builtIn' | 'document'): Record<string, unknown> {
	const common = { operation: 'toCanonical', record: '={{ $json }}', rulesSource: 'none', options: { correlationId: CORRELATION_ID, defaultCurrency: CURRENCY } };
	return source === 'builtIn'
		? { ...common, mappingSource: 'builtIn', entity: 'timeEntry', system: 'harvest' }
		: { ...common, mappingSource: 'document', mappingDocument: JSON.stringify(mappingDocument, null, 2) };
}

// ------------------------------------------------------------------------------------ checking

/** JSON with object keys sorted, so key order does not count as a difference. */
function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
		return `{${entries
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`)
			.join(',')}}`;
	}
	return JSON.stringify(value);
}

/** A record without the fields that differ by design: the read time, and those `except` names (dotted). */
function comparable(record: unknown, except: string[]): string {
	const copy = JSON.parse(JSON.stringify(record)) as Record<string, Record<string, unknown>>;
	for (const path of ['_meta.fetchedAt', ...except]) {
		const [head, tail] = path.split('.');
		if (tail === undefined) delete copy[head];
		else if (copy[head] && typeof copy[head] === 'object') delete copy[head][tail];
	}
	return stableJson(copy);
}

/**
 * The first difference between a mapper's records and the reference records (index and both
 * sides), or undefined when they are the same apart from `_meta.fetchedAt` and `except`.
 */
export function firstDifference(reference: unknown[], candidate: unknown[], except: string[] = []): string | undefined {
	if (reference.length !== candidate.length) return `${candidate.length} records instead of ${reference.length}`;
	for (let index = 0; index < reference.length; index++) {
		const expected = comparable(reference[index], except);
		const actual = comparable(candidate[index], except);
		if (expected !== actual) return `record ${index}: expected ${expected}, got ${actual}`;
	}
	return undefined;
}
