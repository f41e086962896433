// Every answered request is logged and counted: method, route pattern, status and duration.
// Nothing else: no body, no header, no token, not even the raw path (it holds the note id).
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

/** Catch-all middleware patterns: a request that ended on one of these matched no route. */
const CATCH_ALL = new Set(['*', '/*', '/api/*']);

export function observeRequests({ logger, metrics }: { logger?: Logger; metrics?: Metrics }): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const seconds = (performance.now() - start) / 1000;
    const pattern = routePath(c, -1);
    const route = CATCH_ALL.has(pattern) ? 'unmatched' : pattern;
    const status = c.res.status;
    metrics?.observe(c.req.method, route, status, seconds);
    logger?.info({ method: c.req.method, route, status, ms: Math.round(seconds * 1e4) / 10 }, 'request');
  };
}
