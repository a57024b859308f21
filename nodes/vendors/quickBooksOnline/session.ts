import { createHash } from 'crypto';
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { MapContext } from '../../shared/canonical';
import type { VendorClient } from '../../shared/transport/client';
import { paginate, type PaginationStrategy } from '../../shared/transport/pagination';
import type { VendorRequest } from '../../shared/transport/types';
import { MAX_RESULTS, statement, type QboClause } from './query';
import type { QboEntity, QboMapContext } from './records';
import { DEFAULT_MINOR_VERSION } from './transport';

/** Per-credential settings of the pack, kept on the QuickBooks Online credential. */
export interface QboSettings {
	minorVersion: string;
	/** Item id for invoice lines that name no item (a service item). */
	defaultItem?: string;
	/** Account id payments are deposited to when the node names none. */
	depositAccount?: string;
}

export interface QueryOptions {
	orderBy?: string;
	/** Records the caller will read at most; sizes the pages. */
	limit?: number;
}

/** QuickBooks answers a missing id with 400 and fault code 610 "Object Not Found" (error codes page). */
const OBJECT_NOT_FOUND = '610';

/** What every QuickBooks Online resource module shares: the client, the company's settings, its home currency. */
export class QboSession {
	readonly settings: QboSettings;
	private home?: Promise<string>;

	constructor(
		readonly client: VendorClient,
		readonly context: MapContext,
	) {
		const text = (name: string): string | undefined => String(client.credentials[name] ?? '').trim() || undefined;
		this.settings = { minorVersion: text('minorVersion') ?? DEFAULT_MINOR_VERSION, defaultItem: text('defaultItemId'), depositAccount: text('depositAccountId') };
	}

	/** The query string every request carries: `minorversion`, plus the request's own. */
	qs(extra: Record<string, string> = {}): Record<string, string> {
		return { minorversion: this.settings.minorVersion, ...extra };
	}

	/**
	 * A `requestid` for a write, derived from what it writes: QuickBooks answers a repeated requestid
	 * with the first answer instead of writing again (learn/.../develop/...: "requestid" idempotency).
	 */
	requestId(...parts: unknown[]): string {
		const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
	}

	/** The company's home currency (Preferences.CurrencyPrefs.HomeCurrency), read once. */
	async homeCurrency(): Promise<string> {
		this.home ??= this.client
			.send<{ Preferences?: { CurrencyPrefs?: { HomeCurrency?: { value?: string } } } }>({ method: 'GET', url: '/preferences', qs: this.qs(), rateLimitRule: 'second' })
			.then((body) => {
				const code = String(body.Preferences?.CurrencyPrefs?.HomeCurrency?.value ?? '').trim().toUpperCase();
				return /^[A-Z]{3}$/.test(code) ? code : this.context.defaultCurrency;
			});
		return await this.home;
	}

	async mapContext(): Promise<QboMapContext> {
		return { ...this.context, homeCurrency: await this.homeCurrency(), today: this.context.fetchedAt.slice(0, 10) };
	}

	/** Pages of a query: STARTPOSITION moves on by the page size until a page comes back short. */
	pages<T>(entity: string, where: Array<QboClause | undefined>, options: QueryOptions = {}): AsyncIterable<T[]> {
		const pageSize = Math.max(1, Math.min(MAX_RESULTS, options.limit ?? MAX_RESULTS));
		const request = (startPosition: number): VendorRequest => ({
			method: 'GET',
			url: '/query',
			qs: this.qs({ query: statement({ entity, where, orderBy: options.orderBy, startPosition, maxResults: pageSize }) }),
			rateLimitRule: 'second',
		});
		let start = 1;
		const strategy: PaginationStrategy<T> = {
			items: (body) => {
				const found = (body.QueryResponse as IDataObject | undefined)?.[entity];
				return Array.isArray(found) ? (found as T[]) : [];
			},
			next: (response) => {
				const found = (response.body.QueryResponse as IDataObject | undefined)?.[entity];
				if (!Array.isArray(found) || found.length < pageSize) return undefined;
				start += pageSize;
				return request(start);
			},
		};
		return paginate<T>(this.client, request(start), strategy);
	}

	/** Every record a query finds. */
	async all<T>(entity: string, where: Array<QboClause | undefined>, orderBy?: string): Promise<T[]> {
		const records: T[] = [];
		for await (const page of this.pages<T>(entity, where, { orderBy })) records.push(...page);
		return records;
	}

	/** One entity by id (`GET /<entity>/<id>`); a missing id is a 404 naming the entity. */
	async read<T extends QboEntity>(entity: string, id: string): Promise<T> {
		if (!/^\d{1,20}$/.test(id)) throw this.notFound(entity, id, 'QuickBooks Online ids are digits');
		try {
			const body = await this.client.send<IDataObject>({ method: 'GET', url: `/${entity.toLowerCase()}/${id}`, qs: this.qs(), rateLimitRule: 'second' });
			return body[entity] as T;
		} catch (error) {
			const code = (error as NodeApiError).errorResponse?.code;
			if (error instanceof NodeApiError && error.httpCode === '400' && code === OBJECT_NOT_FOUND) throw this.notFound(entity, id, error.message);
			// The client's errors are NodeApiErrors already: wrapping hands back the same one.
			throw new NodeApiError(this.client.node, error as JsonObject);
		}
	}

	private notFound(entity: string, id: string, detail: string): NodeApiError {
		const message = `QuickBooks Online has no ${entity.toLowerCase()} with id "${id}"`;
		return new NodeApiError(this.client.node, { system: 'quickBooksOnline', message, code: OBJECT_NOT_FOUND } as JsonObject, { message, description: detail, httpCode: '404' });
	}

	/** Creates or changes an entity (`POST /<entity>`, `?operation=void` and the like), with a requestid. */
	async write<T>(entity: string, body: IDataObject, options: { requestId: string; operation?: string; lookup?: () => Promise<T | undefined> }): Promise<T> {
		const { lookup } = options;
		const answer = await this.client.send<IDataObject>({
			method: 'POST',
			url: `/${entity.toLowerCase()}`,
			qs: this.qs({ requestid: options.requestId, ...(options.operation ? { operation: options.operation } : {}) }),
			body,
			rateLimitRule: 'second',
			// A repeated requestid gets the first answer, never a second write; a lookup, where given, is asked first.
			retrySafety: lookup ? { lookup: async () => { const found = await lookup(); return found === undefined ? undefined : { [entity]: found }; } } : 'idempotent',
		});
		return answer[entity] as T;
	}
}
