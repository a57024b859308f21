import type { z } from 'zod';

export interface FieldIssue {
	/** Dotted path of the field, e.g. `amount.currency` or `lines.2.quantity`. */
	path: string;
	/** Machine-readable rule: zod's issue code or a business rule's name. */
	rule: string;
	/** What a person reads: names the field and what is wrong with it. */
	message: string;
}

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export function formatPath(path: Array<string | number>): string {
	return path.length === 0 ? '(record)' : path.join('.');
}

/** Validates a record against a canonical schema; every failure names its field. */
export function validateRecord<T>(schema: z.ZodType<T>, data: unknown): ValidationOutcome<T> {
	const result = schema.safeParse(data);
	if (result.success) return { ok: true, value: result.data };
	return {
		ok: false,
		issues: result.error.issues.map((issue) => {
			const path = formatPath(issue.path);
			const message =
				issue.code === 'invalid_type' && issue.received === 'undefined'
					? `${path} is required`
					: `${path} ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
			return { path, rule: issue.code, message };
		}),
	};
}

/** One line that names the record and every failed field, for error messages. */
export function describeIssues(recordLabel: string, issues: FieldIssue[]): string {
	return `${recordLabel}: ${issues.map((issue) => issue.message).join('; ')}`;
}
