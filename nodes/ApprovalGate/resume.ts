import type { IExecuteData, IExecuteFunctions, INodeExecutionData, IRunExecutionData, IWebhookFunctions } from 'n8n-workflow';
import type { GateCheckpoint } from './state';

/**
 * Where the gate keeps its state between decisions: inside n8n's own waiting execution.
 *
 * n8n resumes a waiting node in two ways, measured on n8n 2.40.7: a call to its resume URL
 * (the node's `webhook()` runs, and the `workflowData` it returns becomes the node's output) or
 * the `waitTill` date passing (n8n's wait tracker). Both mark the waiting stack entry disabled,
 * so it only forwards data and `execute()` does not run again.
 *
 * The gate therefore queues one more entry of itself right behind the waiting one, carrying
 * the checkpoint (all requests, decisions, links, deadlines) in the entry's metadata. n8n
 * stores the whole execution stack with the execution (database, not memory), so:
 * - a decision: `webhook()` (in whichever main process receives it) verifies the link, writes
 *   the decision into that queued entry's checkpoint and resumes; n8n saves the execution
 *   (only while it is still `waiting`, atomically, so of two concurrent submits one wins) and
 *   runs it, in queue mode on a worker. The waiting entry forwards nothing; the queued entry
 *   runs `execute()` with the checkpoint, which closes requests or waits again.
 * - a deadline: the wait tracker resumes the execution; the same queued entry runs `execute()`,
 *   which escalates, auto-approves or times out.
 * Item metadata cannot forge a checkpoint: only stack-entry metadata is read, never item data.
 */

const CHECKPOINT_KEY = 'p2cApprovalGate';

type GateStackEntry = IExecuteData & { metadata?: IExecuteData['metadata'] & { [CHECKPOINT_KEY]?: GateCheckpoint } };

export class EngineContractError extends Error {
	constructor() {
		super(
			'the Approval Gate cannot reach the waiting execution of this n8n version (it needs n8n 2.x, where an execution keeps its node stack)',
		);
	}
}

function executionStack(context: IExecuteFunctions | IWebhookFunctions): GateStackEntry[] {
	// The node execution contexts of n8n-core hold the execution they belong to; no public accessor exposes its stack.
	const runExecutionData = (context as unknown as { runExecutionData?: IRunExecutionData | null }).runExecutionData;
	const stack = runExecutionData?.executionData?.nodeExecutionStack;
	if (!Array.isArray(stack)) throw new EngineContractError();
	return stack as GateStackEntry[];
}

/** The checkpoint this run of the gate resumes from; undefined on the gate's first run. */
export function checkpointOfThisRun(context: IExecuteFunctions): GateCheckpoint | undefined {
	return (context.getExecuteData() as GateStackEntry).metadata?.[CHECKPOINT_KEY];
}

/**
 * Call right before `putExecutionToWait`: the entry n8n will resume forwards nothing, and a
 * re-entry of this node with the same input items and the checkpoint is queued behind it.
 */
export function queueReentry(context: IExecuteFunctions, items: INodeExecutionData[], checkpoint: GateCheckpoint): void {
	const entry = context.getExecuteData() as GateStackEntry;
	const stack = executionStack(context);
	if (entry.metadata) delete entry.metadata[CHECKPOINT_KEY];
	entry.data = { main: [[]] };
	const reentry: GateStackEntry = {
		node: { ...entry.node, disabled: false },
		data: { main: [items] },
		source: entry.source,
		metadata: { [CHECKPOINT_KEY]: checkpoint },
	};
	stack.unshift(reentry);
}

export function checkpointRevision(checkpoint: GateCheckpoint): number {
	return Number.isInteger(checkpoint.revision) && checkpoint.revision! >= 0 ? checkpoint.revision! : 0;
}

export interface WaitingGate {
	checkpoint: GateCheckpoint;
	/** Writes the changed checkpoint back into the queued entry, to be saved when the execution resumes. */
	save(checkpoint: GateCheckpoint): void;
}

/** From `webhook()`: the checkpoint of the gate `nodeName` waiting in this execution, if it waits. */
export function waitingGate(context: IWebhookFunctions, nodeName: string): WaitingGate | undefined {
	const entry = executionStack(context).find(
		(candidate) => candidate.node?.name === nodeName && candidate.node.disabled !== true && candidate.metadata?.[CHECKPOINT_KEY] !== undefined,
	);
	const checkpoint = entry?.metadata?.[CHECKPOINT_KEY];
	if (!entry || !checkpoint) return undefined;
	return {
		checkpoint,
		save(next: GateCheckpoint) {
			entry.metadata = { ...entry.metadata, [CHECKPOINT_KEY]: next };
		},
	};
}
