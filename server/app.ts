// The Hono application: security headers, CORS for the API, routes, one error handler.
import path from 'node:path';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Config } from './config';
import { fail } from './errors';
import { createLimiter, rateLimit, type RateCounters } from './limits';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { observeRequests } from './observe';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { notesRoutes } from './routes/notes';
import { pageRoutes } from './routes/pages';
import { requestsRoutes } from './routes/requests';
import type { NoteStore } from './store/store';

export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../.output/web');

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface AppDeps {
  store: NoteStore;
  config: Config;
  /** Milliseconds since the epoch; injected so tests can move time. */
  now?: () => number;
  webRoot?: string;
  /** Request and error logs; none when absent. */
  logger?: Logger;
  /** Prometheus metrics; by default the app's own, without Node's process figures. */
  metrics?: Metrics;
  /** Where rate limit windows are counted: Redis with several instances; memory by default. */
  rateCounters?: RateCounters;
}

export function createApp({
  store, config, now = Date.now, webRoot = DEFAULT_WEB_ROOT, logger, metrics = new Metrics({ store }), rateCounters = { kind: 'memory' },
}: AppDeps) {
  const app = new Hono();

  app.use('*', observeRequests({ logger, metrics }));

  // Headers are set before the handler runs: setting them on a finished response would make Hono
  // copy that response, which costs more than the rest of a small request.
  app.use('*', async (c, next) => {
    c.header('content-security-policy', CSP);
    c.header('referrer-policy', 'no-referrer');
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    c.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    await next();
  });

  // Extension pages and recipient pages of any origin may call the API; no cookies are involved.
  app.options('/api/*', cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'authorization'],
    maxAge: 86_400,
  }));
  app.use('/api/*', async (c, next) => {
    c.header('access-control-allow-origin', '*');
    c.header('cache-control', 'no-store');
    await next();
  });

  // Limits come before any body is read; the create limit also slows guessing of the create token.
  // Requests for a secret count against the same windows as notes: making one is a create;
  // opening, answering and fetching are reads; their status and revoke are manage requests.
  const { rateLimitCreate, rateLimitConsume, rateLimitManage, trustProxy: trustedProxies } = config;
  if (rateLimitCreate) {
    const limiter = createLimiter('create', rateLimitCreate, rateCounters);
    const limit = { limiter, limit: rateLimitCreate, trustedProxies };
    app.post('/api/notes', rateLimit({ ...limit, what: 'Too many notes created' }));
    app.post('/api/requests', rateLimit({ ...limit, what: 'Too many requests made' }));
  }
  if (rateLimitConsume) {
    const limiter = createLimiter('consume', rateLimitConsume, rateCounters);
    const limit = { limiter, limit: rateLimitConsume, trustedProxies };
    app.post('/api/notes/:id/:action{consume|peek}', rateLimit({ ...limit, what: 'Too many attempts to open notes' }));
    app.post('/api/requests/:id/:action{peek|answer|fetch}', rateLimit({ ...limit, what: 'Too many attempts to open or answer requests' }));
  }
  if (rateLimitManage) {
    const limiter = createLimiter('manage', rateLimitManage, rateCounters);
    const limit = rateLimit({ limiter, limit: rateLimitManage, trustedProxies, what: 'Too many status or revoke requests' });
    app.post('/api/:kind{notes|requests}/status', limit);
    app.on(['GET', 'DELETE'], '/api/:kind{notes|requests}/:id', limit);
  }

  app.route('/api/health', healthRoutes({ store, config }));
  app.route('/metrics', metricsRoutes({ metrics, config }));
  app.route('/api/notes', notesRoutes({ store, config, now }));
  app.route('/api/requests', requestsRoutes({ requests: store.requests, config, now }));
  app.route('/', pageRoutes({ webRoot }));

  app.notFound((c) => fail(c, 404, 'not_found', 'There is nothing at this address.'));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      const message = /json/i.test(error.message)
        ? 'The request body is not valid JSON.'
        : error.message || 'The request is invalid.';
      return fail(c, 400, 'bad_request', message);
    }
    // Never log request bodies or tokens: the message and stack of our own error only.
    const detail = error instanceof Error ? error.stack : String(error);
    if (logger) logger.error({ error: detail }, 'internal error');
    else console.error('internal error:', detail);
    return fail(c, 500, 'internal', 'The note server had an internal error. Try again in a moment.');
  });

  return app;
}
