import type { IDataObject } from 'n8n-workflow';
import type { Client } from '../../shared/canonical';
import type { ListQuery, WriteResult } from '../../shared/operations/recordApi';
import { sendBatch, type BatchItem } from './batch';
import { clause, dateTimeValue } from './query';
import { fromCanonicalClient, keyInNotes, notesWithKey, toCanonicalClient, type QboCustomer } from './records';
import type { QboSession } from './session';

/**
 * Fields that can identify a customer for an upsert. QuickBooks has no external-id field on a
 * customer: the firm's key is kept on a line of its Notes ("Project-to-Cash key: <key>"), which the
 * query language cannot filter on, so the customers are read once per upsert and matched here.
 * `DisplayName` (unique across customers, vendors and employees) can be the key instead.
 */
const KEY_FIELDS = ['Notes', 'DisplayName'] as const;
type KeyField = (typeof KEY_FIELDS)[number];

// Customer.Notes holds at most 2000 characters; the key line must leave room for the firm's notes.
const KEY_MAX = 100;

interface UpsertInput {
	externalId: string;
	record: Client;
}

const keyOf = (field: KeyField, customer: QboCustomer): string | undefined => (field === 'Notes' ? keyInNotes(customer.Notes) : customer.DisplayName?.trim().toLowerCase());

/** Reads and writes QuickBooks Online customers as canonical clients. */
export class QboCustomers {
	constructor(private readonly session: QboSession) {}

	async get(id: string): Promise<Client> {
		return toCanonicalClient(await this.session.read<QboCustomer>('Customer', id), await this.session.mapContext());
	}

	/** Active customers (QuickBooks leaves inactive ones out of a query that does not ask for them). */
	async *list(query: ListQuery): AsyncIterable<Client[]> {
		const context = await this.session.mapContext();
		const where = [query.modifiedSince ? clause('MetaData.LastUpdatedTime', '>=', dateTimeValue(query.modifiedSince)) : undefined];
		for await (const page of this.session.pages<QboCustomer>('Customer', where, { orderBy: 'Id', limit: query.limit })) {
			yield page.map((customer) => toCanonicalClient(customer, context));
		}
	}

	/** Every customer, active or not, by key. */
	private async byKey(field: KeyField): Promise<Map<string, QboCustomer>> {
		const found = new Map<string, QboCustomer>();
		for (const customer of await this.session.all<QboCustomer>('Customer', [clause('Active', 'IN', [true, false])], 'Id')) {
			const key = keyOf(field, customer);
			if (key && !found.has(key)) found.set(key, customer);
		}
		return found;
	}

	/**
	 * Creates or updates customers by the firm's key: one read of the customers finds the existing
	 * ones, then batches of 30 create the new ones and update the others (sparse, with the SyncToken
	 * read, so a change made in between is refused as stale, never overwritten). Inputs that share a
	 * key are written in turn, so the later one updates what the earlier made.
	 */
	async upsert(inputs: UpsertInput[], idField?: string): Promise<Array<WriteResult<Client>>> {
		const field = (idField || 'Notes') as KeyField;
		if (!KEY_FIELDS.includes(field)) {
			const error = new Error(`externalIdField "${idField}" cannot identify a QuickBooks Online customer; use one of ${KEY_FIELDS.join(', ')}`);
			return inputs.map(() => error);
		}
		const results: Array<WriteResult<Client>> = new Array(inputs.length);
		let pending = inputs
			.map((input, index) => ({ ...input, index, key: field === 'Notes' ? input.externalId.trim() : input.externalId.trim().toLowerCase() }))
			.filter((entry) => {
				if (entry.key === '' || entry.key.length > KEY_MAX) {
					results[entry.index] = new Error(`Client in item ${entry.index}: externalId must be 1 to ${KEY_MAX} characters (it is kept on a line of the customer's Notes)`);
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
		const existing = await this.byKey(field);
		const items: BatchItem[] = round.map((entry) => {
			const current = existing.get(entry.key);
			const fields = fromCanonicalClient(entry.record, { create: !current }) as IDataObject;
			const notes = field === 'Notes' ? { Notes: notesWithKey(current?.Notes, entry.externalId.trim()) } : {};
			if (current) {
				return { bId: String(entry.index), operation: 'update', entity: 'Customer', body: { ...fields, ...notes, Id: current.Id, SyncToken: current.SyncToken, sparse: true } };
			}
			return { bId: String(entry.index), operation: 'create', entity: 'Customer', body: { ...fields, ...notes } };
		});
		try {
			const answers = await sendBatch(this.session, items);
			for (const item of items) {
				const answer = answers.get(item.bId)!;
				results[Number(item.bId)] = answer.record ? toCanonicalClient(answer.record as unknown as QboCustomer, context) : answer.error!;
			}
		} catch (error) {
			for (const entry of round) results[entry.index] = error as Error;
		}
	}
}
