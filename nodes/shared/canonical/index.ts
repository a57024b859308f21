/**
 * The canonical project-to-cash model, v1: one zod schema per entity, types inferred from them.
 * Cross-system references live in `externalRefs` on every record (see common.ts).
 */
import type { z } from 'zod';
import { Assignment } from './assignment';
import { Client } from './client';
import { Contact } from './contact';
import { Contract } from './contract';
import { Expense } from './expense';
import { Invoice } from './invoice';
import { Opportunity } from './opportunity';
import { Payment } from './payment';
import { Project } from './project';
import { Resource } from './resource';
import { Milestone, Task } from './task';
import { TimeEntry } from './timeEntry';
import { TimeOff } from './timeOff';

export * from './common';
export * from './money';
export { Assignment } from './assignment';
export { Client } from './client';
export { Contact } from './contact';
export { BillingModel, Contract, PaymentTerms, RateCardEntry } from './contract';
export { Expense } from './expense';
export { Invoice, InvoiceLine, InvoiceStatus } from './invoice';
export { Opportunity, OpportunityStatus } from './opportunity';
export { Payment } from './payment';
export { Project, ProjectStatus } from './project';
export { EmploymentStatus, Resource } from './resource';
export { Milestone, MilestoneStatus, Task } from './task';
export { ApprovalStatus, TimeEntry } from './timeEntry';
export { TimeOff } from './timeOff';

export const canonicalSchemas = {
	client: Client,
	contact: Contact,
	opportunity: Opportunity,
	contract: Contract,
	project: Project,
	task: Task,
	milestone: Milestone,
	resource: Resource,
	assignment: Assignment,
	timeEntry: TimeEntry,
	expense: Expense,
	invoice: Invoice,
	payment: Payment,
	timeOff: TimeOff,
} as const;

export type CanonicalEntity = keyof typeof canonicalSchemas;
export type CanonicalRecord<E extends CanonicalEntity> = z.infer<(typeof canonicalSchemas)[E]>;
export * from './provenance';
export * from './validate';
