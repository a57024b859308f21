import { NodeApiError } from 'n8n-workflow';
import type { MapContext, Money } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { collect, nextLinkPagination, paginate } from '../../shared/transport/pagination';
import type { QueryValue } from '../../shared/transport/types';
import type { HarvestClient, HarvestProject } from './records';

/** help.getharvest.com/api-v2/introduction/overview/pagination: per_page is at most (and by default) 2000. */
export const MAX_PER_PAGE = 2000;

/**
 * Reads Harvest lists by following `links.next` (cursor links on most endpoints, page links on
 * time entries and expenses), and remembers what money mapping needs: Harvest gives amounts as
 * bare decimals in the client's currency, so each record's currency comes from its client.
 */
export class HarvestReader {
	private clientCurrencies?: Map<string, string>;
	private readonly projectCurrencies = new Map<string, string>();
	private expenseCategories?: Array<{ id: number; name: string; is_active: boolean }>;

	constructor(
		readonly client: VendorClient,
		readonly context: MapContext,
	) {}

	/** A list, page by page. `limit` sizes the first page so that a small read is one small request. */
	pages<T>(path: string, key: string, qs: Record<string, QueryValue> = {}, limit?: number): AsyncIterable<T[]> {
		const perPage = Math.min(MAX_PER_PAGE, Math.max(1, limit ?? MAX_PER_PAGE));
		return paginate<T>(
			this.client,
			{ method: 'GET', url: path, qs: { ...qs, per_page: perPage } },
			nextLinkPagination<T>({ itemsPath: key, nextLinkPath: 'links.next' }),
		);
	}

	async get<T>(path: string): Promise<T> {
		return await this.client.send<T>({ method: 'GET', url: path });
	}

	async clientCurrency(clientId: string | number | null | undefined): Promise<string> {
		if (clientId === null || clientId === undefined) return this.context.defaultCurrency;
		const id = String(clientId);
		if (!this.clientCurrencies) {
			this.clientCurrencies = new Map();
			for (const client of await collect(this.pages<HarvestClient>('/clients', 'clients'))) this.clientCurrencies.set(String(client.id), client.currency);
		}
		if (!this.clientCurrencies.has(id)) {
			const client = await this.get<HarvestClient>(`/clients/${encodeURIComponent(id)}`);
			this.clientCurrencies.set(id, client.currency);
		}
		return this.clientCurrencies.get(id) || this.context.defaultCurrency;
	}

	/** Reads every project once, for lists that span projects (one request per 2000 projects). */
	async preloadProjectCurrencies(): Promise<void> {
		for await (const page of this.pages<HarvestProject>('/projects', 'projects')) this.rememberProject(page);
	}

	rememberProject(projects: HarvestProject[]): void {
		for (const project of projects) if (project.client?.currency) this.projectCurrencies.set(String(project.id), project.client.currency);
	}

	async project(projectId: string): Promise<HarvestProject> {
		const project = await this.get<HarvestProject>(`/projects/${encodeURIComponent(projectId)}`);
		this.rememberProject([project]);
		return project;
	}

	async projectCurrency(projectId: string | number): Promise<string> {
		const id = String(projectId);
		if (!this.projectCurrencies.has(id)) await this.project(id);
		return this.projectCurrencies.get(id) ?? this.context.defaultCurrency;
	}

	/** Expense category id from a canonical category: its Harvest id, or its name (any case). */
	async expenseCategoryId(category: string | undefined): Promise<number> {
		if (!category || category.trim() === '') throw new Error('category is required: Harvest files every expense under an expense category');
		if (/^\d+$/.test(category.trim())) return Number(category.trim());
		this.expenseCategories ??= await collect(this.pages<{ id: number; name: string; is_active: boolean }>('/expense_categories', 'expense_categories'));
		const wanted = category.trim().toLowerCase();
		const found = this.expenseCategories.find((candidate) => candidate.name.toLowerCase() === wanted && candidate.is_active);
		if (!found) {
			const known = this.expenseCategories.filter((candidate) => candidate.is_active).map((candidate) => candidate.name).join(', ');
			throw new Error(`category "${category}" is not an active Harvest expense category (known: ${known})`);
		}
		return found.id;
	}
}

/** Refuses an amount whose currency is not the one Harvest will read it in; names the field. */
export function checkCurrency(field: string, value: Money | undefined, currency: string, whose: string): void {
	if (value && value.currency !== currency) {
		throw new Error(`${field}.currency is ${value.currency}, but Harvest keeps ${whose} amounts in ${currency}`);
	}
}

/** Per-record outcome: vendor errors as they are, our own checks prefixed with the record they concern. */
export function recordError(label: string, error: unknown): Error {
	if (error instanceof NodeApiError) return error;
	return new Error(`${label}: ${(error as Error).message}`);
}

/** Query values as Harvest reads them; undefined ones are dropped by the transport. */
export const flag = (value: boolean | undefined): QueryValue => (value === undefined ? undefined : String(value));
export const since = (instant: string | undefined): QueryValue => (instant ? new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined);
