import type { INodeProperties } from 'n8n-workflow';
import { itemOperation } from '../../types';
import { periodProperties, readPeriod } from './billingInputs';

const description: INodeProperties[] = [...periodProperties];

/** The month an invoice run bills (the one named, or last month) and its issue and due dates, added to each item. */
export const getBillingPeriodOperation = itemOperation(description, (run, itemIndex) => ({ ...run.items[itemIndex].json, ...readPeriod(run, itemIndex) }));
