// The operator's create token: when set, making a note or a request needs it
// (`Authorization: Bearer <token>`); reading and answering stay public.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Config } from './config';
import { failure, reply, type Answer } from './errors';
import { sameHash } from './store/store';

const hash = (token: string) => createHash('sha256').update(token).digest();

/** The check of an Authorization header: undefined when it passes, else the 401 to answer. */
export function createTokenCheck(config: Pick<Config, 'createToken'>, what: 'notes' | 'requests'): (authorization: string | undefined) => Answer | undefined {
  const tokenHash = config.createToken === undefined ? undefined : hash(config.createToken);
  // 401 for a missing header, another scheme (Basic) and a wrong token alike: each lacks the
  // credential this route needs; the challenge names the scheme that would work.
  const refused: Answer = {
    ...failure(401, 'unauthorized', `This server only accepts ${what} from people with its create token. Set the token in Burnlink's options.`),
    headers: { 'www-authenticate': 'Bearer realm="burnlink"' },
  };
  return (authorization) => {
    if (tokenHash === undefined) return undefined;
    const header = authorization ?? '';
    return header.startsWith('Bearer ') && sameHash(hash(header.slice('Bearer '.length)), tokenHash) ? undefined : refused;
  };
}

/** Refuses with 401 unless the request carries the create token; passes everything when none is set. */
export function requireCreateToken(config: Pick<Config, 'createToken'>, what: 'notes' | 'requests'): MiddlewareHandler {
  const check = createTokenCheck(config, what);
  return async (c, next) => {
    const refused = check(c.req.header('authorization'));
    return refused ? reply(c, refused) : next();
  };
}
