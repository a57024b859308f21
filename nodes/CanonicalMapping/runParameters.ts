import type { IExecuteFunctions } from 'n8n-workflow';

/** Whether a stored parameter value holds an n8n expression anywhere (a text starting with "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/** The Record parameter's default: the item's own JSON. */
const ITEM_JSON = /^=\s*\{\{\s*\$json\s*\}\}\s*$/;

/**
 * The node's execution context for one run of its per-item loop, with parameters read the way a
 * 100,000-item run can afford (profiled on the mapping benchmark, scripts/bench/mapping.ts):
 * - a top-level parameter whose stored value holds no expression is the same for every item, so
 *   it is resolved once per run instead of once per item;
 * - a Record parameter left at `{{ $json }}` is the item's own JSON, taken without evaluating an
 *   expression per item (in n8n 2.x's isolated-vm engine that copied the whole record across the
 *   isolate: about 8 ms an item). Items between nodes are JSON, so the record is the same one
 *   the expression gave.
 * Everything else (expressions, options such as rawExpressions, other methods) goes to n8n as is.
 */
export function readingParametersOncePerRun(ctx: IExecuteFunctions): IExecuteFunctions {
	const items = ctx.getInputData();
	const parameters = ctx.getNode().parameters;
	const resolved = new Map<string, unknown>();
	const getNodeParameter = ((name: string, itemIndex: number, fallback?: unknown, options?: unknown) => {
		const stored = parameters[name];
		if (options !== undefined || stored === undefined) return ctx.getNodeParameter(name, itemIndex, fallback, options as never);
		if (name === 'record' && typeof stored === 'string' && ITEM_JSON.test(stored) && items[itemIndex]) return items[itemIndex].json;
		if (holdsExpression(stored)) return ctx.getNodeParameter(name, itemIndex, fallback);
		if (!resolved.has(name)) resolved.set(name, ctx.getNodeParameter(name, itemIndex, fallback));
		return resolved.get(name);
	}) as IExecuteFunctions['getNodeParameter'];
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getNodeParameter') return getNodeParameter;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

const perRun = new WeakMap<object, Map<string, unknown>>();
/** Different values one run may keep by key; past this, values are computed per item again. */
const KEPT_PER_RUN = 50;

/** A parameter's value as a key for `oncePerRun`. */
export const keyOf = (value: unknown): string => (typeof value === 'string' ? `text:${value}` : `json:${JSON.stringify(value)}`);

/**
 * A pure computation from parameters (parsing a mapping document or rules), done once per run
 * for each distinct input `key` instead of once per item. A computation that throws is not
 * kept, so every item still reports its error.
 */
export function oncePerRun<T>(ctx: IExecuteFunctions, key: string, compute: () => T): T {
	let kept = perRun.get(ctx);
	if (!kept) {
		kept = new Map();
		perRun.set(ctx, kept);
	}
	if (kept.has(key)) return kept.get(key) as T;
	const value = compute();
	if (kept.size < KEPT_PER_RUN) kept.set(key, value);
	return value;
}
