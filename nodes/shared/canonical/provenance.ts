import type { RecordMeta } from './common';

/** What a mapper needs besides the vendor record: when it was read, for which transaction, whether to keep the raw record. */
export interface MapContext {
	fetchedAt: string;
	correlationId?: string;
	includeRaw: boolean;
	/** Currency for amounts the vendor gives without one. */
	defaultCurrency: string;
	/**
	 * The registered system keys: the keys `externalRefs` may carry, for vendors that keep each
	 * reference in a field of its own (one custom field per system).
	 */
	referenceSystems: readonly string[];
}

export function mapContext(options: Partial<MapContext> = {}): MapContext {
	return {
		fetchedAt: options.fetchedAt ?? new Date().toISOString(),
		correlationId: options.correlationId,
		includeRaw: options.includeRaw ?? false,
		defaultCurrency: options.defaultCurrency ?? 'USD',
		referenceSystems: options.referenceSystems ?? [],
	};
}

/** `_meta` and, when asked, `remoteData` for a record read from a system. */
export function provenance(
	context: MapContext,
	meta: { system: string; entity: string; remoteId?: string; remoteUpdatedAt?: string },
	raw: unknown,
): { _meta: RecordMeta; remoteData?: unknown } {
	const remoteUpdatedAt = meta.remoteUpdatedAt && !Number.isNaN(Date.parse(meta.remoteUpdatedAt)) ? new Date(meta.remoteUpdatedAt).toISOString() : undefined;
	return {
		_meta: {
			system: meta.system,
			entity: meta.entity,
			...(meta.remoteId ? { remoteId: meta.remoteId } : {}),
			fetchedAt: context.fetchedAt,
			...(context.correlationId ? { correlationId: context.correlationId } : {}),
			...(remoteUpdatedAt ? { remoteUpdatedAt } : {}),
		},
		...(context.includeRaw ? { remoteData: raw } : {}),
	};
}
