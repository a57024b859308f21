import type { CanonicalEntity } from '../../../nodes/shared/canonical';

/**
 * One canonical entity as the corpus sees it: a valid record, and which of its fields are of
 * which kind, so that every kind of breakage can be aimed at every field that can suffer it.
 * Paths are dotted (`lines.0.quantity`).
 */
export interface EntityProfile {
	entity: CanonicalEntity;
	valid: Record<string, unknown>;
	required: string[];
	/** Required single-line names: blank ones are missing too. */
	names?: string[];
	ids: string[];
	lines: string[];
	texts?: string[];
	emails?: string[];
	currencies?: string[];
	money?: string[];
	numbers?: string[];
	booleans?: string[];
	enums?: string[];
	dates?: string[];
	dateTimes?: string[];
	/** Start and end that must not be in reverse order. */
	dateOrder?: [start: string, end: string];
}

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

export const ENTITY_PROFILES: EntityProfile[] = [
	{
		entity: 'client',
		valid: { name: 'Acme Advisory', domain: 'acme.example', email: 'billing@acme.example', currency: 'USD', billingAddress: { city: 'Boston' }, ownerId: '501', externalRefs: { key: 'ERP-C-1' } },
		required: ['name'],
		names: ['name'],
		ids: ['ownerId', 'id'],
		lines: ['name', 'phone', 'billingAddress.city'],
		emails: ['email'],
		currencies: ['currency'],
		booleans: ['isActive'],
		dateTimes: ['createdAt'],
	},
	{
		entity: 'contact',
		valid: { firstName: 'Kim', lastName: 'Allen', email: 'kim@acme.example', clientId: '1001' },
		required: [],
		ids: ['clientId', 'ownerId'],
		lines: ['lastName', 'jobTitle'],
		emails: ['email'],
		dateTimes: ['updatedAt'],
	},
	{
		entity: 'opportunity',
		valid: { name: 'Acme - Data platform', status: 'open', amount: eur(150_000), closeDate: '2026-06-30', clientId: '1001', contactIds: ['2001'], probability: 0.5 },
		required: ['name', 'status'],
		names: ['name'],
		ids: ['clientId', 'contactIds.0', 'ownerId'],
		lines: ['name', 'stage'],
		texts: ['nextStep'],
		money: ['amount'],
		numbers: ['probability'],
		enums: ['status', 'billingModel'],
		dates: ['closeDate', 'startDate'],
		dateTimes: ['closedAt'],
	},
	{
		entity: 'contract',
		valid: {
			billingModel: 'fixed_fee',
			currency: 'GBP',
			value: { amountMinor: 4_800_000, currency: 'GBP' },
			startDate: '2026-01-01',
			endDate: '2026-12-31',
			paymentTerms: { netDays: 30 },
			rateCard: [{ role: 'Consultant', hourlyRate: { amountMinor: 15_000, currency: 'GBP' } }],
		},
		required: ['billingModel', 'currency'],
		ids: ['clientId', 'opportunityId'],
		lines: ['poNumber', 'rateCard.0.role'],
		currencies: ['currency'],
		money: ['value', 'rateCard.0.hourlyRate'],
		numbers: ['paymentTerms.netDays'],
		enums: ['billingModel'],
		dates: ['startDate', 'endDate'],
		dateOrder: ['startDate', 'endDate'],
	},
	{
		entity: 'project',
		valid: { name: 'Data platform', clientId: '1001', status: 'active', billingModel: 'time_and_materials', budgetAmount: eur(5_000_000), hourlyRate: eur(15_000), budgetHours: 400, startDate: '2026-03-01', endDate: '2026-06-30' },
		required: ['name'],
		names: ['name'],
		ids: ['clientId', 'managerId'],
		lines: ['name', 'code'],
		texts: ['notes'],
		money: ['budgetAmount', 'hourlyRate'],
		numbers: ['budgetHours'],
		enums: ['status', 'billingModel'],
		dates: ['startDate', 'endDate'],
		dateOrder: ['startDate', 'endDate'],
		dateTimes: ['updatedAt'],
	},
	{
		entity: 'task',
		valid: { name: 'Design', projectId: '3001', billable: true, hourlyRate: usd(15_000), budgetHours: 40 },
		required: ['name'],
		names: ['name'],
		ids: ['projectId'],
		lines: ['name'],
		money: ['hourlyRate'],
		numbers: ['budgetHours'],
		booleans: ['billable', 'isActive'],
	},
	{
		entity: 'milestone',
		valid: { name: 'Go-live', projectId: '3001', dueDate: '2026-05-01', amount: eur(1_200_000), status: 'planned' },
		required: ['name'],
		names: ['name'],
		ids: ['projectId'],
		lines: ['name'],
		money: ['amount'],
		enums: ['status'],
		dates: ['dueDate'],
	},
	{
		entity: 'resource',
		valid: { displayName: 'Kim Allen', email: 'kim@firm.example', costRate: usd(9_000), billRate: usd(18_000), weeklyCapacityHours: 40, hireDate: '2024-01-15', skills: ['SQL'] },
		required: ['displayName'],
		names: ['displayName'],
		ids: ['managerId'],
		lines: ['displayName', 'department', 'skills.0'],
		emails: ['email'],
		money: ['costRate', 'billRate'],
		numbers: ['weeklyCapacityHours'],
		enums: ['employmentStatus'],
		dates: ['hireDate', 'terminationDate'],
		dateOrder: ['hireDate', 'terminationDate'],
	},
	{
		entity: 'assignment',
		valid: { kind: 'allocation', projectId: '3001', resourceId: '4001', hoursPerWeek: 20, startDate: '2026-03-02', endDate: '2026-04-30', billRate: usd(18_000) },
		required: ['kind', 'projectId'],
		ids: ['projectId', 'resourceId', 'taskId'],
		lines: ['role'],
		money: ['billRate'],
		numbers: ['hoursPerWeek'],
		booleans: ['isProjectManager', 'billable'],
		enums: ['kind'],
		dates: ['startDate', 'endDate'],
		dateOrder: ['startDate', 'endDate'],
	},
	{
		entity: 'timeEntry',
		valid: { date: '2026-03-02', hours: 7.5, billable: true, approvalStatus: 'approved', projectId: '3001', taskId: '5001', rate: usd(15_000) },
		required: ['date', 'hours', 'billable', 'approvalStatus', 'projectId'],
		ids: ['projectId', 'taskId', 'resourceId'],
		lines: [],
		texts: ['notes'],
		money: ['rate'],
		numbers: ['hours'],
		booleans: ['billable'],
		enums: ['approvalStatus'],
		dates: ['date'],
		dateTimes: ['updatedAt'],
	},
	{
		entity: 'expense',
		valid: { date: '2026-03-03', amount: usd(4_250), billable: true, approvalStatus: 'submitted', projectId: '3001', category: 'Travel' },
		required: ['date', 'amount', 'billable', 'approvalStatus', 'projectId'],
		ids: ['projectId', 'resourceId'],
		lines: ['category'],
		texts: ['notes'],
		money: ['amount'],
		booleans: ['billable', 'invoiced'],
		enums: ['approvalStatus'],
		dates: ['date'],
	},
	{
		entity: 'invoice',
		valid: {
			clientId: '1001',
			status: 'draft',
			currency: 'EUR',
			issueDate: '2026-03-01',
			dueDate: '2026-03-31',
			reference: 'PRJ-0042-2026-03',
			lines: [{ description: 'Consulting', quantity: 2, unitPrice: eur(10_000), lineAmount: eur(20_000) }],
		},
		required: ['clientId', 'status', 'currency', 'issueDate'],
		ids: ['clientId', 'projectId', 'lines.0.sourceIds.0'],
		lines: ['reference', 'number'],
		texts: ['lines.0.description'],
		currencies: ['currency'],
		money: ['lines.0.unitPrice', 'total'],
		numbers: ['lines.0.quantity'],
		enums: ['status'],
		dates: ['issueDate', 'dueDate'],
		dateOrder: ['issueDate', 'dueDate'],
		dateTimes: ['updatedAt'],
	},
	{
		entity: 'payment',
		valid: { invoiceId: '6001', date: '2026-03-15', amount: eur(20_000), reference: 'BANK-778' },
		required: ['invoiceId', 'date', 'amount'],
		ids: ['invoiceId', 'clientId'],
		lines: ['reference', 'method'],
		money: ['amount'],
		dates: ['date'],
	},
	{
		entity: 'timeOff',
		valid: { resourceId: '4001', status: 'approved', startDate: '2026-04-06', endDate: '2026-04-07', hours: 16, type: 'Vacation' },
		required: ['resourceId', 'status', 'startDate', 'endDate'],
		ids: ['resourceId'],
		lines: ['type'],
		numbers: ['hours'],
		enums: ['status'],
		dates: ['startDate', 'endDate'],
		dateOrder: ['startDate', 'endDate'],
	},
];

export const profileOf = (entity: CanonicalEntity): EntityProfile => ENTITY_PROFILES.find((profile) => profile.entity === entity)!;
