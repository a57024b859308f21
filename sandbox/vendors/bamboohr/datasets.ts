import type { BambooEmployee, BambooHrStore } from './store';
import { EMPTY_DATE, FIELD_DEFINITIONS } from './store';
import { checkFilter, evaluateFilter, parseFilter, type FilterError, type FilterFieldType, type FilterNode } from './odataFilter';

/**
 * BambooHR's Datasets API over the same store: List Datasets (v1.2), Get Fields from Dataset
 * (v1.2) and Get Data from Dataset (v2), written from the bhr-api spec (public.yaml) and
 * documentation.bamboohr.com/reference/get-data-from-dataset-v2. The employee dataset has names
 * of its own (jobInformationDepartment, employmentStatus, eeid, email), custom fields are
 * customField<id> and a currency field's code is a field of its own (<name>.1), as Get Fields from
 * Dataset (v1.2) lists them for a live account; a value is a string or null.
 */

export interface DatasetFieldDefinition {
	name: string;
	label: string;
	parentType: 'page';
	parentName: string;
	entityName: string;
	type: FilterFieldType;
	read(store: BambooHrStore, employee: BambooEmployee): string | null;
}

const blankToNull = (value: string | null | undefined): string | null => (value === undefined || value === null || value.trim() === '' ? null : value);
const stored = (alias: string) => (store: BambooHrStore, employee: BambooEmployee) => blankToNull(store.valueOf(employee, alias));
// Unset dates read as null in a dataset row, not as the employee endpoints' "0000-00-00".
const storedDate = (alias: string) => (store: BambooHrStore, employee: BambooEmployee) => {
	const value = blankToNull(store.valueOf(employee, alias));
	return value === EMPTY_DATE ? null : value;
};
/** A currency value reads "85.00 EUR" on the employee endpoints: the dataset splits amount and code. */
const amountOf = (alias: string) => (store: BambooHrStore, employee: BambooEmployee) => blankToNull(store.valueOf(employee, alias))?.split(/\s+/)[0] ?? null;
const currencyOf = (alias: string) => (store: BambooHrStore, employee: BambooEmployee) => blankToNull(store.valueOf(employee, alias))?.split(/\s+/)[1] ?? null;

const field = (name: string, label: string, section: [string, string], type: FilterFieldType, read: DatasetFieldDefinition['read']): DatasetFieldDefinition => ({
	name,
	label,
	parentType: 'page',
	parentName: section[0],
	entityName: section[1],
	type,
	read,
});

const PERSONAL: [string, string] = ['Personal', 'personal'];
const JOB: [string, string] = ['Job', 'job'];
const JOB_INFORMATION: [string, string] = ['Job Information', 'jobInformation'];
const CALCULATED: [string, string] = ['Calculated', 'calculated'];
const CUSTOM: [string, string] = ['Custom', 'custom'];

/** "Reports To" names the supervisor as preferred (or first) name and last name (field-types, employee). */
function reportsTo(store: BambooHrStore, employee: BambooEmployee): string | null {
	const supervisor = employee.fields.supervisorEId ? store.employees.get(employee.fields.supervisorEId) : undefined;
	if (!supervisor) return null;
	return `${supervisor.fields.preferredName ?? supervisor.fields.firstName ?? ''} ${supervisor.fields.lastName ?? ''}`.trim();
}

const STANDARD_FIELDS: DatasetFieldDefinition[] = [
	field('eeid', 'EEID', CALCULATED, 'int', (_store, employee) => employee.id),
	field('employeeNumber', 'Employee #', PERSONAL, 'text', stored('employeeNumber')),
	field('firstName', 'First Name', PERSONAL, 'text', stored('firstName')),
	field('lastName', 'Last Name', PERSONAL, 'text', stored('lastName')),
	field('preferredName', 'Preferred Name', PERSONAL, 'text', stored('preferredName')),
	field('email', 'Work Email', PERSONAL, 'text', stored('workEmail')),
	field('status', 'Status', ['Default Status', 'defaultStatus'], 'options', stored('status')),
	field('employmentStatus', 'Employment Status', ['Employment Status', 'employmentStatus'], 'options', stored('employmentHistoryStatus')),
	field('hireDate', 'Hire Date', JOB, 'date', storedDate('hireDate')),
	field('standardHoursPerWeek', 'Standard Hours Per Week', JOB, 'int', stored('standardHoursPerWeek')),
	field('jobInformationDepartment', 'Department', JOB_INFORMATION, 'options', stored('department')),
	field('jobInformationDivision', 'Division', JOB_INFORMATION, 'options', stored('division')),
	field('jobInformationJobTitle', 'Job Title', JOB_INFORMATION, 'options', stored('jobTitle')),
	field('jobInformationLocation', 'Location', JOB_INFORMATION, 'options', stored('location')),
	field('jobInformationReportsTo', 'Reports To', JOB_INFORMATION, 'options', reportsTo),
	field('supervisorEid', 'Supervisor EID', CALCULATED, 'int', stored('supervisorEId')),
	field('terminationDate', 'Termination Date', CALCULATED, 'date', storedDate('terminationDate')),
	field('lastChanged', 'Last changed', CALCULATED, 'timestamp', stored('lastChanged')),
];

/** The account's custom fields (ids above 4000 in FIELD_DEFINITIONS) as customField<id>; currency ones with their code field. */
const CUSTOM_FIELDS: DatasetFieldDefinition[] = FIELD_DEFINITIONS.filter((definition) => Number(definition.id) > 4000).flatMap((definition) => {
	const name = `customField${definition.id}`;
	if (definition.type === 'currency') {
		return [
			field(name, definition.name, CUSTOM, 'currency', amountOf(definition.alias)),
			field(`${name}.1`, `${definition.name} Currency Code`, CUSTOM, 'text', currencyOf(definition.alias)),
		];
	}
	return [field(name, definition.name, CUSTOM, definition.type === 'int' ? 'int' : 'text', stored(definition.alias))];
});

export const EMPLOYEE_DATASET_FIELDS: DatasetFieldDefinition[] = [...STANDARD_FIELDS, ...CUSTOM_FIELDS];

export const DATASETS = [{ name: 'employee', label: 'Employee' }];

const byName = new Map(EMPLOYEE_DATASET_FIELDS.map((definition) => [definition.name, definition]));
const typeOf = (name: string): FilterFieldType | undefined => byName.get(name)?.type;

/** An answer of the Datasets API: the body, or an RFC 7807 problem (status, title, detail, code, fields). */
export type DatasetAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; title: string; detail: string; code?: string; fields?: Record<string, string> };

const problem = (status: number, title: string, detail: string, extra: { code?: string; fields?: Record<string, string> } = {}): DatasetAnswer => ({ ok: false, status, title, detail, ...extra });

/** GET /api/v1_2/datasets/{datasetName}/fields: 500 a page by default, at most 1000; out-of-range pages are clamped (bhr-api spec). */
export function datasetFieldsPage(datasetName: string, query: URLSearchParams, selfUrl: string): DatasetAnswer {
	const dataset = DATASETS.find((candidate) => candidate.name === datasetName);
	if (!dataset) return problem(422, 'Unprocessable Entity', `Dataset "${datasetName}" not found`, { code: 'DATASET_NOT_FOUND' });
	const wholeNumber = (name: string, fallback: number): number => {
		const value = Number(query.get(name));
		return Number.isInteger(value) && value >= 1 ? value : fallback;
	};
	const pageSize = Math.min(1000, wholeNumber('page_size', 500));
	const total = EMPLOYEE_DATASET_FIELDS.length;
	const totalPages = Math.max(1, Math.ceil(total / pageSize));
	const page = Math.min(totalPages, wholeNumber('page', 1));
	const link = (target: number) => `${selfUrl}?page=${target}&page_size=${pageSize}`;
	return {
		ok: true,
		body: {
			pagination: { total_records: total, current_page: page, total_pages: totalPages, next_page: page < totalPages ? link(page + 1) : null, prev_page: page > 1 ? link(page - 1) : null },
			name: dataset.name,
			label: dataset.label,
			fields: EMPLOYEE_DATASET_FIELDS.slice((page - 1) * pageSize, page * pageSize).map(({ name, label, parentType, parentName, entityName }) => ({ name, label, parentType, parentName, entityName })),
		},
	};
}

export interface DatasetDataRequest {
	fields?: unknown;
	filter?: unknown;
	orderBy?: unknown;
	page?: unknown;
	pageSize?: unknown;
}

function sortRules(orderBy: string, fields: string[]): Array<{ field: string; descending: boolean }> | string {
	const rules: Array<{ field: string; descending: boolean }> = [];
	for (const part of orderBy.split(',').map((rule) => rule.trim()).filter(Boolean)) {
		const match = /^([A-Za-z_][\w.]*)(?:\s+(asc|desc))?$/i.exec(part);
		if (!match) return `"${part}" is not a sort rule (a field name and asc or desc)`;
		// "Sorted fields must also appear in the fields array" (get-data-from-dataset-v2, bhr-api spec).
		if (!fields.includes(match[1])) return `${match[1]} is sorted on but not in fields`;
		rules.push({ field: match[1], descending: match[2]?.toLowerCase() === 'desc' });
	}
	return rules;
}

const inRange = (value: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number | undefined => {
	if (value === undefined || value === null) return fallback;
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
};

/**
 * POST /api/v2/datasets/{datasetName}/data: every employee (Active and Inactive) that passes the
 * filter, `page`/`pageSize` from the body (100 by default, at most 1000), `links` to the pages
 * either side and `meta`. A page without neighbours answers `"links": []`, as the live API does.
 */
export function datasetData(store: BambooHrStore, datasetName: string, request: DatasetDataRequest, selfUrl: string): DatasetAnswer {
	if (!DATASETS.some((dataset) => dataset.name === datasetName)) return problem(404, 'Not Found', `Dataset "${datasetName}" does not exist or is not accessible`);
	const fields = request.fields;
	if (!Array.isArray(fields) || fields.length === 0 || fields.some((name) => typeof name !== 'string')) return problem(400, 'Bad Request', 'fields is required: a list of field names');
	const names = fields as string[];
	const unknown = [...new Set(names.filter((name) => !byName.has(name)))];
	if (unknown.length > 0) {
		return problem(400, 'Bad Request', `Unknown field${unknown.length > 1 ? 's' : ''} for dataset ${datasetName}: ${unknown.join(', ')}`, { fields: Object.fromEntries(unknown.map((name) => [name, 'Unknown field'])) });
	}
	const page = inRange(request.page, 1);
	const pageSize = inRange(request.pageSize, 100, 1000);
	if (page === undefined) return problem(422, 'Unprocessable Entity', 'page must be a whole number of at least 1', { fields: { page: 'must be >= 1' } });
	if (pageSize === undefined) return problem(422, 'Unprocessable Entity', 'pageSize must be a whole number from 1 to 1000', { fields: { pageSize: 'must be between 1 and 1000' } });

	let employees = [...store.employees.values()];
	if (request.filter !== undefined && request.filter !== null) {
		if (typeof request.filter !== 'string') return problem(422, 'Unprocessable Entity', 'filter must be a string', { code: 'INVALID_FILTER' });
		let tree: FilterNode;
		try {
			tree = parseFilter(request.filter);
			checkFilter(tree, typeOf);
		} catch (error) {
			return problem(422, 'Unprocessable Entity', (error as FilterError).message, { code: 'INVALID_FILTER' });
		}
		employees = employees.filter((employee) => evaluateFilter(tree, (name) => byName.get(name)!.read(store, employee), typeOf));
	}
	if (request.orderBy !== undefined && request.orderBy !== null) {
		const rules = typeof request.orderBy === 'string' ? sortRules(request.orderBy, names) : 'orderBy must be a string';
		if (typeof rules === 'string') return problem(422, 'Unprocessable Entity', rules);
		employees.sort((a, b) => {
			for (const rule of rules) {
				const definition = byName.get(rule.field)!;
				const [left, right] = [definition.read(store, a), definition.read(store, b)];
				const order = definition.type === 'int' || definition.type === 'currency' ? Number(left) - Number(right) : String(left ?? '').localeCompare(String(right ?? ''));
				if (order !== 0) return rule.descending ? -order : order;
			}
			return 0;
		});
	}

	const totalItems = employees.length;
	const totalPages = Math.ceil(totalItems / pageSize);
	const link = (target: number) => `${selfUrl}?page=${target}&pageSize=${pageSize}`;
	const links: Record<string, string> = {};
	if (page < totalPages) links.next = link(page + 1);
	if (page > 1) links.prev = link(Math.min(page - 1, Math.max(totalPages, 1)));
	return {
		ok: true,
		body: {
			data: employees.slice((page - 1) * pageSize, page * pageSize).map((employee) => ({ fields: Object.fromEntries(names.map((name) => [name, byName.get(name)!.read(store, employee)])) })),
			links: Object.keys(links).length > 0 ? links : [],
			meta: { page, pageSize, totalPages, totalItems },
		},
	};
}
