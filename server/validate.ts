// zod validation for routes, answering 400 with a sentence that names the first problem.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { failure, reply, type Answer } from './errors';

/** The 400 for a value that failed its schema: the first problem, named. */
export function invalid(error: Pick<z.ZodError, 'issues'>): Answer {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return failure(400, 'bad_request', `The request is invalid: ${where}${issue?.message ?? 'unexpected value'}.`);
}

export function validate<T extends keyof ValidationTargets, S extends z.core.$ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) return reply(c, invalid(result.error));
  });
}
