import { json, type SandboxResponse } from '../../core/http';
import type { HubSpotFake } from './index';
import { DEFAULT_PROPERTIES, UNIQUE_PROPERTIES } from './store';

// Batch endpoints take at most 100 inputs (developers.hubspot.com/docs/api/crm/understanding-the-crm).
const BATCH_MAX = 100;

/** CRM v3 batch read, create, upsert and update. */
export function registerBatchRoutes(fake: HubSpotFake): void {
	const router = fake.router;
	router.on('POST', '/crm/v3/objects/:objectType/batch/read', (request, params) => {
		const type = fake.objectType(params.objectType);
		if (!type) return fake.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
		const body = (request.body ?? {}) as { inputs?: Array<{ id: string }>; properties?: string[]; idProperty?: string };
		const tooMany = checkBatch(fake, body.inputs);
		if (tooMany) return tooMany;
		const properties = fake.requestedProperties(type, body.properties);
		const results: unknown[] = [];
		const missing: string[] = [];
		for (const input of body.inputs!) {
			const record = fake.store.findByProperty(type, body.idProperty ?? 'hs_object_id', String(input.id));
			if (record && !record.archived) results.push(fake.present(record, properties));
			else missing.push(String(input.id));
		}
		return batchAnswer(results, missing.length > 0 ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some objects, they may be deleted or not exist.', context: { ids: missing } }] : []);
	});

	router.on('POST', '/crm/v3/objects/:objectType/batch/create', (request, params) => {
		const type = fake.objectType(params.objectType);
		if (!type) return fake.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
		const body = (request.body ?? {}) as { inputs?: Array<{ properties: Record<string, string>; objectWriteTraceId?: string }> };
		const tooMany = checkBatch(fake, body.inputs);
		if (tooMany) return tooMany;
		for (const input of body.inputs!) {
			const invalid = fake.validateProperties(type, input.properties) ?? fake.conflictFor(type, input.properties);
			if (invalid) return invalid;
		}
		const results = body.inputs!.map((input) => ({
			...fake.present(fake.store.insert(type, input.properties), Object.keys(input.properties).concat(DEFAULT_PROPERTIES[type])),
			...(input.objectWriteTraceId ? { objectWriteTraceId: input.objectWriteTraceId } : {}),
		}));
		// HubSpot does not promise that results come back in input order.
		return { ...batchAnswer(results.reverse(), []), status: 201 };
	});

	router.on('POST', '/crm/v3/objects/:objectType/batch/upsert', (request, params) => {
		const type = fake.objectType(params.objectType);
		if (!type) return fake.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
		const body = (request.body ?? {}) as { inputs?: Array<{ id: string; idProperty: string; properties: Record<string, string>; objectWriteTraceId?: string }> };
		const tooMany = checkBatch(fake, body.inputs);
		if (tooMany) return tooMany;
		// The whole batch is validated first: HubSpot rejects an upsert batch with one bad input.
		for (const input of body.inputs!) {
			if (!input.idProperty || !UNIQUE_PROPERTIES[type].includes(input.idProperty) || input.idProperty === 'hs_object_id') {
				return fake.error(400, 'VALIDATION_ERROR', `Property ${String(input.idProperty)} is not a unique identifier property for ${type}`);
			}
			const invalid = fake.validateProperties(type, input.properties);
			if (invalid) return invalid;
		}
		const results = body.inputs!.map((input) => {
			const existing = fake.store.findByProperty(type, input.idProperty, String(input.id));
			const record = existing
				? fake.store.update(type, existing, input.properties)
				: fake.store.insert(type, { ...input.properties, [input.idProperty]: String(input.id) });
			return { ...fake.present(record, Object.keys(record.properties)), new: !existing, ...(input.objectWriteTraceId ? { objectWriteTraceId: input.objectWriteTraceId } : {}) };
		});
		return batchAnswer(results.reverse(), []);
	});

	router.on('POST', '/crm/v3/objects/:objectType/batch/update', (request, params) => {
		const type = fake.objectType(params.objectType);
		if (!type) return fake.error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${params.objectType}`);
		const body = (request.body ?? {}) as { inputs?: Array<{ id: string; idProperty?: string; properties: Record<string, string>; objectWriteTraceId?: string }> };
		const tooMany = checkBatch(fake, body.inputs);
		if (tooMany) return tooMany;
		for (const input of body.inputs!) {
			const invalid = fake.validateProperties(type, input.properties);
			if (invalid) return invalid;
			if (!fake.store.findByProperty(type, input.idProperty ?? 'hs_object_id', String(input.id))) return fake.notFoundObject(String(input.id));
		}
		const results = body.inputs!.map((input) => {
			const record = fake.store.findByProperty(type, input.idProperty ?? 'hs_object_id', String(input.id))!;
			return { ...fake.present(fake.store.update(type, record, input.properties), Object.keys(record.properties)), ...(input.objectWriteTraceId ? { objectWriteTraceId: input.objectWriteTraceId } : {}) };
		});
		return batchAnswer(results.reverse(), []);
	});
}

export function checkBatch(fake: HubSpotFake, inputs: unknown, max = BATCH_MAX): SandboxResponse | undefined {
	if (!Array.isArray(inputs)) return fake.error(400, 'VALIDATION_ERROR', 'Invalid input JSON: inputs is required');
	if (inputs.length > max) return fake.error(400, 'VALIDATION_ERROR', `Batch input is limited to ${max} inputs, got ${inputs.length}`);
	return undefined;
}

/** A batch answer: 200, or 207 when some inputs failed. */
export function batchAnswer(results: unknown[], errors: unknown[]): SandboxResponse {
	const now = new Date().toISOString();
	return json(errors.length > 0 ? 207 : 200, {
		status: 'COMPLETE',
		results,
		...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
		startedAt: now,
		completedAt: now,
	});
}
