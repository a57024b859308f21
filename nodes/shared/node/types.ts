import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { MapContext } from '../canonical/provenance';
import type { VendorClient } from '../transport/client';
import type { TransportProfile } from '../transport/types';

/** One choice of a list-search picker (a client, a project, an account). */
export interface PickerOption {
	name: string;
	value: string;
	description?: string;
}

/** One way to authenticate with a system: an n8n credential type. */
export interface SystemCredential {
	/** Value of the system's authentication parameter, e.g. `privateApp`, `oAuth2`. */
	authentication: string;
	displayName: string;
	/** n8n credential type name. */
	credentialType: string;
}

/**
 * A vendor behind a category node: its credentials, its transport profile, the optional canonical
 * features it has, and the connector that speaks the category's canonical operations in its API.
 */
export interface SystemDefinition<Connector> {
	/** System key: also `_meta.system`, the parameter value and the key of its ids in `externalRefs`. */
	key: string;
	displayName: string;
	/** Other names users search the node panel by (e.g. a product's short name). */
	aliases?: readonly string[];
	credentials: SystemCredential[];
	transport: TransportProfile;
	/** The category's optional features this system has (names from the category's capability list). */
	capabilities: readonly string[];
	connect(client: VendorClient, context: MapContext): Connector;
}

/** An optional canonical feature of a category: what a template or an operation may ask a system for. */
export interface CapabilityDefinition {
	/** Key, e.g. `invoiceNotes`. */
	value: string;
	/** What it means, said the way an error or a help text uses it: "notes on an invoice's history". */
	feature: string;
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
	/** Every registered system key: what a record's `externalRefs` may name. */
	referenceSystems: readonly string[];
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
	/** A capability the system must have; without it every item fails with an error naming both. */
	requires?: string;
	operation: Operation<Connector>;
}

export interface ResourceDefinition<Connector> {
	value: string;
	name: string;
	operations: Array<OperationEntry<Connector>>;
}

/** A category node (CRM, PSA, ERP, HRIS): its systems, its optional features and its canonical resources. */
export interface CategoryDefinition<Connector> {
	category: string;
	systems: Array<SystemDefinition<Connector>>;
	capabilities: CapabilityDefinition[];
	/** Every registered system key: the keys a record's `externalRefs` may carry. */
	referenceSystems: readonly string[];
	resources: Array<ResourceDefinition<Connector>>;
}
