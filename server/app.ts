// The Hono application: security headers, CORS for the API, routes, one error handler.
import path from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Config } from './config';
import { applyCors } from './cors';
import { errorHandler, fail } from './errors';
import { buildLimits, limitRoutes, type Limits, type RateCounters } from './limits';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { refuseOtherMethods } from './methods';
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

const HSTS = 'max-age=31536000';

/** The headers of every answer (the hot path sets the same ones). */
export function securityHeaderList(config: Pick<Config, 'publicUrl'>): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['content-security-policy', CSP],
    ['referrer-policy', 'no-referrer'],
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['permissions-policy', 'camera=(), microphone=(), geolocation=()'],
  ];
  // Served over https (PUBLIC_URL says so, through a proxy that terminates TLS): browsers are told
  // to use nothing else for a year, so a link typed or rewritten as http:// cannot be intercepted.
  if (config.publicUrl.startsWith('https://')) headers.push(['strict-transport-security', HSTS]);
  return headers;
}

/**
 * Sets the security headers before the handler runs: setting them on a finished response would
 * make Hono copy that response, which costs more than the rest of a small request.
 */
function securityHeaders(config: Pick<Config, 'publicUrl'>): MiddlewareHandler {
  const headers = securityHeaderList(config);
  return async (c, next) => {
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}

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
  /** The limiters, when built already (the hot path shares them); else built from rateCounters. */
  limits?: Limits;
}

export function createApp({
  store, config, now = Date.now, webRoot = DEFAULT_WEB_ROOT, logger, metrics = new Metrics({ store }), rateCounters = { kind: 'memory' },
  limits = buildLimits(config, rateCounters),
}: AppDeps) {
  const app = new Hono();

  app.use('*', observeRequests({ logger, metrics }));

  app.use('*', securityHeaders(config));

  // No cookies are involved anywhere. Reading is open to pages of any origin; creating, only to
  // this server's pages, extensions and CREATE_ORIGINS.
  applyCors(app, config);

  // Limits come before any body is read; the create limit also slows guessing of the create token.
  limitRoutes(app, limits);

  refuseOtherMethods.before(app);
  app.route('/api/health', healthRoutes({ store, config }));
  app.route('/metrics', metricsRoutes({ metrics, config }));
  app.route('/api/notes', notesRoutes({ store, config, now }));
  app.route('/api/requests', requestsRoutes({ requests: store.requests, config, now }));
  app.route('/', pageRoutes({ webRoot }));
  refuseOtherMethods.after(app);

  app.notFound((c) => fail(c, 404, 'not_found', 'There is nothing at this address.'));

  app.onError(errorHandler(logger));

  return app;
}
