import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Task } from '../../../shared/canonical';
import { derived, listProperty, recordList, rowList, textParameter } from '../../parameters';
import { nameList, planStandardTasks } from '../../rules/planning/tasks';
import { itemOperation } from '../../types';

const description: INodeProperties[] = [
	{ displayName: 'Project ID', name: 'projectId', type: 'string', default: '={{ $json.projectId }}', required: true },
	{ displayName: 'Standard Tasks', name: 'standardTasks', type: 'string', default: 'Discovery, Design, Build, Testing, Project Management', description: 'Tasks every project gets, comma-separated, by their names in the PSA' },
	{ displayName: 'Non-Billable Tasks', name: 'nonBillableTasks', type: 'string', default: 'Project Management', description: 'Which of them are not billable' },
	{ ...listProperty('PSA Tasks', 'psaTasks', 'Canonical tasks of the PSA: names to task IDs'), placeholder: "e.g. {{ $('PSA Tasks').all() }}" },
	{ ...listProperty('Tasks Already on Projects', 'tasksOnProjects', 'Task assignments the projects have ({ projectId, taskId }): not added again'), placeholder: "e.g. {{ $('Tasks Already on Project').all() }}" },
];

/**
 * The standard task list of each project (input item): each task by its PSA id, billable or not,
 * and the task assignments to create (in `taskAssignments`; tasks already on the project and names
 * the PSA does not know are listed with the reason).
 */
export const planStandardTasksOperation = itemOperation(description, (run, itemIndex) => {
	const projectId = textParameter(run, 'projectId', itemIndex).trim();
	if (!projectId) throw new NodeOperationError(run.ctx.getNode(), `Item ${itemIndex}: Project ID is empty`, { itemIndex });
	const psaTasks = recordList(run, 'psaTasks', 'PSA Tasks', itemIndex, Task, 'task');
	const rows = rowList(run, 'tasksOnProjects', 'Tasks Already on Projects', itemIndex);
	const onProjects = derived(run, 'tasksOnProjects', [rows], () => new Set(rows.filter((row) => row.projectId !== undefined && row.taskId !== undefined).map((row) => `${String(row.projectId)}|${String(row.taskId)}`)));
	const plan = planStandardTasks(projectId, nameList(textParameter(run, 'standardTasks', itemIndex)), nameList(textParameter(run, 'nonBillableTasks', itemIndex)), psaTasks, onProjects);
	return { ...run.items[itemIndex].json, projectId, taskPlan: plan.tasks as unknown as IDataObject[], taskAssignments: plan.assignments as unknown as IDataObject[] };
});
