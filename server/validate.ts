// zod validation for routes, answering 400 with a sentence that names the first problem.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { fail } from './errors';

export function validate<T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return fail(c, 400, 'bad_request', `The request is invalid: ${where}${issue?.message ?? 'unexpected value'}.`);
    }
  });
}
