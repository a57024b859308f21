import type { HubSpotRecord } from './store';

// CRM search API (developers.hubspot.com/docs/api/crm/search): at most 5 filter groups of 6 filters,
// 18 filters in all, 200 results a page, and no paging past 10,000 results.
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS = 18;
const MAX_PAGE = 200;
const MAX_RESULTS = 10_000;

interface Filter {
	propertyName: string;
	operator: string;
	value?: string;
	highValue?: string;
	values?: string[];
}

interface SearchBody {
	filterGroups?: Array<{ filters?: Filter[] }>;
	sorts?: Array<{ propertyName: string; direction?: 'ASCENDING' | 'DESCENDING' } | string>;
	query?: string;
	limit?: number;
	after?: string | number;
}

const DATE_PROPERTIES = /date|createdate|lastmodified|closedate/;

/** Compares as HubSpot does: dates and numbers numerically (dates as epoch millis or ISO), else as text. */
function comparable(property: string, value: string | null | undefined): number | string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (DATE_PROPERTIES.test(property)) {
		const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
		return Number.isNaN(time) ? value : time;
	}
	const number = Number(value);
	return Number.isNaN(number) ? value.toLowerCase() : number;
}

function matches(record: HubSpotRecord, filter: Filter): boolean {
	const actual = comparable(filter.propertyName, record.properties[filter.propertyName]);
	const expected = comparable(filter.propertyName, filter.value);
	switch (filter.operator) {
		case 'EQ': return actual === expected;
		case 'NEQ': return actual !== expected;
		case 'LT': return actual !== undefined && expected !== undefined && actual < expected;
		case 'LTE': return actual !== undefined && expected !== undefined && actual <= expected;
		case 'GT': return actual !== undefined && expected !== undefined && actual > expected;
		case 'GTE': return actual !== undefined && expected !== undefined && actual >= expected;
		case 'BETWEEN': {
			const high = comparable(filter.propertyName, filter.highValue);
			return actual !== undefined && expected !== undefined && high !== undefined && actual >= expected && actual <= high;
		}
		case 'IN': return (filter.values ?? []).some((value) => comparable(filter.propertyName, value) === actual);
		case 'NOT_IN': return !(filter.values ?? []).some((value) => comparable(filter.propertyName, value) === actual);
		case 'HAS_PROPERTY': return actual !== undefined;
		case 'NOT_HAS_PROPERTY': return actual === undefined;
		case 'CONTAINS_TOKEN': return String(record.properties[filter.propertyName] ?? '').toLowerCase().includes(String(filter.value ?? '').replace(/\*/g, '').toLowerCase());
		default: throw new Error(`Unknown operator ${filter.operator}`);
	}
}

export function searchRecords(
	records: HubSpotRecord[],
	input: unknown,
): { total: number; page: HubSpotRecord[]; nextAfter?: string } | { error: string } {
	const body = (input ?? {}) as SearchBody;
	const groups = body.filterGroups ?? [];
	const filterCount = groups.reduce((sum, group) => sum + (group.filters?.length ?? 0), 0);
	if (groups.length > MAX_GROUPS) return { error: `Too many filter groups: ${groups.length}, the maximum is ${MAX_GROUPS}` };
	if (groups.some((group) => (group.filters?.length ?? 0) > MAX_FILTERS_PER_GROUP)) return { error: `Too many filters in a group, the maximum is ${MAX_FILTERS_PER_GROUP}` };
	if (filterCount > MAX_FILTERS) return { error: `Too many filters: ${filterCount}, the maximum is ${MAX_FILTERS}` };
	const limit = body.limit ?? 10;
	if (limit > MAX_PAGE || limit < 1) return { error: `limit must be between 1 and ${MAX_PAGE}` };
	const after = Number(body.after ?? 0) || 0;
	if (after + limit > MAX_RESULTS) return { error: `Paging past ${MAX_RESULTS} results is not supported: after=${after} limit=${limit}` };
	let found: HubSpotRecord[];
	try {
		found = records.filter((record) => groups.length === 0 || groups.some((group) => (group.filters ?? []).every((filter) => matches(record, filter))));
	} catch (error) {
		return { error: (error as Error).message };
	}
	if (body.query) {
		const text = body.query.toLowerCase();
		found = found.filter((record) => Object.values(record.properties).some((value) => value?.toLowerCase().includes(text)));
	}
	const sort = body.sorts?.[0];
	const sortProperty = typeof sort === 'string' ? sort : sort?.propertyName;
	const descending = typeof sort === 'object' && sort?.direction === 'DESCENDING';
	found.sort((a, b) => {
		if (!sortProperty) return Number(a.id) - Number(b.id);
		const left = comparable(sortProperty, a.properties[sortProperty]) ?? '';
		const right = comparable(sortProperty, b.properties[sortProperty]) ?? '';
		const order = left < right ? -1 : left > right ? 1 : Number(a.id) - Number(b.id);
		return descending ? -order : order;
	});
	const page = found.slice(after, after + limit);
	const nextAfter = after + limit < Math.min(found.length, MAX_RESULTS) ? String(after + limit) : undefined;
	return { total: found.length, page, nextAfter };
}
