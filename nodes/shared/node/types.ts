import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MapContext } from '../canonical/provenance';
import type { VendorClient } from '../transport/client';
import type { VendorProfile } from '../transport/types';

/** One way to authenticate with a system: an n8n credential type. */
export interface SystemCredential {
	/** Value of the system's authentication parameter, e.g. `privateApp`, `oAuth2`. */
	authentication: string;
	displayName: string;
	/** n8n credential type name. */
	credentialType: string;
}

/**
 * A vendor behind a category node: its credentials, its transport profile and the connector
 * that speaks the category's canonical operations in that vendor's API.
 */
export interface SystemDefinition<Connector> {
	/** System key: also `_meta.system` and the parameter value. */
	key: string;
	displayName: string;
	credentials: SystemCredential[];
	profile: VendorProfile;
	connect(client: VendorClient, context: MapContext): Connector;
}

/** Options every operation can read. */
export interface RunOptions {
	includeRaw: boolean;
	correlationId?: string;
	defaultCurrency: string;
}

export interface OperationRun<Connector> {
	ctx: IExecuteFunctions;
	connector: Connector;
	client: VendorClient;
	system: SystemDefinition<Connector>;
	options: RunOptions;
}

/** An operation that handles one item at a time (get, list, update one, raw request). */
export interface ItemOperation<Connector> {
	kind: 'item';
	description: INodeProperties[];
	execute(run: OperationRun<Connector>, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** What `prepare` made of one item, or the error that item gets. */
export type Prepared<Input> = { itemIndex: number; input: Input };

/** The result of one record of a batch write, in input order. */
export type BatchOutcome = { ok: true; json: IDataObject } | { ok: false; error: Error };

/**
 * An operation that writes many records in few calls (batch create, batch upsert): every
 * item is prepared (validated) alone, then the valid ones are written together.
 */
export interface BatchOperation<Connector, Input = unknown> {
	kind: 'batch';
	description: INodeProperties[];
	prepare(run: OperationRun<Connector>, itemIndex: number): Promise<Input>;
	executeBatch(run: OperationRun<Connector>, inputs: Array<Prepared<Input>>): Promise<BatchOutcome[]>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each batch operation has its own input type
export type Operation<Connector> = ItemOperation<Connector> | BatchOperation<Connector, any>;

export interface OperationEntry<Connector> {
	value: string;
	name: string;
	action: string;
	description: string;
	operation: Operation<Connector>;
}

export interface ResourceDefinition<Connector> {
	value: string;
	name: string;
	operations: Array<OperationEntry<Connector>>;
}

/** A category node (CRM, PSA, ERP, HRIS): its systems and its canonical resources. */
export interface CategoryDefinition<Connector> {
	category: string;
	systems: Array<SystemDefinition<Connector>>;
	resources: Array<ResourceDefinition<Connector>>;
}
