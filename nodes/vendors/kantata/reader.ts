import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { MapContext, Money } from '../../shared/canonical';
import { chunk } from '../../shared/transport/batches';
import type { VendorClient } from '../../shared/transport/client';
import { collect, pageNumberPaginationWith, paginate } from '../../shared/transport/pagination';
import type { QueryValue } from '../../shared/transport/types';
import type { KantataWorkspace } from './records';

/** Kantata's paging: `page` and `per_page`, 20 by default and at most 200 (its API framework, mavenlink/brainstem, presenter_collection.rb). */
export const MAX_PER_PAGE = 200;

/** The money settings of a workspace: everything booked on it is in its currency. */
export interface WorkspaceMoney {
	currency: string;
	baseUnit?: number;
}

/**
 * The records an answer lists, in order: developer.kantata.com/kantata/specification/section/response-format,
 * `results` is an ordered list of `{key, id}` into maps keyed by id, which also hold included associations.
 */
export function referencedRecords<T>(body: IDataObject): T[] {
	const results = (Array.isArray(body.results) ? body.results : []) as Array<{ key?: string; id?: string | number }>;
	return results.flatMap((ref) => {
		const table = ref.key ? (body[ref.key] as Record<string, T> | undefined) : undefined;
		const record = table?.[String(ref.id)];
		return record === undefined ? [] : [record];
	});
}

/** An included association's record from the answer's keyed maps. */
export const included = <T>(body: IDataObject, key: string, id: string | null | undefined): T | undefined =>
	id === null || id === undefined ? undefined : (body[key] as Record<string, T> | undefined)?.[String(id)];

/** Reads Kantata lists page by page and remembers each workspace's currency for the money booked on it. */
export class KantataReader {
	private readonly workspaceMoney = new Map<string, WorkspaceMoney>();

	constructor(
		readonly client: VendorClient,
		readonly context: MapContext,
	) {}

	/**
	 * A list, page by page; `pick` maps each listed record with the whole answer (for included
	 * associations). Page numbers count pages of one size, so `limit` sizes every page, not just the first.
	 */
	pagesWith<T, R>(path: string, qs: Record<string, QueryValue>, limit: number | undefined, pick: (record: T, body: IDataObject) => R): AsyncIterable<R[]> {
		const perPage = Math.min(MAX_PER_PAGE, Math.max(1, limit ?? MAX_PER_PAGE));
		return paginate<R>(
			this.client,
			{ method: 'GET', url: path, qs: { ...qs, per_page: perPage } },
			pageNumberPaginationWith<R>({
				readItems: (body) => referencedRecords<T>(body).map((record) => pick(record, body)),
				pageParam: 'page',
				pageSizeParam: 'per_page',
				pageSize: perPage,
				totalPagesPath: 'meta.page_count',
			}),
		);
	}

	pages<T>(path: string, qs: Record<string, QueryValue> = {}, limit?: number): AsyncIterable<T[]> {
		return this.pagesWith<T, T>(path, qs, limit, (record) => record);
	}

	/** The records of these ids (`only`), 200 ids a request. */
	async only<T>(path: string, ids: string[], qs: Record<string, QueryValue> = {}): Promise<T[]> {
		const found: T[] = [];
		for (const part of chunk([...new Set(ids)], MAX_PER_PAGE)) found.push(...(await collect(this.pages<T>(path, { ...qs, only: part.join(',') }))));
		return found;
	}

	/** One record by id: Kantata answers a show in the list envelope. */
	async get<T>(path: string, qs: Record<string, QueryValue> = {}): Promise<{ record: T; body: IDataObject }> {
		const response = await this.client.request<IDataObject>({ method: 'GET', url: path, qs });
		const [record] = referencedRecords<T>(response.body ?? {});
		if (record === undefined) throw new NodeApiError(this.client.node, {}, { message: `Kantata: ${path} answered no record`, httpCode: '404' });
		return { record, body: response.body };
	}

	rememberWorkspaces(workspaces: KantataWorkspace[]): void {
		for (const workspace of workspaces) {
			if (workspace.currency) this.workspaceMoney.set(String(workspace.id), { currency: workspace.currency.toUpperCase(), baseUnit: workspace.currency_base_unit ?? undefined });
		}
	}

	async workspace(id: string): Promise<KantataWorkspace> {
		const { record } = await this.get<KantataWorkspace>(`/workspaces/${encodeURIComponent(id)}.json`, { include_archived: 'true' });
		this.rememberWorkspaces([record]);
		return record;
	}

	/** Reads the workspaces not yet known, 200 a request, for lists that span projects. */
	async preloadWorkspaces(ids: Array<string | number>): Promise<void> {
		const missing = [...new Set(ids.map(String))].filter((id) => !this.workspaceMoney.has(id));
		if (missing.length > 0) this.rememberWorkspaces(await this.only<KantataWorkspace>('/workspaces.json', missing, { include_archived: 'true' }));
	}

	async money(workspaceId: string | number): Promise<WorkspaceMoney> {
		const id = String(workspaceId);
		if (!this.workspaceMoney.has(id)) await this.workspace(id);
		return this.workspaceMoney.get(id) ?? { currency: this.context.defaultCurrency };
	}
}

/** Refuses an amount in another currency than the project's: Kantata books it in the workspace's. */
export function checkCurrency(field: string, value: Money | undefined, money: WorkspaceMoney): void {
	if (value && value.currency !== money.currency) throw new Error(`${field}.currency is ${value.currency}, but Kantata keeps this project's amounts in ${money.currency}`);
}

/** Query values as Kantata reads them; undefined ones are dropped by the transport. */
export const flag = (value: boolean | undefined): QueryValue => (value === undefined ? undefined : String(value));
export const instant = (value: string | undefined): QueryValue => (value ? new Date(value).toISOString() : undefined);
