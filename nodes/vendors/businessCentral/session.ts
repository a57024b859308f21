import type { IDataObject } from 'n8n-workflow';
import type { MapContext } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { odataNextLink, paginate } from '../../shared/transport/pagination';
import type { VendorRequest } from '../../shared/transport/types';
import type { BcEntity, BcMapContext } from './records';
import { companyPath } from './transport';

// Server-driven paging: BC returns at most 20,000 entities a page; `Prefer: odata.maxpagesize=N`
// asks for smaller pages and an @odata.nextLink (webservices/server-driven-paging-in-odata-web-services).
export const DEFAULT_PAGE_SIZE = 1000;

export interface ListOptions {
	filter?: string;
	expand?: string;
	orderby?: string;
	/** Records the caller will read at most; sizes the pages. */
	limit?: number;
}

/** Per-credential settings of the pack, kept on the Business Central credential. */
export interface BcSettings {
	revenueAccount?: string;
	paymentJournal?: string;
	postPayments: boolean;
}

/** What every Business Central entity module shares: the client, the company, the local currency. */
export class BcSession {
	/** `/companies(<id>)` below the API root. */
	readonly company: string;
	readonly settings: BcSettings;
	private localCurrencyCode?: Promise<string>;

	constructor(
		readonly client: VendorClient,
		readonly context: MapContext,
	) {
		this.company = companyPath(client.credentials);
		const text = (name: string): string | undefined => String(client.credentials[name] ?? '').trim() || undefined;
		this.settings = {
			revenueAccount: text('revenueAccount'),
			paymentJournal: text('paymentJournal'),
			postPayments: client.credentials.postPayments !== false,
		};
	}

	/** Path of the company inside a `$batch` request: relative to the API root, no leading slash. */
	get batchCompany(): string {
		return this.company.replace(/^\//, '');
	}

	/**
	 * The company's local currency (generalLedgerSetup.localCurrencyCode), read once: BC leaves
	 * `currencyCode` blank for it. Falls back to the node's Default Currency option where the
	 * environment predates that API page.
	 */
	async localCurrency(): Promise<string> {
		this.localCurrencyCode ??= this.client
			.send<{ value?: Array<{ localCurrencyCode?: string }> }>({ method: 'GET', url: `${this.company}/generalLedgerSetup` })
			.then(
				(body) => {
					const code = String(body.value?.[0]?.localCurrencyCode ?? '').trim().toUpperCase();
					return /^[A-Z]{3}$/.test(code) ? code : this.context.defaultCurrency;
				},
				async (error: { httpCode?: string }) => (Number(error.httpCode) === 404 ? this.context.defaultCurrency : await Promise.reject(error)),
			);
		return await this.localCurrencyCode;
	}

	async mapContext(): Promise<BcMapContext> {
		return { ...this.context, localCurrency: await this.localCurrency(), today: this.context.fetchedAt.slice(0, 10) };
	}

	/** Pages of an entity set of the company (`/customers`, `/salesInvoices`, ...), following @odata.nextLink. */
	list<T extends BcEntity>(path: string, options: ListOptions = {}): AsyncIterable<T[]> {
		const pageSize = Math.max(1, Math.min(DEFAULT_PAGE_SIZE, options.limit ?? DEFAULT_PAGE_SIZE));
		const request: VendorRequest = {
			method: 'GET',
			url: `${this.company}${path}`,
			qs: {
				...(options.filter ? { $filter: options.filter } : {}),
				...(options.expand ? { $expand: options.expand } : {}),
				...(options.orderby ? { $orderby: options.orderby } : {}),
			},
			headers: { Prefer: `odata.maxpagesize=${pageSize}` },
		};
		return paginate<T>(this.client, request, odataNextLink<T>());
	}

	/** The first record that matches a filter, or undefined. */
	async findOne<T extends BcEntity>(path: string, filter: string, expand?: string): Promise<T | undefined> {
		const body = await this.client.send<{ value?: T[] }>({
			method: 'GET',
			url: `${this.company}${path}`,
			qs: { $filter: filter, $top: 1, ...(expand ? { $expand: expand } : {}) },
		});
		return body.value?.[0];
	}

	async getOne<T extends BcEntity>(path: string, qs?: IDataObject): Promise<T> {
		return await this.client.send<T>({ method: 'GET', url: `${this.company}${path}`, qs: qs as VendorRequest['qs'] });
	}
}
