import type { Task } from '../../../shared/canonical';

export interface PlannedTask {
	name: string;
	taskId?: string;
	billable: boolean;
	/** add: to be put on the project; onProject: there already; unknownTask: no task of that name in the PSA. */
	status: 'add' | 'onProject' | 'unknownTask';
	reason: string;
}

export interface TaskAssignmentPlan {
	kind: 'allocation';
	projectId: string;
	taskId: string;
	billable: boolean;
}

/** "Discovery, Design" -> ["Discovery", "Design"]. */
export function nameList(text: string): string[] {
	return text.split(',').map((name) => name.trim()).filter(Boolean);
}

/**
 * The contract's standard tasks for a project, by the PSA's task ids (matched by name, any case);
 * tasks the project already has (a PSA may add defaults to every new project) are not added again.
 */
export function planStandardTasks(projectId: string, standardTasks: string[], nonBillableTasks: string[], psaTasks: Array<Pick<Task, 'id' | 'name'>>, onProject: Set<string>): { tasks: PlannedTask[]; assignments: TaskAssignmentPlan[] } {
	const byName = new Map<string, Pick<Task, 'id' | 'name'>>();
	for (const task of psaTasks) if (task.id && !byName.has(task.name.toLowerCase())) byName.set(task.name.toLowerCase(), task);
	const nonBillable = new Set(nonBillableTasks.map((name) => name.toLowerCase()));
	const seen = new Set<string>();
	const tasks: PlannedTask[] = [];
	for (const name of standardTasks) {
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		const billable = !nonBillable.has(name.toLowerCase());
		const task = byName.get(name.toLowerCase());
		if (!task?.id) tasks.push({ name, billable, status: 'unknownTask', reason: `the PSA has no task named "${name}"` });
		else if (onProject.has(`${projectId}|${task.id}`)) tasks.push({ name, taskId: task.id, billable, status: 'onProject', reason: `task "${name}" is already on the project` });
		else tasks.push({ name, taskId: task.id, billable, status: 'add', reason: `standard task, ${billable ? 'billable' : 'not billable'}` });
	}
	const assignments = tasks.filter((task) => task.status === 'add').map((task) => ({ kind: 'allocation' as const, projectId, taskId: task.taskId as string, billable: task.billable }));
	return { tasks, assignments };
}
