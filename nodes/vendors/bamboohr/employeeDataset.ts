import type { IDataObject } from 'n8n-workflow';
import type { CustomFieldMapping } from '../../Hris/connector';
import type { PaginationStrategy } from '../../shared/transport/pagination';
import type { BambooEmployeeRecord } from './records';

/**
 * The employee dataset of BambooHR's Datasets API, pure: its field names, how a firm's own field
 * (as the custom field mapping names it) is found among them, the OData filter of a read, the
 * paging cursor, and a dataset row as the employee record the mappers read.
 */

export const EMPLOYEE_DATASET = 'employee';
/** "Number of records per page. Defaults to 100. Maximum is 1000." (get-data-from-dataset-v2, bhr-api spec). */
export const DATASET_PAGE_SIZE = 1000;
/** Get Fields from Dataset (v1.2) pages at most 1000 fields (get-fields-from-dataset-v1-2, bhr-api spec). */
export const DATASET_FIELDS_PAGE_SIZE = 1000;
/** Beyond this many ids the read takes every employee and keeps the ids asked for: a filter stays short. */
export const MAX_IDS_IN_FILTER = 100;

/** One field of Get Fields from Dataset (v1.2). */
export interface DatasetField {
	name: string;
	label: string;
	parentType?: string;
	parentName?: string;
	entityName?: string;
}

/** One field of GET /meta/fields (list-fields): the names the employee endpoints use. */
export interface EmployeeField {
	id: number | string;
	name: string;
	type?: string;
	alias?: string;
}

/** A mapped field as the dataset names it, with the field that holds its currency code, if any. */
export interface DatasetColumn {
	name: string;
	currencyCode?: string;
}

/** A row of Get Data from Dataset (v2): its values under `fields`, strings or null. */
export interface DatasetRow {
	fields: Record<string, unknown>;
}

/**
 * The standard fields the pack reads, by the employee endpoints' names (records.ts) and the
 * employee dataset's: "The employee dataset uses fully qualified names such as
 * jobInformationJobTitle, jobInformationDepartment, ... and employmentStatus"
 * (documentation.bamboohr.com/reference/get-data-from-dataset-v2); eeid, email and supervisorEid
 * as Get Fields from Dataset (v1.2) lists them (EEID, Work Email, Supervisor EID).
 */
export const EMPLOYEE_DATASET_NAMES = {
	id: 'eeid',
	firstName: 'firstName',
	lastName: 'lastName',
	preferredName: 'preferredName',
	workEmail: 'email',
	department: 'jobInformationDepartment',
	jobTitle: 'jobInformationJobTitle',
	location: 'jobInformationLocation',
	status: 'status',
	employmentHistoryStatus: 'employmentStatus',
	hireDate: 'hireDate',
	terminationDate: 'terminationDate',
	supervisorEId: 'supervisorEid',
	lastChanged: 'lastChanged',
} as const satisfies Record<string, string>;

/** Employee-endpoint names whose dataset field is named otherwise (division is not read, but may be mapped). */
const DATASET_NAME_OF_ALIAS: Record<string, string> = {
	...Object.fromEntries(Object.entries(EMPLOYEE_DATASET_NAMES).map(([alias, name]) => [alias.toLowerCase(), name])),
	division: 'jobInformationDivision',
	supervisor: 'jobInformationReportsTo',
};

const MAPPED_KEYS = ['skills', 'costRate', 'billRate', 'weeklyCapacity'] as const;
/** The mapped fields read as money: their currency code may sit in a field of its own. */
const CURRENCY_KEYS = new Set<keyof CustomFieldMapping>(['costRate', 'billRate']);

/** The firm's mapped fields, trimmed, each once, with whether it holds money. */
export function mappedFieldRefs(mapping: CustomFieldMapping): Array<{ ref: string; currency: boolean }> {
	const refs = new Map<string, boolean>();
	for (const key of MAPPED_KEYS) {
		const ref = mapping[key]?.trim();
		if (ref) refs.set(ref, (refs.get(ref) ?? false) || CURRENCY_KEYS.has(key));
	}
	return [...refs].map(([ref, currency]) => ({ ref, currency }));
}

const same = (a: string | undefined, b: string): boolean => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

function onlyOne<T>(candidates: T[]): T | undefined {
	return candidates.length === 1 ? candidates[0] : undefined;
}

function byName(dataset: DatasetField[], name: string): DatasetField | undefined {
	return dataset.find((field) => field.name === name) ?? onlyOne(dataset.filter((field) => same(field.name, name)));
}

/** Labels repeat across sections ("Date", "Name"): a label names a field only when it is unique. */
function byLabel(dataset: DatasetField[], label: string): DatasetField | undefined {
	return onlyOne(dataset.filter((field) => same(field.label, label)));
}

/** A custom field of id N is customFieldN in the dataset (Get Fields from Dataset (v1.2): customField4337 "NIN"). */
const byCustomId = (dataset: DatasetField[], id: string): DatasetField | undefined => (/^\d+$/.test(id) ? byName(dataset, `customField${id}`) : undefined);

/** What the dataset alone can tell: its own name, a custom field's id, an employee-endpoint name it renames, a unique label. */
function inDataset(dataset: DatasetField[], ref: string): DatasetField | undefined {
	const renamed = DATASET_NAME_OF_ALIAS[ref.toLowerCase()];
	return byName(dataset, ref) ?? byCustomId(dataset, ref) ?? (renamed ? byName(dataset, renamed) : undefined) ?? byLabel(dataset, ref);
}

/**
 * The dataset field a mapped field means. The mapping names a field as the employee endpoints do
 * (an alias such as customCostRate, an id such as 4003, or its name); the dataset has names of its
 * own, so the account's field list (GET /meta/fields), when given, bridges an alias to its id and
 * name. Undefined when neither list knows the field.
 */
export function findDatasetField(ref: string, dataset: DatasetField[], employeeFields?: EmployeeField[]): DatasetField | undefined {
	const wanted = ref.trim();
	const direct = inDataset(dataset, wanted);
	if (direct || !employeeFields) return direct;
	const field =
		employeeFields.find((candidate) => same(candidate.alias, wanted)) ??
		employeeFields.find((candidate) => String(candidate.id) === wanted) ??
		onlyOne(employeeFields.filter((candidate) => same(candidate.name, wanted)));
	if (!field) return undefined;
	return byCustomId(dataset, String(field.id)) ?? (field.alias ? inDataset(dataset, field.alias) : undefined) ?? byLabel(dataset, field.name);
}

/**
 * The field holding a currency field's ISO code. The dataset keeps it apart from the amount:
 * `<name>CurrencyCode` for standard fields (compensationPayRate, compensationPayRateCurrencyCode),
 * `<name>.1` labelled "<label> Currency Code" for custom ones (customTable4602.1), as Get Fields
 * from Dataset (v1.2) lists them for a live account.
 */
export function currencyCodeFieldOf(field: DatasetField, dataset: DatasetField[]): DatasetField | undefined {
	const names = [`${field.name}CurrencyCode`, `${field.name}.1`];
	const labels = [`${field.label} Currency Code`, `${field.label} - Currency code`];
	return dataset.find((candidate) => names.includes(candidate.name)) ?? dataset.find((candidate) => labels.some((label) => same(candidate.label, label)));
}

/** The mapped fields as dataset columns; the refs neither list knows come back in `unknown`. */
export function datasetColumnsOf(
	refs: Array<{ ref: string; currency: boolean }>,
	dataset: DatasetField[],
	employeeFields?: EmployeeField[],
): { columns: Map<string, DatasetColumn>; unknown: string[] } {
	const columns = new Map<string, DatasetColumn>();
	const unknown: string[] = [];
	for (const { ref, currency } of refs) {
		const field = findDatasetField(ref, dataset, employeeFields);
		if (!field) {
			unknown.push(ref);
			continue;
		}
		const code = currency ? currencyCodeFieldOf(field, dataset) : undefined;
		columns.set(ref, { name: field.name, ...(code ? { currencyCode: code.name } : {}) });
	}
	return { columns, unknown };
}

/** What one read asks the dataset for: the standard fields, then each mapped one and its currency code. */
export interface EmployeeDatasetPlan {
	fields: string[];
	mapped: Array<{ key: string; column: DatasetColumn }>;
}

export function employeeDatasetPlan(columns: Map<string, DatasetColumn>): EmployeeDatasetPlan {
	const mapped = [...columns].map(([key, column]) => ({ key, column }));
	const fields = [...Object.values(EMPLOYEE_DATASET_NAMES), ...mapped.flatMap(({ column }) => [column.name, ...(column.currencyCode ? [column.currencyCode] : [])])];
	return { fields: [...new Set(fields)], mapped };
}

const AMOUNT = /^\s*-?[\d,]*\.?\d+\s*$/;

/**
 * A dataset row as the employee record the mappers read (the employee endpoints' names), the
 * mapped fields under the names the mapping gives them; an amount with its code from the
 * currency-code field becomes {value, currency}, the form readBambooMoney reads.
 */
export function employeeRecordFromDatasetRow(row: Record<string, unknown>, plan: Pick<EmployeeDatasetPlan, 'mapped'>): BambooEmployeeRecord {
	const record: BambooEmployeeRecord = { id: String(row[EMPLOYEE_DATASET_NAMES.id] ?? '') };
	for (const [key, name] of Object.entries(EMPLOYEE_DATASET_NAMES)) {
		if (key !== 'id' && name in row) record[key] = row[name];
	}
	for (const { key, column } of plan.mapped) {
		const value = row[column.name];
		const code = column.currencyCode ? row[column.currencyCode] : undefined;
		record[key] = typeof code === 'string' && code.trim() !== '' && (typeof value === 'number' || (typeof value === 'string' && AMOUNT.test(value))) ? { value: String(value), currency: code.trim() } : value;
	}
	return record;
}

/** An OData literal: numbers bare, text in single quotes with quotes doubled. */
export function odataLiteral(value: string | number): string {
	if (typeof value === 'number' || /^-?\d+$/.test(value)) return String(value);
	return `'${value.replace(/'/g, "''")}'`;
}

/** lastChanged as the dataset writes it ("2026-06-02T13:10:19+00:00"), to compare like with like. */
export function datasetTimestamp(iso: string): string {
	return new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The filter of one read, and what it leaves to the rows read (kept by `keepsRecord`). */
export interface EmployeeDatasetSelection {
	filter?: string;
	/** No employee can match (an empty id list): nothing to ask for. */
	none?: boolean;
	localIds?: string[];
	localChangedSince?: string;
}

/**
 * The OData filter of a read by ids and by last change. "A single filter expression may use and or
 * or, but not both" (422 INVALID_FILTER) and `in` is for list fields only
 * (documentation.bamboohr.com/reference/get-data-from-dataset-v2): several ids are an `or` of
 * `eeid eq`, and a last change beside them is checked on the rows read.
 */
export function employeeDatasetSelection(query: { ids?: string[]; changedSince?: string }): EmployeeDatasetSelection {
	const ids = query.ids ? [...new Set(query.ids.map((id) => String(id).trim()).filter(Boolean))] : undefined;
	if (ids && ids.length === 0) return { none: true };
	const since = query.changedSince ? `${EMPLOYEE_DATASET_NAMES.lastChanged} ge ${odataLiteral(datasetTimestamp(query.changedSince))}` : undefined;
	if (!ids) return since ? { filter: since } : {};
	if (ids.length > MAX_IDS_IN_FILTER) return { ...(since ? { filter: since } : {}), localIds: ids };
	const byId = ids.map((id) => `${EMPLOYEE_DATASET_NAMES.id} eq ${odataLiteral(id)}`);
	if (byId.length === 1) return { filter: since ? `${byId[0]} and ${since}` : byId[0] };
	return { filter: byId.join(' or '), ...(query.changedSince ? { localChangedSince: query.changedSince } : {}) };
}

export function keepsRecord(selection: EmployeeDatasetSelection, record: BambooEmployeeRecord): boolean {
	if (selection.localIds && !selection.localIds.includes(String(record.id))) return false;
	if (selection.localChangedSince) {
		const changed = Date.parse(String(record.lastChanged ?? ''));
		if (Number.isNaN(changed) || changed < Date.parse(selection.localChangedSince)) return false;
	}
	return true;
}

function nextLinkOf(body: IDataObject): string | undefined {
	// A page without neighbours answers "links": [] (an empty list, not an object) on the live API.
	const links = body.links;
	if (!links || typeof links !== 'object' || Array.isArray(links)) return undefined;
	const next = (links as IDataObject).next;
	return typeof next === 'string' && next !== '' ? next : undefined;
}

/**
 * Pages of Get Data from Dataset (v2): `links.next` says another page follows; v2 takes its
 * paging inputs in the body ("moves pagination inputs to body fields (page, pageSize)",
 * bhr-api spec), so the next request is the same one with the next `page`.
 */
export const employeeDatasetPages: PaginationStrategy<DatasetRow> = {
	items: (body) => (Array.isArray(body.data) ? (body.data as unknown as DatasetRow[]) : []),
	next(response, request) {
		const body = response.body ?? {};
		if (!nextLinkOf(body) || !Array.isArray(body.data) || body.data.length === 0) return undefined;
		const sent = (request.body ?? {}) as IDataObject;
		const page = Number((body.meta as IDataObject | undefined)?.page ?? sent.page ?? 1);
		return { ...request, body: { ...sent, page: page + 1 } };
	},
};
