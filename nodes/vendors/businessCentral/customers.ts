import type { IDataObject } from 'n8n-workflow';
import type { Client } from '../../shared/canonical';
import type { ListQuery, WriteResult } from '../../shared/operations/recordApi';
import { batchItemError, isLostAnswer, isSuccess, sendBatch, type BatchRequest } from './batch';
import { fromCanonicalClient, toCanonicalClient, type BcCustomer } from './records';
import { allOf, compare, dateTime, guid, isGuid, oneOf, text } from './odata';
import type { BcSession } from './session';

/** Customer fields that can identify a customer for an upsert; `number` (the customer No.) by default. */
const KEY_FIELDS = ['number', 'email', 'taxRegistrationNumber', 'displayName'] as const;
type KeyField = (typeof KEY_FIELDS)[number];

// The customer No. is a Code[20]: upper case, at most 20 characters (resources/dynamics_customer, "number").
const CUSTOMER_NUMBER = /^[A-Z0-9][A-Z0-9 ._\-/]{0,19}$/;
// A $filter of 20 `or` clauses keeps the URL well under BC's URL length limits.
const LOOKUP_CHUNK = 20;

interface UpsertInput {
	externalId: string;
	record: Client;
}

function keyOf(field: KeyField, externalId: string): string {
	return field === 'number' ? externalId.trim().toUpperCase() : externalId.trim();
}

/** Reads and writes Business Central customers as canonical clients. */
export class BcCustomers {
	constructor(private readonly session: BcSession) {}

	async get(id: string): Promise<Client> {
		const context = await this.session.mapContext();
		if (isGuid(id)) return toCanonicalClient(await this.session.getOne<BcCustomer>(`/customers(${id})`), context);
		// Not an id: the customer No. the firm knows the customer by.
		const found = await this.session.findOne<BcCustomer>('/customers', compare('number', 'eq', text(id.toUpperCase())));
		if (!found) throw new Error(`Business Central has no customer with id or number "${id}"`);
		return toCanonicalClient(found, context);
	}

	async *list(query: ListQuery): AsyncIterable<Client[]> {
		const context = await this.session.mapContext();
		const filter = allOf(query.modifiedSince ? compare('lastModifiedDateTime', 'ge', dateTime(query.modifiedSince)) : undefined);
		for await (const page of this.session.list<BcCustomer>('/customers', { filter, limit: query.limit })) {
			yield page.map((customer) => toCanonicalClient(customer, context));
		}
	}

	private async findByKeys(field: KeyField, keys: string[]): Promise<Map<string, BcCustomer>> {
		const found = new Map<string, BcCustomer>();
		for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) {
			const filter = oneOf(field, keys.slice(start, start + LOOKUP_CHUNK).map((key) => text(key)));
			for await (const page of this.session.list<BcCustomer>('/customers', { filter })) {
				for (const customer of page) {
					const value = String((customer as unknown as IDataObject)[field] ?? '');
					found.set(field === 'number' ? value.toUpperCase() : value, customer);
				}
			}
		}
		return found;
	}

	/**
	 * Creates or updates customers by a key field (customer No. by default): one filtered read finds
	 * the existing ones, then one `$batch` writes them all, PATCHes carrying the ETag read (If-Match).
	 * Inputs that share a key are written in turn, so the later one updates what the earlier made.
	 */
	async upsert(inputs: UpsertInput[], idField?: string): Promise<Array<WriteResult<Client>>> {
		const field = (idField ?? 'number') as KeyField;
		if (!KEY_FIELDS.includes(field)) {
			const error = new Error(`externalIdField "${idField}" cannot identify a Business Central customer; use one of ${KEY_FIELDS.join(', ')}`);
			return inputs.map(() => error);
		}
		const results: Array<WriteResult<Client>> = new Array(inputs.length);
		let pending = inputs.map((input, index) => ({ ...input, index, key: keyOf(field, input.externalId) }));
		pending = pending.filter((entry) => {
			if (field === 'number' && !CUSTOMER_NUMBER.test(entry.key)) {
				results[entry.index] = new Error(`Client in item ${entry.index}: externalId "${entry.externalId}" cannot be a Business Central customer No. (at most 20 letters, digits, spaces or . _ - /)`);
				return false;
			}
			return true;
		});
		while (pending.length > 0) {
			const seen = new Set<string>();
			const round = pending.filter((entry) => (seen.has(entry.key) ? false : (seen.add(entry.key), true)));
			pending = pending.filter((entry) => !round.includes(entry));
			await this.upsertRound(field, round, results);
		}
		return results;
	}

	private async upsertRound(field: KeyField, round: Array<UpsertInput & { index: number; key: string }>, results: Array<WriteResult<Client>>): Promise<void> {
		const context = await this.session.mapContext();
		for (let attempt = 1; ; attempt++) {
			const existing = await this.findByKeys(field, round.map((entry) => entry.key));
			const requests: BatchRequest[] = round.map((entry) => {
				const body = { ...fromCanonicalClient(entry.record, context), [field]: entry.key } as IDataObject;
				const current = existing.get(entry.key);
				if (current) {
					return {
						id: String(entry.index),
						method: 'PATCH',
						url: `${this.session.batchCompany}/customers(${current.id})`,
						headers: { 'If-Match': current['@odata.etag'] ?? '*' },
						body,
					};
				}
				return { id: String(entry.index), method: 'POST', url: `${this.session.batchCompany}/customers`, body };
			});
			let answers;
			try {
				answers = await sendBatch(this.session.client, requests);
			} catch (error) {
				// The batch may have been applied: read again and upsert again (an upsert by key repeats safely).
				if (attempt < 2 && isLostAnswer(error)) continue;
				for (const entry of round) results[entry.index] = error as Error;
				return;
			}
			for (const request of requests) {
				const answer = answers.get(request.id);
				results[Number(request.id)] = isSuccess(answer) ? toCanonicalClient(answer.body as BcCustomer, context) : batchItemError(this.session.client, request, answer);
			}
			return;
		}
	}

	/** Updates by id: reads the ETag, then PATCHes with If-Match so a concurrent change is refused (412), never overwritten. */
	async update(changes: Array<{ id: string; record: Partial<Client> }>): Promise<Array<WriteResult<Client>>> {
		const context = await this.session.mapContext();
		const results: Array<WriteResult<Client>> = [];
		for (const change of changes) {
			try {
				const current = await this.session.getOne<BcCustomer>(`/customers(${guid(change.id).value})`);
				const updated = await this.session.client.send<BcCustomer>({
					method: 'PATCH',
					url: `${this.session.company}/customers(${current.id})`,
					headers: { 'If-Match': current['@odata.etag'] ?? '*' },
					body: fromCanonicalClient(change.record, context) as IDataObject,
				});
				results.push(toCanonicalClient(updated, context));
			} catch (error) {
				results.push(error as Error);
			}
		}
		return results;
	}
}
