// Every answered request is logged and counted: method, route pattern, status and duration.
// Nothing else: no body, no header, no token, not even the raw path (it holds the note id).
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

/** Catch-all middleware patterns: a request that ended on one of these matched no route. */
const CATCH_ALL = new Set(['*', '/*', '/api/*']);

export interface Observers {
  logger?: Logger;
  metrics?: Metrics;
}

/** One answered request, logged and counted (the hot path records its requests here too). */
export function recordRequest({ logger, metrics }: Observers, method: string, route: string, status: number, seconds: number): void {
  metrics?.observe(method, route, status, seconds);
  logger?.info({ method, route, status, ms: Math.round(seconds * 1e4) / 10 }, 'request');
}

export function observeRequests(observers: Observers): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const pattern = routePath(c, -1);
    recordRequest(observers, c.req.method, CATCH_ALL.has(pattern) ? 'unmatched' : pattern, c.res.status, (performance.now() - start) / 1000);
  };
}
