// Which web pages may call the API from a browser (CORS). Reading stays open to every origin: a
// recipient page or an extension on any origin opens, answers and manages notes, and each of
// those needs a token from the link or the sender. Creating notes and requests is limited to this
// server's own pages, browser extensions and the origins the operator lists (CREATE_ORIGINS), so
// that other sites cannot use the server as free storage through their visitors' browsers.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { Config } from './config';
import { failure, reply, type Answer } from './errors';

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:', 'safari-web-extension:'];

/** Says whether a page of `origin` may create, for a request that reached this server as `host`. */
export function createOriginCheck({ publicUrl, createOrigins }: Pick<Config, 'publicUrl' | 'createOrigins'>) {
  const own = new URL(publicUrl).origin;
  const listed = new Set(createOrigins === '*' ? [] : createOrigins);
  return (origin: string, host: string | undefined): boolean => {
    if (createOrigins === '*' || origin === own || listed.has(origin)) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    if (EXTENSION_SCHEMES.includes(parsed.protocol)) return true;
    // A page this server served under whatever name it was reached by (a browser never lets a
    // page of another origin claim this host in its Origin header).
    return host !== undefined && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host === host.toLowerCase();
  };
}

const ALLOW_HEADERS = ['content-type', 'authorization'];

const FOREIGN_CREATE = failure(403, 'forbidden',
  'This note server takes new notes only from its own pages and the Burnlink extension. Use the extension, or ask the people who run it to add this site to CREATE_ORIGINS.');

/**
 * The check of a create request itself. A browser sends Origin with every cross-origin request,
 * including the "simple" ones it sends without a preflight (a form post, `mode: 'no-cors'`): a
 * page of another origin is refused, before anything is read or stored, and gets no
 * allow-origin. Requests without Origin (command-line clients, other servers) are not a
 * browser's and pass with the API's usual headers.
 */
export function createOriginGuard(config: Pick<Config, 'publicUrl' | 'createOrigins'>) {
  const allowed = createOriginCheck(config);
  return (origin: string | undefined, host: string | undefined): { headers: Record<string, string>; refused?: Answer } => {
    if (origin === undefined) return { headers: {} };
    if (!allowed(origin, host)) return { headers: { vary: 'Origin' }, refused: FOREIGN_CREATE };
    return { headers: { vary: 'Origin', 'access-control-allow-origin': origin } };
  };
}

/** The CORS answers for the whole API: open preflights, and the create routes' own. */
function apiCors(config: Pick<Config, 'publicUrl' | 'createOrigins'>) {
  const allowed = createOriginCheck(config);
  const allowedOrigin = (origin: string, c: Context) => (allowed(origin, c.req.header('host')) ? origin : null);

  /** Preflight of POST /api/notes and /api/requests: only allowed origins get an allow-origin. */
  const createPreflight = cors({ origin: allowedOrigin, allowMethods: ['POST', 'OPTIONS'], allowHeaders: ALLOW_HEADERS, maxAge: 86_400 });
  /** Preflight of every other API route: any origin. */
  const openPreflight = cors({ origin: '*', allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'], allowHeaders: ALLOW_HEADERS, maxAge: 86_400 });

  const guard = createOriginGuard(config);
  /** The create request itself (see createOriginGuard). */
  const guardCreate: MiddlewareHandler = async (c, next) => {
    const verdict = guard(c.req.header('origin'), c.req.header('host'));
    for (const [name, value] of Object.entries(verdict.headers)) c.header(name, value);
    if (verdict.refused) {
      c.header('access-control-allow-origin', undefined);
      return reply(c, verdict.refused);
    }
    return next();
  };

  return { createPreflight, openPreflight, guardCreate };
}

// Paths are listed one by one: an alternation in a Hono path pattern (`:kind{notes|requests}`) is
// not grouped, so it would also match other paths.
const CREATE_PATHS = ['/api/notes', '/api/requests'];

/** CORS for the API: create preflights and requests checked, everything else open. */
export function applyCors(app: Hono, config: Pick<Config, 'publicUrl' | 'createOrigins'>): void {
  const { createPreflight, openPreflight, guardCreate } = apiCors(config);
  for (const path of CREATE_PATHS) app.options(path, createPreflight);
  app.options('/api/*', openPreflight);
  app.use('/api/*', async (c, next) => {
    c.header('access-control-allow-origin', '*');
    c.header('cache-control', 'no-store');
    await next();
  });
  for (const path of CREATE_PATHS) app.post(path, guardCreate);
}
