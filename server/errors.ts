// Error responses: one body shape (ErrorBody of the protocol) and plain sentences for people, and
// the one error handler that sorts what went wrong: the client's fault (400), the store being
// away (503), or a bug (500, the only kind logged as an error).
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorCode } from '../utils/core/protocol';
import { requestBroken } from './client-errors';
import type { Logger } from './logger';
import { redisOutage } from './store/redis/connection';
import { StoreUnavailable } from './store/store';

export function fail(c: Context, status: ContentfulStatusCode, error: ErrorCode, message: string, extra: Partial<ErrorBody> = {}) {
  return c.json({ error, message, ...extra } satisfies ErrorBody, status);
}

/** An answer apart from any framework: status, JSON text and extra headers (hot-path.ts writes these). */
export interface Answer {
  status: number;
  json: string;
  headers?: Record<string, string>;
}

/** An error answer, with the protocol's body. */
export function failure(status: number, error: ErrorCode, message: string, extra: Partial<ErrorBody> = {}): Answer {
  return { status, json: JSON.stringify({ error, message, ...extra } satisfies ErrorBody) };
}

/** Sends an Answer through Hono. */
export function reply(c: Context, answer: Answer): Response {
  for (const [name, value] of Object.entries(answer.headers ?? {})) c.header(name, value);
  c.header('content-type', 'application/json');
  // Every status the answers use carries a body; the cast only tells Hono so.
  return c.body(answer.json, answer.status as ContentfulStatusCode);
}

export { GONE_MESSAGES, NOT_FOUND_MESSAGE } from '../utils/core/gone-text';

/** Seconds a client is asked to wait when the store is away. */
export const RETRY_AFTER_SECONDS = 5;

/** The store being away, from whichever layer the error came. */
const storeOutage = (error: unknown) => (error instanceof StoreUnavailable ? error : redisOutage(error));

export const BROKEN_BODY = failure(400, 'bad_request', 'The request body was cut off or its framing was invalid. Send it again.');
export const INVALID_JSON = failure(400, 'bad_request', 'The request body is not valid JSON.');

/** The answer to an error thrown while answering: the store away (503), or a bug (500, logged). */
export function errorAnswer(error: unknown, logger: Logger | undefined): Answer {
  // The store is away or cannot write: an outage, reported in one line, not a bug.
  const outage = storeOutage(error);
  if (outage) {
    logger?.warn({ error: outage.cause instanceof Error ? outage.cause.message : outage.message, happened: outage.happened }, 'store unavailable');
    return { ...failure(503, 'unavailable', outage.message), headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };
  }
  // Never log request bodies or tokens: the message and stack of our own error only.
  const detail = error instanceof Error ? error.stack : String(error);
  if (logger) logger.error({ error: detail }, 'internal error');
  else console.error('internal error:', detail);
  return failure(500, 'internal', 'The note server had an internal error. Try again in a moment.');
}

export function errorHandler(logger: Logger | undefined): ErrorHandler {
  return (error, c) => {
    // The client's fault: its body broke off or was not valid JSON. A 400, not an internal error.
    if (requestBroken(c)) return reply(c, BROKEN_BODY);
    if (error instanceof HTTPException && error.status < 500) {
      return /json/i.test(error.message) ? reply(c, INVALID_JSON) : fail(c, 400, 'bad_request', error.message || 'The request is invalid.');
    }
    return reply(c, errorAnswer(error, logger));
  };
}
