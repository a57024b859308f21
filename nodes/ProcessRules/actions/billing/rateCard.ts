import { z } from 'zod';
import { Line, Money, RemoteId } from '../../../shared/canonical';

/** One rate of the Rate Card parameter: what it applies to (any of project, task, person, role) and the hourly rate. */
export const RateCardRate = z.object({
	projectId: RemoteId.optional(),
	taskId: RemoteId.optional(),
	resourceId: RemoteId.optional(),
	role: Line.optional(),
	hourlyRate: Money,
});
