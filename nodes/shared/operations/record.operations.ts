import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { z } from 'zod';
import type { BatchOperation, BatchOutcome, ItemOperation, OperationRun } from '../node/types';
import { asJson, collectWithLimit, modifiedSinceProperty, readIsoInstant, requiredId, returnAllProperties } from './common';
import type { FieldSpec } from './fields';
import type { RecordApi, WriteResult } from './recordApi';
import { readRecord, recordInputProperties } from './recordInput';

/** Everything the generic record operations need to know about one canonical entity. */
export interface EntityOperationsSpec<C, T> {
	/** Display name: `Client`. */
	entity: string;
	/** Parameter that holds the record id: `clientId`. */
	idParameter: string;
	fields: FieldSpec[];
	/** Fields shown outside the collection when creating. */
	requiredFields: string[];
	schema: z.ZodObject<z.ZodRawShape>;
	api(connector: C): RecordApi<T>;
	listFilters?: {
		properties: INodeProperties[];
		read(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
	};
}


function idProperty(spec: { entity: string; idParameter: string }): INodeProperties {
	return {
		displayName: `${spec.entity} ID`,
		name: spec.idParameter,
		type: 'string',
		required: true,
		default: '',
		description: `ID of the ${spec.entity.toLowerCase()} in the chosen system`,
	};
}

function unsupported(run: OperationRun<unknown>, spec: { entity: string }, operation: string): NodeOperationError {
	return new NodeOperationError(run.ctx.getNode(), `${run.system.displayName} does not support ${operation} for ${spec.entity}`);
}

/** Turns a connector's per-record results into the router's batch outcomes. */
export function toOutcomes<T>(results: Array<WriteResult<T>>): BatchOutcome[] {
	return results.map((result) => (result instanceof Error ? { ok: false, error: result } : { ok: true, json: asJson(result) }));
}

export function getOperation<C, T>(spec: EntityOperationsSpec<C, T>): ItemOperation<C> {
	return {
		kind: 'item',
		description: [idProperty(spec)],
		async execute(run, itemIndex) {
			const id = requiredId(run.ctx, spec.idParameter, itemIndex, spec.entity);
			return asJson(await spec.api(run.connector).get(id));
		},
	};
}

export function listOperation<C, T>(spec: EntityOperationsSpec<C, T>): ItemOperation<C> {
	return {
		kind: 'item',
		description: [
			...returnAllProperties,
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [modifiedSinceProperty, ...(spec.listFilters?.properties ?? [])],
			},
		],
		async execute(run, itemIndex) {
			const filters = run.ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const modifiedSince = filters.modifiedSince ? readIsoInstant(run.ctx, 'filters.modifiedSince', itemIndex) : undefined;
			const extra = spec.listFilters?.read(run.ctx, itemIndex) ?? {};
			const records = await collectWithLimit(run.ctx, itemIndex, (limit) =>
				spec.api(run.connector).list({ modifiedSince, filters: extra, limit }),
			);
			return records.map(asJson);
		},
	};
}

export function createOperation<C, T>(spec: EntityOperationsSpec<C, T>): BatchOperation<C, T> {
	return {
		kind: 'batch',
		description: recordInputProperties(spec.fields, spec.requiredFields),
		async prepare(run, itemIndex) {
			return readRecord(run.ctx, itemIndex, { entity: spec.entity, fields: spec.fields, schema: spec.schema as unknown as z.ZodType<T>, required: spec.requiredFields, referenceSystems: run.referenceSystems });
		},
		async executeBatch(run, inputs) {
			const api = spec.api(run.connector);
			if (!api.create) throw unsupported(run as OperationRun<unknown>, spec, 'create');
			return toOutcomes(await api.create(inputs.map((prepared) => prepared.input)));
		},
	};
}

export function updateOperation<C, T>(spec: EntityOperationsSpec<C, T>): BatchOperation<C, { id: string; record: Partial<T> }> {
	return {
		kind: 'batch',
		description: [idProperty(spec), ...recordInputProperties(spec.fields)],
		async prepare(run, itemIndex) {
			const id = requiredId(run.ctx, spec.idParameter, itemIndex, spec.entity);
			const record = readRecord(run.ctx, itemIndex, { entity: spec.entity, fields: spec.fields, schema: spec.schema.partial() as unknown as z.ZodType<Partial<T>>, referenceSystems: run.referenceSystems });
			return { id, record };
		},
		async executeBatch(run, inputs) {
			const api = spec.api(run.connector);
			if (!api.update) throw unsupported(run as OperationRun<unknown>, spec, 'update');
			return toOutcomes(await api.update(inputs.map((prepared) => prepared.input)));
		},
	};
}

export function upsertOperation<C, T>(spec: EntityOperationsSpec<C, T>): BatchOperation<C, { externalId: string; record: T }> {
	return {
		kind: 'batch',
		description: [
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				required: true,
				default: '',
				description: `Your own key for this ${spec.entity.toLowerCase()}: the record that has it is updated, or a new one is created with it`,
			},
			{
				displayName: 'External ID Field',
				name: 'externalIdField',
				type: 'string',
				default: '',
				description: 'The unique field in the system that holds the external ID. Leave empty for the field the pack sets up in each system (its README section names it).',
			},
			...recordInputProperties(spec.fields, spec.requiredFields),
		],
		async prepare(run, itemIndex) {
			const externalId = requiredId(run.ctx, 'externalId', itemIndex, spec.entity, 'key');
			const record = readRecord(run.ctx, itemIndex, { entity: spec.entity, fields: spec.fields, schema: spec.schema as unknown as z.ZodType<T>, required: spec.requiredFields, referenceSystems: run.referenceSystems });
			return { externalId, record };
		},
		async executeBatch(run, inputs) {
			const api = spec.api(run.connector);
			if (!api.upsert) throw unsupported(run as OperationRun<unknown>, spec, 'upsert');
			const idField = (run.ctx.getNodeParameter('externalIdField', inputs[0].itemIndex, '') as string).trim() || undefined;
			return toOutcomes(await api.upsert(inputs.map((prepared) => prepared.input), idField));
		},
	};
}
