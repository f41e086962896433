// The Hono application: security headers, CORS for the API, routes, one error handler.
import path from 'node:path';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { Config } from './config';
import { fail } from './errors';
import { healthRoutes } from './routes/health';
import { notesRoutes } from './routes/notes';
import { pageRoutes } from './routes/pages';
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
}

export function createApp({ store, config, now = Date.now, webRoot = DEFAULT_WEB_ROOT }: AppDeps) {
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', CSP);
    c.header('referrer-policy', 'no-referrer');
    c.header('x-content-type-options', 'nosniff');
    c.header('x-frame-options', 'DENY');
    c.header('cross-origin-opener-policy', 'same-origin');
    c.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  });

  // Extension pages and recipient pages of any origin may call the API; no cookies are involved.
  app.use('/api/*', cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['content-type', 'authorization'],
    maxAge: 86_400,
  }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  app.route('/api/health', healthRoutes({ store, config }));
  app.route('/api/notes', notesRoutes({ store, config, now }));
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
    console.error('internal error:', error instanceof Error ? error.stack : String(error));
    return fail(c, 500, 'internal', 'The note server had an internal error. Try again in a moment.');
  });

  return app;
}
