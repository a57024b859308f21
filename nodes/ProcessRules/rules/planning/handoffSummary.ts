/** A deal handed off this run: its project, created now or found from an earlier run. */
export interface HandedOffDeal {
	dealId: string;
	dealName: string;
	clientName: string;
	projectId: string;
	projectLink: string;
	projectCreated: boolean;
	erpCustomerCreated: boolean;
	amountDecimal: string;
	currency: string;
	billingModel: string;
	milestones: number;
	/** When the deal was won (ISO date-time). */
	closedAt: string;
}

export interface HandoffRunInput {
	/** Now (ISO date-time): the cycle time runs from the deal's close to this. */
	finishedAt: string;
	wonDeals: number;
	notYetHandedOff: number;
	handoffs: HandedOffDeal[];
	created: { erpCustomers: number; psaClients: number; tasks: number; staffingAssignments: number };
	waitingForData: Array<{ dealId: string; deal: string; missing: string[] }>;
	budgetNotApproved: Array<{ dealId: string; deal: string; outcome: string }>;
	/** Clients a match found more than once, in words. */
	ambiguousClients: string[];
}

export interface HandoffRunSummary {
	finishedAt: string;
	wonDealsInWindow: number;
	alreadyHandedOff: number;
	handedOff: number;
	projectsCreated: number;
	erpCustomersCreated: number;
	psaClientsCreated: number;
	tasksAdded: number;
	staffingAssignments: number;
	waitingForData: HandoffRunInput['waitingForData'];
	budgetNotApproved: HandoffRunInput['budgetNotApproved'];
	ambiguousClients: string[];
	/** From the deal's close to its project ready, over the projects created now: median and max, in hours to one decimal. */
	cycleTimeHours: { median: number | null; max: number | null };
	handoffs: Array<Omit<HandedOffDeal, 'dealName' | 'clientName' | 'amountDecimal' | 'currency' | 'closedAt'> & { deal: string; client: string; budget: string; cycleTimeHours: number }>;
}

const tenths = (hours: number): number => Math.round(hours * 10) / 10;

/** A handoff run in one record: what was handed off, what waits and why, and the cycle time from close to project ready. */
export function handoffSummary(input: HandoffRunInput): HandoffRunSummary {
	const now = Date.parse(input.finishedAt);
	const handoffs = input.handoffs.map((handoff) => ({
		dealId: handoff.dealId,
		deal: handoff.dealName,
		client: handoff.clientName,
		projectId: handoff.projectId,
		projectLink: handoff.projectLink,
		projectCreated: handoff.projectCreated,
		erpCustomerCreated: handoff.erpCustomerCreated,
		budget: `${handoff.amountDecimal} ${handoff.currency}`,
		billingModel: handoff.billingModel,
		milestones: handoff.milestones,
		cycleTimeHours: tenths((now - Date.parse(handoff.closedAt)) / 3_600_000),
	}));
	const cycle = handoffs.filter((handoff) => handoff.projectCreated && Number.isFinite(handoff.cycleTimeHours)).map((handoff) => handoff.cycleTimeHours).sort((a, b) => a - b);
	const middle = cycle.length / 2;
	const median = cycle.length === 0 ? null : cycle.length % 2 ? cycle[Math.floor(middle)] : tenths((cycle[middle - 1] + cycle[middle]) / 2);
	return {
		finishedAt: input.finishedAt,
		wonDealsInWindow: input.wonDeals,
		alreadyHandedOff: input.wonDeals - input.notYetHandedOff,
		handedOff: handoffs.length,
		projectsCreated: handoffs.filter((handoff) => handoff.projectCreated).length,
		erpCustomersCreated: input.created.erpCustomers,
		psaClientsCreated: input.created.psaClients,
		tasksAdded: input.created.tasks,
		staffingAssignments: input.created.staffingAssignments,
		waitingForData: input.waitingForData,
		budgetNotApproved: input.budgetNotApproved,
		ambiguousClients: input.ambiguousClients,
		cycleTimeHours: { median, max: cycle.length ? cycle[cycle.length - 1] : null },
		handoffs,
	};
}
