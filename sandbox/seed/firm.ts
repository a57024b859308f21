import { seededRandom } from '../core/ids';
import { generateLeave, type SeedHoliday, type SeedTimeOff } from './leave';
import { DAY_MS } from '../core/time';

/**
 * A fictional consulting firm, vendor-neutral. Each vendor fake renders the part it holds in
 * its own shapes (HubSpot companies, Salesforce Accounts, Harvest clients, ...), so the same
 * seed gives the same business facts in every system.
 */
export interface SeedOptions {
	seed: number;
	/** 1 for tests (tens of clients, hundreds of deals); 10, 100 for benchmarks. */
	scale: number;
}

export interface SeedPerson {
	key: string;
	firstName: string;
	lastName: string;
	email: string;
	department: string;
	jobTitle: string;
	location: string;
	hireDate: string;
	terminationDate?: string;
	managerKey?: string;
	skills: string[];
	costRate: string;
	billRate: string;
	weeklyCapacityHours: number;
}

export interface SeedClient {
	key: string;
	name: string;
	domain: string;
	industry: string;
	city: string;
	country: string;
	currency: string;
	phone: string;
	createdAt: string;
	updatedAt: string;
	ownerKey: string;
}

export interface SeedContact {
	key: string;
	firstName: string;
	lastName: string;
	email: string;
	phone: string;
	jobTitle: string;
	clientKey: string;
	createdAt: string;
	updatedAt: string;
}

export type SeedOutcome = 'open' | 'won' | 'lost';

export interface SeedOpportunity {
	key: string;
	name: string;
	clientKey: string;
	contactKeys: string[];
	/** Decimal string in the currency's major unit. */
	amount: string;
	currency: string;
	outcome: SeedOutcome;
	/** Position in the sales process: 0 qualification .. 4 contract sent; won/lost are terminal. */
	openStageIndex: number;
	closeDate: string;
	createdAt: string;
	updatedAt: string;
	ownerKey: string;
	billingModel: 'fixed_fee' | 'time_and_materials' | 'milestone' | 'retainer';
}

export interface SeedProject {
	key: string;
	name: string;
	code: string;
	clientKey: string;
	opportunityKey: string;
	billingModel: SeedOpportunity['billingModel'];
	budgetAmount: string;
	budgetHours: number;
	hourlyRate: string;
	currency: string;
	startDate: string;
	endDate: string;
	managerKey: string;
	active: boolean;
}

export interface SeedTimeEntry {
	key: string;
	projectKey: string;
	personKey: string;
	task: string;
	date: string;
	hours: number;
	billable: boolean;
	approved: boolean;
	invoiced: boolean;
	notes: string;
}

/** Out-of-pocket cost on a project (travel, meals), re-billed to the client when billable. */
export interface SeedExpense {
	key: string;
	projectKey: string;
	personKey: string;
	category: string;
	date: string;
	/** Decimal string in the project's currency. */
	amount: string;
	billable: boolean;
	approved: boolean;
	invoiced: boolean;
	notes: string;
}

export interface FirmData {
	options: SeedOptions;
	people: SeedPerson[];
	clients: SeedClient[];
	contacts: SeedContact[];
	opportunities: SeedOpportunity[];
	projects: SeedProject[];
	timeEntries: SeedTimeEntry[];
	expenses: SeedExpense[];
	/** HRIS leave: time off requests (every status) and company holidays, see leave.ts. */
	timeOff: SeedTimeOff[];
	holidays: SeedHoliday[];
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Luca', 'Maya', 'Nils', 'Olivia', 'Priya', 'Quinn', 'Rafael', 'Sofia', 'Tomas', 'Uma', 'Victor', 'Wen', 'Yara', 'Zane'];
const LAST = ['Almeida', 'Brooks', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Laurent', 'Mensah', 'Novak', 'Okafor', 'Patel', 'Rossi', 'Schmidt', 'Tanaka', 'Vargas'];
const COMPANY_A = ['Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Greenfield', 'Brightwater', 'Stonegate', 'Clearsky', 'Oakridge', 'Harbor', 'Summit', 'Granite', 'Evergreen', 'Lakeside', 'Copperleaf'];
const COMPANY_B = ['Logistics', 'Health', 'Energy', 'Retail', 'Capital', 'Manufacturing', 'Media', 'Foods', 'Pharma', 'Telecom', 'Insurance', 'Mobility'];
const INDUSTRY: Record<string, string> = { Logistics: 'Transportation', Health: 'Healthcare', Energy: 'Utilities', Retail: 'Retail', Capital: 'Financial Services', Manufacturing: 'Manufacturing', Media: 'Media', Foods: 'Food & Beverage', Pharma: 'Pharmaceuticals', Telecom: 'Telecommunications', Insurance: 'Insurance', Mobility: 'Automotive' };
const CITIES: Array<[string, string, string]> = [['London', 'GB', 'GBP'], ['Manchester', 'GB', 'GBP'], ['New York', 'US', 'USD'], ['Chicago', 'US', 'USD'], ['Austin', 'US', 'USD'], ['Berlin', 'DE', 'EUR'], ['Paris', 'FR', 'EUR'], ['Amsterdam', 'NL', 'EUR']];
const DEPARTMENTS: Array<[string, string[]]> = [
	['Strategy', ['Principal', 'Senior Consultant', 'Consultant']],
	['Engineering', ['Engineering Manager', 'Senior Engineer', 'Engineer']],
	['Data', ['Data Lead', 'Data Scientist', 'Analytics Engineer']],
	['Design', ['Design Lead', 'Product Designer']],
];
const SKILLS = ['cloud migration', 'data strategy', 'python', 'typescript', 'change management', 'pricing', 'ux research', 'sap', 'salesforce', 'machine learning', 'finance transformation', 'agile coaching'];
const TASKS = ['Discovery', 'Design', 'Build', 'Testing', 'Project Management'];
const EXPENSE_CATEGORIES: Array<[string, number, number]> = [['Travel', 80, 900], ['Lodging', 120, 600], ['Meals', 15, 120], ['Software', 20, 300]];
const BILLING: SeedOpportunity['billingModel'][] = ['time_and_materials', 'fixed_fee', 'milestone', 'retainer'];

/** Dates are laid out before this fixed anchor so that a seed gives identical data on every run. */
export const SEED_ANCHOR = Date.parse('2026-10-01T00:00:00Z');

const isoDate = (time: number): string => new Date(time).toISOString().slice(0, 10);
const isoDateTime = (time: number): string => new Date(time).toISOString();

export function generateFirm(options: SeedOptions): FirmData {
	const random = seededRandom(options.seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
	const scale = Math.max(1, options.scale);

	const people: SeedPerson[] = [];
	for (let index = 0; index < 25 * scale; index++) {
		const [department, titles] = DEPARTMENTS[index % DEPARTMENTS.length];
		const firstName = FIRST[index % FIRST.length];
		const lastName = LAST[(index * 7) % LAST.length];
		const hire = SEED_ANCHOR - between(60, 2500) * DAY_MS;
		const terminated = index % 17 === 16;
		const billRate = between(120, 320);
		people.push({
			key: `person-${index + 1}`,
			firstName,
			lastName,
			email: `${firstName}.${lastName}${index >= FIRST.length ? index : ''}@meridian-advisory.example`.toLowerCase(),
			department,
			jobTitle: titles[index % titles.length],
			location: pick(CITIES)[0],
			hireDate: isoDate(hire),
			terminationDate: terminated ? isoDate(SEED_ANCHOR - between(5, 50) * DAY_MS) : undefined,
			managerKey: index >= DEPARTMENTS.length ? `person-${(index % DEPARTMENTS.length) + 1}` : undefined,
			skills: [pick(SKILLS), pick(SKILLS), pick(SKILLS)].filter((skill, position, all) => all.indexOf(skill) === position),
			costRate: `${Math.round(billRate * 0.45)}.00`,
			billRate: `${billRate}.00`,
			weeklyCapacityHours: index % 9 === 0 ? 32 : 40,
		});
	}
	const salesOwners = people.filter((person) => person.department === 'Strategy' && !person.terminationDate);

	const clients: SeedClient[] = [];
	for (let index = 0; index < 40 * scale; index++) {
		const a = COMPANY_A[index % COMPANY_A.length];
		const b = COMPANY_B[Math.floor(index / COMPANY_A.length) % COMPANY_B.length];
		const suffix = index >= COMPANY_A.length * COMPANY_B.length ? ` ${Math.floor(index / (COMPANY_A.length * COMPANY_B.length)) + 1}` : '';
		const [city, country, currency] = pick(CITIES);
		const created = SEED_ANCHOR - between(200, 900) * DAY_MS;
		clients.push({
			key: `client-${index + 1}`,
			name: `${a} ${b}${suffix}`,
			domain: `${a}${b}${suffix.trim()}.example`.toLowerCase(),
			industry: INDUSTRY[b],
			city,
			country,
			currency,
			phone: `+44 20 7946 ${String(1000 + index).slice(-4)}`,
			createdAt: isoDateTime(created),
			updatedAt: isoDateTime(created + between(1, 150) * DAY_MS),
			ownerKey: pick(salesOwners).key,
		});
	}

	const contacts: SeedContact[] = [];
	for (let index = 0; index < 120 * scale; index++) {
		const client = clients[index % clients.length];
		const firstName = pick(FIRST);
		const lastName = pick(LAST);
		contacts.push({
			key: `contact-${index + 1}`,
			firstName,
			lastName,
			email: `${firstName}.${lastName}.${index + 1}@${client.domain}`.toLowerCase(),
			phone: `+1 555 01${String(index % 100).padStart(2, '0')}`,
			jobTitle: pick(['CFO', 'COO', 'Head of Operations', 'IT Director', 'Procurement Lead', 'VP Finance']),
			clientKey: client.key,
			createdAt: client.createdAt,
			updatedAt: client.updatedAt,
		});
	}

	const opportunities: SeedOpportunity[] = [];
	for (let index = 0; index < 300 * scale; index++) {
		const client = clients[index % clients.length];
		const clientContacts = contacts.filter((contact, position) => position % clients.length === index % clients.length);
		const roll = random();
		const outcome: SeedOutcome = roll < 0.3 ? 'won' : roll < 0.5 ? 'lost' : 'open';
		const created = SEED_ANCHOR - between(30, 400) * DAY_MS;
		const close = outcome === 'open' ? SEED_ANCHOR + between(5, 120) * DAY_MS : created + between(10, 25) * DAY_MS;
		const amount = between(15, 480) * 1000 + between(0, 99) * 10;
		opportunities.push({
			key: `opportunity-${index + 1}`,
			name: `${client.name} - ${pick(['Operating model review', 'Data platform', 'Cloud migration', 'Pricing study', 'ERP selection', 'Cost transformation'])} ${index + 1}`,
			clientKey: client.key,
			contactKeys: clientContacts.slice(0, 2).map((contact) => contact.key),
			amount: `${amount}.00`,
			currency: client.currency,
			outcome,
			openStageIndex: outcome === 'open' ? between(0, 4) : 4,
			closeDate: isoDate(close),
			createdAt: isoDateTime(created),
			updatedAt: isoDateTime(Math.min(close, SEED_ANCHOR - DAY_MS)),
			ownerKey: client.ownerKey,
			billingModel: pick(BILLING),
		});
	}

	const projects: SeedProject[] = [];
	const staff = people.filter((person) => !person.terminationDate);
	for (const opportunity of opportunities.filter((candidate) => candidate.outcome === 'won').slice(0, 60 * scale)) {
		const start = Date.parse(`${opportunity.closeDate}T00:00:00Z`) + 14 * DAY_MS;
		const hourlyRate = between(150, 260);
		projects.push({
			key: `project-${projects.length + 1}`,
			name: opportunity.name.split(' - ')[1],
			code: `PRJ-${String(projects.length + 1).padStart(4, '0')}`,
			clientKey: opportunity.clientKey,
			opportunityKey: opportunity.key,
			billingModel: opportunity.billingModel,
			budgetAmount: opportunity.amount,
			budgetHours: Math.round(Number(opportunity.amount) / hourlyRate),
			hourlyRate: `${hourlyRate}.00`,
			currency: opportunity.currency,
			startDate: isoDate(start),
			endDate: isoDate(start + between(60, 240) * DAY_MS),
			managerKey: pick(staff).key,
			active: start + 240 * DAY_MS > SEED_ANCHOR,
		});
	}

	const timeEntries: SeedTimeEntry[] = [];
	for (let index = 0; index < 600 * scale && projects.length > 0; index++) {
		const project = projects[index % projects.length];
		const date = SEED_ANCHOR - between(1, 90) * DAY_MS;
		const approved = random() < 0.7;
		timeEntries.push({
			key: `time-${index + 1}`,
			projectKey: project.key,
			personKey: pick(staff).key,
			task: pick(TASKS),
			date: isoDate(date),
			hours: between(1, 16) / 2,
			billable: random() < 0.85,
			approved,
			invoiced: approved && random() < 0.4,
			notes: pick(['Workshop', 'Analysis', 'Client call', 'Build', 'Review', 'Documentation']),
		});
	}

	// Expenses draw from their own stream, so adding them changed none of the records above.
	const expenseRandom = seededRandom(options.seed + 7919);
	const expenses: SeedExpense[] = [];
	for (let index = 0; index < 120 * scale && projects.length > 0; index++) {
		const project = projects[(index * 7) % projects.length];
		const approved = expenseRandom() < 0.6;
		const [category, low, high] = EXPENSE_CATEGORIES[Math.floor(expenseRandom() * EXPENSE_CATEGORIES.length)];
		const cents = Math.floor(expenseRandom() * 100);
		expenses.push({
			key: `expense-${index + 1}`,
			projectKey: project.key,
			personKey: staff[Math.floor(expenseRandom() * staff.length)].key,
			category,
			date: isoDate(SEED_ANCHOR - (1 + Math.floor(expenseRandom() * 90)) * DAY_MS),
			amount: `${low + Math.floor(expenseRandom() * (high - low))}.${String(cents).padStart(2, '0')}`,
			billable: expenseRandom() < 0.8,
			approved,
			invoiced: approved && expenseRandom() < 0.4,
			notes: `${category} for ${project.name}`,
		});
	}

	const { timeOff, holidays } = generateLeave(people, options, SEED_ANCHOR);
	return { options, people, clients, contacts, opportunities, projects, timeEntries, expenses, timeOff, holidays };
}
