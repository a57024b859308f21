import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { WriteResult } from '../../shared/operations/recordApi';
import type { VendorClient } from '../../shared/transport/client';
import { paginate, soqlNextRecordsUrl } from '../../shared/transport/pagination';
import type { VendorRequest } from '../../shared/transport/types';
import type { SalesforceFields, SalesforceRecord } from './records';
import { blamedField, dataPath } from './transport';
import { soqlApiName } from './soql';
import { chunk } from '../../shared/transport/batches';

// sObject Collections take at most 200 records a call (REST API Developer Guide, "Create Records Using sObject Collections").
export const COLLECTION_MAX = 200;
// GET sObject Collections: about 800 ids fit in the URL; 200 keeps ids plus field names well below 414 URI Too Long.
const RETRIEVE_MAX = 200;
// Query batches: default and maximum 2,000 records, minimum 200 ("Query Options Header").
const BATCH_MIN = 200;
const BATCH_MAX = 2_000;

/** One SaveResult / UpsertResult of a Collections write, aligned with its input record. */
interface SaveResult {
	id?: string | null;
	success: boolean;
	created?: boolean;
	errors: Array<{ statusCode: string; message: string; fields?: string[] }>;
}

export type WriteAction = 'create' | 'update' | 'upsert';

/** A record of a Collections write, with the label that names it in errors ("Account \"Acme\""). */
export interface CollectionInput {
	fields: SalesforceFields;
	label: string;
	/** Record id (update). */
	id?: string;
}

/** The Salesforce REST resources the CRM connector uses, over the shared transport. */
export class SalesforceRest {
	readonly data: string;

	constructor(readonly client: VendorClient) {
		this.data = dataPath(client.credentials);
	}

	/** SOQL, page by page along `nextRecordsUrl` until `done`. */
	query<T = SalesforceRecord>(soql: string, limit?: number): AsyncIterable<T[]> {
		const headers: Record<string, string> = {};
		// Ask for smaller batches when the caller reads few records; Salesforce may still answer with fewer.
		if (limit !== undefined && limit < BATCH_MAX) headers['Sforce-Query-Options'] = `batchSize=${Math.max(BATCH_MIN, limit)}`;
		return paginate<T>(this.client, { method: 'GET', url: `${this.data}/query`, qs: { q: soql }, headers }, soqlNextRecordsUrl<T>());
	}

	async queryAll<T = SalesforceRecord>(soql: string): Promise<T[]> {
		const records: T[] = [];
		for await (const page of this.query<T>(soql)) records.push(...page);
		return records;
	}

	async getRecord(sobject: string, id: string, fields: string[]): Promise<SalesforceRecord> {
		return await this.client.send<SalesforceRecord>({
			method: 'GET',
			url: `${this.data}/sobjects/${soqlApiName(sobject)}/${encodeURIComponent(id)}`,
			qs: { fields: fields.join(',') },
		});
	}

	async patchRecord(sobject: string, id: string, fields: SalesforceFields): Promise<void> {
		// A PATCH with the same values is harmless to repeat: the update is idempotent.
		await this.client.send({
			method: 'PATCH',
			url: `${this.data}/sobjects/${soqlApiName(sobject)}/${encodeURIComponent(id)}`,
			body: fields as IDataObject,
			retrySafety: 'idempotent',
		});
	}

	/** Batch read: records by id, in the order asked; `undefined` where Salesforce answers null. */
	async retrieve(sobject: string, ids: string[], fields: string[]): Promise<Array<SalesforceRecord | undefined>> {
		const records: Array<SalesforceRecord | undefined> = [];
		for (const group of chunk(ids, RETRIEVE_MAX)) {
			const body = await this.client.send<Array<SalesforceRecord | null>>({
				method: 'GET',
				url: `${this.data}/composite/sobjects/${soqlApiName(sobject)}`,
				qs: { ids: group.join(','), fields: fields.join(',') },
			});
			records.push(...group.map((_id, index) => body[index] ?? undefined));
		}
		return records;
	}

	/**
	 * Writes through sObject Collections, 200 records a call with allOrNone false, and returns one
	 * id or one Error per input, in input order: Salesforce answers a result per record, in order.
	 * A request Salesforce refuses as a whole (400, 403) fails every record of that call.
	 */
	async writeCollection(
		action: WriteAction,
		sobject: string,
		inputs: CollectionInput[],
		externalIdField?: string,
	): Promise<Array<WriteResult<string>>> {
		const results: Array<WriteResult<string>> = [];
		const type = soqlApiName(sobject);
		for (const group of chunk(inputs, COLLECTION_MAX)) {
			const records = group.map((input) => ({ attributes: { type }, ...(input.id ? { id: input.id } : {}), ...input.fields }));
			const request: VendorRequest = {
				method: action === 'create' ? 'POST' : 'PATCH',
				url: action === 'upsert' ? `${this.data}/composite/sobjects/${type}/${soqlApiName(externalIdField ?? '')}` : `${this.data}/composite/sobjects`,
				body: { allOrNone: false, records } as IDataObject,
				// Create has no idempotency key; update and upsert by External ID give the same result when repeated.
				retrySafety: action === 'create' ? 'never' : 'idempotent',
			};
			let answer: SaveResult[];
			try {
				answer = await this.client.send<SaveResult[]>(request);
			} catch (error) {
				for (let index = 0; index < group.length; index++) results.push(error as Error);
				continue;
			}
			group.forEach((input, index) => {
				const result = answer[index];
				if (result?.success && result.id) results.push(result.id);
				else results.push(this.recordError(action, sobject, input, result));
			});
		}
		return results;
	}

	/** A per-record failure, naming the record and the field Salesforce blames. */
	private recordError(action: WriteAction, sobject: string, input: CollectionInput, result: SaveResult | undefined): NodeApiError {
		const errors = result?.errors ?? [{ statusCode: 'NO_RESULT', message: 'Salesforce returned no result for this record' }];
		const first = errors[0];
		const field = blamedField({ message: first.message, fields: first.fields });
		const message = `Salesforce could not ${action} ${sobject} ${input.label}: ${errors.map((error) => error.message).join('; ')}`;
		const errorResponse: JsonObject = {
			system: 'salesforce',
			message: first.message,
			code: first.statusCode,
			...(field ? { field } : {}),
			errors: errors as unknown as JsonObject[],
		};
		// The Collections call itself answered 200; 400 is what the single-record resource answers for the same record.
		return new NodeApiError(this.client.node, errorResponse, {
			message,
			description: [`code ${first.statusCode}`, field ? `field ${field}` : undefined, 'per-record result of an sObject Collections write'].filter(Boolean).join(' · '),
			httpCode: '400',
		});
	}
}
