import type { PickerOption } from '../shared/node/types';
import type { Client, Contact, Opportunity, OpportunityStatus } from '../shared/canonical';
import type { RecordApi } from '../shared/operations/recordApi';

export interface OpportunityFilters {
	/** Vendor stage id. */
	stage?: string;
	status?: OpportunityStatus;
	/** ISO 8601: closed at or after (close date). */
	closedSince?: string;
}

export type { PickerOption } from '../shared/node/types';

/** The canonical CRM operations, as each CRM vendor's connector implements them. */
export interface CrmConnector {
	clients: RecordApi<Client>;
	contacts: RecordApi<Contact>;
	opportunities: RecordApi<Opportunity> & {
		/** Writes cross-system references (e.g. `{ <psa key>: "123" }`) onto the opportunity. */
		setExternalRefs(id: string, refs: Record<string, string>): Promise<Opportunity>;
	};
	/** Pickers for the node's list-search fields. */
	listStages(): Promise<PickerOption[]>;
	listOwners(filter?: string): Promise<PickerOption[]>;
	/** Polling: opportunities that are won and changed at or after `since`, oldest first. */
	wonOpportunitiesSince(since: string): AsyncIterable<Opportunity[]>;
	/** Polling: clients created or changed at or after `since`, oldest first. */
	clientsChangedSince(since: string): AsyncIterable<Client[]>;
}
