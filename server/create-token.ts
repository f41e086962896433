// The operator's create token: when set, making a note or a request needs it
// (`Authorization: Bearer <token>`); reading and answering stay public.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Config } from './config';
import { fail } from './errors';
import { sameHash } from './store/store';

const hash = (token: string) => createHash('sha256').update(token).digest();

/** Refuses with 401 unless the request carries the create token; passes everything when none is set. */
export function requireCreateToken(config: Pick<Config, 'createToken'>, what: 'notes' | 'requests'): MiddlewareHandler {
  const tokenHash = config.createToken === undefined ? undefined : hash(config.createToken);
  return async (c, next) => {
    if (tokenHash === undefined) return next();
    const header = c.req.header('authorization') ?? '';
    if (!header.startsWith('Bearer ') || !sameHash(hash(header.slice('Bearer '.length)), tokenHash)) {
      // 401 for a missing header, another scheme (Basic) and a wrong token alike: each lacks the
      // credential this route needs; the challenge names the scheme that would work.
      c.header('www-authenticate', 'Bearer realm="burnlink"');
      return fail(c, 401, 'unauthorized', `This server only accepts ${what} from people with its create token. Set the token in Burnlink's options.`);
    }
    return next();
  };
}
