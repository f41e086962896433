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

export { GONE_MESSAGES, NOT_FOUND_MESSAGE } from '../utils/core/gone-text';

/** Seconds a client is asked to wait when the store is away. */
export const RETRY_AFTER_SECONDS = 5;

/** The store being away, from whichever layer the error came. */
const storeOutage = (error: unknown) => (error instanceof StoreUnavailable ? error : redisOutage(error));

export function errorHandler(logger: Logger | undefined): ErrorHandler {
  return (error, c) => {
    // The client's fault: its body broke off or was not valid JSON. A 400, not an internal error.
    if (requestBroken(c)) return fail(c, 400, 'bad_request', 'The request body was cut off or its framing was invalid. Send it again.');
    if (error instanceof HTTPException && error.status < 500) {
      const message = /json/i.test(error.message)
        ? 'The request body is not valid JSON.'
        : error.message || 'The request is invalid.';
      return fail(c, 400, 'bad_request', message);
    }
    // The store is away or cannot write: an outage, reported in one line, not a bug.
    const outage = storeOutage(error);
    if (outage) {
      logger?.warn({ error: outage.cause instanceof Error ? outage.cause.message : outage.message, happened: outage.happened }, 'store unavailable');
      c.header('retry-after', String(RETRY_AFTER_SECONDS));
      return fail(c, 503, 'unavailable', outage.message);
    }
    // Never log request bodies or tokens: the message and stack of our own error only.
    const detail = error instanceof Error ? error.stack : String(error);
    if (logger) logger.error({ error: detail }, 'internal error');
    else console.error('internal error:', detail);
    return fail(c, 500, 'internal', 'The note server had an internal error. Try again in a moment.');
  };
}
