import { z } from 'zod';
import { Line, Money, RemoteId } from '../../../shared/canonical';

/** One rate of the Rate Card parameter: what it applies to (any of project, by id or code, task, person, role) and the hourly rate. */
export const RateCardRate = z.object({
	projectId: RemoteId.optional(),
	projectCode: Line.optional(),
	taskId: RemoteId.optional(),
	resourceId: RemoteId.optional(),
	role: Line.optional(),
	hourlyRate: Money,
});
