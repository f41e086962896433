// Refuses oversized request bodies before they are read. A declared Content-Length is checked
// from the header alone (Node's parser never reads past it), which keeps @hono/node-server on its
// fast path; only bodies without one (chunked) are counted as they stream in.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export function limitBody(maxSize: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined) return streamed(c, next);
    if (!/^\d+$/.test(declared) || Number(declared) > maxSize) return onError(c);
    await next();
  };
}
