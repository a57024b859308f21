import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { toMinorUnits } from '../shared/canonical/money';
import type { ApprovalPolicy, ApproverGroup, QuorumRule, TimeoutAction } from './policy';
import { parseIdentities, PolicyError } from './policy';
import type { RequestInput } from './state';

/** Reads one item's request and its policy from the node parameters; errors name the parameter. */

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

function text(context: IExecuteFunctions, name: string, itemIndex: number, fallback = ''): string {
	const value = context.getNodeParameter(name, itemIndex, fallback) as unknown;
	return value === undefined || value === null ? '' : String(value).trim();
}

function currencyCode(value: string, parameter: string): string {
	const code = value.toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) throw new PolicyError(`${parameter}: "${value}" is not an ISO 4217 currency code such as USD`);
	return code;
}

function minor(value: unknown, currency: string, parameter: string): number {
	let amount: number | undefined;
	let problem = '';
	try {
		amount = toMinorUnits(typeof value === 'number' ? value : String(value ?? ''), currency);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (amount === undefined) throw new PolicyError(`${parameter}: ${problem}`);
	return amount;
}

function quorumOf(kind: unknown, required: unknown): QuorumRule {
	if (kind === 'all') return { kind: 'all' };
	if (kind === 'nOfM') return { kind: 'nOfM', required: Number(required) };
	return { kind: 'any' };
}

function readGroups(context: IExecuteFunctions, itemIndex: number): ApproverGroup[] {
	const collection = context.getNodeParameter('approverGroups', itemIndex, {}) as { group?: IDataObject[] };
	return (collection.group ?? []).map((group, position) => {
		const name = String(group.name ?? '').trim();
		if (name === '') throw new PolicyError(`Approver Groups: group ${position + 1} has no name`);
		return { name, members: parseIdentities(String(group.members ?? '')), quorum: quorumOf(group.quorum, group.requiredApprovals) };
	});
}

function readTimeout(context: IExecuteFunctions, itemIndex: number, currency: string): TimeoutAction {
	const kind = context.getNodeParameter('onTimeout', itemIndex, 'reject') as string;
	if (kind === 'escalate') {
		const path = text(context, 'escalateTo', itemIndex).split(',').map((name) => name.trim()).filter((name) => name !== '');
		return { kind: 'escalate', path };
	}
	if (kind === 'approveBelow') {
		return { kind: 'approveBelow', limitMinor: minor(context.getNodeParameter('autoApproveBelow', itemIndex, 0), currency, 'Auto-Approve Below') };
	}
	return { kind: 'reject' };
}

export function readPolicy(context: IExecuteFunctions, itemIndex: number): ApprovalPolicy {
	const currency = currencyCode(text(context, 'policyCurrency', itemIndex, 'USD') || 'USD', 'Policy Currency');
	const groups = readGroups(context, itemIndex);
	const source = context.getNodeParameter('approverSource', itemIndex, 'named') as string;
	let firstLevel: ApprovalPolicy['firstLevel'];
	if (source === 'byAmount') {
		const collection = context.getNodeParameter('amountThresholds', itemIndex, {}) as { threshold?: IDataObject[] };
		const thresholds = (collection.threshold ?? []).map((threshold) => ({
			fromMinor: minor(threshold.fromAmount ?? 0, currency, 'Amount Thresholds'),
			group: String(threshold.group ?? '').trim(),
		}));
		if (thresholds.length === 0) throw new PolicyError('Amount Thresholds: add at least one threshold (from 0)');
		firstLevel = { kind: 'byAmount', thresholds };
	} else {
		const members = parseIdentities(text(context, 'approvers', itemIndex));
		if (members.length === 0) throw new PolicyError('Approver E-Mails: name at least one approver');
		const quorum = quorumOf(context.getNodeParameter('quorum', itemIndex, 'any'), context.getNodeParameter('requiredApprovals', itemIndex, 2));
		firstLevel = { kind: 'named', group: { name: 'Named approvers', members, quorum } };
	}
	const secondLevel = context.getNodeParameter('secondLevel', itemIndex, false) === true
		? {
				group: text(context, 'secondLevelGroup', itemIndex),
				fromMinor: minor(context.getNodeParameter('secondLevelFromAmount', itemIndex, 0), currency, 'Second Level From Amount'),
			}
		: undefined;
	const deadlineAmount = Number(context.getNodeParameter('deadlineAmount', itemIndex, 2));
	const unit = context.getNodeParameter('deadlineUnit', itemIndex, 'days') as string;
	if (!(deadlineAmount > 0) || !UNIT_MS[unit]) throw new PolicyError('Decision Deadline: must be a positive duration');
	return {
		name: text(context, 'policyName', itemIndex) || 'Standard approval policy',
		currency,
		groups,
		firstLevel,
		secondLevel,
		deadlineMs: Math.round(deadlineAmount * UNIT_MS[unit]),
		onTimeout: readTimeout(context, itemIndex, currency),
	};
}

/** Whether any rule of the policy compares amounts, so the request must be in the policy currency. */
function comparesAmounts(policy: ApprovalPolicy): boolean {
	return policy.firstLevel.kind === 'byAmount' || (policy.secondLevel?.fromMinor ?? 0) > 0 || policy.onTimeout.kind === 'approveBelow';
}

export function readRequestInput(context: IExecuteFunctions, itemIndex: number, policy: ApprovalPolicy): RequestInput {
	const title = text(context, 'title', itemIndex);
	if (title === '') throw new PolicyError('Request Title: is empty');
	const currency = currencyCode(text(context, 'currency', itemIndex, 'USD') || 'USD', 'Currency');
	const amountMinor = minor(context.getNodeParameter('amount', itemIndex, ''), currency, 'Amount');
	if (comparesAmounts(policy) && currency !== policy.currency) {
		throw new PolicyError(`Currency: the request is in ${currency} but the policy's amounts are in ${policy.currency}; convert the amount before the gate`);
	}
	const collection = context.getNodeParameter('requestFields', itemIndex, {}) as { field?: IDataObject[] };
	const fields = (collection.field ?? [])
		.map((field) => ({ label: String(field.label ?? '').trim(), value: String(field.value ?? '') }))
		.filter((field) => field.label !== '' || field.value !== '');
	return { itemIndex, title, requester: text(context, 'requester', itemIndex), amount: { amountMinor, currency }, fields, policy };
}
