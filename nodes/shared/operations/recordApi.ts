/** What a connector offers for one canonical entity; every method speaks canonical records. */
export interface ListQuery {
	/** ISO 8601: only records the system changed at or after this instant. */
	modifiedSince?: string;
	/** Entity-specific filters (e.g. opportunity stage), already read from the node. */
	filters?: Record<string, unknown>;
	/** Upper bound the caller will read; connectors may use it to size pages. */
	limit?: number;
}

/** One result of a batch write, aligned with its input. */
export type WriteResult<T> = T | Error;

export interface RecordApi<T> {
	get(id: string): Promise<T>;
	list(query: ListQuery): AsyncIterable<T[]>;
	create?(records: T[]): Promise<Array<WriteResult<T>>>;
	update?(changes: Array<{ id: string; record: Partial<T> }>): Promise<Array<WriteResult<T>>>;
	/** Creates or updates by an external id kept in the system (`idField` overrides the connector's default field). */
	upsert?(records: Array<{ externalId: string; record: T }>, idField?: string): Promise<Array<WriteResult<T>>>;
}
