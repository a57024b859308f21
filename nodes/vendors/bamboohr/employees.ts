import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import type { CustomFieldMapping, EmployeeFilters, EmployeeQuery, EmploymentEvent, HrisConnector } from '../../Hris/connector';
import type { MapContext, Resource } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { collect, pageNumberPagination, paginate } from '../../shared/transport/pagination';
import {
	DATASET_FIELDS_PAGE_SIZE,
	DATASET_PAGE_SIZE,
	datasetColumnsOf,
	EMPLOYEE_DATASET,
	employeeDatasetPages,
	employeeDatasetPlan,
	employeeDatasetSelection,
	employeeRecordFromDatasetRow,
	keepsRecord,
	mappedFieldRefs,
	type DatasetColumn,
	type DatasetField,
	type DatasetRow,
	type EmployeeField,
} from './employeeDataset';
import { employeeFieldList, employmentEventsOf, toCanonicalResource, type BambooChange, type BambooEmployeeRecord } from './records';
import { bamboohrGatewayUrl } from './transport';

/**
 * Employees: every list (the roster of availability and the trigger's reads too) is one read of
 * the employee dataset (Get Data from Dataset (v2)); custom reports, which served them before, are
 * deprecated ("Deprecated. Use Datasets > Get Data from Dataset instead.", request-custom-report,
 * bhr-api spec). One employee by id stays on Get Employee ("For the full set of fields on a single
 * employee, use Get Employee", get-data-from-dataset-v2), and the trigger's changes on Get Changed
 * Employee IDs, which says what was inserted, updated or deleted; neither is deprecated.
 */

/** BambooHR's `since` takes yyyy-mm-ddThh:mm:ssZ: no fractional seconds (get-changed-employee-ids, Date Format). */
const bambooInstant = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

const same = (a: string | undefined, b: string | undefined): boolean => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

function matches(resource: Resource, filters: EmployeeFilters): boolean {
	if (filters.employmentStatus && resource.employmentStatus !== filters.employmentStatus) return false;
	if (filters.department && !same(resource.department, filters.department)) return false;
	if (filters.jobTitle && !same(resource.role, filters.jobTitle)) return false;
	if (filters.location && !same(resource.location, filters.location)) return false;
	if (filters.managerId && resource.managerId !== filters.managerId) return false;
	if (filters.hiredOnOrAfter && !(resource.hireDate && resource.hireDate >= filters.hiredOnOrAfter)) return false;
	if (filters.terminatedOnOrAfter && !(resource.terminationDate && resource.terminationDate >= filters.terminatedOnOrAfter)) return false;
	return true;
}

/**
 * The account's field lists, read once per run: every item's client of a run shares the run's one
 * decrypted credential object, and the next run decrypts a new one.
 */
const fieldListsOfRun = new WeakMap<ICredentialDataDecryptedObject, Map<string, Promise<unknown>>>();

/** Keeps an answer for the run; a failed read is forgotten, so a later item asks again. */
async function remembered<T>(lists: Map<string, Promise<unknown>>, key: string, read: () => Promise<T>): Promise<T> {
	const known = lists.get(key);
	if (known) return (await known) as T;
	const reading = read();
	lists.set(key, reading);
	reading.catch(() => {
		if (lists.get(key) === reading) lists.delete(key);
	});
	return await reading;
}

export function bamboohrEmployees(client: VendorClient, context: MapContext): Pick<HrisConnector, 'employees' | 'employmentEventsSince'> {
	const datasetUrl = (path: string): string => `${bamboohrGatewayUrl(client.credentials)}/${path}`;
	const lists = (): Map<string, Promise<unknown>> => {
		let found = fieldListsOfRun.get(client.credentials);
		if (!found) fieldListsOfRun.set(client.credentials, (found = new Map()));
		return found;
	};

	/** Get Fields from Dataset (v1.2): the dataset's own field names (get-fields-from-dataset-v1-2). */
	const datasetFields = (): Promise<DatasetField[]> =>
		remembered(lists(), 'dataset', async () =>
			await collect(
				paginate<DatasetField>(
					client,
					{ method: 'GET', url: datasetUrl(`v1_2/datasets/${EMPLOYEE_DATASET}/fields`), qs: { page_size: DATASET_FIELDS_PAGE_SIZE } },
					pageNumberPagination<DatasetField>({ itemsPath: 'fields', pageParam: 'page', pageSize: DATASET_FIELDS_PAGE_SIZE, pageSizeParam: 'page_size', totalPagesPath: 'pagination.total_pages' }),
				),
			),
		);

	/** GET /meta/fields: ids, names and aliases, as the custom field mapping names fields (list-fields). */
	const employeeFields = (): Promise<EmployeeField[]> =>
		remembered(lists(), 'employee', async () => {
			const fields = await client.send<EmployeeField[]>({ method: 'GET', url: '/meta/fields' });
			return Array.isArray(fields) ? fields : [];
		});

	/** The mapped fields as the dataset names them: the account's field list is read only for a name the dataset does not know. */
	async function columnsFor(mapping: CustomFieldMapping): Promise<Map<string, DatasetColumn>> {
		const refs = mappedFieldRefs(mapping);
		if (refs.length === 0) return new Map();
		const dataset = await datasetFields();
		let found = datasetColumnsOf(refs, dataset);
		if (found.unknown.length > 0) found = datasetColumnsOf(refs, dataset, await employeeFields());
		if (found.unknown.length > 0) {
			throw new Error(
				`BambooHR: the employee dataset has no field ${found.unknown.map((ref) => `"${ref}"`).join(', ')} (a mapped custom field): pick it again from the list, or use the name Get Fields from Dataset gives it`,
			);
		}
		return found.columns;
	}

	/** Employee records by ids and last change, page by page: one request while the firm fits in a page of 1000. */
	async function* readEmployees(query: { ids?: string[]; changedSince?: string }, mapping: CustomFieldMapping): AsyncGenerator<Array<{ record: BambooEmployeeRecord; row: DatasetRow }>> {
		const selection = employeeDatasetSelection(query);
		if (selection.none) return;
		const plan = employeeDatasetPlan(await columnsFor(mapping));
		const first = {
			method: 'POST' as const,
			url: datasetUrl(`v2/datasets/${EMPLOYEE_DATASET}/data`),
			body: { fields: plan.fields, ...(selection.filter ? { filter: selection.filter } : {}), page: 1, pageSize: DATASET_PAGE_SIZE },
			// A dataset query is a read: re-sending it after a throttle or a lost answer changes nothing.
			retrySafety: 'idempotent' as const,
		};
		for await (const rows of paginate(client, first, employeeDatasetPages)) {
			yield rows
				.map((row) => ({ record: employeeRecordFromDatasetRow(row.fields ?? {}, plan), row }))
				.filter(({ record }) => record.id !== '' && keepsRecord(selection, record));
		}
	}

	async function* listEmployees(query: EmployeeQuery, mapping: CustomFieldMapping): AsyncIterable<Resource[]> {
		for await (const page of readEmployees({ ids: query.ids, changedSince: query.modifiedSince }, mapping)) {
			// The dataset is not asked to filter these: they apply to the canonical records, as the node means them.
			yield page.map(({ record, row }) => toCanonicalResource(record, mapping, context, undefined, row)).filter((resource) => matches(resource, query.filters ?? {}));
		}
	}

	async function* employmentEventsSince(since: string, mapping: CustomFieldMapping): AsyncIterable<EmploymentEvent[]> {
		const changed = await client.send<{ latest?: string; employees?: Record<string, BambooChange> }>({
			method: 'GET',
			url: '/employees/changed',
			qs: { since: bambooInstant(since) },
		});
		const changes = Object.values(changed.employees ?? {});
		const ids = changes.filter((change) => change.action !== 'Deleted').map((change) => String(change.id));
		if (ids.length === 0) return;
		// The changed feed gives ids only: one dataset read gets all of them.
		const read = await collect(readEmployees({ ids }, mapping));
		const rows = new Map(read.map(({ record, row }) => [record, row]));
		yield employmentEventsOf({ changes, records: read.map(({ record }) => record), since, mapping, context, rawOf: (record) => rows.get(record) });
	}

	return {
		employees: {
			async get(id, mapping) {
				const record = await client.send<BambooEmployeeRecord>({
					method: 'GET',
					url: `/employees/${encodeURIComponent(id)}`,
					qs: { fields: employeeFieldList(mapping).join(','), onlyCurrent: 'true' },
				});
				return toCanonicalResource({ ...record, id: record.id ?? id }, mapping, context);
			},
			list: listEmployees,
		},
		employmentEventsSince,
	};
}
