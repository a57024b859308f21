import type { Milestone, Money, Project } from '../../../shared/canonical';
import { multiplyMoney, sumMoney, toDecimalString } from '../../../shared/canonical';
import { feeLine, inBillingOrder, timeLines, type BillableTime, type LineNames, type PricedLine } from './lines';
import { hoursToHundredths, hundredthsText, moneyText, priceHours } from './price';
import type { BillingTerms } from './terms';
import type { BillingPolicy, Finding, NotToExceedOutcome, RetainerDrawdown } from './types';

/** What one project's time bills under its model: lines, the time kept off, and what to review. */
export interface ModelBill {
	lines: PricedLine[];
	holds: Finding[];
	/** Project-level findings for the reviewer (rule and reason). */
	notes: Array<{ rule: string; reason: string }>;
	milestoneIds: string[];
	retainer?: RetainerDrawdown;
	notToExceed?: NotToExceedOutcome;
}

export interface ProjectToBill {
	project: Project;
	terms?: BillingTerms;
	time: BillableTime[];
	milestones: Milestone[];
	/** What earlier invoices billed for time, per currency (minor units). */
	billedBefore: Map<string, number>;
	policy: BillingPolicy;
	names: LineNames;
}

const hold = (item: BillableTime, rule: Finding['rule'], reason: string): Finding => ({ rule, reason, recordType: 'timeEntry', recordId: item.entry.id ?? '', position: item.position });
const hours = (hundredths: number): number => hundredths / 100;

/** Time and materials: hours x rate; with a not-to-exceed cap, time past the cap is held in date order. */
export function timeAndMaterials(work: ProjectToBill): ModelBill {
	const { project, terms, policy, names } = work;
	const cap = terms?.notToExceed;
	if (!cap) return { lines: timeLines(work.time, policy, names, project.id ?? ''), holds: [], notes: [], milestoneIds: [] };
	const before = terms?.billedToDate?.currency === cap.currency ? terms.billedToDate.amountMinor : (work.billedBefore.get(cap.currency) ?? 0);
	const room = cap.amountMinor - before;
	const holds: Finding[] = [];
	const kept: BillableTime[] = [];
	// Exact running cost in hundredths of a minor unit: hours (1/100) x rate (minor).
	let running = 0;
	let capReached = false;
	for (const item of inBillingOrder(work.time)) {
		const currency = item.check.rate?.currency ?? item.check.currency;
		if (currency !== cap.currency) {
			holds.push(hold(item, 'notToExceed', `time entry ${item.entry.id} is billed in ${currency}; the not-to-exceed cap of project "${project.name}" is in ${cap.currency}`));
			continue;
		}
		const cost = item.hundredths * (item.check.rate?.amountMinor ?? 0);
		// Once the cap is reached, later time waits too: billing stays in date order.
		capReached ||= running + cost > room * 100;
		if (capReached) {
			holds.push(hold(item, 'notToExceed', `time entry ${item.entry.id} would take billing past the not-to-exceed cap of ${moneyText(cap)} on project "${project.name}" (${toDecimalString(before, cap.currency)} billed before)`));
			continue;
		}
		running += cost;
		kept.push(item);
	}
	let lines = timeLines(kept, policy, names, project.id ?? '');
	// Rounding each line half up can pass the cap by a minor unit: the latest time then waits too.
	while (kept.length > 0 && sumMoney(lines.map((priced) => priced.line.lineAmount), cap.currency).amountMinor > room) {
		const last = kept.pop() as BillableTime;
		holds.push(hold(last, 'notToExceed', `time entry ${last.entry.id} would take billing past the not-to-exceed cap of ${moneyText(cap)} on project "${project.name}" (${toDecimalString(before, cap.currency)} billed before)`));
		lines = timeLines(kept, policy, names, project.id ?? '');
	}
	const billedNow = lines.length ? sumMoney(lines.map((priced) => priced.line.lineAmount), cap.currency).amountMinor : 0;
	// The invoice leaves time of its own project behind: a reviewer sees that before it goes out.
	const heldPositions = new Set(holds.map((found) => found.position));
	const heldHundredths = work.time.reduce((sum, item) => (heldPositions.has(item.position) ? sum + item.hundredths : sum), 0);
	const notes = holds.length > 0 && lines.length > 0 ? [{ rule: 'notToExceed', reason: `${holds.length} time ${holds.length === 1 ? 'entry' : 'entries'} (${hundredthsText(heldHundredths)} h) of project "${project.name}" would take billing past its not-to-exceed cap of ${moneyText(cap)} and ${holds.length === 1 ? 'is' : 'are'} held off this invoice` }] : [];
	return {
		lines,
		holds,
		notes,
		milestoneIds: [],
		notToExceed: {
			cap,
			billedBefore: { amountMinor: before, currency: cap.currency },
			billedNow: { amountMinor: billedNow, currency: cap.currency },
			remainingAfter: { amountMinor: room - billedNow, currency: cap.currency },
			heldTimeEntryIds: holds.map((found) => found.recordId),
		},
	};
}

/**
 * Retainer or block hours: the period's time draws down the hours the retainer covers (this
 * period's, or the prepaid balance); hours beyond are overage, billed at the overage rate (else
 * the project's, else each entry's). An entry that crosses the balance is listed on the overage line.
 */
export function retainer(work: ProjectToBill): ModelBill {
	const { project, terms, policy, names } = work;
	const retainerTerms = terms?.retainer;
	if (!retainerTerms) return timeAndMaterials(work);
	const projectId = project.id ?? '';
	const included = hoursToHundredths(retainerTerms.balanceHours ?? retainerTerms.hoursPerPeriod ?? 0);
	const overageRate = retainerTerms.overageRate ?? project.hourlyRate;
	const lines: PricedLine[] = [];
	if (retainerTerms.fee) lines.push(feeLine(`Retainer, ${names.periodLabel}`, retainerTerms.fee, projectId));
	const covered: BillableTime[] = [];
	const overage: BillableTime[] = [];
	let drawn = 0;
	for (const item of inBillingOrder(work.time)) {
		const left = included - drawn;
		if (item.hundredths <= left) {
			covered.push(item);
			drawn += item.hundredths;
		} else {
			overage.push({ ...item, hundredths: item.hundredths - Math.max(0, left) });
			drawn += Math.max(0, left);
		}
	}
	const currency = retainerTerms.fee?.currency ?? overageRate?.currency ?? covered.find((item) => item.check.currency)?.check.currency ?? overage[0]?.check.currency;
	// The drawdown line shows every hour drawn (an entry that crosses the balance draws its first hours); it lists the entries fully covered.
	if (drawn > 0 && currency) {
		const zero: Money = { amountMinor: 0, currency };
		lines.push({
			line: {
				description: `Retainer hours, ${names.periodLabel}: ${hundredthsText(drawn)} h of ${hundredthsText(included)} h (${hundredthsText(included - drawn)} h left)`,
				quantity: hours(drawn),
				unitPrice: zero,
				lineAmount: zero,
				projectId,
				sourceIds: covered.map((item) => item.entry.id ?? ''),
			},
			timePositions: covered.map((item) => item.position),
			expensePositions: [],
		});
	}
	if (overage.length > 0) {
		lines.push(...timeLines(overage, policy, names, projectId, { label: 'Hours beyond the retainer', rateOf: overageRate ? () => overageRate : undefined }));
	}
	const overageHundredths = overage.reduce((sum, item) => sum + item.hundredths, 0);
	return {
		lines,
		holds: [],
		notes: [],
		milestoneIds: [],
		retainer: { includedHours: hours(included), drawnHours: hours(drawn), overageHours: hours(overageHundredths), remainingHours: hours(included - drawn) },
	};
}

/**
 * Fixed fee and milestone projects bill their fee, not their hours: by the milestones reached, or
 * by percent complete less what was billed before. The period's time is listed on the first fee
 * line (it is what the fee covers); with no fee due, it is held as covered by the fixed fee.
 */
export function fixedFee(work: ProjectToBill): ModelBill {
	const { project, terms, names } = work;
	const projectId = project.id ?? '';
	const lines: PricedLine[] = [];
	const notes: ModelBill['notes'] = [];
	const milestoneIds: string[] = [];
	const basis = terms?.feeBasis ?? (terms?.percentComplete !== undefined ? 'percentComplete' : 'milestone');
	if (basis === 'milestone') {
		const reached = work.milestones
			.filter((milestone) => milestone.status === 'reached')
			.sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.name.localeCompare(b.name));
		for (const milestone of reached) {
			if (!milestone.amount) {
				notes.push({ rule: 'milestoneWithoutAmount', reason: `milestone "${milestone.name}" of project "${project.name}" is reached but has no amount; it is not billed` });
				continue;
			}
			lines.push(feeLine(`Milestone: ${milestone.name}`, milestone.amount, projectId, milestone.id ? [milestone.id] : []));
			if (milestone.id) milestoneIds.push(milestone.id);
		}
	} else {
		const fee = terms?.fixedFee ?? project.fixedFee;
		const percent = terms?.percentComplete ?? 0;
		if (!fee) notes.push({ rule: 'noFixedFee', reason: `project "${project.name}" bills by percent complete but has no fixed fee` });
		else {
			const earned = multiplyMoney(fee, percent / 100);
			const before = terms?.feeBilledToDate?.currency === fee.currency ? terms.feeBilledToDate.amountMinor : 0;
			const due = earned.amountMinor - before;
			if (due > 0) {
				const text = (minor: number) => toDecimalString(minor, fee.currency);
				lines.push(feeLine(`Fixed fee, ${names.periodLabel}: ${percent}% complete (${text(earned.amountMinor)} of ${text(fee.amountMinor)} ${fee.currency}, ${text(before)} billed before)`, { amountMinor: due, currency: fee.currency }, projectId));
			} else if (due < 0) {
				notes.push({ rule: 'feeBilledAhead', reason: `project "${project.name}" has billed ${moneyText({ amountMinor: before, currency: fee.currency })} of its fee, more than the ${percent}% complete earns (${moneyText(earned)})` });
			}
		}
	}
	const time = inBillingOrder(work.time);
	if (lines.length > 0) {
		lines[0].line.sourceIds.push(...time.map((item) => item.entry.id ?? ''));
		lines[0].timePositions.push(...time.map((item) => item.position));
		return { lines, holds: [], notes, milestoneIds };
	}
	const holds = time.map((item) => hold(item, 'coveredByFixedFee', `time entry ${item.entry.id} is covered by the fixed fee of project "${project.name}"; no fee falls due in ${names.periodLabel}`));
	return { lines, holds, notes, milestoneIds };
}

/** Priced time already invoiced, per currency: the budget's and the cap's "billed before". */
export function billedBeforeByCurrency(billed: Array<{ hours: number; rate?: Money }>): Map<string, number> {
	const totals = new Map<string, number>();
	for (const entry of billed) {
		if (!entry.rate) continue;
		totals.set(entry.rate.currency, (totals.get(entry.rate.currency) ?? 0) + priceHours(hoursToHundredths(entry.hours), entry.rate).amountMinor);
	}
	return totals;
}
