// Error responses: one body shape (ErrorBody of the protocol) and plain sentences for people.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../utils/protocol';

export function fail(c: Context, status: ContentfulStatusCode, error: ErrorCode, message: string, extra: Partial<ErrorBody> = {}) {
  return c.json({ error, message, ...extra } satisfies ErrorBody, status);
}

export const NOT_FOUND_MESSAGE =
  'There is no note at this link. It may have been read, expired or revoked, or the link is incomplete.';

export const GONE_MESSAGES = {
  read: 'This note was already read. It could be read only once: ask the sender for a new link.',
  expired: 'This note expired before anyone read it. Ask the sender for a new link.',
  revoked: 'The sender revoked this link. Ask them for a new one.',
  destroyed: 'This note was destroyed after too many wrong passphrases. Ask the sender for a new link.',
} as const;
