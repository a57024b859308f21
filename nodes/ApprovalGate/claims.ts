/**
 * Which revision of a waiting gate's checkpoint has already been used to resume its execution,
 * per n8n process.
 *
 * n8n (2.40.7, measured) loads the waiting execution, calls the gate's `webhook()`, and then
 * stores what the gate returned with `UPDATE ... WHERE status = 'waiting'`. Two submits that
 * loaded the same waiting execution cannot both store it while it runs (the loser gets n8n's
 * "already being resumed" error), but a submit that loaded it before another decision resumed it
 * and stores it after the gate is waiting again would overwrite that decision with its stale
 * copy. The gate numbers its checkpoint (`revision`) and lets each revision resume at most once
 * per process: a submit holding an already used revision is refused with a page that asks to
 * send it again, and the retry loads the current checkpoint.
 */
export class ResumeClaims {
	private readonly used = new Map<string, { revision: number; bySubmit: boolean }>();

	constructor(private readonly capacity = 10_000) {}

	/** True when nothing in this process resumed `executionId` from `revision` (or later) yet; claims it. */
	claim(executionId: string, revision: number): boolean {
		const last = this.used.get(executionId);
		if (last !== undefined && revision <= last.revision) return false;
		this.remember(executionId, revision, true);
		return true;
	}

	/** Marks a revision used by the gate itself (it ran from it: after a decision, or at a deadline). */
	markUsed(executionId: string, revision: number): void {
		const last = this.used.get(executionId);
		if (last === undefined || revision > last.revision || (revision === last.revision && last.bySubmit)) this.remember(executionId, revision, false);
	}

	/** A submit's claimed resume did not happen (n8n refused to store it): its revision is current again. */
	release(executionId: string, revision: number): void {
		const last = this.used.get(executionId);
		if (last?.bySubmit === true && last.revision === revision) this.used.delete(executionId);
	}

	private remember(executionId: string, revision: number, bySubmit: boolean): void {
		this.used.delete(executionId);
		this.used.set(executionId, { revision, bySubmit });
		// Oldest first: a Map iterates in insertion order.
		while (this.used.size > this.capacity) this.used.delete(this.used.keys().next().value as string);
	}
}
