// Error responses: one body shape (ErrorBody of the protocol) and plain sentences for people.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../utils/core/protocol';

export function fail(c: Context, status: ContentfulStatusCode, error: ErrorCode, message: string, extra: Partial<ErrorBody> = {}) {
  return c.json({ error, message, ...extra } satisfies ErrorBody, status);
}

export { GONE_MESSAGES, NOT_FOUND_MESSAGE } from '../utils/core/gone-text';
