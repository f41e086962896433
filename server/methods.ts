// 405 Method Not Allowed, with an Allow header, for a known address asked with a method it does
// not take (a GET of a consume, a PUT of a note): the address exists, so 404 would mislead.
import type { Handler, Hono } from 'hono';
import { fail } from './errors';

/** Every address the server answers, and the methods it takes (HEAD comes with GET). */
const ROUTES: Array<[path: string, methods: string[]]> = [
  ['/api/health', ['GET']],
  ['/api/notes', ['POST']],
  ['/api/notes/status', ['POST']],
  ['/api/notes/:id/peek', ['POST']],
  ['/api/notes/:id/consume', ['POST']],
  ['/api/notes/:id', ['GET', 'DELETE']],
  ['/api/requests', ['POST']],
  ['/api/requests/status', ['POST']],
  ['/api/requests/:id/peek', ['POST']],
  ['/api/requests/:id/answer', ['POST']],
  ['/api/requests/:id/fetch', ['POST']],
  ['/api/requests/:id', ['GET', 'DELETE']],
  ['/metrics', ['GET']],
  ['/', ['GET']],
  ['/n/:id', ['GET']],
  ['/n/:id/', ['GET']],
  ['/r/:id', ['GET']],
  ['/r/:id/', ['GET']],
];

function refusal(path: string, methods: string[]): Handler {
  const allowed = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), ...(path.startsWith('/api/') ? ['OPTIONS'] : [])];
  const list = methods.join(' or ');
  return (c) => {
    c.header('allow', allowed.join(', '));
    return fail(c, 405, 'method_not_allowed', `This address does not take ${c.req.method} requests: use ${list}.`);
  };
}

/**
 * Answers 405 on every known address for the methods it does not take. `before` goes before the
 * routes: the status addresses, whose GET and DELETE a `/:id` route would otherwise take (and
 * call "status" a malformed id); `after` goes after them and catches what no route took.
 */
export const refuseOtherMethods = {
  before(app: Hono): void {
    for (const path of ['/api/notes/status', '/api/requests/status']) app.on(['GET', 'HEAD', 'DELETE'], path, refusal(path, ['POST']));
  },
  after(app: Hono): void {
    for (const [path, methods] of ROUTES) app.all(path, refusal(path, methods));
  },
};
